package markdown

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// The fast path renders a body without goldmark when every line of it is
// in the plain Markdown most briefings are written in, straight to the
// Result goldmark's pipeline gives: goldmark's tree of nodes and segments
// was the largest part of a build's CPU and allocation. It declines (and
// goldmark renders the body) at the first byte or construct it is not
// certain about, so it only has to be right about what it accepts:
//
//   - ATX headings "# Text" to "###### Text": one space after the marks,
//     no "#" in the text, no space at the end;
//   - paragraphs, their lines joined as goldmark joins them (a break
//     between two CJK characters is dropped: joinCJKLines);
//   - tight lists of one-line items, "- item" or "1. item", each list
//     after a blank line, a heading or the start, and before a blank line
//     or the end, and not followed by another list after a blank line;
//   - "*em*" and "**strong**" around plain text, CommonMark's flanking
//     rules with CJK as ours (emphasisFlanks), every run of stars paired;
//   - inline links "[plain text](destination)" with no title, .md and
//     #fragment links resolved as resolveLinks resolves them (a link that
//     would be reported declines);
//   - text of letters, digits, spaces, common punctuation and printable
//     non-ASCII, but for anything goldmark's extensions act on: quotes and
//     apostrophes, "--", "..", "<" ">" "&" "\" "`" "_" "~" "|" "@" "!"
//     "^" "{" "}", tabs and other controls, and "http", "www." or "ftp"
//     (linkify);
//
// and never with Options.Unsafe (the sanitiser). FuzzFastPathAgrees and
// TestFastPathAgreesOnCorpus hold it to goldmark's Result.

// Byte classes of the fast path's text.
const (
	fastText uint8 = iota // written as it is
	fastStop              // declines
	fastLook              // needs a look at what follows, or is markup
)

var fastClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c < ' ' || c == 0x7F:
			t[c] = fastStop
		case c >= utf8.RuneSelf:
			t[c] = fastLook
		}
	}
	for _, c := range []byte("\\&<>\"'`_~|@!^{}") {
		t[c] = fastStop
	}
	for _, c := range []byte("*[]-.hHwWfF") {
		t[c] = fastLook
	}
	return t
}()

// fastDest are the bytes a link destination may hold on the fast path.
var fastDest = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isASCIIAlnum(byte(c))
	}
	for _, c := range []byte("-._~:/?#%=+,;$*") {
		t[c] = true
	}
	return t
}()

// renderFast renders src on the fast path into buf (its text into textBuf
// when it has room), or declines: false, and buf holds nothing of use.
func (r *Renderer) renderFast(src []byte, ctx Context, buf *htmlBuffer, textBuf []byte) (Result, bool) {
	st := &renderState{ctx: ctx}
	f := fastBody{src: src, st: st, html: &buf.html, text: newBodyText(src, !ctx.PlainText, textBuf)}
	if !f.render() {
		return Result{}, false
	}
	words, cjk := f.text.count.result()
	return r.result(buf, f.text.String(), f.text.b, words, cjk, st), true
}

// fastBody is one body on the fast path.
type fastBody struct {
	src  []byte
	st   *renderState // the context, headings and fragments
	html *bytes.Buffer
	text *textBuilder
	// label is the text of the heading being written (inHeading).
	label     textBuilder
	inHeading bool
	used      map[string]bool // heading ids
	inner     []byte          // a heading's HTML while its id is worked out
	line      int             // the current line, from 0
	// endsText says the line written last ended in text (not markup).
	endsText bool
}

// Block states between lines.
const (
	fastNone = iota // no block open
	fastPara
	fastBullets
	fastNumbers
)

