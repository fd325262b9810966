package content

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Alias is an old URL path that redirects to the briefing, with the place
// it was written, so that a clash can point at the very item.
type Alias struct {
	Path  string // "/2023/old-name/"
	Field string // "aliases[2]", or "aliases" when the field is one string
	Line  int
}

// aliases reads the aliases field: a list of paths, or one path.
func (p *parser) aliases(v *node) []Alias {
	var out []Alias
	p.stringList(v, "aliases", func(s string, line int, field string, i int) bool {
		field = elemName(field, i)
		if !p.checkAlias(s, line, field) {
			return false
		}
		for _, a := range out {
			if a.Path == s {
				return true // a repeat redirects nothing new
			}
		}
		out = append(out, Alias{Path: s, Field: field, Line: line})
		return true
	})
	return out
}

// aliasHint is the hint for an alias that cannot be an exact path.
const aliasHint = `an alias is one exact path, such as "/2023/old-name/": list each old URL`

// checkAlias accepts a path on this site that can be written into Netlify's
// _redirects as a literal: each alias becomes a line "FROM TO 301!", where
// "*" is a splat, ":name" a placeholder, "!" forces, whitespace separates
// fields and "#" starts a comment, so "/*" would redirect the whole site.
// Only what is needed to write a real old URL is allowed: letters of any
// script, digits, "-._~" and RFC 3986's other path characters that Netlify
// does not read, and percent-encoded non-ASCII bytes. An encoded ASCII
// character ("%2e", "%2F", "%5c", "%00") is refused, since it can hide a
// "..", "/" or "\" from this check and reach another path.
func (p *parser) checkAlias(s string, line int, field string) bool {
	bad := func(hint, format string, args ...any) bool {
		p.errorf(line, field, hint, format, args...)
		return false
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		path := "/"
		if u, err := url.Parse(s); err == nil && u.Path != "" {
			path = u.Path
		}
		return bad(fmt.Sprintf("write only its path, e.g. %q", path), "%q is a full URL, not a path", s)
	}
	if !strings.HasPrefix(s, "/") {
		return bad(fmt.Sprintf("write %q", "/"+strings.TrimLeft(s, `\`)), "%q does not start with /", s)
	}
	if strings.HasPrefix(s, "//") {
		return bad(fmt.Sprintf("write %q", "/"+strings.TrimLeft(s, "/")), "%q starts with //, which browsers read as another host", s)
	}
	for i, r := range s {
		switch {
		case r == '*':
			return bad(aliasHint, `%q contains "*", which Netlify reads as a splat matching any path`, s)
		case r == ':':
			return bad(aliasHint, `%q contains ":", which Netlify reads as a placeholder matching any segment`, s)
		case r == '!':
			return bad(`remove the "!"`, `%q contains "!", which Netlify reads as a forced rule`, s)
		case r == '?':
			return bad(fmt.Sprintf("write %q", s[:i]), "%q contains a query string, which a redirect cannot match", s)
		case r == '#':
			return bad(fmt.Sprintf("write %q", s[:i]), "%q contains a #fragment, which browsers never send", s)
		case r == '\\':
			return bad(fmt.Sprintf("write %q", strings.ReplaceAll(s, `\`, "/")), "%q contains a backslash", s)
		case unicode.IsControl(r) || r == utf8.RuneError:
			return bad("remove it", "%q contains the control character %U", s, r)
		case unicode.IsSpace(r):
			return bad("use hyphens instead of spaces", "%q contains whitespace, which ends a rule's path in _redirects", s)
		case r == '%':
			if ok, hint, msg := percentEscape(s[i:]); !ok {
				return bad(hint, "%q %s", s, msg)
			}
		case r < utf8.RuneSelf && !isPathChar(byte(r)):
			return bad(fmt.Sprintf("remove the %q", string(r)), "%q contains %q, which is not allowed in a URL path", s, string(r))
		}
	}
	// The escapes are all of non-ASCII bytes: decoded, they must spell
	// text, not a control character or a broken sequence.
	if dec, err := url.PathUnescape(s); err != nil || !utf8.ValidString(dec) || strings.ContainsFunc(dec, unicode.IsControl) {
		return bad("encode only whole UTF-8 characters that are letters, digits or marks", "%q decodes to invalid or control characters", s)
	}
	if hasDotDot(s) {
		return bad("write the path as it resolves, without . or .. segments", `%q contains a "." or ".." segment`, s)
	}
	return true
}

// isPathChar reports ASCII that may appear in an alias as written: RFC
// 3986's unreserved characters and sub-delimiters, "@" and "/", less "*",
// ":" and "!" (handled before, as Netlify syntax) and "%" (checked apart).
func isPathChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~$&'()+,;=@/", c) >= 0
}

// percentEscape checks the "%XX" at the start of s: only bytes of encoded
// non-ASCII characters are accepted. It returns a hint and a message.
func percentEscape(s string) (ok bool, hint, msg string) {
	if len(s) < 3 || !isHex(s[1]) || !isHex(s[2]) {
		return false, `remove the "%"`, `contains a "%" that is not followed by two hex digits`
	}
	b := unhex(s[1])<<4 | unhex(s[2])
	if b >= utf8.RuneSelf {
		return true, "", ""
	}
	esc := s[:3]
	switch b {
	case '.', '/', '\\':
		return false, fmt.Sprintf("write the path without encoding, or remove the %q", esc),
			fmt.Sprintf("contains %q, an encoded %q that could reach another path", esc, string(rune(b)))
	}
	if b < ' ' || b == 0x7f {
		return false, "remove it", fmt.Sprintf("contains %q, an encoded control character", esc)
	}
	return false, fmt.Sprintf("write %q itself rather than %q", string(rune(b)), esc),
		fmt.Sprintf("contains %q, an encoded ASCII character", esc)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func hasDotDot(path string) bool {
	for seg := range strings.SplitSeq(path, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}
