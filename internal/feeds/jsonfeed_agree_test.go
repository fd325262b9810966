package feeds

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAppendJSONFeedMatchesEncoder: the JSON Feed written by hand is what
// an encoding/json Encoder indented by two spaces wrote, byte for byte, on
// random feeds: awkward text in every string (HTML bodies among them),
// optional members empty or not, lists nil, empty or not.
func TestAppendJSONFeedMatchesEncoder(t *testing.T) {
	texts := append([]string{"<p>A &amp; B</p>\n<h2 id=\"x\">香港</h2>", "\u2028\u2029", "</script>"}, awkward...)
	r := rand.New(rand.NewPCG(5, 6))
	str := func() string { return texts[r.IntN(len(texts))] }
	authors := func() []jsonAuthor {
		if r.IntN(3) == 0 {
			return nil
		}
		as := []jsonAuthor{}
		for range r.IntN(3) {
			as = append(as, jsonAuthor{Name: str(), URL: str()})
		}
		return as
	}
	for i := range 500 {
		f := jsonFeed{Version: str(), Title: str(), HomePageURL: str(), FeedURL: str(), Description: str(), Icon: str(),
			Favicon: str(), Language: str(), Authors: authors()}
		if r.IntN(5) > 0 {
			f.Items = []jsonItem{}
			for range r.IntN(4) {
				it := jsonItem{ID: str(), URL: str(), Title: str(), ContentHTML: str(), ContentText: str(), Summary: str(),
					Image: str(), DatePublished: str(), DateModified: str(), Authors: authors()}
				if r.IntN(3) == 0 {
					it.Tags = []string{} // omitted, as nil is
				}
				for range r.IntN(3) {
					it.Tags = append(it.Tags, str())
				}
				f.Items = append(f.Items, it)
			}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFeed(nil, f); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("feed %d:\n%s\nwant\n%s", i, got, want.Bytes())
		}
	}
}