// render writes the body; false: it declines, and what was written is
// to be thrown away.
func (f *fastBody) render() bool {
	src := f.src
	state := fastNone
	afterList := false // a list ended at the blank line before
	var last rune      // the last character of the paragraph's line before
	for pos := 0; pos < len(src); f.line++ {
		end := bytes.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += pos
		}
		l := src[pos:end]
		if len(l) == 0 {
			if state != fastNone {
				afterList = state != fastPara
				f.closeBlock(state)
				state = fastNone
			}
			pos = end + 1
			continue
		}
		if l[len(l)-1] == ' ' {
			return false // trimmed, or a hard line break
		}
		kind, content := fastNone, 0
		switch c := l[0]; {
		case c == '#':
			if state == fastBullets || state == fastNumbers {
				return false
			}
			if state == fastPara {
				f.closeBlock(state)
				state = fastNone
			}
			if !f.heading(l, pos) {
				return false
			}
			afterList = false
			pos = end + 1
			continue
		case c == '-':
			if len(l) < 3 || l[1] != ' ' {
				return false
			}
			kind, content = fastBullets, 2
		case '0' <= c && c <= '9':
			d := 1
			for d < len(l) && '0' <= l[d] && l[d] <= '9' {
				d++
			}
			if d < len(l) && (l[d] == '.' || l[d] == ')') {
				if d > 9 || l[d] == ')' || d+2 >= len(l) || l[d+1] != ' ' {
					// Not a list item we write, or not one at all
					// ("1.5 million"): a paragraph line only when
					// nothing could make it an item.
					if d+1 >= len(l) || l[d+1] == ' ' {
						return false
					}
				} else {
					kind, content = fastNumbers, d+2
				}
			}
		case !plainLineStart(l):
			return false
		}
		if kind != fastNone {
			item := l[content:]
			if !plainLineStart(item) || item[0] == '-' || item[0] == '#' || orderedMarker(item) {
				return false
			}
			switch {
			case state == kind:
			case state != fastNone || afterList:
				return false
			default:
				f.openList(kind, l[:content-2])
				state = kind
			}
			f.html.WriteString("<li>")
			f.text.breakBlock()
			if !f.inline(item, pos+content) {
				return false
			}
			f.text.breakBlock()
			f.html.WriteString("</li>\n")
			pos = end + 1
			continue
		}
		// A paragraph's line.
		switch state {
		case fastBullets, fastNumbers:
			return false // a lazy continuation of the item
		case fastPara:
			first, _ := utf8.DecodeRune(l)
			if !(f.endsText && isWide(last) && l[0] != '*' && l[0] != '[' && isWide(first)) {
				f.html.WriteByte('\n')
				f.text.softBreak()
			}
		default:
			f.html.WriteString("<p>")
			f.text.breakBlock()
			state = fastPara
		}
		afterList = false
		if !f.inline(l, pos) {
			return false
		}
		last, _ = utf8.DecodeLastRune(l)
		pos = end + 1
	}
	f.closeBlock(state)
	return true
}

// plainLineStart says that a line starting so is, on the fast path, a
// paragraph's line (or an item's text): no block starts with it.
func plainLineStart(l []byte) bool {
	switch l[0] {
	case ' ', '+', '=', ':':
		return false
	case '*':
		return len(l) > 1 && l[1] != ' '
	}
	return true
}

// orderedMarker says whether l starts like an ordered list item: digits,
// "." or ")", then a space or the end.
func orderedMarker(l []byte) bool {
	d := 0
	for d < len(l) && '0' <= l[d] && l[d] <= '9' {
		d++
	}
	return d > 0 && d < len(l) && (l[d] == '.' || l[d] == ')') && (d+1 == len(l) || l[d+1] == ' ')
}

func (f *fastBody) openList(kind int, digits []byte) {
	f.text.breakBlock()
	if kind == fastBullets {
		f.html.WriteString("<ul>\n")
		return
	}
	f.html.WriteString("<ol")
	if n, _ := strconv.Atoi(string(digits)); n != 1 {
		f.html.WriteString(` start="`)
		f.html.WriteString(strconv.Itoa(n))
		f.html.WriteByte('"')
	}
	f.html.WriteString(">\n")
}

func (f *fastBody) closeBlock(state int) {
	switch state {
	case fastPara:
		f.html.WriteString("</p>\n")
	case fastBullets:
		f.html.WriteString("</ul>\n")
	case fastNumbers:
		f.html.WriteString("</ol>\n")
	}
	f.text.breakBlock()
}

// heading writes the ATX heading l, at offset pos of the body.
func (f *fastBody) heading(l []byte, pos int) bool {
	level := 1
	for level < len(l) && l[level] == '#' {
		level++
	}
	text := l[min(level+1, len(l)):]
	if level > 6 || level+2 > len(l) || l[level] != ' ' || text[0] == ' ' || text[len(text)-1] == ' ' || bytes.IndexByte(text, '#') >= 0 {
		return false
	}
	f.text.breakBlock()
	mark := f.html.Len()
	f.inHeading = true
	f.label.b = f.label.b[:0]
	f.label = textBuilder{b: f.label.b}
	ok := f.inline(text, pos+level+1)
	f.inHeading = false
	if !ok {
		return false
	}
	f.text.breakBlock()
	label := string(f.label.b)
	if f.used == nil {
		f.used = map[string]bool{}
	}
	id := uniqueID(headingBase(label), f.used)
	f.used[id] = true
	f.st.headings = append(f.st.headings, Heading{Level: level, ID: id, Text: label})
	// The start tag goes before the text written, now that its id is known.
	f.inner = append(f.inner[:0], f.html.Bytes()[mark:]...)
	f.html.Truncate(mark)
	f.html.WriteString("<h")
	f.html.WriteByte("0123456"[level])
	f.html.WriteString(` id="`)
	f.html.Write(util.EscapeHTML(util.StringToReadOnlyBytes(id)))
	f.html.WriteString(`">`)
	f.html.Write(f.inner)
	f.html.WriteString("</h")
	f.html.WriteByte("0123456"[level])
	f.html.WriteString(">\n")
	return true
}

