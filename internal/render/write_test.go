package render

import (
	"errors"
	"strings"
	"testing"

	"brief/internal/pages"
)

// A page the executor rendered is written once: the writer's error is the
// page's error, not a reason to render it again with html/template, which
// would write a second copy after what the writer took.
func TestRenderWriteErrorWritesOnce(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	p := NewViews(s).Page(pages.Briefing(s.Briefings[0]))
	var b strings.Builder
	if err := th.Render(&b, p); err != nil { // the first page of its kind folds the set
		t.Fatal(err)
	}
	w := &failingWriter{}
	if err := th.Render(w, p); err == nil {
		t.Fatal("no error from a writer that fails")
	}
	if w.writes != 1 || th.fellBack.Load() != 0 {
		t.Errorf("%d writes, %d pages given back to html/template; want 1 and 0", w.writes, th.fellBack.Load())
	}
}

// failingWriter takes half of what it is given, and fails.
type failingWriter struct{ writes int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	return len(p) / 2, errors.New("disk full")
}
