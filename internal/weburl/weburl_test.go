package weburl

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
)

// agrees checks PlainHost against url.Parse for s: an address it accepts
// must parse without an error, as http or https, with the host it gave as
// Host and Hostname(), and hold no white space.
func agrees(t *testing.T, s string) bool {
	t.Helper()
	host, ok := PlainHost(s)
	if !ok {
		return false
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		t.Errorf("PlainHost(%q) = %q, but url.Parse fails: %v", s, host, err)
	case u.Scheme != "http" && u.Scheme != "https":
		t.Errorf("PlainHost(%q) = %q, but url.Parse's scheme is %q", s, host, u.Scheme)
	case u.Host != host || u.Hostname() != host:
		t.Errorf("PlainHost(%q) = %q, but url.Parse's Host is %q and Hostname() %q", s, host, u.Host, u.Hostname())
	case strings.ContainsFunc(s, unicode.IsSpace):
		t.Errorf("PlainHost(%q) = %q, but it holds white space", s, host)
	}
	return true
}

func TestPlainHost(t *testing.T) {
	for _, c := range []struct {
		s, host string // host "" when PlainHost leaves s to url.Parse
	}{
		{"https://www.sfc.hk/", "www.sfc.hk"},
		{"https://www.sfc.hk", "www.sfc.hk"},
		{"http://legco.example.org/2025/07/policy-statement-80437", "legco.example.org"},
		{"https://a.example/x?y=1&z=2#top", "a.example"},
		{"https://a.example?q", "a.example"},
		{"https://a.example?", "a.example"},
		{"https://a.example#", "a.example"},
		{"https://a.example#frag?x@y:z", "a.example"},
		{"https://a.example?x@y", "a.example"},
		{"https://a.example/p@q:r/(x)!$&'*+,;=~_", "a.example"},
		{"https://A-B.Example.ORG/", "A-B.Example.ORG"},
		{"https://127.0.0.1/x", "127.0.0.1"},
		{"https://-/", "-"},
		{"https://a..b", "a..b"},
		{`https://a.example/\"<>^{|}[]` + "`", "a.example"},
		// left to url.Parse
		{"HTTPS://a.example/", ""},
		{"Https://a.example/", ""},
		{"https://", ""},
		{"https:///x", ""},
		{"https://?x", ""},
		{"https://#x", ""},
		{"http:/a.example", ""},
		{"ftp://a.example/", ""},
		{"mailto:x@a.example", ""},
		{"//a.example/x", ""},
		{"www.sfc.hk/x", ""},
		{"https://a.example:8080/x", ""},
		{"https://a.example:/x", ""},
		{"https://user@a.example/", ""},
		{"https://user:pw@a.example/", ""},
		{"https://[::1]/x", ""},
		{"https://a_b.example/", ""},
		{"https://a.example/x%20y", ""},
		{"https://a.example/x%zz", ""},
		{"https://a%2eexample/", ""},
		{"https://a.example/x y", ""},
		{"https://a.example/x\ty", ""},
		{"https://a.example/x\x7f", ""},
		{"https://a.example/x\x00", ""},
		{"https://a.example/\u00a0", ""},
		{"https://a.example/香港", ""},
		{"https://香港.example/", ""},
		{"https://a.example ", ""},
		{" https://a.example", ""},
		{"", ""},
	} {
		host, ok := PlainHost(c.s)
		if host != c.host || ok != (c.host != "") {
			t.Errorf("PlainHost(%q) = %q, %v; want %q", c.s, host, ok, c.host)
		}
		agrees(t, c.s)
	}
}

// FuzzPlainHost holds PlainHost to url.Parse on any input.
func FuzzPlainHost(f *testing.F) {
	for _, s := range []string{"https://www.sfc.hk/", "http://a.example/x?y#z", "https://a.example:80/", "https://u@h/", "https://h/%41", "HTTP://h/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { agrees(t, s) })
}
