package feeds

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestAppendAtomMatchesEncoder: the Atom feed written by hand is what
// encoding/xml wrote (writeXML), byte for byte, on random feeds: awkward
// text in every string and attribute (HTML bodies among them), optional
// elements and attributes present or not, lists empty or not.
func TestAppendAtomMatchesEncoder(t *testing.T) {
	texts := append([]string{"<p>A &amp; B</p>\n<h2 id=\"x\">香港</h2>", "]]>"}, awkward...)
	r := rand.New(rand.NewPCG(3, 4))
	str := func() string { return texts[r.IntN(len(texts))] }
	link := func() atomLink { return atomLink{Rel: str(), Href: str()} }
	for i := range 500 {
		f := atomFeed{Title: str(), ID: str(), Updated: str()}
		for range r.IntN(3) {
			f.Links = append(f.Links, link())
		}
		for range r.IntN(4) {
			e := atomEntry{Title: str(), ID: str(), Link: link(), Published: str(), Updated: str(), Summary: str()}
			for range r.IntN(3) {
				e.Authors = append(e.Authors, atomName{str()})
			}
			if r.IntN(2) == 0 {
				e.Content = &atomText{Type: str(), Body: str()}
			}
			for range r.IntN(3) {
				e.Category = append(e.Category, atomCat{str()})
			}
			f.Entries = append(f.Entries, e)
		}
		var want bytes.Buffer
		if err := writeXML(&want, f); err != nil {
			t.Fatal(err)
		}
		if got := appendAtom(nil, f); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("feed %d:\n%s\nwant\n%s", i, got, want.Bytes())
		}
	}
}
