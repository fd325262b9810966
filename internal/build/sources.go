package build

import (
	"maps"
	"slices"
	"strings"

	"brief/internal/diag"
	"brief/internal/sources"
)

// staticFile is one file of static/, copied as is to the same path under
// the output root.
type staticFile struct {
	src  string // "static/css/x.css"
	out  string // "css/x.css"
	hash uint64
	data []byte // nil when unchanged since the last build: read on demand
}

// loadStatic lists static/ and hashes the files that changed. Files that
// cannot be read are reported and left out.
func (st *state) loadStatic(cs changeSet) []staticFile {
	bl := st.bl
	if cs.all || cs.static {
		found, err := st.walk(sources.StaticDir)
		if err != nil {
			st.diags = append(st.diags, err...)
			bl.static = map[string]uint64{}
			return nil
		}
		fresh, data, ds := st.hashFiles(found, cs, bl.static)
		out := make([]staticFile, 0, len(found))
		for _, p := range found {
			if h, ok := fresh[p]; ok {
				out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, "static/"), hash: h, data: data[p]})
			}
		}
		st.diags = append(st.diags, ds...)
		if len(ds) > 0 {
			fresh = map[string]uint64{} // read them all again next time
		}
		bl.static = fresh
		return out
	}
	out := make([]staticFile, 0, len(bl.static))
	for _, p := range slices.Sorted(maps.Keys(bl.static)) {
		out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, "static/"), hash: bl.static[p]})
	}
	return out
}

// walk lists the sources of a top folder and keeps the problems of what it
// left out for every build to report, until the next walk of that folder.
func (st *state) walk(top string) ([]string, diag.List) {
	found, probs, err := sources.Walk(st.fsys, top)
	if err != nil {
		return nil, diag.List{diag.Errorf(top, 0, "", "make the folder readable", "cannot read: %v", err)}
	}
	if len(probs) > 0 {
		st.bl.walkProblems[top] = probs
	} else {
		delete(st.bl.walkProblems, top)
	}
	return found, nil
}
