package server

import (
	"strconv"
	"testing"
)

func itoa(n int) string { return strconv.Itoa(n) }

func TestURLPathOf(t *testing.T) {
	tests := map[string]string{
		"index.html":             "/",
		"briefings/x/index.html": "/briefings/x/",
		"css/site.css":           "/css/site.css",
		"404.html":               "/404.html",
		"tags/数字资产/index.html":   "/tags/数字资产/",
		"about.html":             "/about.html",
	}
	for key, want := range tests {
		if got := urlPathOf(key); got != want {
			t.Errorf("urlPathOf(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestCheckPath(t *testing.T) {
	tests := []struct {
		raw, decoded string
		ok           bool
	}{
		{"/", "/", true},
		{"/a/b/", "/a/b/", true},
		{"/a..b/", "/a..b/", true}, // dots inside a name are not a traversal
		{"/.well-known/x", "/.well-known/x", true},
		{"/../x", "/../x", false},
		{"/a/..", "/a/..", false},
		{"/%2e%2e/x", "/../x", false},
		{"/a%2E%2E", "/a..", false}, // refused on the raw form, even though the name would be harmless
		{"/a%5cb", `/a\b`, false},
		{`/a\b`, `/a\b`, false},
		{"/a%00", "/a\x00", false},
		{"/a%0a", "/a\n", false},
		{"//host/", "//host/", false},
		{"*", "*", false},
		{"", "", false},
	}
	for _, tt := range tests {
		err := checkPath(tt.raw, tt.decoded)
		if (err == nil) != tt.ok {
			t.Errorf("checkPath(%q, %q) = %v, want ok=%v", tt.raw, tt.decoded, err, tt.ok)
		}
	}
}
