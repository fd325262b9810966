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
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] { // most of any text, found by one look-up
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
