package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"brief/internal/binenc"
)

// TestEntryEncoding: entries read back from a build cache make the same
// index as the entries analysed, and a damaged record is an error.
func TestEntryEncoding(t *testing.T) {
	docs := manyDocs(rand.New(rand.NewPCG(7, 8)), 100)
	docs[0].Filters = []Filter{{"year", "2024"}, {"tag", "web3"}}
	entries := analyseAll(docs)
	var w binenc.Writer
	for _, e := range entries {
		e.Encode(&w)
	}
	r := binenc.NewReader(w.Buf)
	var back []*Entry
	for range entries {
		back = append(back, DecodeEntry(r))
	}
	if !r.Done() {
		t.Fatalf("decoding: %v, %d bytes left", r.Err(), len(r.Buf))
	}
	if d := diffIndexes(Build(entries), Build(back)); d != "" {
		t.Fatalf("the index of decoded entries differs:\n%s", d)
	}
	var one binenc.Writer
	entries[0].Encode(&one)
	for i := range len(one.Buf) {
		if e := DecodeEntry(binenc.NewReader(one.Buf[:i])); e != nil {
			t.Fatalf("an entry cut at byte %d of %d decoded", i, len(one.Buf))
		}
	}
	// A score dropped: terms and scores disagree.
	var bad binenc.Writer
	e := *entries[0]
	e.scores = e.scores[1:]
	e.Encode(&bad)
	if r := binenc.NewReader(bad.Buf); DecodeEntry(r) != nil || r.Err() == nil {
		t.Fatal("an entry with a score missing decoded")
	}
}

// TestTermCursor: a cursor gives back each term of a list, whatever the
// terms' lengths and bytes and where their ends fall in blocks of eight.
func TestTermCursor(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 2000 {
		var want []string
		var all strings.Builder
		for range r.IntN(12) {
			b := make([]byte, 1+r.IntN(20))
			for k := range b {
				b[k] = byte(1 + r.IntN(255))
			}
			want = append(want, string(b))
			all.Write(b)
			all.WriteByte(0)
		}
		var got []string
		c := termCursor{terms: all.String()}
		for term, ok := c.next(); ok; term, ok = c.next() {
			got = append(got, term)
			if c.i != len(got) {
				t.Fatalf("%q: term %d counted %d", all.String(), len(got), c.i)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", all.String(), got, want)
		}
	}
}
