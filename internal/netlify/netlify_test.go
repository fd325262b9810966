package netlify_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"brief/internal/netlify"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/briefings/x/", true},
		{"/_assets/*", "/_assets/css/brief.0123456789.css", true},
		{"/_assets/*", "/css/brief.css", false},
		{"/_assets/*", "/_assetsx/a", false},
		{"/data/*", "/data/briefings.json", true},
		{"/feed.xml", "/feed.xml", true},
		{"/feed.xml", "/tags/feed.xml", false},
		{"/tags/:tag/feed.xml", "/tags/web3/feed.xml", true},
		{"/tags/:tag/feed.xml", "/tags/feed.xml", false},
		{"/search/", "/search", true},
	} {
		if got := netlify.Match(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v", tc.pattern, tc.path, got)
		}
	}
}

func TestHeaders(t *testing.T) {
	c, err := netlify.Parse([]byte(`
[[headers]]
  for = "/*"
  [headers.values]
    X-Frame-Options = "DENY"
[[headers]]
  for = "/_assets/*"
  [headers.values]
    Cache-Control = "public, max-age=31536000, immutable"
`))
	if err != nil {
		t.Fatal(err)
	}
	a := c.Headers("/_assets/css/x.css")
	if a.Get("X-Frame-Options") != "DENY" || a.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("asset headers %v", a)
	}
	if h := c.Headers("/briefings/x/"); h.Get("Cache-Control") != netlify.DefaultCacheControl {
		t.Errorf("page headers %v", h)
	}
	if o := c.Overlaps(); len(o) != 0 {
		t.Errorf("overlaps %v", o)
	}
	bad, _ := netlify.Parse([]byte("[[headers]]\nfor = \"/*\"\nvalues = { Cache-Control = \"no-cache\" }\n[[headers]]\nfor = \"/css/*\"\nvalues = { cache-control = \"max-age=60\" }\n"))
	if o := bad.Overlaps(); len(o) != 1 || !strings.Contains(o[0], "Cache-Control is set for /* and for /css/*") {
		t.Errorf("overlaps %v", o)
	}
	if _, err := netlify.Parse([]byte("[[headers]]\nfor = \"/*.css\"\n")); err == nil {
		t.Error("a * inside a segment should be refused: Netlify's tools do not all read it")
	}
}

// TestRepositoryConfig checks the netlify.toml that deploys the example
// site: fingerprinted files are immutable, everything else revalidates,
// every page has the security headers, and no two rules set one header.
func TestRepositoryConfig(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := netlify.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	// One overlap is by design: the content manager's policy for /admin/*.
	// Netlify's own tools apply the later rule's value; were both sent, the
	// site's stricter policy would apply to /admin/ too, which stops the CMS
	// and loosens nothing.
	const adminCSP = "Content-Security-Policy is set for /* and for /admin/*"
	for _, o := range c.Overlaps() {
		if o != adminCSP {
			t.Errorf("rules overlap: %v", o)
		}
	}
	admin := c.Headers("/admin/").Get("Content-Security-Policy")
	if !strings.Contains(admin, "'unsafe-eval'") || !strings.Contains(admin, "frame-ancestors 'none'") || !strings.Contains(admin, "object-src 'none'") {
		t.Errorf("/admin/: CSP %q", admin)
	}
	// Every edition's search index is named by content: the Chinese
	// edition's under /zh-hant/ as much as the default's.
	for _, p := range []string{"/_assets/css/brief.0123456789.css", "/search/c/0123456789ab.bin", "/search/s/0123456789ab.bin",
		"/zh-hant/search/c/0123456789ab.bin", "/zh-hant/search/s/0123456789ab.bin"} {
		if got := c.Headers(p).Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s (named by its content): Cache-Control %q", p, got)
		}
	}
	for _, p := range []string{"/", "/briefings/x/", "/tags/web3/page/2/", "/feed.xml", "/css/brief.css", "/search/manifest.json", "/search/f/0.json",
		"/zh-hant/", "/zh-hant/search/manifest.json", "/zh-hant/search/f/0.json"} {
		h := c.Headers(p)
		if cc := h.Get("Cache-Control"); !strings.Contains(cc, "max-age=0") || !strings.Contains(cc, "must-revalidate") {
			t.Errorf("%s: Cache-Control %q, want revalidation", p, cc)
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", p)
		}
	}
}
