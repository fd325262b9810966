package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief"
	"brief/internal/browsertest"
	"brief/internal/build"
	"brief/internal/corpus"
	"brief/internal/search"
	"brief/internal/search/searchtest"
)

// budget is what a first query may transfer, everything included: the
// search page, its stylesheet and script, the manifest, the chunks and
// filter sets it loads and the fragments of the first ten results.
const budget = 300_000

// budgetQueries are typical first queries on the generated corpus: common
// words, two words, a filter, Chinese, an unfinished last word, a long
// Chinese phrase, three words, and filters alone.
var budgetQueries = []struct {
	q       string
	filters []search.Filter
}{
	{"stablecoin", nil},
	{"licensing regime", nil},
	{"custody", []search.Filter{{Kind: "jurisdiction", Value: "hong-kong"}}},
	{"稳定币", nil},
	{"tokenis", nil},
	{"数字人民币试点", nil},
	{"regulator sandbox consultation", nil},
	{"", []search.Filter{{Kind: "tag", Value: "web3"}, {Kind: "year", Value: "2023"}}},
}

// corpusSite is a generated site built as brief build publishes it; only
// the files the search page needs are kept.
type corpusSite struct {
	n     int
	files map[string][]byte
	took  time.Duration
}

var corpusSites sync.Map // n -> *corpusSite, built once per test binary