// inline writes the text of one line, s, at offset off of the body.
func (f *fastBody) inline(s []byte, off int) bool {
	f.endsText = false
	for i := 0; i < len(s); {
		j, ok := plainEnd(s, i)
		if !ok {
			return false
		}
		if j > i {
			f.write(s[i:j])
			f.endsText = j == len(s)
		}
		if j == len(s) {
			return true
		}
		switch s[j] {
		case '*':
			i, ok = f.emphasis(s, j, off)
		case '[':
			i, ok = f.link(s, j)
		default: // "]"
			return false
		}
		if !ok {
			return false
		}
	}
	return true
}

// write writes text as it is.
func (f *fastBody) write(s []byte) {
	f.html.Write(s)
	f.text.write(s)
	if f.inHeading {
		f.label.write(s)
	}
}

// plainEnd is where the plain text of s from i ends: at its end, or at a
// "*", "[" or "]"; false: the text holds what the fast path declines.
func plainEnd(s []byte, i int) (int, bool) {
	for i < len(s) {
		c := s[i]
		switch fastClass[c] {
		case fastText:
			i++
			continue
		case fastStop:
			return i, false
		}
		rest := s[i+1:]
		switch c {
		case '*', '[', ']':
			return i, true
		case '-', '.':
			if len(rest) > 0 && rest[0] == c {
				return i, false // typographer: dashes, ellipsis
			}
		case 'h', 'H':
			if hasPrefixFold(rest, "ttp") {
				return i, false // linkify
			}
		case 'w', 'W':
			if hasPrefixFold(rest, "ww.") {
				return i, false
			}
		case 'f', 'F':
			if hasPrefixFold(rest, "tp") {
				return i, false
			}
		default:
			r, n := utf8.DecodeRune(s[i:])
			if !fastRune(r) {
				return i, false
			}
			i += n
			continue
		}
		i++
	}
	return i, true
}

// fastRune says whether the fast path writes r as text: printable, not a
// space (goldmark and the text differ in which spaces they trim).
func fastRune(r rune) bool {
	if mainHan(r) {
		return true
	}
	return r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r)
}

// emphasis writes "*text*" or "**text**" starting at s[i], at offset off
// of the body, and returns where it ends.
func (f *fastBody) emphasis(s []byte, i, off int) (int, bool) {
	n := starRun(s, i)
	if n > 2 {
		return 0, false
	}
	if open, closes := emphasisFlanks('*', f.runeBefore(off+i), runeAt(s, i+n)); !open || closes {
		return 0, false
	}
	k, ok := plainEnd(s, i+n)
	if !ok || k == i+n || k == len(s) || s[k] != '*' || starRun(s, k) != n {
		return 0, false
	}
	before, _ := utf8.DecodeLastRune(s[:k])
	if open, closes := emphasisFlanks('*', before, runeAt(s, k+n)); open || !closes {
		return 0, false
	}
	tag := "em>"
	if n == 2 {
		tag = "strong>"
	}
	f.html.WriteByte('<')
	f.html.WriteString(tag)
	f.write(s[i+n : k])
	f.html.WriteString("</")
	f.html.WriteString(tag)
	return k + n, true
}

func starRun(s []byte, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '*' {
		n++
	}
	return n
}

// runeAt is the character at s[i], a space past the end (as goldmark sees
// the line's end).
func runeAt(s []byte, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRune(s[i:])
	return r
}

// runeBefore is the character before offset p of the body, as goldmark's
// reader gives it ("\n" at the start).
func (f *fastBody) runeBefore(p int) rune {
	if p == 0 {
		return '\n'
	}
	r, _ := utf8.DecodeLastRune(f.src[:p])
	return r
}

// link writes "[text](destination)" starting at s[i] and returns where it
// ends.
func (f *fastBody) link(s []byte, i int) (int, bool) {
	k, ok := plainEnd(s, i+1)
	if !ok || k == i+1 || k+1 >= len(s) || s[k] != ']' || s[k+1] != '(' {
		return 0, false
	}
	d := k + 2
	e := d
	for e < len(s) && fastDest[s[e]] {
		e++
	}
	if e == d || e == len(s) || s[e] != ')' {
		return 0, false
	}
	dest := string(s[d:e])
	if f.st.ctx.Resolve != nil {
		if dest, ok = resolveLink(dest, f.st, f.fileLine); !ok {
			return 0, false
		}
	}
	f.html.WriteString(`<a href="`)
	if u := util.URLEscape(util.StringToReadOnlyBytes(dest), true); !dangerousURL(u) {
		f.html.Write(util.EscapeHTML(u))
	}
	f.html.WriteString(`">`)
	f.write(s[i+1 : k])
	f.html.WriteString("</a>")
	return e + 1, true
}

// fileLine is the file line of the line being written.
func (f *fastBody) fileLine() int { return f.st.ctx.LineOffset + 1 + f.line }
