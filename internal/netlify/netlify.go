// Package netlify reads the response headers that a netlify.toml sets, so
// that tests can serve a built site exactly as Netlify would, with its
// Content-Security-Policy and caching rules.
package netlify

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/BurntSushi/toml"
)

// DefaultCacheControl is what Netlify sends for a file that no rule gives
// a Cache-Control: cache, but revalidate on every use.
const DefaultCacheControl = "public, max-age=0, must-revalidate"

// Rule is one [[headers]] table: a path pattern and the headers it sets.
type Rule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Config is the part of netlify.toml that concerns responses.
type Config struct {
	Rules []Rule `toml:"headers"`
}

// Parse reads netlify.toml.
func Parse(src []byte) (*Config, error) {
	var c Config
	if _, err := toml.Decode(string(src), &c); err != nil {
		return nil, fmt.Errorf("netlify.toml: %w", err)
	}
	for _, r := range c.Rules {
		if !strings.HasPrefix(r.For, "/") {
			return nil, fmt.Errorf("netlify.toml: headers for %q: a path must start with /", r.For)
		}
		if i := strings.Index(r.For, "*"); i >= 0 && (i != len(r.For)-1 || !strings.HasSuffix(r.For, "/*")) {
			return nil, fmt.Errorf("netlify.toml: headers for %q: * may only end a path, after a /", r.For)
		}
	}
	return &c, nil
}

// Match reports whether a URL path matches a rule's pattern: a final "*"
// matches anything below, ":name" matches one segment.
func Match(pattern, urlPath string) bool {
	// "/a" and "/a/" name one page.
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(urlPath, "/"), "/")
	for i, seg := range ps {
		if seg == "*" {
			return true
		}
		if i >= len(xs) {
			return false
		}
		if strings.HasPrefix(seg, ":") && xs[i] != "" {
			continue
		}
		if seg != xs[i] {
			return false
		}
	}
	return len(xs) == len(ps)
}

// sample is a path that pattern matches.
func sample(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if s == "*" || strings.HasPrefix(s, ":") {
			segs[i] = "x"
		}
	}
	return strings.Join(segs, "/")
}

// Headers are the headers Netlify sends for urlPath: every matching rule's,
// a later rule's value replacing an earlier one's, and Netlify's default
// Cache-Control where no rule sets one.
func (c *Config) Headers(urlPath string) http.Header {
	h := http.Header{}
	for _, r := range c.Rules {
		if Match(r.For, urlPath) {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", DefaultCacheControl)
	}
	return h
}

// Overlaps lists pairs of rules that set the same header on some path. On
// Netlify the values of such a pair may both be sent, which for
// Cache-Control makes the response's caching undefined.
func (c *Config) Overlaps() []string {
	var out []string
	for i, a := range c.Rules {
		for _, b := range c.Rules[i+1:] {
			if !Match(a.For, sample(b.For)) && !Match(b.For, sample(a.For)) {
				continue
			}
			for k := range a.Values {
				for k2 := range b.Values {
					if http.CanonicalHeaderKey(k) == http.CanonicalHeaderKey(k2) {
						out = append(out, fmt.Sprintf("%s is set for %s and for %s", http.CanonicalHeaderKey(k), a.For, b.For))
					}
				}
			}
		}
	}
	return out
}
