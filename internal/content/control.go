package content

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"brief/internal/diag"
)

// Control characters (C0 and C1, DEL) are invisible in an editor and reach
// readers as garbage: ESC and BEL made it into pages and terminals. Front
// matter may hold tabs and line breaks; a body also carriage returns. Any
// other is an error at its line, one per field and one for the body.

const controlHint = diag.ControlHint

// badInField reports control characters a front matter value may not hold.
func badInField(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' }

// sentinel stands in for a raw control character while a front matter
// block is decoded. A noncharacter: no real text holds it, and every
// decoder accepts it where it accepts text.
const sentinel = '\uFDD0'

// rawControl is a control character written as is in a front matter block.
type rawControl struct {
	line int
	r    rune
}

// maskControls replaces the raw control characters of a front matter block
// (first is the file line of its first byte) by sentinel. The decoders
// refuse them with a bare syntax error; masked, the block decodes and each
// is reported at its field. data is not modified.
func maskControls(data []byte, first int) ([]byte, []rawControl) {
	start := firstInField(data)
	if start < 0 {
		return data, nil // the usual block: nothing to mask
	}
	return maskFrom(data, first+bytes.Count(data[:start], newline), start)
}

// maskFrom is maskControls decoding the characters of data from start
// (a character's first byte, on file line line) on.
func maskFrom(data []byte, line, start int) ([]byte, []rawControl) {
	var raws []rawControl
	var out []byte
	for i := start; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == '\n':
			line++
		case badInField(r) || r == sentinel:
			if out == nil {
				out = append(make([]byte, 0, len(data)+8), data[:i]...)
			}
			raws = append(raws, rawControl{line, r})
			out = utf8.AppendRune(out, sentinel)
			i += size
			continue
		}
		if out != nil {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return data, nil
	}
	return out, raws
}

// firstInField is the offset of the first character maskControls
// replaces in data, or -1: a look-up per byte instead of decoding every
// character. A byte that starts one (C0 but tab and line feed, DEL, the
// 0xC2 of C1, the 0xEF of the sentinel) never continues another
// character, so that it is found wherever decoding would start there.
func firstInField(data []byte) int {
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !suspectInField[c] {
			continue
		}
		switch {
		case c == 0xC2 && (i+1 == len(data) || data[i+1] < 0x80 || data[i+1] > 0x9F):
			continue // U+00A0 to U+00BF
		case c == 0xEF && !bytes.HasPrefix(data[i:], sentinelUTF8):
			continue // another character from U+F000 to U+FFFF
		}
		return i
	}
	return -1
}

// suspectInField marks the bytes that may start what maskControls
// replaces: C0 but tab and line feed, DEL, and the first bytes of C1 and
// of the sentinel.
var suspectInField = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n'
	}
	t[0x7F], t[0xC2], t[0xEF] = true, true, true
	return t
}()

var sentinelUTF8 = []byte(string(sentinel))

// cleanTree reports whether no key or string under n holds a control
// character or the sentinel, the characters controls looks for.
func cleanTree(n *node) bool {
	switch n.kind {
	case kindString:
		return cleanText(n.text)
	case kindList:
		for _, it := range n.items {
			if !cleanTree(it) {
				return false
			}
		}
	case kindMap:
		for _, e := range n.keys {
			if !cleanText(e.key) || !cleanTree(e.val) {
				return false
			}
		}
	}
	return true
}

func cleanText(s string) bool {
	return plainText(s) || cleanRunes(s) // printable ASCII, tabs and line feeds are clean
}

func cleanRunes(s string) bool {
	for _, r := range s {
		if r == sentinel || badInField(r) {
			return false
		}
	}
	return true
}

