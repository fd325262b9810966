package content

import "testing"

func aliasPaths(as []Alias) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Path
	}
	return out
}

// Every alias becomes a line of Netlify's _redirects, so anything Netlify
// reads as syntax, and anything that can hide a path, is refused.
func TestAliasRejected(t *testing.T) {
	tests := []struct{ alias, want string }{
		{`/*`, `aliases[0]: "/*" contains "*", which Netlify reads as a splat matching any path (an alias is one exact path, such as "/2023/old-name/": list each old URL)`},
		{`/old/*`, `aliases[0]: "/old/*" contains "*", which Netlify reads as a splat matching any path (an alias is one exact path, such as "/2023/old-name/": list each old URL)`},
		{`/:year/:slug/`, `aliases[0]: "/:year/:slug/" contains ":", which Netlify reads as a placeholder matching any segment (an alias is one exact path, such as "/2023/old-name/": list each old URL)`},
		{`/news/:id`, `aliases[0]: "/news/:id" contains ":", which Netlify reads as a placeholder matching any segment (an alias is one exact path, such as "/2023/old-name/": list each old URL)`},
		{`/old!`, `aliases[0]: "/old!" contains "!", which Netlify reads as a forced rule (remove the "!")`},
		{`/old/?id=3`, `aliases[0]: "/old/?id=3" contains a query string, which a redirect cannot match (write "/old/")`},
		{`/old/#top`, `aliases[0]: "/old/#top" contains a #fragment, which browsers never send (write "/old/")`},
		{`/old\x`, `aliases[0]: "/old\\x" contains a backslash (write "/old/x")`},
		{`/a/../b/`, `aliases[0]: "/a/../b/" contains a "." or ".." segment (write the path as it resolves, without . or .. segments)`},
		{`/a/./b/`, `aliases[0]: "/a/./b/" contains a "." or ".." segment (write the path as it resolves, without . or .. segments)`},
		{`/..`, `aliases[0]: "/.." contains a "." or ".." segment (write the path as it resolves, without . or .. segments)`},
		{`/a%2e%2e/`, `aliases[0]: "/a%2e%2e/" contains "%2e", an encoded "." that could reach another path (write the path without encoding, or remove the "%2e")`},
		{`/%2E%2E/x/`, `aliases[0]: "/%2E%2E/x/" contains "%2E", an encoded "." that could reach another path (write the path without encoding, or remove the "%2E")`},
		{`/a%2fb/`, `aliases[0]: "/a%2fb/" contains "%2f", an encoded "/" that could reach another path (write the path without encoding, or remove the "%2f")`},
		{`/a%2Fb/`, `aliases[0]: "/a%2Fb/" contains "%2F", an encoded "/" that could reach another path (write the path without encoding, or remove the "%2F")`},
		{`/a%5cb/`, `aliases[0]: "/a%5cb/" contains "%5c", an encoded "\\" that could reach another path (write the path without encoding, or remove the "%5c")`},
		{`/a%5Cb/`, `aliases[0]: "/a%5Cb/" contains "%5C", an encoded "\\" that could reach another path (write the path without encoding, or remove the "%5C")`},
		{`/a%00/`, `aliases[0]: "/a%00/" contains "%00", an encoded control character (remove it)`},
		{`/a%0A/`, `aliases[0]: "/a%0A/" contains "%0A", an encoded control character (remove it)`},
		{`/a%20b/`, `aliases[0]: "/a%20b/" contains "%20", an encoded ASCII character (write " " itself rather than "%20")`},
		{`/a%2a/`, `aliases[0]: "/a%2a/" contains "%2a", an encoded ASCII character (write "*" itself rather than "%2a")`},
		{`/a%3A/`, `aliases[0]: "/a%3A/" contains "%3A", an encoded ASCII character (write ":" itself rather than "%3A")`},
		{`/a%25/`, `aliases[0]: "/a%25/" contains "%25", an encoded ASCII character (write "%" itself rather than "%25")`},
		{`/100%/`, `aliases[0]: "/100%/" contains a "%" that is not followed by two hex digits (remove the "%")`},
		{`/a%zz/`, `aliases[0]: "/a%zz/" contains a "%" that is not followed by two hex digits (remove the "%")`},
		{`/a%C2%80/`, `aliases[0]: "/a%C2%80/" decodes to invalid or control characters (encode only whole UTF-8 characters that are letters, digits or marks)`},
		{`/a%E4/`, `aliases[0]: "/a%E4/" decodes to invalid or control characters (encode only whole UTF-8 characters that are letters, digits or marks)`},
		// Control characters are refused in every field alike (see control.go).
		{`"/a\x01b/"`, `aliases[0]: contains the control character U+0001 (remove it: control characters are invisible and garble pages, feeds and terminals)`},
		{`"/a\x9bb/"`, `aliases[0]: contains the control character U+009B (CSI) (remove it: control characters are invisible and garble pages, feeds and terminals)`},
		{`/a b/`, `aliases[0]: "/a b/" contains whitespace, which ends a rule's path in _redirects (use hyphens instead of spaces)`},
		{"/a\u3000b/", `aliases[0]: "/a\u3000b/" contains whitespace, which ends a rule's path in _redirects (use hyphens instead of spaces)`},
		{`/a"b/`, `aliases[0]: "/a\"b/" contains "\"", which is not allowed in a URL path (remove the "\"")`},
		{`/a<b>/`, `aliases[0]: "/a<b>/" contains "<", which is not allowed in a URL path (remove the "<")`},
		{"/a`b/", "aliases[0]: \"/a`b/\" contains \"`\", which is not allowed in a URL path (remove the \"`\")"},
		{`/a|b/`, `aliases[0]: "/a|b/" contains "|", which is not allowed in a URL path (remove the "|")`},
		{`/a{b}/`, `aliases[0]: "/a{b}/" contains "{", which is not allowed in a URL path (remove the "{")`},
		{`/a^b/`, `aliases[0]: "/a^b/" contains "^", which is not allowed in a URL path (remove the "^")`},
		{`//evil.example/`, `aliases[0]: "//evil.example/" starts with //, which browsers read as another host (write "/evil.example/")`},
		{`old/x/`, `aliases[0]: "old/x/" does not start with / (write "/old/x/")`},
		{`\old\`, `aliases[0]: "\\old\\" does not start with / (write "/old\\")`},
		{`https://example.com/old/`, `aliases[0]: "https://example.com/old/" is a full URL, not a path (write only its path, e.g. "/old/")`},
	}
	for _, tt := range tests {
		// A YAML single-quoted scalar keeps every character as written.
		src := doc(okTitle, okDate, "aliases:", "  - '"+tt.alias+"'")
		if tt.alias[0] == '"' {
			src = doc(okTitle, okDate, "aliases:", "  - "+tt.alias)
		}
		got := diagnostics(t, src)
		want := "content/a.md:5: " + tt.want
		if len(got) != 1 || got[0] != want {
			t.Errorf("alias %q:\n got %q\nwant %q", tt.alias, got, want)
		}
	}
}

func TestAliasAccepted(t *testing.T) {
	for _, a := range []string{
		"/old/", "/2023/05/old-name/", "/old-name", "/old.html", "/a_b~c/", "/p/(1)/", "/a+b/", "/x=1;y=2/",
		"/news/香港证监会/", "/news/%E9%A6%99%E6%B8%AF/", "/café/", "/@desk/", "/it's/", "/a&b/", "/$5/", "/a,b/",
		"/.well-known/old/", "/",
	} {
		b, list := Parse("content/a.md", []byte(doc(okTitle, okDate, "aliases:", "  - '"+escapeSingle(a)+"'")), Options{})
		if len(list) > 0 {
			t.Errorf("alias %q: unexpected diagnostics:\n%s", a, list.Error())
			continue
		}
		if len(b.Aliases) != 1 || b.Aliases[0] != (Alias{Path: a, Field: "aliases[0]", Line: 5}) {
			t.Errorf("alias %q: got %+v", a, b.Aliases)
		}
	}
}

func escapeSingle(s string) string {
	out := ""
	for _, r := range s {
		if r == '\'' {
			out += "''"
		} else {
			out += string(r)
		}
	}
	return out
}

// Each alias keeps its own line and index, so that a clash found later
// points at the item; a single string is the field itself.
func TestAliasLines(t *testing.T) {
	b, list := Parse("content/a.md", []byte(doc(okTitle, okDate, "aliases:", "  - /a/", "  - /b/", "  - /a/")), Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	want := []Alias{{"/a/", "aliases[0]", 5}, {"/b/", "aliases[1]", 6}}
	if len(b.Aliases) != 2 || b.Aliases[0] != want[0] || b.Aliases[1] != want[1] {
		t.Errorf("aliases %+v, want %+v", b.Aliases, want)
	}
	b, _ = Parse("content/a.md", []byte(doc(okTitle, okDate, "aliases: /old/")), Options{})
	if len(b.Aliases) != 1 || b.Aliases[0] != (Alias{"/old/", "aliases", 4}) {
		t.Errorf("aliases %+v", b.Aliases)
	}
}
