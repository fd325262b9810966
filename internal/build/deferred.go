package build

import (
	"bytes"

	"brief/internal/diag"
)

// maker returns the function that makes j's file on request, later, from
// this build's models. A deferred page's error (see state.deferred) is the
// build's kind of error, with the template's file, line and hint.
func (st *state) maker(j *job) func() ([]byte, error) {
	models, deferred := st.models, st.deferred(j)
	return func() ([]byte, error) {
		var b bytes.Buffer
		// A later build may be updating the models or their views.
		for _, m := range models {
			m.mu.RLock()
			defer m.mu.RUnlock()
		}
		if err := j.make(st, &b); err != nil {
			if deferred {
				return nil, diag.List{makeProblem(j, err)}
			}
			return nil, err
		}
		if min := st.minifier(); min != nil && !j.minified {
			return min.Into(new(bytes.Buffer), j.path, b.Bytes()), nil
		}
		return b.Bytes(), nil
	}
}