// controls reports control characters in the decoded front matter, raw
// (masked by maskControls) or written as escapes ("\e", "\u0007"): one
// error per top-level field, at the value's line. It returns the fields
// reported, which are not decoded any further, and reports raw ones that
// no value holds (in a comment, say) at their own lines.
func (p *parser) controls(root *node, raws []rawControl) map[string]bool {
	// A tree the quick decoder made of plain text is clean: its strings
	// are printable ASCII from the block's lines (no tab: quickRunes).
	if root.kind != kindMap || len(raws) == 0 && (p.plain && p.quick || cleanTree(root)) {
		return nil // nearly every block: no field names to build, nor a map
	}
	bad := map[string]bool{}
	used := make([]bool, len(raws))
	// which names the control character in s on line (or after it).
	which := func(s string, line int) rune {
		for _, r := range s {
			if r == sentinel {
				for i, raw := range raws {
					if !used[i] && raw.line >= line {
						used[i] = true
						return raw.r
					}
				}
				return r
			}
			if badInField(r) {
				return r
			}
		}
		return -1
	}
	// find returns the first value (or key) under n holding a control
	// character, and goes on through the rest so that every raw one in
	// the field is accounted for.
	var find func(n *node, field string) (string, int, rune)
	find = func(n *node, field string) (f string, l int, r rune) {
		f, r = "", -1
		note := func(field string, line int, c rune) {
			if r < 0 && c >= 0 {
				f, l, r = field, line, c
			}
		}
		switch n.kind {
		case kindString:
			note(field, n.line, which(n.text, n.line))
		case kindList:
			for i, it := range n.items {
				note(find(it, itemField(field, i)))
			}
		case kindMap:
			for _, e := range n.keys {
				c := which(e.key, e.line)
				note(field+"."+displayKey(e.key, c), e.line, c)
				note(find(e.val, field+"."+e.key))
			}
		}
		return f, l, r
	}
	for _, e := range root.keys {
		c := which(e.key, e.line)
		field, line, r := find(e.val, e.key)
		if c >= 0 {
			field, line, r = displayKey(e.key, c), e.line, c
		}
		if r >= 0 {
			bad[e.key] = true
			p.errorf(line, field, controlHint, "contains the control character %s", diag.ControlName(r))
		}
	}
	for i, raw := range raws {
		if !used[i] {
			p.errorf(raw.line, "", controlHint, "front matter contains the control character %s", diag.ControlName(raw.r))
		}
	}
	return bad
}

// displayKey shows a key that holds the control character r (-1: none) as
// it can be printed: quoted, with Go escapes.
func displayKey(k string, r rune) string {
	if r < 0 {
		return k
	}
	return strconv.Quote(strings.ReplaceAll(k, string(sentinel), string(r)))
}

// bodyControl finds the first control character a body may not hold (all
// but tab, line feed and carriage return) and the number of lines after
// it that hold one too. line is the 1-based line within body, which is
// valid UTF-8 (Parse's normalised text).
func bodyControl(body []byte) (r rune, line, more int) {
	r = -1
	lastLine := 0
	cur, counted := 1, 0 // cur is the line of body[counted]
	words := 0           // where the next eight bytes are looked at at once
	for i := 0; i < len(body); i++ {
		// Most bytes are not suspect: eight at a time while none is, then
		// the eight with one (a line feed, often) one table look-up each.
		// Lines are counted only where a control character is found.
		if i >= words {
			for i+8 <= len(body) && !suspectWord(binary.LittleEndian.Uint64(body[i:])) {
				i += 8
			}
			if i == len(body) {
				break
			}
			words = i + 8
		}
		if !suspectInBody[body[i]] {
			continue
		}
		if body[i] == 0xC2 && (i+1 == len(body) || body[i+1] < 0x80 || body[i+1] > 0x9F) {
			continue // a character from U+00A0 to U+00BF, not C1
		}
		cur += bytes.Count(body[counted:i], newline)
		counted = i
		cc, size := utf8.DecodeRune(body[i:])
		if r < 0 {
			r, line, lastLine = cc, cur, cur
		} else if cur != lastLine {
			more++
			lastLine = cur
		}
		i += size - 1
	}
	return r, line, more
}

// plainText reports whether text holds printable ASCII, tabs and line
// feeds only, as most sources do: then it is valid UTF-8, its body holds
// no control character (bodyControl finds none) and its front matter
// nothing to mask (firstInField finds nothing), and one pass over 32
// bytes at a time finds that out for all three.
func plainText[T ~string | ~[]byte](text T) bool {
	for len(text) >= 32 {
		x := notPlainWord(word(text[0:8])) | notPlainWord(word(text[8:16])) | notPlainWord(word(text[16:24])) | notPlainWord(word(text[24:32]))
		if x != 0 && badWord(word(text[0:8]))|badWord(word(text[8:16]))|badWord(word(text[16:24]))|badWord(word(text[24:32])) != 0 {
			return false
		}
		text = text[32:]
	}
	return plainWords(text)
}

// badWord is not zero when a byte of x is not printable ASCII, a tab or a
// line feed, exactly: no carry crosses from one byte into the next. It is
// notPlainWord without the line feeds and tabs that most words
// notPlainWord stops at hold (a line every 113 bytes in the corpus).
func badWord(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	y := x &^ highs       // each byte's low seven bits
	ge20 := y + 0x60*ones // high bit: at least 0x20
	ge09 := y + 0x77*ones // at least a tab
	ge0B := y + 0x75*ones // past a line feed
	del := y + ones       // 0x7F
	return (x | del | ^(ge20 | ge09&^ge0B)) & highs
}

// notPlainWord is not zero when a byte of x is below 0x20 (line feeds and
// tabs too) or from 0x7F up: a byte below 0x20 borrows into its high bit,
// DEL carries into it, and anything above has it. Where a borrow or a
// carry crosses into the next byte, a byte before it was one of these.
func notPlainWord(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ((x - 0x20*ones) | (x + ones) | x) & highs
}

