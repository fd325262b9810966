// Package searchtest drives the search page of a built site in Chromium,
// for the tests of the example site and of the 10,000-briefing budget.
package searchtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Server serves a built site from memory, with the site's security headers,
// and records the paths the browser asks for.
type Server struct {
	URL string

	mu   sync.Mutex
	seen []string
}

var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
}

// Serve starts a server for files (output path -> bytes) that sends csp as
// the Content-Security-Policy of every response.
func Serve(t testing.TB, files map[string][]byte, csp string) *Server {
	t.Helper()
	s := &Server{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		s.mu.Lock()
		s.seen = append(s.seen, p)
		s.mu.Unlock()
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		ct := types[path.Ext(p)]
		if ct == "" {
			ct = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Take returns the paths asked for since the last Take.
func (s *Server) Take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := s.seen
	s.seen = nil
	return seen
}

// CSP returns the Content-Security-Policy that netlify.toml sets for every
// page, so that the tests run the page under the policy it is deployed with.
func CSP(t testing.TB, netlifyTOML string) string {
	t.Helper()
	data, err := os.ReadFile(netlifyTOML)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Content-Security-Policy\s*=\s*"([^"]+)"`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s sets no Content-Security-Policy", netlifyTOML)
	}
	return string(m[1])
}

// Result is what the search page shows once a search has finished.
type Result struct {
	Status   string
	URLs     []string // result links, in order
	Titles   []string // link text
	Snippets []string // inner HTML of the snippets, <mark> included
	Meta     []string // date, jurisdictions and tags line
	Ms       float64  // time the page spent ranking, once the files were loaded
	Search   string   // location.search
}

// Wait waits until the page's search has finished and returns what it shows.
func Wait(t testing.TB, ctx context.Context) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	const done = `(() => { const l = document.getElementById("search-results"), s = document.getElementById("search-status");
		return !!l && l.getAttribute("aria-busy") === "false" && s.textContent !== "" && s.textContent !== "Searching…"; })()`
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](done))
		if err == nil && ok {
			break
		}
		select {
		case <-ctx.Done():
			state, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](
				`location.href + " status=" + JSON.stringify((document.getElementById("search-status") || {}).textContent) + " busy=" + (document.getElementById("search-results") || {getAttribute(){}}).getAttribute("aria-busy")`))
			t.Fatalf("search did not finish: %s %v", state, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	const read = `(() => {
		const q = s => Array.from(document.querySelectorAll(s));
		const st = document.getElementById("search-status");
		return JSON.stringify({
			Status: st.textContent,
			URLs: q("#search-results li h2 a").map(a => a.getAttribute("href")),
			Titles: q("#search-results li h2 a").map(a => a.textContent),
			Snippets: q("#search-results li .snippet").map(p => p.innerHTML),
			Meta: q("#search-results li .meta").map(p => p.textContent),
			Ms: parseFloat(st.getAttribute("data-ms") || "-1"),
			Search: location.search,
		}); })()`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](read))
	if err != nil {
		t.Fatal(err)
	}
	var r Result
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// Open navigates to url (a search page with its query) and waits for its results.
func Open(t testing.TB, ctx context.Context, url string) Result {
	t.Helper()
	Navigate(t, ctx, url)
	return Wait(t, ctx)
}

// Navigate loads url and waits for its load event.
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
}
