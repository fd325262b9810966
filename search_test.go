package brief_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief"
	"brief/internal/browsertest"
	"brief/internal/build"
	"brief/internal/output"
	"brief/internal/search"
	"brief/internal/search/searchtest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
)

// buildExample builds the example site at the repository root into memory.
func buildExample(t *testing.T) map[string][]byte {
	t.Helper()
	root, err := os.OpenRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	mem := output.NewMemory()
	opt := build.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, opt, mem); err != nil {
		t.Fatal(err)
	}
	return mem.Files
}

// goSearch ranks a query with the Go reader of the index and returns the
// result URLs, best first.
func goSearch(t *testing.T, files map[string][]byte, q string, filters ...search.Filter) []string {
	t.Helper()
	r, err := search.Open(func(p string) ([]byte, error) {
		data, ok := files["search/"+p]
		if !ok {
			return nil, fmt.Errorf("no search/%s", p)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := r.Search(q, filters)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range hits {
		f, err := r.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, f.URL)
	}
	return urls
}

// TestSearchExampleSite searches the example site in Chromium, under the
// Content-Security-Policy of netlify.toml: an English word of a body, a
// Chinese word of a heading, a tag, a query with a filter (typed, and from
// the URL), a query with no result; the browser ranks as the Go reader does,
// marks the words matched, and keeps the query and filters in the URL.
// Without JavaScript the page points to the archive, tags and jurisdictions.
func TestSearchExampleSite(t *testing.T) {
	files := buildExample(t)
	ctx := browsertest.Context(t)
	srv := searchtest.Serve(t, files, searchtest.CSP(t, "netlify.toml"))
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && e.Entry.Level == log.EntryLevelError {
			mu.Lock()
			problems = append(problems, e.Entry.Text)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open := func(query string) searchtest.Result {
		t.Helper()
		return searchtest.Open(t, ctx, srv.URL+"/search/?"+query)
	}
	same := func(what string, got searchtest.Result, want []string) {
		t.Helper()
		if len(want) > 10 {
			want = want[:10]
		}
		if !slices.Equal(got.URLs, want) {
			t.Errorf("%s: browser shows %v, the Go reader ranks %v", what, got.URLs, want)
		}
	}

	// An English word in the body of the e-CNY white paper briefing.
	r := open("q=Olympics")
	same("Olympics", r, goSearch(t, files, "Olympics"))
	if len(r.URLs) != 1 || r.URLs[0] != "/briefings/e-cny-white-paper-2021/" || !strings.Contains(r.Snippets[0], "Winter <mark>Olympics</mark>") {
		t.Errorf("Olympics: %+v", r)
	}
	if !strings.HasPrefix(r.Status, "1 briefing found") {
		t.Errorf("Olympics: status %q", r.Status)
	}

	// A Chinese word in a heading (and a source title) of the 2021 ban briefing.
	r = open("q=" + url.QueryEscape("风险"))
	same("风险", r, goSearch(t, files, "风险"))
	if len(r.URLs) == 0 || r.URLs[0] != "/briefings/china-crypto-trading-mining-ban-2021/" || !strings.Contains(r.Snippets[0], "<mark>风险</mark>") {
		t.Errorf("风险: %+v", r)
	}

	// A tag: the briefing filed under "media" ranks first.
	r = open("q=media")
	same("media", r, goSearch(t, files, "media"))
	if len(r.URLs) == 0 || r.URLs[0] != "/briefings/cctv-hong-kong-crypto-segment/" || !strings.Contains(r.Meta[0], "media") {
		t.Errorf("media: %+v", r)
	}

	// A query with a filter, from a shared URL.
	r = open("q=licensing&jurisdiction=hong-kong&year=2023")
	want := goSearch(t, files, "licensing", search.Filter{Kind: "jurisdiction", Value: "hong-kong"}, search.Filter{Kind: "year", Value: "2023"})
	same("licensing in Hong Kong, 2023", r, want)
	if len(r.URLs) == 0 || !strings.Contains(r.Status, "in Hong Kong, 2023") {
		t.Errorf("filtered: %+v", r)
	}
	for _, m := range r.Meta {
		if !strings.HasPrefix(m, "2023-") || !strings.Contains(m, "Hong Kong") {
			t.Errorf("filtered result outside Hong Kong or 2023: %q", m)
		}
	}
	all := goSearch(t, files, "licensing")
	if len(all) <= len(want) {
		t.Errorf("the filter left %d of %d results: it should narrow them", len(want), len(all))
	}

	// Typed with the keyboard: the query and the filter go into the URL.
	searchtest.Navigate(t, ctx, srv.URL+"/search/")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("q"), "stablecoin"),
		chromedp.SetValue(chromedp.ID("jurisdiction"), "hong-kong"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("jurisdiction").dispatchEvent(new Event("change"))`),
		chromedp.SendKeys(chromedp.ID("q"), "\r"),
	); err != nil {
		t.Fatal(err)
	}
	r = searchtest.Wait(t, ctx)
	if r.Search != "?q=stablecoin&jurisdiction=hong-kong" {
		t.Errorf("typed search: URL query %q", r.Search)
	}
	same("typed stablecoin", r, goSearch(t, files, "stablecoin", search.Filter{Kind: "jurisdiction", Value: "hong-kong"}))
	if len(r.URLs) == 0 {
		t.Error("typed search found nothing")
	}
	// Every control has a label, and Tab goes from the last filter to the
	// first result.
	labelled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`["q", "jurisdiction", "tag", "year"].every(id => document.getElementById(id).labels.length === 1)`))
	if err != nil || !labelled {
		t.Errorf("a search control has no label (%v)", err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("year")), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("href") || document.activeElement.id`))
	if err != nil || focused != r.URLs[0] {
		t.Errorf("Tab from the year filter reaches %q (%v), want the first result %s", focused, err, r.URLs[0])
	}

	// No result: said in the live region, nothing listed.
	r = open("q=" + url.QueryEscape("zebra 斑马"))
	if len(r.URLs) != 0 || !strings.HasPrefix(r.Status, "No briefings found for “zebra 斑马”") {
		t.Errorf("no-result query: %+v", r)
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").getAttribute("aria-live")`))
	if err != nil || live != "polite" {
		t.Errorf("status region aria-live = %q (%v)", live, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the console reported errors (CSP?):\n%s", strings.Join(problems, "\n"))
	}

	// Without JavaScript the page offers the archive, tags and jurisdictions.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/search/?q=Olympics")); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-nojs a")).map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	visible, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.getElementById("search-nojs").offsetParent !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if !visible || !slices.Equal(links, []string{"/archive/", "/tags/", "/jurisdictions/"}) {
		t.Errorf("without JavaScript: message visible %v, links %v", visible, links)
	}
}
