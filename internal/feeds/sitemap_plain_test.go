package feeds

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/site"
)

// TestPlainSitemapAgrees: the sitemap of a site of one language, written
// straight from the model (writePlainSitemap), is the one made from its
// list of URLs (appendSitemap), into a buffer and in pieces into a file:
// at the root of a host and under a path, with Chinese and awkward
// names, no briefings, an update, and enough briefings for several
// pieces.
func TestPlainSitemapAgrees(t *testing.T) {
	hk := time.FixedZone("HKT", 8*3600)
	for _, tc := range []struct {
		base string
		n    int
	}{{"https://x.example/", 0}, {"https://x.example/", 3}, {"https://x.example/policy/", 40}, {"/", 5}, {"https://x.example", 1500}} {
		cfg, ds := config.Parse([]byte(fmt.Sprintf("title = \"Brief\"\nbaseURL = %q\n", tc.base)))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		var bs []*content.Briefing
		for i := range tc.n {
			b := &content.Briefing{Path: fmt.Sprintf("content/b%04d.md", i), Title: fmt.Sprintf("B %d", i),
				Date: time.Date(2024, 3, 1, 9, 0, 0, 0, hk).AddDate(0, 0, -i), Tags: []string{"Web3", "香港 & <數字>"}, Jurisdictions: []string{"Hong Kong"}}
			if i%7 == 1 {
				b.Updated = b.Date.AddDate(0, 1, 0)
				b.Slug = fmt.Sprintf("a&b-%d", i)
			}
			bs = append(bs, b)
		}
		s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		var u urlset
		for _, e := range s.Editions {
			u.URLs = editionURLs(u.URLs, e, nil)
		}
		want := appendSitemap(nil, u)
		var whole bytes.Buffer
		whole.WriteString("kept")
		if err := Sitemap(&whole, s, nil); err != nil {
			t.Fatal(err)
		}
		if got := whole.Bytes(); !bytes.Equal(got, append([]byte("kept"), want...)) {
			t.Errorf("base %s, %d briefings, into a buffer:\n%s\nwant\n%s", tc.base, tc.n, got, want)
		}
		var file bytes.Buffer
		if err := Sitemap(struct{ *bytes.Buffer }{&file}, s, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(file.Bytes(), want) {
			t.Errorf("base %s, %d briefings, in pieces:\n%s\nwant\n%s", tc.base, tc.n, file.Bytes(), want)
		}
		if tc.n > 1000 && len(want) < 2*sitemapPiece {
			t.Errorf("%d bytes: not several pieces", len(want))
		}
		if err := Sitemap(failing{}, s, nil); err == nil {
			t.Errorf("base %s: a failing writer's error is lost", tc.base)
		}
	}
}

// failing fails every write.
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }
