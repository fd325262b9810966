package build_test

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"brief/internal/build"
)

// A briefing at the tag limit makes one page and one feed per tag, and
// each feed entry lists the briefing's tags once, whatever their spelling;
// one above the limit is an error, not 51 more feeds.
func TestTagLimitAndFeedCategories(t *testing.T) {
	tags := []string{"Web3", "web3", "WEB3"}
	for i := range 47 {
		tags = append(tags, fmt.Sprintf("tag%d", i))
	}
	src := "---\ntitle: Many tags\ndate: 2023-05-01\ntags: [" + strings.Join(tags, ", ") + "]\n---\nBody.\n"
	_, mem := mustBuild(t, with(fixture(), map[string]string{"content/briefings/many.md": src}), build.Options{})
	for _, p := range []string{"tags/web3/feed.xml", "tags/tag0/feed.xml", "tags/tag46/feed.xml", "feed.xml"} {
		var f atomDoc
		if err := xml.Unmarshal(mem.Files[p], &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var raw struct {
			Entries []struct {
				Title    string `xml:"title"`
				Category []struct {
					Term string `xml:"term,attr"`
				} `xml:"category"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(mem.Files[p], &raw); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range raw.Entries {
			if e.Title != "Many tags" {
				continue
			}
			found = true
			seen := map[string]bool{}
			for _, c := range e.Category {
				if seen[strings.ToLower(c.Term)] {
					t.Errorf("%s: category %q listed twice", p, c.Term)
				}
				seen[strings.ToLower(c.Term)] = true
			}
			if len(e.Category) != 48 {
				t.Errorf("%s: %d categories, want 48", p, len(e.Category))
			}
		}
		if !found {
			t.Errorf("%s has no entry for the briefing", p)
		}
	}

	over := strings.Replace(src, "tags: [", "tags: [one-more, ", 1)
	_, _, err := buildFS(t, with(fixture(), map[string]string{"content/briefings/many.md": over}), build.Options{})
	l := diagnostics(t, err)
	want := "content/briefings/many.md:4: tags: 51 tags, more than the 50 a briefing may have (keep the ones that matter: each one gets its own page and feed)"
	if len(l) != 1 || l[0].Error() != want {
		t.Errorf("got %v\nwant %s", l, want)
	}
}

// A 20 MB briefing still builds, in full, on its page and in the feed.
func TestTwentyMegabyteBriefing(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: A very long briefing\ndate: 2023-05-01\ntags: [Web3]\n---\n")
	para := strings.Repeat("The regulator licenses virtual asset platforms; 香港证监会 监管 数字资产. ", 12) + "\n\n"
	for i := 0; b.Len() < 20<<20; i++ {
		if i%40 == 0 {
			fmt.Fprintf(&b, "## Part %d\n\n", i/40)
		}
		b.WriteString(para)
	}
	b.WriteString("The last words.\n")
	res, mem := mustBuild(t, with(fixture(), map[string]string{"content/briefings/long.md": b.String()}), build.Options{})
	page := mem.Files["briefings/long/index.html"]
	if len(page) < 20<<20 || !strings.Contains(string(page), "The last words.") || !strings.Contains(string(page), `id="part-100"`) {
		t.Errorf("the page lacks the body: %d bytes", len(page))
	}
	if res.Pages["briefing"] != 4 {
		t.Errorf("briefing pages: %d", res.Pages["briefing"])
	}
}
