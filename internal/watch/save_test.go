package watch

import (
	"os"
	"testing"
	"time"

	"brief/internal/sources"
)

// Editors save in different ways (see PITFALLS.md); each must be reported as
// a change to content/x.md and nothing else, droppings included.
func TestSaveStyles(t *testing.T) {
	const x = "content/x.md"
	tests := []struct {
		name string
		save func(s site)
	}{
		{"in-place write", func(s site) {
			s.write(x, "edited")
		}},
		{"append to open file", func(s site) {
			f, err := os.OpenFile(s.path(x), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				s.t.Fatal(err)
			}
			_, _ = f.WriteString(" more")
			if err := f.Close(); err != nil {
				s.t.Fatal(err)
			}
		}},
		{"temp file renamed over", func(s site) {
			s.write("content/x.md.tmp", "edited")
			s.rename("content/x.md.tmp", x)
		}},
		{"jetbrains safe write", func(s site) {
			s.write("content/x.md___jb_tmp___", "edited")
			s.rename(x, "content/x.md___jb_old___")
			s.rename("content/x.md___jb_tmp___", x)
			s.remove("content/x.md___jb_old___")
		}},
		{"vim with backup", func(s site) {
			s.write("content/4913", "")
			s.remove("content/4913")
			s.rename(x, "content/x.md~")
			s.write(x, "edited")
			s.remove("content/x.md~")
		}},
		{"vim swap and emacs droppings", func(s site) {
			s.write("content/.x.md.swp", "swap")
			s.write("content/.#x.md", "lock")
			s.write("content/#x.md#", "autosave")
			s.write(x, "edited")
			s.remove("content/.x.md.swp")
			s.remove("content/#x.md#")
			s.write("content/.DS_Store", "finder")
		}},
		{"delete and recreate", func(s site) {
			s.remove(x)
			s.write(x, "again")
		}},
		{"delete only", func(s site) {
			s.remove(x)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, x, "content/other.md", "site.toml")
			r := watchSite(t, s, Options{})
			tt.save(s)
			s.write(sentinel, "done")
			r.waitFor(x, sentinel)
			r.expectOnly(x, sentinel)
			if k := r.seen[x]; k != sources.Content {
				t.Errorf("kind of %s = %v, want Content", x, k)
			}
			r.expectNoRescan()
		})
	}
}

// A batch lists each path once, sorted, however many events it had.
func TestBatchSortedAndDeduplicated(t *testing.T) {
	t.Parallel()
	s := newSite(t, "content/")
	r := watchSite(t, s, Options{Debounce: 200 * time.Millisecond}) // the writes below likely share a batch
	for range 3 {
		s.write("content/b.md", "b")
		s.write("content/a.md", "a")
	}
	r.waitFor("content/a.md", "content/b.md")
	for _, b := range r.batches {
		for i := 1; i < len(b.Changes); i++ {
			if b.Changes[i-1].Path >= b.Changes[i].Path {
				t.Errorf("batch not sorted and deduplicated: %+v", b.Changes)
			}
		}
	}
}
