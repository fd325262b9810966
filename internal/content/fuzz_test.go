package content

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and keeps its promises: a nil
// briefing comes with an error, and every diagnostic points into the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		doc(okTitle, okDate, "tags: [a, b]", "funding:", "  - amount: 100m", "    currency: CNY"),
		"+++\ntitle = \"T\"\ndate = 2023-05-29\n[[funding]]\namount = 1\ncurrency = \"HKD\"\ntags = [\n \"a\", # c\n]\n+++\n",
		"{\n\"title\": \"T\", \"date\": \"2023-05-29\", \"funding\": [{\"amount\": 1}]\n}\n\nbody",
		";;;\n{\"a\": [1, {\"b\": null}]}\n;;;\n",
		"\uFEFF---\r\ntitle: x\r\n---\r\n",
		"---\na: &a [*a]\n---\n",
		"---\na: &a [1,2]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n---\n",
		"+++\na = '''\nx = 1\n'''\nb = \"\"\"\n[t]\n\"\"\"\n+++\n",
		"---\n",
		"\xff---\n",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		b, list := Parse("content/f.md", src, Options{})
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		if b == nil && !list.HasErrors() {
			t.Fatal("nil briefing without an error")
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range list {
			if d.Line < 1 || d.Line > lines {
				t.Fatalf("line %d outside the file's %d lines: %s", d.Line, lines, d.Error())
			}
		}
		if b != nil && (b.BodyLine < 1 || b.BodyLine > lines+1) {
			t.Fatalf("body line %d outside the file's %d lines", b.BodyLine, lines)
		}
	})
}

// FuzzAlias checks that an alias accepted for Netlify's _redirects is one
// literal path there: a rule "FROM TO 301!" splits into exactly its three
// fields, FROM holds nothing Netlify reads as syntax (splats, placeholders,
// forcing, comments, queries), and decoded it is a clean absolute path of
// text, with no "." or ".." segment, no backslash and no control character.
// A refused alias gets one error at its line and field, with a hint.
func FuzzAlias(f *testing.F) {
	for _, s := range []string{
		"/2023/old-name/", "/briefings/x", "/*", "/:year/:slug/", "/a/%2e%2e/", "/a%2Fb/", "/a%5c/", "/old!/",
		"/old/ /evil/ 200!", "//evil.example/", "https://evil.example/x", "/a?b=1", "/a#b", `/a\b`, "/a/../b/",
		"/a%00/", "/a%E9%A6/", "/%E9%A6%99%E6%B8%AF/", "/香港/", "/a\u2028b/", "/a\u00a0b/", "/.well-known/x",
		"/a%25/", "/~user/", "/$&'()+,;=@/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := parser{path: "content/f.md"}
		ok := p.checkAlias(s, 7, "aliases[2]")
		if !ok {
			if len(p.diags) != 1 {
				t.Fatalf("%q refused with %d diagnostics: %v", s, len(p.diags), p.diags)
			}
			d := p.diags[0]
			if d.Line != 7 || d.Field != "aliases[2]" || d.Hint == "" || d.Msg == "" {
				t.Fatalf("%q refused without its line, field and a hint: %v", s, d)
			}
			return
		}
		if len(p.diags) > 0 {
			t.Fatalf("%q accepted with diagnostics: %v", s, p.diags)
		}
		rule := s + " /briefings/x/ 301!"
		if fields := strings.Fields(rule); len(fields) != 3 || fields[0] != s {
			t.Fatalf("%q makes the rule %q, which Netlify reads as %q", s, rule, fields)
		}
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "*:!?#\\ \"<>") {
			t.Fatalf("%q accepted with Netlify syntax or outside the site", s)
		}
		dec, err := url.PathUnescape(s)
		if err != nil || !utf8.ValidString(dec) {
			t.Fatalf("%q accepted but decodes to %q (%v)", s, dec, err)
		}
		if strings.ContainsFunc(dec, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) || r == '\\' }) {
			t.Fatalf("%q accepted but decodes to %q, with a control character, space or backslash", s, dec)
		}
		for seg := range strings.SplitSeq(dec, "/") {
			if seg == "." || seg == ".." {
				t.Fatalf("%q accepted but decodes to %q, with a %q segment", s, dec, seg)
			}
		}
		if strings.Count(dec, "/") != strings.Count(s, "/") {
			t.Fatalf("%q accepted but decodes to %q, with another number of segments", s, dec)
		}
	})
}
