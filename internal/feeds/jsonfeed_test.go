package feeds_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/feeds"
	"brief/internal/site"
)

func feedSite(t *testing.T) *site.Site {
	t.Helper()
	cfg, ds := config.Parse([]byte("title = \"Brief\"\ndescription = \"Sourced.\"\nbaseURL = \"https://x.example/\"\n[authors]\nJo = { url = \"https://x.example/jo/\" }\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	hk := time.FixedZone("HKT", 8*3600)
	s, ds := site.New(cfg, []*content.Briefing{
		{Path: "content/a.md", Title: "A </script> & <b>", Date: time.Date(2024, 3, 1, 9, 0, 0, 0, hk), Updated: time.Date(2024, 3, 2, 9, 0, 0, 0, hk), Summary: "Sum A.", Tags: []string{"Web3"}, Authors: []string{"Jo"}},
		{Path: "content/b.md", Title: "B", Date: time.Date(2024, 2, 1, 0, 0, 0, 0, hk)},
	}, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return s
}

func TestJSONFeed(t *testing.T) {
	s := feedSite(t)
	f := feeds.SiteFeed(s)
	if got := feeds.JSONURL(f); got != "/feed.json" {
		t.Errorf("JSONURL %q", got)
	}
	var buf bytes.Buffer
	if err := feeds.JSON(&buf, s.Config, f, func(b *site.Briefing) string { return "<p>" + b.Slug + "</p>" },
		func(b *site.Briefing) site.Image {
			if b.Slug == "a" {
				return site.Image{URL: "/briefings/a/cover.jpg"}
			}
			return site.Image{}
		}); err != nil {
		t.Fatal(err)
	}
	if problems := feeds.ValidateJSON(buf.Bytes()); len(problems) > 0 {
		t.Fatalf("invalid JSON Feed: %v\n%s", problems, buf.String())
	}
	var doc struct {
		Version, Title, HomePageURL, FeedURL string
		Items                                []map[string]any
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	doc.Version, doc.Title = raw["version"].(string), raw["title"].(string)
	doc.FeedURL, doc.HomePageURL = raw["feed_url"].(string), raw["home_page_url"].(string)
	for _, it := range raw["items"].([]any) {
		doc.Items = append(doc.Items, it.(map[string]any))
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.Title != "Brief" || doc.FeedURL != "https://x.example/feed.json" || doc.HomePageURL != "https://x.example/" {
		t.Errorf("feed %+v", doc)
	}
	a := doc.Items[0]
	if a["id"] != "https://x.example/briefings/a/" || a["title"] != "A </script> & <b>" || a["content_html"] != "<p>a</p>" ||
		a["image"] != "https://x.example/briefings/a/cover.jpg" || doc.Items[1]["image"] != nil || a["date_published"] != "2024-03-01T09:00:00+08:00" || a["date_modified"] != "2024-03-02T09:00:00+08:00" || a["summary"] != "Sum A." {
		t.Errorf("item %v", a)
	}
	if au := a["authors"].([]any)[0].(map[string]any); au["name"] != "Jo" || au["url"] != "https://x.example/jo/" {
		t.Errorf("authors %v", a["authors"])
	}
	// A term feed has no bodies: text content stands in.
	buf.Reset()
	if err := feeds.JSON(&buf, s.Config, feeds.TermFeed(s, s.Tags[0]), nil, nil); err != nil {
		t.Fatal(err)
	}
	if problems := feeds.ValidateJSON(buf.Bytes()); len(problems) > 0 || !strings.Contains(buf.String(), `"content_text": "Sum A."`) {
		t.Errorf("term feed: %v\n%s", problems, buf.String())
	}
}

func TestValidateJSONFinds(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"version":"https://jsonfeed.org/version/1","title":"t","items":[]}`, "version"},
		{`{"version":"https://jsonfeed.org/version/1.1","items":[]}`, "title: missing"},
		{`{"version":"https://jsonfeed.org/version/1.1","title":"t"}`, "items: missing"},
		{`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1"}]}`, "neither content_html nor content_text"},
		{`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x"},{"id":"1","content_text":"y"}]}`, "repeats"},
		{`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x","date_published":"2024-01-01"}]}`, "RFC 3339"},
		{`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x","url":"javascript:alert(1)"}]}`, "not a URL"},
		{`not json`, "not JSON"},
	} {
		if got := strings.Join(feeds.ValidateJSON([]byte(tc.doc)), "; "); !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.doc, got, tc.want)
		}
	}
}

func TestValidateAtom(t *testing.T) {
	s := feedSite(t)
	var buf bytes.Buffer
	if err := feeds.Atom(&buf, s.Config, feeds.SiteFeed(s), nil); err != nil {
		t.Fatal(err)
	}
	if problems := feeds.ValidateAtom(buf.Bytes()); len(problems) > 0 {
		t.Fatalf("the site's own feed is invalid: %v\n%s", problems, buf.String())
	}
	const head = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2024-01-01T00:00:00Z</updated><link rel="self" href="/f"/>`
	for _, tc := range []struct{ doc, want string }{
		{`<rss/>`, "not an Atom feed"},
		{`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>`, "feed id"},
		{head + `<entry><id>1</id><title>a</title><updated>2024-01-01</updated><author><name>a</name></author><link href="/a"/></entry></feed>`, "RFC 3339"},
		{head + `<entry><id>1</id><title>a</title><updated>2024-01-01T00:00:00Z</updated><link href="/a"/></entry></feed>`, "no author"},
		{head + `<entry><id>1</id><title>a</title><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author></entry></feed>`, "neither a link"},
		{head + `<entry><id>1</id><title>a</title><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author><link href="/a"/></entry><entry><id>1</id><title>b</title><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author><link href="/b"/></entry></feed>`, "repeats"},
	} {
		if got := strings.Join(feeds.ValidateAtom([]byte(tc.doc)), "; "); !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.doc, got, tc.want)
		}
	}
}
