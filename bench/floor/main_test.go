package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/corpus"
)

func TestBody(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle: x\n---\n## Hi\n", "## Hi\n"},
		{"## No front matter\n", "## No front matter\n"},
		{"---\ntitle: never closed\n", "---\ntitle: never closed\n"},
		{"---\n---\nbody", "body"},
	} {
		if got := string(body([]byte(tc.src))); got != tc.want {
			t.Errorf("body(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// The floor writes one page per briefing, bundles included, at brief's
// path, holding the rendered body and not the front matter.
func TestRunWritesEveryBriefing(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "out")
	const n = 40
	if err := corpus.Generate(src, corpus.Options{N: n, Seed: 2, Images: 2}); err != nil {
		t.Fatal(err)
	}
	got, err := run(src, dst, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Fatalf("run = %d pages, want %d", got, n)
	}
	list, err := briefings(filepath.Join(src, corpus.BriefingsDir))
	if err != nil {
		t.Fatal(err)
	}
	bundles := 0
	for _, b := range list {
		if strings.HasSuffix(b.path, "index.md") {
			bundles++
		}
		page, err := os.ReadFile(filepath.Join(dst, "briefings", b.slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), "<h2>") || strings.Contains(string(page), "title:") {
			t.Errorf("%s: page is not the rendered body:\n%.300s", b.slug, page)
		}
	}
	if bundles != 2 {
		t.Errorf("%d bundles listed, want 2", bundles)
	}
	// An output folder that already holds the pages is refused, not mixed.
	if _, err := run(src, dst, 2); err == nil {
		t.Error("a second run into the same folder succeeded")
	}
}
