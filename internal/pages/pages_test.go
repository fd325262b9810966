package pages_test

import (
	"fmt"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/pages"
	"brief/internal/site"
)

// Pages are a pure function of the model: no Builder, no templates.
func TestAll(t *testing.T) {
	cfg := config.Default()
	cfg.Paginate = 5
	var bs []*content.Briefing
	for i := range 12 {
		tags := []string{"Web3"}
		if i%4 == 0 {
			tags = append(tags, "CBDC")
		}
		bs = append(bs, &content.Briefing{Path: fmt.Sprintf("content/briefings/b%02d.md", i), Title: fmt.Sprintf("B%02d", i),
			Date: time.Date(2022+i%2, 1, 1+i, 9, 0, 0, 0, time.UTC), Tags: tags, Summary: "S"})
	}
	s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	all := pages.All(s)
	byURL := map[string]pages.Page{}
	for i, p := range all {
		if i < len(s.Briefings) && (p.Kind != "briefing" || p.Briefing != s.Briefings[i]) {
			t.Fatalf("page %d is %s %s: briefings come first, in site order", i, p.Kind, p.URL)
		}
		if _, dup := byURL[p.URL]; dup {
			t.Errorf("two pages at %s", p.URL)
		}
		byURL[p.URL] = p
	}
	// 12 briefings, 5 a page: the home list has 3 pages.
	for _, tc := range []struct {
		url, kind, title string
		n, total, listed int
		prev, next       string
	}{
		{"/", "home", "", 1, 3, 5, "", "/page/2/"},
		{"/page/2/", "home", "", 2, 3, 5, "/", "/page/3/"},
		{"/page/3/", "home", "", 3, 3, 2, "/page/2/", ""},
		{"/tags/web3/", "list", "Web3", 1, 3, 5, "", "/tags/web3/page/2/"},
		{"/tags/web3/page/3/", "list", "Web3 (page 3)", 3, 3, 2, "/tags/web3/page/2/", ""},
		{"/tags/cbdc/", "list", "CBDC", 1, 1, 3, "", ""},
		{"/archive/2023/", "list", "Briefings of 2023", 1, 2, 5, "", "/archive/2023/page/2/"},
	} {
		p, ok := byURL[tc.url]
		if !ok {
			t.Errorf("no page at %s", tc.url)
			continue
		}
		if p.Kind != tc.kind || p.Title != tc.title || p.Pager.Number != tc.n || p.Pager.Total != tc.total ||
			len(p.List) != tc.listed || p.Pager.Prev != tc.prev || p.Pager.Next != tc.next {
			t.Errorf("%s: %s %q page %d of %d, %d listed, prev %q next %q; want %s %q %d of %d, %d, %q, %q", tc.url,
				p.Kind, p.Title, p.Pager.Number, p.Pager.Total, len(p.List), p.Pager.Prev, p.Pager.Next,
				tc.kind, tc.title, tc.n, tc.total, tc.listed, tc.prev, tc.next)
		}
	}
	if p := byURL["/tags/web3/"]; p.Feed != "/tags/web3/feed.xml" || p.Term == nil || p.Owner.File == "" {
		t.Errorf("a term page has its feed, its term and where the term comes from: %+v", p.Owner)
	}
	if p := byURL["/search/"]; len(p.Terms) != len(s.Tags)+len(s.Jurisdictions) || len(p.Years) != 2 {
		t.Errorf("the search page offers %d terms and %d years", len(p.Terms), len(p.Years))
	}
	for _, u := range []string{"/tags/", "/jurisdictions/", "/archive/", "/funding/", "/404.html"} {
		if _, ok := byURL[u]; !ok {
			t.Errorf("no page at %s", u)
		}
	}
}
