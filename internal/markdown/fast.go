package markdown

import (
	"bytes"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
//     no "#" in the text;
//   - paragraphs, their lines joined as goldmark joins them (a break
//     between two CJK characters is dropped: joinCJKLines; one space at
//     a line's end is dropped, two make a hard break);
//   - lists of items "- item" ("*", "+") or "1. item", tight or loose
//     (one blank line between items), an item's text going on over lines
//     indented as far as it, each list after a blank line, a heading or
//     the start, and before a blank line or the end, and not followed by
//     another list after a blank line;
//   - "*em*" and "**strong**" around plain text on one line, CommonMark's
//     flanking rules with CJK as ours (emphasisFlanks), every run of stars
//     paired with the next;
//   - GFM tables: a paragraph of rows "| a | b |" whose second line is
//     the delimiter row ("|---|:--:|"), every row with as many cells as
//     it, each cell empty or its text between spaces, the table ended by a
//     blank line or the end;
//   - inline links "[plain text](destination)" with no title, .md and
//     #fragment links resolved as resolveLinks resolves them (a link that
//     would be reported declines);
//   - the typographer's dashes ("--", "---") and ellipsis ("..."),
//     single quotes (apostrophes, "banks' role", 'quoted'; not one that
//     closes by its count alone), and double quotes that can only open,
//     or only close an open one;
//   - "&" before a space (not a character reference);
//   - code spans on one line, their text not empty nor between spaces;
//   - text of letters, digits, spaces, common punctuation and printable
//     non-ASCII, but for anything else goldmark's extensions act on: other
//     quotes, "<" ">" "&" "\" "_" "~" "|" "@" "!" "^" "{" "}",
//     tabs and other controls, and "http:", "https:", "ftp:" or "www."
//     in any case (linkify);
//
// and never with Options.Unsafe (the sanitiser). TestFastPathAgreesOnCorpus,
// TestFastPathAgreesOnRandomBodies and FuzzFastPathAgrees hold it to
// goldmark's Result.

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
	for _, c := range []byte("\\<>_~|@!^{}") {
		t[c] = fastStop
	}
	for _, c := range []byte("*[]'\"`&-.:") {
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
	sc := &buf.fast
	clear(sc.used)
	st := &renderState{ctx: ctx, headings: sc.headings[:0]}
	f := fastBody{src: src, st: st, html: &buf.html, text: newBodyText(src, !ctx.PlainText, textBuf),
		label: textBuilder{b: sc.label[:0]}, used: sc.used, inner: sc.inner[:0], aligns: sc.aligns[:0]}
	ok := f.render()
	sc.headings, sc.label, sc.used, sc.inner, sc.aligns = st.headings[:0], f.label.b[:0], f.used, f.inner[:0], f.aligns[:0]
	if !ok {
		return Result{}, false
	}
	// The headings were gathered in the scratch slice: the result gets
	// them in one block of their own size.
	st.headings = slices.Clone(st.headings)
	if len(st.headings) == 0 {
		st.headings = nil
	}
	words, cjk := f.text.count.result()
	return r.result(buf, f.text.String(), f.text.b, words, cjk, f.text.plainJSON(), st), true
}

// fastScratch is what the fast path works in, kept with a pooled buffer so
// that each body does not grow its own: the heading ids used, a heading's
// text and HTML, a table's columns and the headings found.
type fastScratch struct {
	used     map[string]bool
	label    []byte
	inner    []byte
	aligns   []tableAlign
	headings []Heading
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
	aligns    []tableAlign    // the table's columns
	line      int             // the current line, from 0
	// endsText says the line written last ended in text (not markup).
	endsText bool
	// quotes counts the double quotes opened in the block being written.
	quotes int
	// loose says the list being written is loose; blanks counts the blank
	// lines after its last item. itemOpen says an item's text may go on,
	// on lines indented by itemIndent.
	loose      bool
	blanks     int
	itemOpen   bool
	itemIndent int
	// wroteText says textRun wrote text (what goldmark keeps in text
	// nodes), not only substitutions.
	wroteText bool
}

// Block states between lines.
const (
	fastNone = iota // no block open
	fastPara
	fastNumbers // an ordered list
	fastDashes  // bullet lists, by their marker: "-"
	fastStars   // "*"
	fastPluses  // "+"
)

// bulletKinds are the bullet lists' states by their marker.
var bulletKinds = [256]int{'-': fastDashes, '*': fastStars, '+': fastPluses}

// render writes the body; false: it declines, and what was written is
// to be thrown away.
func (f *fastBody) render() bool {
	src := f.src
	state := fastNone
	afterList := false // a list ended at the blank line before
	var last rune      // the last character of the paragraph's line before
	lastTrail := 0     // and how many spaces followed it
	for pos := 0; pos < len(src); f.line++ {
		end := bytes.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += pos
		}
		l := src[pos:end]
		// Spaces at a line's end: goldmark drops them, and where the
		// paragraph goes on, one makes a soft break, two or more a hard
		// one. A line of spaces is blank.
		trail := len(l) - len(bytes.TrimRight(l, " "))
		l = l[:len(l)-trail]
		if len(l) == 0 {
			switch {
			case state == fastPara:
				f.closeBlock(state)
				state = fastNone
			case state != fastNone:
				f.closeItem()
				f.blanks++ // the list goes on if an item of it follows
			}
			pos = end + 1
			continue
		}
		// A line indented as far as the open item's text goes on with its
		// text, as a paragraph's line does; anything else ends the item.
		if f.itemOpen {
			if in := f.itemIndent; len(l) > in && l[in-1] == ' ' && l[in] != ' ' && bytes.Count(l[:in], []byte{' '}) == in {
				rest := l[in:]
				if k, _ := listItem(rest); k != fastNone || !plainLineStart(rest) || rest[0] == '-' || rest[0] == '#' || orderedMarker(rest) {
					return false // a block inside the item
				}
				if !f.lineBreak(last, lastTrail, rest) || !f.inline(rest, pos+in) {
					return false
				}
				last, _ = utf8.DecodeLastRune(rest)
				lastTrail = trail
				pos = end + 1
				continue
			}
			f.closeItem()
		}
		kind, content := listItem(l)
		if state >= fastNumbers && f.blanks > 0 {
			if kind != state || f.blanks > 1 {
				// The list ended at the blank line.
				f.closeBlock(state)
				state, afterList = fastNone, true
			}
			f.blanks = 0
		}
		switch c := l[0]; {
		case kind != fastNone:
		case c == '|':
			if state != fastNone {
				return false // a row of what goldmark reads as a paragraph
			}
			next, ok := f.table(pos)
			if !ok {
				return false
			}
			afterList = false
			pos = next
			continue
		case c == '#':
			if state >= fastNumbers {
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
		case c == '-' || c == '+' || orderedMarker(l):
			return false // a list item the fast path does not write
		case !plainLineStart(l):
			return false
		}
		if kind != fastNone {
			// Not an item that starts a block of its own, nor a task
			// ("[ ]", "[x]": GFM's task list reads them before links).
			item := l[content:]
			if !plainLineStart(item) || item[0] == '-' || item[0] == '#' || item[0] == '[' || orderedMarker(item) {
				return false
			}
			switch {
			case state == kind:
			case state != fastNone || afterList:
				return false
			default:
				f.openList(kind, l[:content-2])
				f.loose = listLoose(src, pos, kind)
				state = kind
			}
			// A loose list's items hold paragraphs, a tight one's text.
			f.html.WriteString("<li>")
			if f.loose {
				f.html.WriteString("\n<p>")
			}
			f.text.breakBlock()
			f.quotes = 0
			if !f.inline(item, pos+content) {
				return false
			}
			f.itemOpen, f.itemIndent = true, content
			last, _ = utf8.DecodeLastRune(item)
			lastTrail = trail
			pos = end + 1
			continue
		}
		// A paragraph's line.
		switch state {
		case fastNumbers, fastDashes, fastStars, fastPluses:
			return false // a lazy continuation of the item
		case fastPara:
			if !f.lineBreak(last, lastTrail, l) {
				return false
			}
		default:
			f.html.WriteString("<p>")
			f.text.breakBlock()
			f.quotes = 0
			state = fastPara
		}
		afterList = false
		if !f.inline(l, pos) {
			return false
		}
		last, _ = utf8.DecodeLastRune(l)
		lastTrail = trail
		pos = end + 1
	}
	f.closeBlock(state)
	return true
}

// listItem is the kind of list item l is, and where its text starts:
// "- ", "* " or "+ " and text, or up to nine digits, ". " and text;
// fastNone when it is none of these.
func listItem(l []byte) (kind, content int) {
	if len(l) > 2 && l[1] == ' ' && bulletKinds[l[0]] != fastNone {
		return bulletKinds[l[0]], 2
	}
	d := 0
	for d < len(l) && '0' <= l[d] && l[d] <= '9' {
		d++
	}
	if d > 0 && d <= 9 && d+2 < len(l) && l[d] == '.' && l[d+1] == ' ' {
		return fastNumbers, d + 2
	}
	return fastNone, 0
}

// listLoose says whether the list of kind whose first item starts at
// offset pos of src is loose: a blank line between two of its items.
func listLoose(src []byte, pos, kind int) bool {
	blank := false
	for pos < len(src) {
		l, next := lineAt(src, pos)
		if l = bytes.TrimRight(l, " "); len(l) == 0 {
			blank = true
		} else if k, _ := listItem(l); k == kind {
			if blank {
				return true
			}
		} else if l[0] != ' ' || blank {
			return false // the list ends (or the body declines)
		}
		// (An indented line right after an item goes on with its text.)
		pos = next
	}
	return false
}

// lineBreak writes the break between a paragraph's (or an item's) line
// that ended with the character last and trail spaces and its next line,
// l.
func (f *fastBody) lineBreak(last rune, trail int, l []byte) bool {
	// goldmark joins the lines when the text before the break and the
	// text after it are CJK (joinCJKLines): not after or before markup or
	// a typographer's substitution.
	first, _ := utf8.DecodeRune(l)
	switch {
	case trail > 2:
		return false // goldmark keeps some of them before the break
	case trail == 2:
		f.html.WriteString("<br>\n")
		f.text.breakBlock()
	case trail == 1 && isWide(last):
		return false // joinCJKLines trims the space too
	case !(f.endsText && isWide(last) && startsText(l) && isWide(first)):
		f.html.WriteByte('\n')
		f.text.softBreak()
	}
	return true
}

// closeItem ends the list item being written, if one is.
func (f *fastBody) closeItem() {
	if !f.itemOpen {
		return
	}
	f.text.breakBlock()
	if f.loose {
		f.html.WriteString("</p>\n")
	}
	f.html.WriteString("</li>\n")
	f.itemOpen = false
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

// startsText says whether goldmark's first node of the line l is text:
// not emphasis, a link, or a typographer's quote or ellipsis.
func startsText(l []byte) bool {
	switch l[0] {
	case '*', '[', '\'', '"', '`':
		return false
	}
	return !bytes.HasPrefix(l, []byte("..."))
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
	if kind != fastNumbers {
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
	f.closeItem()
	switch state {
	case fastPara:
		f.html.WriteString("</p>\n")
	case fastNumbers:
		f.html.WriteString("</ol>\n")
	case fastDashes, fastStars, fastPluses:
		f.html.WriteString("</ul>\n")
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
	f.quotes = 0
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
		j, ok := f.textRun(s, i, off)
		if !ok {
			return false
		}
		if j == len(s) {
			return true
		}
		switch s[j] {
		case '*':
			i, ok = f.emphasis(s, j, off)
		case '[':
			i, ok = f.link(s, j, off)
		case '`':
			i, ok = f.codeSpan(s, j)
		default: // "]"
			return false
		}
		if !ok {
			return false
		}
	}
	return true
}

// textRun writes the text of s from i on, with the typographer's
// substitutions, up to the end or a "*", "[" or "]", and returns where it
// stopped.
func (f *fastBody) textRun(s []byte, i, off int) (int, bool) {
	for {
		j, ok := f.plainText(s, i)
		if !ok {
			return 0, false
		}
		if j > i {
			f.endsText = j == len(s)
			f.wroteText = true
		}
		if j == len(s) {
			return j, true
		}
		c := s[j]
		switch c {
		case '*', '[', ']', '`':
			return j, true
		case '-', '.':
			// A run of two or more: goldmark's typographer, from the left,
			// makes "---" an em dash and "--" an en dash, "..." an
			// ellipsis; a dash or dots left over stay as they are.
			n := j + 1
			for n < len(s) && s[n] == c {
				n++
			}
			m := n - j
			long, short := "—", "–"
			if c == '.' {
				long, short = "…", ".."
			}
			for range m / 3 {
				f.writeString(long)
			}
			f.endsText = false
			switch m % 3 {
			case 2:
				if c == '-' {
					f.writeString(short)
				} else {
					f.write(s[n-2 : n])
					f.endsText, f.wroteText = n == len(s), true
				}
			case 1:
				f.write(s[n-1 : n])
				f.endsText, f.wroteText = n == len(s), true
			}
			i = n
			continue
		case '\'':
			q, ok := f.singleQuote(s, j, off)
			if !ok {
				return 0, false
			}
			f.writeString(q)
		case '&':
			// Not a character reference (plainText saw a space after it):
			// goldmark's writer escapes it, and the page shows "&".
			f.html.WriteString("&amp;")
			f.text.write(ampersand)
			if f.inHeading {
				f.label.write(ampersand)
			}
			f.endsText, f.wroteText = false, true
			i = j + 1
			continue
		case '"':
			// A double quote that can only open, or only close one that
			// is open in this block.
			if j+1 < len(s) && s[j+1] == '"' {
				return 0, false
			}
			open, closes := emphasisFlanks('"', f.runeBefore(off+j), runeAt(s, j+1))
			switch {
			case open && !closes:
				f.writeString("“")
				f.quotes++
			case closes && !open && f.quotes > 0:
				f.writeString("”")
				f.quotes--
			default:
				return 0, false
			}
		}
		f.endsText = false
		i = j + 1
	}
}

// write writes text as it is.
func (f *fastBody) write(s []byte) {
	f.html.Write(s)
	f.text.write(s)
	if f.inHeading {
		f.label.write(s)
	}
}

var ampersand = []byte("&")

// singleQuote is what the typographer makes of the single quote at s[j],
// at offset off of the body: "’" or "‘"; false when the fast path is not
// sure. Its rules are tried in goldmark's order. It counts the quotes it
// opens, to close one at a block's end or before a digit: those decline.
func (f *fastBody) singleQuote(s []byte, j, off int) (string, bool) {
	before, after := f.runeBefore(off+j), runeAt(s, j+1)
	if after == '\'' {
		return "", false // a run of quotes: goldmark's delimiter is the run
	}
	// Between a letter or digit and a letter ("Kong's", "don't"): none of
	// its rules before this one applies there.
	if (unicode.IsDigit(before) || unicode.IsLetter(before)) && unicode.IsLetter(after) {
		return "’", true
	}
	if open, closes := emphasisFlanks('\'', before, after); !open || closes {
		// A closing one, with two more characters on its line and no
		// digit after it ("banks' role"); the rules before it give "’"
		// too. s ends where goldmark's line ends, or before its newline.
		return "’", len(s)-j > 2 && !unicode.IsDigit(after)
	}
	// One that can only open. Past the end of s, goldmark's line has its
	// newline or nothing: a space to these rules.
	at := func(k int) byte {
		if j+k < len(s) {
			return s[j+k]
		}
		return ' '
	}
	switch {
	case isDigit(at(1)) && isDigit(at(2)) && at(3) == 's' && (util.IsSpaceRune(runeAt(s, j+4)) || util.IsPunctRune(runeAt(s, j+4))):
		return "’", true // a decade: '90s
	case (unicode.IsPunct(before) || unicode.IsSpace(before)) && bytes.IndexByte([]byte("tenl"), at(1)) >= 0 && at(1) != ' ':
		return "’", true // 'twas, 'em, 'n', and so 'tis, 'lo...
	case bytes.IndexByte([]byte("smtd"), at(1)) >= 0 && at(1) != ' ' && (util.IsPunct(at(2)) || util.IsSpace(at(2))):
		return "’", true // 's, 'm, 't, 'd
	case (at(1) == 'v' && at(2) == 'e' || at(1) == 'l' && at(2) == 'l' || at(1) == 'r' && at(2) == 'e') && (util.IsPunct(at(3)) || util.IsSpace(at(3))):
		return "’", true // 've, 'll, 're
	}
	return "‘", true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// writeString writes a typographer's substitution.
func (f *fastBody) writeString(s string) { f.write(util.StringToReadOnlyBytes(s)) }

// plainText writes the plain text of s from i on and returns where it
// ends: at its end, at a "*", "[", "]", quote, or run of dashes or dots;
// false: the text holds what the fast path declines. Its bytes are looked
// at once: words of plain ASCII with lone spaces between them, most of
// the text, go to the body's text as they are checked (writeWords with
// plainWords), and the rest, a byte or a run of non-ASCII at a time,
// after a look. A body that declines throws away what was written.
//
// Every URL goldmark's autolinker links holds "http:", "https:", "ftp:"
// or "www.", so the text is declined at a ':' or '.' that ends one (in
// any case): a look at the rare ':' and the dots, not at every "h", "w"
// and "f" of the prose.
func (f *fastBody) plainText(s []byte, i int) (int, bool) {
	start := i
	t := f.text
	for i < len(s) {
		i = t.writeWords(s, i, &plainWords)
		if i == len(s) {
			break
		}
		c := s[i]
		n := 1
		switch fastClass[c] {
		case fastStop:
			return i, false
		case fastLook:
			rest := s[i+1:]
			switch c {
			case '*', '[', ']', '\'', '"', '`':
				return f.wrotePlain(s, start, i), true
			case '&':
				if len(rest) > 0 && rest[0] == ' ' {
					return f.wrotePlain(s, start, i), true
				}
				return i, false // a character reference, maybe
			case ':':
				if urlScheme(s[:i]) {
					return i, false
				}
			case '-', '.':
				if c == '.' && hasSuffixFold(s[:i], "www") {
					return i, false
				}
				if len(rest) > 0 && rest[0] == c {
					return f.wrotePlain(s, start, i), true // the typographer's dashes and ellipsis
				}
			default:
				// A run of characters that are not ASCII.
				for n = 0; i+n < len(s) && s[i+n] >= utf8.RuneSelf; {
					r, size := utf8.DecodeRune(s[i+n:])
					if !fastRune(r) {
						return i + n, false
					}
					n += size
				}
			}
		}
		switch {
		case c == ' ':
			// As write does for a space not between two words (counting
			// alone, the owed space ends the word as countBytes would).
			t.breakBlock()
		case c < utf8.RuneSelf:
			// The byte looked at, as write writes it, without asking
			// again what it is.
			t.writeWords(s[:i+1], i, &asciiClass)
		default:
			t.write(s[i : i+n]) // a run of characters that are not ASCII
		}
		i += n
	}
	return f.wrotePlain(s, start, i), true
}

// wrotePlain ends plainText, whose text s[start:end] went to the body's
// text: it writes the HTML, and the label in a heading, and returns end.
func (f *fastBody) wrotePlain(s []byte, start, end int) int {
	f.html.Write(s[start:end])
	if f.inHeading {
		f.label.write(s[start:end])
	}
	return end
}

// plainWords is asciiClass less the bytes plainText looks at.
var plainWords = func() (t [256]uint8) {
	for c := range 256 {
		if fastClass[c] == fastText {
			t[c] = asciiClass[c]
		}
	}
	return t
}()

// urlScheme says whether s ends with "http", "https" or "ftp" in any case:
// before a ':', where a URL might be.
func urlScheme(s []byte) bool {
	return hasSuffixFold(s, "http") || hasSuffixFold(s, "https") || hasSuffixFold(s, "ftp")
}

// hasSuffixFold says whether s ends with suffix, lower case ASCII, in any case.
func hasSuffixFold(s []byte, suffix string) bool {
	return len(s) >= len(suffix) && hasPrefixFold(s[len(s)-len(suffix):], suffix)
}

// linkifyStart says whether s starts with "http", "www." or "ftp" in any
// case, where goldmark's autolinker might find a URL.
func linkifyStart(s []byte) bool {
	return hasPrefixFold(s, "http") || hasPrefixFold(s, "www.") || hasPrefixFold(s, "ftp")
}

// fastRune says whether the fast path writes r as text: printable, not a
// space (goldmark and the text differ in which spaces they trim).
func fastRune(r rune) bool {
	if mainHan(r) || r > maxSpace && r <= 0x303F || r >= 0xFF01 && r <= 0xFF5E {
		// Han, and CJK symbols and punctuation and the full-width forms
		// of ASCII ("，", "。", "：", "（"): all printable, and no space
		// but the ideographic one (TestFastRuneRanges holds it).
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
	// Every run before this one is paired, so this one closes nothing: it
	// opens if it can (a run that could close too opens all the same).
	// The sum of two runs' lengths of 1 or 2 is never a multiple of 3,
	// so CommonMark's rule of three never parts them.
	if open, _ := emphasisFlanks('*', f.runeBefore(off+i), runeAt(s, i+n)); !open {
		return 0, false
	}
	tag := "em>"
	if n == 2 {
		tag = "strong>"
	}
	f.html.WriteByte('<')
	f.html.WriteString(tag)
	// Written before its end is known: a body that declines throws it away.
	k, ok := f.textRun(s, i+n, off)
	if !ok || k == i+n || k == len(s) || s[k] != '*' || starRun(s, k) != n {
		return 0, false
	}
	before, _ := utf8.DecodeLastRune(s[:k])
	if _, closes := emphasisFlanks('*', before, runeAt(s, k+n)); !closes {
		return 0, false
	}
	f.html.WriteString("</")
	f.html.WriteString(tag)
	return k + n, true
}

func starRun(s []byte, i int) int { return run(s, i, '*') }

// run is the length of the run of c at s[i].
func run(s []byte, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// codeSpan writes the code span starting at s[i] (one or more backticks
// around its text, a run of another length in it)
// and returns where it ends. Its text is neither empty nor begins or
// ends with a space (goldmark trims one of each), and holds nothing the
// fast path declines in text but for the characters markup is made of,
// which are the code's own there.
func (f *fastBody) codeSpan(s []byte, i int) (int, bool) {
	n := run(s, i, '`')
	start := i + n
	end := start
	for {
		k := bytes.IndexByte(s[end:], '`')
		if k < 0 {
			return 0, false // no closing run on the line
		}
		end += k
		if m := run(s, end, '`'); m != n {
			end += m
			continue
		}
		break
	}
	code := s[start:end]
	if len(code) == 0 || code[0] == ' ' || code[len(code)-1] == ' ' || !plainCode(code) {
		return 0, false
	}
	f.html.WriteString("<code>")
	f.html.Write(util.EscapeHTML(code))
	f.html.WriteString("</code>")
	f.text.write(code)
	if f.inHeading {
		f.label.write(code)
	}
	f.endsText = false
	return end + n, true
}

// plainCode says whether the fast path writes code as a code span's text.
func plainCode(code []byte) bool {
	for i := 0; i < len(code); {
		c := code[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(code[i:])
			if !fastRune(r) {
				return false
			}
			i += n
			continue
		case c < ' ' || c == 0x7F || c == '@':
			return false
		case linkifyStart(code[i:]):
			return false // a URL, perhaps: let goldmark decide
		}
		i++
	}
	return true
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
func (f *fastBody) link(s []byte, i, off int) (int, bool) {
	k := bytes.IndexByte(s[i+1:], ']') + i + 1
	if k <= i+1 || k+1 >= len(s) || s[k+1] != '(' {
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
	dest := s[d:e]
	if f.st.ctx.Resolve != nil && needsResolve(unsafe.String(&dest[0], len(dest))) {
		u, ok := resolveLink(string(dest), f.st, f.fileLine)
		if !ok {
			return 0, false
		}
		dest = util.StringToReadOnlyBytes(u)
	}
	f.html.WriteString(`<a href="`)
	if u := util.URLEscape(dest, true); !dangerousURL(u) {
		f.html.Write(util.EscapeHTML(u))
	}
	f.html.WriteString(`">`)
	// The text must end at the "]" found: no emphasis or brackets in it.
	// And hold text, not only the typographer's substitutions: goldmark
	// finds a link's line from its first text, else its paragraph's first
	// line, which Fragment.Line would then be.
	f.wroteText = false
	if j, ok := f.textRun(s, i+1, off); !ok || j != k || !f.wroteText {
		return 0, false
	}
	f.html.WriteString("</a>")
	return e + 1, true
}

// fileLine is the file line of the line being written.
func (f *fastBody) fileLine() int { return f.st.ctx.LineOffset + 1 + f.line }

// table writes the GFM table whose header row starts at offset pos and
// returns where the line after its last row starts (a blank line or the
// end).
func (f *fastBody) table(pos int) (int, bool) {
	src := f.src
	header, next := lineAt(src, pos)
	delim, after := lineAt(src, next)
	aligns, ok := tableDelimiters(delim, f.aligns[:0])
	f.aligns = aligns
	if !ok || len(aligns) != tableCells(header) {
		return 0, false
	}
	f.text.breakBlock()
	f.html.WriteString("<table>\n<thead>\n<tr>\n")
	if !f.tableRow(header, pos, "th") {
		return 0, false
	}
	f.html.WriteString("</tr>\n</thead>\n")
	f.line++
	pos = after
	rows := 0
	for pos < len(src) && src[pos] != '\n' {
		f.line++
		row, next := lineAt(src, pos)
		if row[0] != '|' || tableCells(row) != len(aligns) {
			return 0, false
		}
		if rows == 0 {
			f.html.WriteString("<tbody>\n")
		}
		rows++
		f.html.WriteString("<tr>\n")
		if !f.tableRow(row, pos, "td") {
			return 0, false
		}
		f.html.WriteString("</tr>\n")
		pos = next
	}
	if rows > 0 {
		f.html.WriteString("</tbody>\n")
	}
	f.html.WriteString("</table>\n")
	f.text.breakBlock()
	return pos, true
}

// lineAt is the line of src starting at pos, without its newline, and
// where the next one starts.
func lineAt(src []byte, pos int) (line []byte, next int) {
	end := bytes.IndexByte(src[pos:], '\n')
	if end < 0 {
		return src[pos:], len(src)
	}
	return src[pos : pos+end], pos + end + 1
}

// tableDelimiters reads a delimiter row, "|---|:--|--:|:-:|", into the
// columns' alignments, appended to aligns.
func tableDelimiters(l []byte, aligns []tableAlign) ([]tableAlign, bool) {
	if len(l) < 3 || l[0] != '|' || l[len(l)-1] != '|' {
		return aligns, false
	}
	for _, col := range bytes.Split(l[1:len(l)-1], []byte{'|'}) {
		col = bytes.Trim(col, " ")
		left := len(col) > 0 && col[0] == ':'
		right := len(col) > 1 && col[len(col)-1] == ':'
		dashes := col[min(len(col), b2i(left)) : len(col)-b2i(right)]
		if len(dashes) == 0 || len(bytes.Trim(dashes, "-")) != 0 {
			return aligns, false
		}
		switch {
		case left && right:
			aligns = append(aligns, alignCenter)
		case left:
			aligns = append(aligns, alignLeft)
		case right:
			aligns = append(aligns, alignRight)
		default:
			aligns = append(aligns, alignNone)
		}
	}
	return aligns, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tableAlign is a column's alignment: the style its cells get.
type tableAlign string

const (
	alignNone   tableAlign = ""
	alignLeft   tableAlign = ` style="text-align:left"`
	alignRight  tableAlign = ` style="text-align:right"`
	alignCenter tableAlign = ` style="text-align:center"`
)

// tableCells is how many cells the row l has on the fast path: it starts
// and ends with "|" and has a cell between each two; 0 when not. An empty
// cell holds a space: goldmark drops one with nothing at all before the
// last "|", and pads the row.
func tableCells(l []byte) int {
	if len(l) < 3 || l[0] != '|' || l[len(l)-1] != '|' || bytes.Contains(l, []byte("||")) {
		return 0
	}
	return bytes.Count(l, []byte{'|'}) - 1
}

// tableRow writes the cells of the row l, at offset pos, as tag cells.
func (f *fastBody) tableRow(l []byte, pos int, tag string) bool {
	start := 1
	for _, align := range f.aligns {
		end := start + bytes.IndexByte(l[start:], '|')
		cell := l[start:end]
		lead := len(cell) - len(bytes.TrimLeft(cell, " "))
		text := bytes.TrimRight(cell[lead:], " ")
		// A cell's text between spaces: the characters before and after
		// it, for its emphasis, are spaces as goldmark sees them.
		if len(text) > 0 && (cell[0] != ' ' || cell[len(cell)-1] != ' ') {
			return false
		}
		f.html.WriteByte('<')
		f.html.WriteString(tag)
		f.html.WriteString(string(align))
		f.html.WriteByte('>')
		f.text.breakBlock()
		f.quotes = 0
		if !f.inline(text, pos+start+lead) {
			return false
		}
		f.text.breakBlock()
		f.html.WriteString("</")
		f.html.WriteString(tag)
		f.html.WriteString(">\n")
		start = end + 1
	}
	return true
}
