package search

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestCollectorEqualsBuild: entries handed to a Collector one at a time, in
// any order and from several goroutines, make the index Build makes of
// them, filter sets and fragments included.
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

// TestPackedPostings: postings packed in any of their three forms come
// back as they went in, and their gaps' size is what a chunk gives them.
func TestPackedPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for range 200 {
		var p packed
		var ids []uint32
		var scores []uint8
		id := uint32(r.IntN(3)) // 0 too: a first gap of 0
		for range 1 + r.IntN(300) {
			score := uint8(4 * (1 + r.IntN(16))) // the short form's, mostly
			switch r.IntN(4) {
			case 0:
				score = uint8(4 * r.IntN(64)) // any multiple of four
			case 1:
				score = uint8(r.IntN(256)) // anything
			}
			ids, scores = append(ids, id), append(scores, score)
			p.add(id, score)
			id += 1 + uint32(r.IntN(8))
			if r.IntN(10) == 0 {
				id += uint32(r.IntN(100000))
			}
		}
		var gotIDs []uint32
		var gotScores []uint8
		last := uint32(0)
		p.each(func(gap uint32, score uint8) {
			last += gap
			gotIDs, gotScores = append(gotIDs, last), append(gotScores, score)
		})
		if !slices.Equal(gotIDs, ids) || !slices.Equal(gotScores, scores) || p.n != len(ids) {
			t.Fatalf("packed %v %v, got back %v %v", ids, scores, gotIDs, gotScores)
		}
		want := (&postings{ids: ids, scores: scores}).appendTo(nil)
		if got := (&postings{packed: &p}).appendTo(nil); !slices.Equal(got, want) {
			t.Fatalf("packed postings encode as %v, want %v", got, want)
		}
		if got, want := (&postings{packed: &p}).gapBytes(), (&postings{ids: ids}).gapBytes(); got != want {
			t.Fatalf("gaps take %d bytes, want %d", got, want)
		}
	}
}

// each calls fn with each posting's gap and score, in order: the
// postings read back the plain way.
func (p *packed) each(fn func(gap uint32, score uint8)) {
	data := p.data
	for len(data) > 0 {
		b := data[0]
		switch {
		case b < 0x80:
			fn(uint32(b>>4)+1, (b&15+1)*4)
			data = data[1:]
			continue
		case b < 0xC0:
			data = data[1:]
			b = (b & 0x3F) * 4
		default:
			b, data = data[1], data[2:]
		}
		gap, k := binary.Uvarint(data)
		fn(uint32(gap), b)
		data = data[k:]
	}
}

// TestAnalyseUnsummedEqualsAnalyse: entries made without their fragments'
// fingerprints make the index Analyse's make, byte for byte, but for the
// fragments' Sum (0), which their caller reads nowhere.
func TestAnalyseUnsummedEqualsAnalyse(t *testing.T) {
	docs := append(manyDocs(rand.New(rand.NewPCG(5, 13)), 200), corpusDocs(t, 50)...)
	want := Build(analyseAll(docs))
	c := NewCollector(len(docs))
	for id := len(docs) - 1; id >= 0; id-- {
		c.Add(id, AnalyseUnsummed(docs[id]))
	}
	checkUnsummed(t, c.Index(), want)
}

// TestCollectorNumberedTerms: entries whose terms their analysers'
// vocabularies number, made by analysers that go on analysing (and
// emptying their vocabularies every few documents, more often than a
// Collector keeps the numbers of) while a Collector waits for the entries
// before them, make the index that Build makes of the same documents. Its
// -race run checks that no analyser writes what a waiting entry reads.
func TestCollectorNumberedTerms(t *testing.T) {
	docs := append(manyDocs(rand.New(rand.NewPCG(7, 11)), 300), corpusDocs(t, 60)...)
	want := Build(analyseAll(docs))
	c := NewCollector(len(docs))
	var mu sync.Mutex
	epochs := map[uint64]bool{}
	var wg sync.WaitGroup
	for w, limit := range []int{vocabularyLimit, 40, 3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAnalyser(limit)
			for id := len(docs) - 1 - w; id >= 0; id -= 3 { // newest first: most wait
				e := a.numberedEntry(docs[id])
				if e.terms != "" || e.termText() != a.entry(docs[id]).terms {
					t.Errorf("doc %d: numbered terms %q, want %q", id, e.termText(), a.entry(docs[id]).terms)
				}
				mu.Lock()
				epochs[e.numbered.epoch] = true
				mu.Unlock()
				c.Add(id, e)
			}
		}()
	}
	wg.Wait()
	if len(epochs) <= maxEpochs || len(c.numbers) > maxEpochs {
		t.Fatalf("%d vocabularies numbered the entries, the Collector kept %d: want more than %d, and at most %[3]d kept",
			len(epochs), len(c.numbers), maxEpochs)
	}
	checkUnsummed(t, c.Index(), want)

	// The Collector took the terms of the entries it packed: their room
	// serves later entries, and reading them is a mistake that says so.
	e := AnalyseUnsummed(docs[0])
	NewCollector(1).Add(0, e)
	defer func() {
		if recover() == nil {
			t.Fatal("the terms of an entry packed were read without a panic")
		}
	}()
	e.termText()
}

// checkUnsummed checks that got, collected from entries without their
// fragments' fingerprints, is want but for those (0).
func checkUnsummed(t *testing.T, got, want *Index) {
	t.Helper()
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i, f := range got.Files {
		w := want.Files[i]
		sum := w.Sum
		if strings.HasPrefix(w.Path, "f/") {
			sum = 0
		}
		if f.Path != w.Path || !bytes.Equal(f.Data, w.Data) || f.Sum != sum {
			t.Errorf("file %d: %s (%d bytes, sum %x), want %s (%d bytes, sum %x)", i, f.Path, len(f.Data), f.Sum, w.Path, len(w.Data), sum)
		}
	}
}