// buildCorpus generates n briefings and builds them.
func buildCorpus(t testing.TB, n int) *corpusSite {
	t.Helper()
	if s, ok := corpusSites.Load(n); ok {
		return s.(*corpusSite)
	}
	dir, err := os.MkdirTemp("", "brief-search-budget-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	sink := &searchFiles{files: map[string][]byte{}}
	start := time.Now()
	opt := build.Options{Once: true, Fingerprint: true, Minify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, opt, sink); err != nil {
		t.Fatal(err)
	}
	s := &corpusSite{n: n, files: sink.files, took: time.Since(start)}
	corpusSites.Store(n, s)
	return s
}

// searchFiles is a sink that keeps the search page, the index and the
// theme's assets, and drops the rest.
type searchFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (s *searchFiles) Put(p string, data []byte) error {
	if strings.HasPrefix(p, "search/") || strings.HasPrefix(p, "_assets/") {
		s.mu.Lock()
		s.files[p] = bytes.Clone(data)
		s.mu.Unlock()
	}
	return nil
}

func (s *searchFiles) Remove(string) error { return nil }

func (s *corpusSite) reader(t testing.TB) *search.Reader {
	t.Helper()
	r, err := search.Open(func(p string) ([]byte, error) {
		data, ok := s.files["search/"+p]
		if !ok {
			return nil, fmt.Errorf("no search/%s", p)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pageAssets lists the files the search page loads: its stylesheet and script.
func (s *corpusSite) pageAssets(t testing.TB) []string {
	t.Helper()
	page := string(s.files["search/index.html"])
	var out []string
	for _, m := range regexp.MustCompile(`<(?:script src|link rel="stylesheet" href)="/([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if _, ok := s.files[m[1]]; !ok {
			t.Fatalf("the search page loads %s, which the build did not write", m[1])
		}
		out = append(out, m[1])
	}
	if len(out) != 2 {
		t.Fatalf("the search page loads %v, want a stylesheet and a script", out)
	}
	return out
}

// transfer is what one first query costs.
type transfer struct {
	bytes, requests int
	files           []string // index files, as fetched
	hits            int
}

// firstQuery counts the bytes of a first query: page, assets, manifest and
// the fragments of the first ten results gzipped as a host serves them, and
// the chunks and sets as stored (they are gzip already).
func (s *corpusSite) firstQuery(t testing.TB, q string, filters []search.Filter) transfer {
	t.Helper()
	var tr transfer
	for _, p := range append([]string{"search/index.html"}, s.pageAssets(t)...) {
		tr.bytes += gzipSize(s.files[p])
		tr.requests++
	}
	r := s.reader(t)
	hits, err := r.Search(q, filters)
	if err != nil {
		t.Fatal(err)
	}
	tr.hits = len(hits)
	for _, h := range hits[:min(10, len(hits))] {
		if _, err := r.Fragment(h.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range r.Fetched {
		data := s.files["search/"+p]
		if strings.HasSuffix(p, ".json") {
			tr.bytes += gzipSize(data)
		} else {
			tr.bytes += len(data)
		}
		tr.requests++
	}
	tr.files = r.Fetched
	return tr
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// TestFirstQueryBudget builds 10,000 generated briefings (1,000 with
// -short) and checks that each typical first query transfers at most
// 300 kB. go test -v ./internal/search -run Budget prints the figures.
func TestFirstQueryBudget(t *testing.T) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	s := buildCorpus(t, n)
	sum := indexSummary(s)
	t.Logf("%d briefings built in %v; index: %d files, %d bytes (%d chunks %d bytes, %d filter sets, %d fragments %d bytes)",
		n, s.took.Round(time.Millisecond), sum.files, sum.bytes, sum.chunks, sum.chunkBytes, sum.sets, sum.fragments, sum.fragmentBytes)
	for _, bq := range budgetQueries {
		tr := s.firstQuery(t, bq.q, bq.filters)
		t.Logf("%-32q %v: %7d bytes in %2d requests, %5d results", bq.q, bq.filters, tr.bytes, tr.requests, tr.hits)
		if tr.hits == 0 {
			t.Errorf("%q %v finds nothing: not a typical query", bq.q, bq.filters)
		}
		if tr.bytes > budget {
			t.Errorf("%q %v transfers %d bytes, over the budget of %d:\n%s", bq.q, bq.filters, tr.bytes, budget, strings.Join(tr.files, "\n"))
		}
	}
}

type summary struct {
	files, bytes, chunks, chunkBytes, sets, fragments, fragmentBytes int
}

func indexSummary(s *corpusSite) summary {
	var sum summary
	for p, data := range s.files {
		if !strings.HasPrefix(p, "search/") || p == "search/index.html" {
			continue
		}
		sum.files++
		sum.bytes += len(data)
		switch {
		case strings.HasPrefix(p, "search/c/"):
			sum.chunks++
			sum.chunkBytes += len(data)
		case strings.HasPrefix(p, "search/s/"):
			sum.sets++
		case strings.HasPrefix(p, "search/f/"):
			sum.fragments++
			sum.fragmentBytes += len(data)
		}
	}
	return sum
}

// BenchmarkIndexSize reports the index of 1,000 generated briefings
// (10,000 with BRIEF_BENCH_LARGE=1): its bytes and files, and the bytes of
// each typical first query.
func BenchmarkIndexSize(b *testing.B) {
	n := 1_000
	if os.Getenv("BRIEF_BENCH_LARGE") == "1" {
		n = 10_000
	}
	s := buildCorpus(b, n)
	sum := indexSummary(s)
	var worst int
	for b.Loop() {
		worst = 0
		for _, bq := range budgetQueries {
			worst = max(worst, s.firstQuery(b, bq.q, bq.filters).bytes)
		}
	}
	b.ReportMetric(float64(sum.bytes), "index-bytes")
	b.ReportMetric(float64(sum.files), "index-files")
	b.ReportMetric(float64(sum.chunkBytes), "chunk-bytes")
	b.ReportMetric(float64(worst), "worst-query-bytes")
	b.ReportMetric(0, "ns/op")
	queries := slices.Clone(budgetQueries)
	for _, bq := range queries[:5] {
		b.Logf("%-32q %v: %d bytes", bq.q, bq.filters, s.firstQuery(b, bq.q, bq.filters).bytes)
	}
}

// TestBrowserAtScale runs the typical queries in Chromium on the 10,000
// briefings of TestFirstQueryBudget (1,000 with -short), under the site's
// Content-Security-Policy: search.js shows what the Go reader ranks first,
// fetches exactly the index files the budget counts, and the time it takes
// to decode the chunks and rank (after they loaded) is logged, not judged.
func TestBrowserAtScale(t *testing.T) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	s := buildCorpus(t, n)
	ctx := browsertest.Context(t)
	srv := searchtest.Serve(t, s.files, searchtest.CSP(t, "../../netlify.toml"))
	for _, bq := range budgetQueries {
		v := url.Values{}
		if bq.q != "" {
			v.Set("q", bq.q)
		}
		for _, f := range bq.filters {
			v.Set(f.Kind, f.Value)
		}
		srv.Take()
		got := searchtest.Open(t, ctx, srv.URL+"/search/?"+v.Encode())
		tr := s.firstQuery(t, bq.q, bq.filters)
		r := s.reader(t)
		hits, err := r.Search(bq.q, bq.filters)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range hits[:min(10, len(hits))] {
			f, err := r.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, f.URL)
		}
		if !slices.Equal(got.URLs, want) {
			t.Errorf("%q %v: Chromium shows %v, the Go reader %v", bq.q, bq.filters, got.URLs, want)
		}
		var fetched []string
		for _, p := range srv.Take() {
			if rest, ok := strings.CutPrefix(p, "search/"); ok && rest != "index.html" {
				fetched = append(fetched, rest)
			}
		}
		slices.Sort(fetched)
		counted := slices.Sorted(slices.Values(tr.files))
		if !slices.Equal(fetched, counted) {
			t.Errorf("%q %v: Chromium fetched\n%v\nthe budget counts\n%v", bq.q, bq.filters, fetched, counted)
		}
		t.Logf("%-32q %v: %5.1f ms to decode and rank in Chromium, %d bytes", bq.q, bq.filters, got.Ms, tr.bytes)
	}
}
