package search

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// TestCollectorEqualsBuild: entries handed to a Collector one at a time, in
// any order and from several goroutines, make the index Build makes of
// them, and the Collector keeps no entry's terms once it is added.
func TestCollectorEqualsBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 8))
	entries := analyseAll(manyDocs(r, 300))
	want := Build(entries)

	c := NewCollector(len(entries))
	order := r.Perm(len(entries))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(order); k += 4 {
				c.Add(order[k], entries[order[k]])
			}
		}()
	}
	wg.Wait()
	for id, e := range c.entries {
		if e == nil || e.terms != "" || e.scores != nil {
			t.Fatalf("entry %d is kept whole (or not at all): %v", id, e)
		}
	}
	if len(c.pending) != 0 {
		t.Fatalf("%d entries still pending", len(c.pending))
	}
	if diff := diffIndexes(c.Index(), want); diff != "" {
		t.Fatalf("the collected index differs from Build's:\n%s", diff)
	}

	// Fragments written at once (WithoutFragment) leave their files'
	// data out and nothing else.
	c = NewCollector(len(entries))
	for id := len(entries) - 1; id >= 0; id-- {
		c.Add(id, entries[id].WithoutFragment())
	}
	got := c.Index()
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i, f := range got.Files {
		w := want.Files[i]
		if f.Path != w.Path || f.Sum != w.Sum || (f.Data == nil) != (len(f.Path) > 2 && f.Path[:2] == "f/") {
			t.Errorf("file %d: %s (%d bytes), want %s", i, f.Path, len(f.Data), w.Path)
		}
	}
}
