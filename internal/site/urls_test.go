package site_test

import (
	"testing"

	"brief/internal/config"
	"brief/internal/site"
)

func TestURLs(t *testing.T) {
	for _, tc := range []struct {
		base, in, rel, abs string
	}{
		{"/", "/tags/web3/", "/tags/web3/", "/tags/web3/"},
		{"/", "tags/web3/", "/tags/web3/", "/tags/web3/"},
		{"https://brief.example/", "/feed.xml", "/feed.xml", "https://brief.example/feed.xml"},
		{"https://x.example/policy/", "/briefings/a/", "/policy/briefings/a/", "https://x.example/policy/briefings/a/"},
		{"https://x.example/policy/", "/", "/policy/", "https://x.example/policy/"},
		{"https://x.example/policy/", "https://other.example/x", "https://other.example/x", "https://other.example/x"},
		{"https://x.example/policy/", "//cdn.example/x.js", "//cdn.example/x.js", "//cdn.example/x.js"},
	} {
		cfg := config.Default()
		if err := cfg.SetBaseURL(tc.base); err != nil {
			t.Fatal(err)
		}
		if got := site.RelURL(cfg, tc.in); got != tc.rel {
			t.Errorf("base %s: RelURL(%q) = %q, want %q", tc.base, tc.in, got, tc.rel)
		}
		if got := site.AbsURL(cfg, tc.in); got != tc.abs {
			t.Errorf("base %s: AbsURL(%q) = %q, want %q", tc.base, tc.in, got, tc.abs)
		}
		if got := string(site.AppendAbsURL([]byte("x"), cfg, tc.in)); got != "x"+tc.abs {
			t.Errorf("base %s: AppendAbsURL(%q) = %q, want %q after x", tc.base, tc.in, got, tc.abs)
		}
	}
}

// A site at the root of its host links to its pages by their paths as
// they are, without copying them.
func TestRelURLAtRootKeepsPath(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://brief.example/"); err != nil {
		t.Fatal(err)
	}
	p := "/tags/web3/"
	if n := testing.AllocsPerRun(100, func() { p = site.RelURL(cfg, p) }); n != 0 || p != "/tags/web3/" {
		t.Errorf("RelURL(%q): %v allocations", p, n)
	}
}
