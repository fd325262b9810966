// Package jsonquote writes strings as JSON the way encoding/json does,
// without its reflection, for the encoders that write documents of many
// small values (structured data, data exports).
package jsonquote

import "unicode/utf8"

// Append appends s quoted as encoding/json writes a string, byte for
// byte: U+2028 and U+2029 as \u escapes (JavaScript line ends), invalid
// UTF-8 as U+FFFD, and with html (encoding/json's default) <, > and & as
// \u escapes too, so that the text cannot end a <script> element.
func Append(b []byte, s string, html bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	plain := &plainText
	if html {
		plain = &plainHTML
	}
	start := 0
	next := 0 // where the next eight bytes may be tried at once
	for i := 0; i < len(s); {
		// Eight bytes copied as they are at once where they can be: a
		// briefing's body in a search fragment is thousands.
		if i >= next && i+8 <= len(s) {
			for i+16 <= len(s) { // sixteen at a time, one test of the loop for each
				b := s[i : i+16]
				if !(plain[b[0]] && plain[b[1]] && plain[b[2]] && plain[b[3]] &&
					plain[b[4]] && plain[b[5]] && plain[b[6]] && plain[b[7]] &&
					plain[b[8]] && plain[b[9]] && plain[b[10]] && plain[b[11]] &&
					plain[b[12]] && plain[b[13]] && plain[b[14]] && plain[b[15]]) {
					break
				}
				i += 16
			}
			if i+8 > len(s) {
				continue
			}
			if b := s[i : i+8]; plain[b[0]] && plain[b[1]] && plain[b[2]] && plain[b[3]] &&
				plain[b[4]] && plain[b[5]] && plain[b[6]] && plain[b[7]] {
				i += 8
				continue
			}
			next = i + 8 // a byte to look at: one at a time up to there
		}
		c := s[i]
		if plain[c] { // most of any ASCII text, found by one look-up
			i++
			continue
		}
		if c < utf8.RuneSelf {
			var esc string
			switch {
			case c == '"':
				esc = `\"`
			case c == '\\':
				esc = `\\`
			case c == '\n':
				esc = `\n`
			case c == '\r':
				esc = `\r`
			case c == '\t':
				esc = `\t`
			case c == '\b':
				esc = `\b`
			case c == '\f':
				esc = `\f`
			case c < 0x20 || html && (c == '<' || c == '>' || c == '&'):
				esc = `\u00` + string(hex[c>>4]) + string(hex[c&0xf])
			default:
				i++
				continue
			}
			b = append(append(b, s[start:i]...), esc...)
			i++
			start = i
			continue
		}
		if threeBytes(s, i) { // Chinese, mostly: copied as it is
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// plainText and plainHTML say which bytes Append copies as they are: ASCII
// but for control characters, '"' and '\\', and, for HTML, '<', '>' and
// '&'. Bytes of other characters are not: Append decodes those.
var plainText, plainHTML = func() (text, html [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		text[c] = c != '"' && c != '\\'
		html[c] = text[c] && c != '<' && c != '>' && c != '&'
	}
	return text, html
}()

// threeBytes says whether s holds at i a character of three bytes in valid
// UTF-8 other than those that begin with 0xE2 (among them U+2028 and
// U+2029, which Append escapes): what the rest of the CJK scripts' text is
// made of, found without decoding it.
func threeBytes(s string, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	c, c1, c2 := s[i], s[i+1], s[i+2]
	if c < 0xE0 || c > 0xEF || c == 0xE2 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
		return false
	}
	// No overlong forms (E0 80-9F) nor surrogates (ED A0-BF).
	return (c != 0xE0 || c1 >= 0xA0) && (c != 0xED || c1 < 0xA0)
}