// plainWords is plainText eight bytes at a time, then byte by byte where
// a word may not be plain.
func plainWords[T ~string | ~[]byte](b T) bool {
	for ; len(b) >= 8; b = b[8:] {
		if notPlainWord(word(b[:8])) != 0 && !plainBytes(b[:8]) {
			return false
		}
	}
	return plainBytes(b)
}

// word is the eight bytes of b, little-endian, as one load.
func word[T ~string | ~[]byte](b T) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func plainBytes[T ~string | ~[]byte](b T) bool {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x7F || c < 0x20 && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// suspectWord reports whether any of the eight bytes of x is below 0x20
// (line feeds and tabs too), DEL or 0xC2: a superset of suspectInBody.
func suspectWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	del, c2 := x^0x7F*ones, x^0xC2*ones
	return ((x-0x20*ones)&^x|(del-ones)&^del|(c2-ones)&^c2)&highs != 0
}

// suspectInBody marks the bytes that start a control character a body may
// not hold: C0 but tab, line feed and carriage return; DEL; and 0xC2, the
// first byte of C1 (U+0080-U+009F) in UTF-8, and of U+00A0-U+00BF. In valid
// UTF-8, 0xC2 never continues another character.
var suspectInBody = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7F], t[0xC2] = true, true
	return t
}()

// badInBody reports control characters a body may not hold.
func badInBody(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

// bodyReference finds the first character reference ("&#7;", "&#x1b;")
// that Markdown would turn into a control character a body may not hold,
// and the number of lines after it that hold one too. References in code
// spans and fenced code blocks stay text and are skipped, as are escaped
// ones ("\&#7;"); "&#0;" becomes U+FFFD and is harmless.
func bodyReference(body []byte) (ref string, r rune, line, more int) {
	r = -1
	if !bytes.Contains(body, []byte("&#")) {
		return // every numeric reference starts so; most bodies have none
	}
	var fence []byte // the opening fence while inside a fenced block
	for n, text := range bytes.Split(body, newline) {
		if f := codeFence(text); f != nil {
			switch {
			case fence == nil:
				fence = f
			case f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(text)) == len(f):
				fence = nil
			}
			continue
		}
		if fence != nil {
			continue
		}
		if s, c := lineReference(text); c >= 0 {
			if r < 0 {
				ref, r, line = s, c, n+1
			} else {
				more++
			}
		}
	}
	return ref, r, line, more
}

// codeFence returns the fence (``` or ~~~, three or more) that opens or
// closes a fenced code block on this line, or nil.
func codeFence(line []byte) []byte {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return t[:n]
}

// lineReference finds the first character reference to a control
// character on one line, outside code spans.
func lineReference(text []byte) (string, rune) {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++ // an escaped character is text
		case '`':
			n := 1
			for i+n < len(text) && text[i+n] == '`' {
				n++
			}
			if end := closingTicks(text[i+n:], n); end >= 0 {
				i += n + end + n - 1
			} else {
				i += n - 1
			}
		case '&':
			if ref, r, ok := numericReference(text[i:]); ok && r != 0 && badInBody(r) {
				return ref, r
			}
		}
	}
	return "", -1
}

// closingTicks is the index in s of a run of exactly n backticks, or -1.
func closingTicks(s []byte, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// numericReference reads "&#123;" or "&#x1F;" at the start of s, as
// CommonMark does: at most 7 decimal or 6 hexadecimal digits.
func numericReference(s []byte) (string, rune, bool) {
	if len(s) < 4 || s[0] != '&' || s[1] != '#' {
		return "", 0, false
	}
	i, base, max := 2, 10, 7
	if s[2] == 'x' || s[2] == 'X' {
		i, base, max = 3, 16, 6
	}
	start := i
	for i < len(s) && i-start < max && isDigitIn(s[i], base) {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return "", 0, false
	}
	n, err := strconv.ParseInt(string(s[start:i]), base, 32)
	if err != nil {
		return "", 0, false
	}
	return string(s[:i+1]), rune(n), true
}

func isDigitIn(c byte, base int) bool {
	return '0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}

// checkBody reports the body's first control character, or if there is
// none, its first character reference to one (bodyLine is the file line
// the body starts on).
func (p *parser) checkBody(body []byte, bodyLine int) {
	r, line, more := rune(-1), 0, 0
	if !p.plain {
		r, line, more = bodyControl(body)
	}
	written := ""
	if r < 0 {
		var ref string
		if ref, r, line, more = bodyReference(body); r < 0 {
			return
		}
		written = fmt.Sprintf(", written as %q", ref)
	}
	msg := "contains the control character " + diag.ControlName(r) + written
	switch {
	case more == 1:
		msg += ", and 1 more line has one"
	case more > 1:
		msg += fmt.Sprintf(", and %d more lines have one", more)
	}
	p.errorf(bodyLine+line-1, "body", controlHint, "%s", msg)
}
