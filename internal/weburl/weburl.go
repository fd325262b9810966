// Package weburl reads the host of a web address of the plain shape most
// briefings cite without net/url's allocations; anything else is left to
// url.Parse, which gives the same answer for every address this accepts.
package weburl

// PlainHost returns the host of s and true when s is an http or https URL
// of the plain shape: "http://" or "https://" in lower case, a host of
// ASCII letters, digits, dots and hyphens (no user, no port), then nothing
// or a '/', '?' or '#' followed by printable ASCII other than '%' (no
// escape to check, no white space). url.Parse reads every such s without
// an error, with that scheme and with Host and Hostname() both the host.
// Any other s gets false: ask url.Parse.
func PlainHost(s string) (string, bool) {
	var rest string
	switch {
	case len(s) > len("https://") && s[:len("https://")] == "https://":
		rest = s[len("https://"):]
	case len(s) > len("http://") && s[:len("http://")] == "http://":
		rest = s[len("http://"):]
	default:
		return "", false
	}
	end := len(rest)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == '/' || c == '?' || c == '#' {
			end = i
			break
		}
		if !hostByte[c] {
			return "", false
		}
	}
	if end == 0 {
		return "", false
	}
	for i := end; i < len(rest); i++ {
		if c := rest[i]; c <= ' ' || c >= 0x7F || c == '%' {
			return "", false
		}
	}
	return rest[:end], true
}

// hostByte marks the bytes of a plain host.
var hostByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	t['.'], t['-'] = true, true
	return t
}()
