package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// plainText is the readable text under n with whitespace collapsed: what a
// reader sees, for search, summaries, counts and heading labels. A body's
// text is made by the transformer's walk (bodyWalker), which writes it as
// it goes; this walks one node, such as a heading, on its own.
func plainText(n ast.Node, src []byte) string {
	w := bodyWalker{src: src, text: new(textBuilder)}
	w.walk(n)
	return w.text.String()
}

// bodyWalker is the one walk over a parsed body. It writes the body's
// plain text as it goes, and, in the transformer's walk (transform set),
// joins CJK lines, collects headings (with their labels) and links, and
// checks HTML blocks.
//
// In the text: every text node, inline code, code blocks (readers read them
// too, and search should find an identifier quoted in a briefing), footnote
// text, link text. Left out: raw HTML (never shown as text), image alt text
// (not on screen), footnote reference numbers and task-list boxes.
// Blocks are separated by a space; a soft line break between two CJK
// characters adds none, matching how the page shows it.
//
// Footnotes are written each into a text of their own: goldmark's footnote
// pass, which runs after ours, moves them to the end of the body, in the
// order they are referred to, and drops those never referred to; the body's
// text puts them there too (footnoteTexts).
type bodyWalker struct {
	src       []byte
	text      *textBuilder
	transform bool
	st        *renderState
	quiet     int // inside nodes whose text is not shown
	headings  []*ast.Heading
	labels    []string // per heading
	links     []*ast.Link
	footnotes []footnoteText
}

// footnoteText is the text of one footnote.
type footnoteText struct {
	n    *east.Footnote
	text *textBuilder
}

func (w *bodyWalker) walk(n ast.Node) {
	block := n.Type() == ast.TypeBlock
	if block {
		w.text.breakBlock()
	}
	switch n := n.(type) {
	case *ast.Text:
		if w.transform && joinCJKLines(n, w.src) && w.quiet == 0 {
			// Whitespace already written was trimmed: the space it owed is not.
			w.text.pending, w.text.soft = false, false
		}
		if w.quiet == 0 {
			v := n.Segment.Value(w.src)
			if !n.IsRaw() {
				v = shownText(v)
			}
			w.text.write(v)
			if n.SoftLineBreak() {
				w.text.softBreak()
			} else if n.HardLineBreak() {
				w.text.breakBlock()
			}
		}
	case *ast.String:
		if w.quiet == 0 {
			s := n.Value
			if n.IsCode() {
				s = []byte(html.UnescapeString(string(s)))
			}
			w.text.write(s)
		}
	case *ast.AutoLink:
		if w.quiet == 0 {
			w.text.write(n.Label(w.src))
		}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if w.quiet == 0 {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				w.text.write(seg.Value(w.src))
			}
		}
	case *ast.CodeSpan:
		// Its text as written: no line joined, nothing collected.
		transform := w.transform
		w.transform = false
		w.children(n)
		w.transform = transform
	case *ast.HTMLBlock:
		if w.transform {
			checkHTMLBlock(n, w.src, w.st)
		}
	case *ast.RawHTML:
	case *ast.Image, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
		w.quiet++
		w.children(n)
		w.quiet--
	case *ast.Heading:
		if !w.transform {
			w.children(n)
			break
		}
		w.headings = append(w.headings, n)
		if w.text.countOnly {
			w.children(n)
			w.labels = append(w.labels, plainText(n, w.src))
			break
		}
		// The label is what the heading wrote, less the space before it.
		start, spaced := len(w.text.b), w.text.wrote
		w.children(n)
		label := w.text.String()[start:]
		if spaced && label != "" {
			label = label[1:]
		}
		w.labels = append(w.labels, strings.Clone(label)) // not the body's whole text
	case *ast.Link:
		if w.transform {
			w.links = append(w.links, n)
		}
		w.children(n)
	case *east.Footnote:
		if !w.transform {
			w.children(n)
			break
		}
		outer := w.text
		w.text = &textBuilder{countOnly: outer.countOnly}
		w.children(n)
		w.footnotes = append(w.footnotes, footnoteText{n, w.text})
		w.text = outer
	default:
		w.children(n)
	}
	if block {
		w.text.breakBlock()
	}
}

// shownText is what the page shows of a text's bytes: goldmark's writer
// resolves backslash escapes and entities and drops escaped spaces as it
// writes them as HTML, which is then read as a browser reads it. Most
// texts hold neither a backslash nor an ampersand and are shown as they are.
func shownText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	textWriter.Write(w, v)
	_ = w.Flush() // to a bytes.Buffer: cannot fail
	return []byte(html.UnescapeString(b.String()))
}

// newBodyText is the builder of a body's text, sized once from its source;
// it writes into buf when that has room.
func newBodyText(src []byte, countOnly bool, buf []byte) *textBuilder {
	t := &textBuilder{countOnly: countOnly}
	switch {
	case countOnly:
	case cap(buf) >= len(src):
		t.b = buf[:0]
	default:
		t.b = make([]byte, 0, len(src)) // a body's text is about its source's size, less the markup
	}
	return t
}

func (w *bodyWalker) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c)
	}
}

// bodyText is the text of a parsed body, footnotes at its end as goldmark
// placed them, its counts, and whether JSON takes it as it is (see
// textBuilder.plainJSON).
func bodyText(doc ast.Node, main *textBuilder, footnotes []footnoteText) (text string, words, cjk int, plain bool) {
	text, plain = main.String(), main.plainJSON()
	words, cjk = main.count.result()
	if len(footnotes) == 0 {
		return text, words, cjk, plain
	}
	list, ok := doc.LastChild().(*east.FootnoteList)
	if !ok {
		return text, words, cjk, plain
	}
	var b strings.Builder
	b.WriteString(text)
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		for _, f := range footnotes {
			if f.n != n {
				continue
			}
			// Blocks apart: one space between two texts, as a block break writes it.
			if s := f.text.String(); s != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s)
			}
			fw, fc := f.text.count.result()
			words, cjk, plain = words+fw, cjk+fc, plain && f.text.plainJSON()
		}
	}
	return b.String(), words, cjk, plain
}

// textBuilder joins text pieces, collapsing every run of whitespace to one
// space and trimming both ends, and counts words as it writes them.
type textBuilder struct {
	b         []byte
	countOnly bool // count, but do not keep the text
	wrote     bool // a visible character has been written
	count     counter
	pending   bool  // a space is owed before the next visible character
	soft      bool  // the owed space comes from a soft line break
	last      rune  // the last character written
	classes   uint8 // the asciiClass bits of every ASCII byte written but spaces, ORed
}

// plainJSON says whether the text holds nothing that a JSON string with
// HTML's escapes (jsonquote.Append's) escapes: no '"', '\\', '<', '>', '&'
// or control character. The other characters it escapes, U+2028 and
// U+2029 and bytes that are not UTF-8, are never written: the first two
// are spaces, and writeRune encodes what it decoded.
func (t *textBuilder) plainJSON() bool { return t.classes&asciiJSON == 0 }

func (t *textBuilder) breakBlock() { t.pending, t.soft = true, false }

func (t *textBuilder) softBreak() {
	if !t.pending {
		t.pending, t.soft = true, true
	}
}

func (t *textBuilder) write(s []byte) {
	if t.countOnly {
		t.countBytes(s)
		return
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			if !t.pending && mainHan(r) {
				// No space is owed before it: it ends any word, and
				// writeHanRun copies it and those after it.
				t.count.endWord()
				t.wrote = true
				i = t.writeHanRun(s, i)
				continue
			}
			i += size
			t.writeRune(r)
			if mainHan(r) {
				i = t.writeHanRun(s, i)
			}
			continue
		}
		if isASCIISpace(c) {
			t.breakBlock()
			i++
			continue
		}
		i = t.writeWords(s, i, &asciiClass)
	}
}

// writeWords writes the run of s from i on of ASCII characters that class
// gives a class other than 0 to, with lone spaces between them, most of
// any body, and returns where it ends (i when s[i] is none of them). The
// run is counted here and copied at once: a lone space between two such
// characters is written as it is. ASCII is never wide, so a space owed
// before the run is always written. class is asciiClass, or the fast
// path's plainWords: asciiClass less what that path looks at.
func (t *textBuilder) writeWords(s []byte, i int, class *[256]uint8) int {
	if i >= len(s) || class[s[i]] == 0 {
		return i
	}
	if t.pending {
		// Nothing was counted before the first character written, so
		// ending a word changes nothing there; counting alone, wrote
		// is not kept.
		if t.wrote && !t.countOnly {
			t.b = append(t.b, ' ')
		}
		t.count.endWord()
	}
	// The counts are kept in locals while the words go by, and whether a
	// word holds a letter or digit is ORed in, not branched on.
	w := &t.count
	words, all := w.words, uint8(0)
	var alnum uint8 // asciiAlnum if the word so far holds a letter or digit
	if w.hasAlnum {
		alnum = asciiAlnum
	}
	j := i
	for {
		// A word: its characters are looked up once each (j compared
		// unsigned: no bounds check on s[j]).
		var seen uint8
		for uint(j) < uint(len(s)) {
			k := class[s[j]]
			if k == 0 {
				break
			}
			seen |= k
			j++
		}
		all |= seen
		alnum |= seen & asciiAlnum
		if uint(j+1) >= uint(len(s)) || s[j] != ' ' || class[s[j+1]] == 0 {
			break
		}
		// A lone space, written as it is, ends the word.
		words += int(alnum / asciiAlnum)
		alnum = 0
		j++
	}
	w.words, w.inWord, w.hasAlnum = words, true, alnum != 0
	t.classes |= all
	t.pending, t.soft, t.wrote = false, false, true
	if !t.countOnly {
		t.b = append(t.b, s[i:j]...)
	}
	t.last = rune(s[j-1])
	return j
}

// writeHanRun writes the characters of the main Han block that follow
// one just written from s, from i on, and returns where they end. After a
// Han character no space is owed and no word is open, so each is copied
// as it is and counted, as writeRune would, without asking what it is.
func (t *textBuilder) writeHanRun(s []byte, i int) int {
	j := i
	for j < len(s) && s[j] >= utf8.RuneSelf {
		r, size := utf8.DecodeRune(s[j:])
		if !mainHan(r) {
			break
		}
		t.last = r
		t.count.cjk++
		j += size
	}
	t.b = append(t.b, s[i:j]...)
	return j
}

// mainHan is the main block of CJK Unified Ideographs, most Chinese text.
func mainHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// writeRune writes one character. write sends it those that are not ASCII.
func (t *textBuilder) writeRune(r rune) {
	if isSpace(r) {
		t.breakBlock()
		return
	}
	if t.pending && t.wrote && !(t.soft && isWide(t.last) && isWide(r)) {
		t.b = append(t.b, ' ')
		t.count.add(' ')
	}
	t.pending, t.soft, t.wrote = false, false, true
	t.count.add(r)
	t.b = utf8.AppendRune(t.b, r)
	t.last = r
}

// asciiClass sorts bytes for write's fast path: 0 for spaces and bytes
// that are not ASCII; asciiOther, plus asciiAlnum for letters and digits
// and asciiJSON for those that JSON escapes (see plainJSON).
var asciiClass = func() (t [256]uint8) {
	for b := range utf8.RuneSelf {
		if !isASCIISpace(byte(b)) {
			t[b] = asciiOther
			if isASCIIAlnum(byte(b)) {
				t[b] |= asciiAlnum
			}
			if b < 0x20 || strings.IndexByte(`"\<>&`, byte(b)) >= 0 {
				t[b] |= asciiJSON
			}
		}
	}
	return t
}()

const (
	asciiOther uint8 = 1 << iota
	asciiAlnum
	asciiJSON
)

func isASCIISpace(b byte) bool { return b == ' ' || (b >= '\t' && b <= '\r') }

func isASCIIAlnum(b byte) bool {
	return ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

// countBytes is write for counting alone. It need not track the spaces
// owed between pieces: a break ends the word before it, and where a soft
// break is dropped between two CJK characters, those end words anyway.
func (t *textBuilder) countBytes(s []byte) {
	c := &t.count
	if t.pending {
		c.endWord()
		t.pending = false
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			i++
			if isASCIISpace(b) {
				c.endWord()
				continue
			}
			c.inWord = true
			c.hasAlnum = c.hasAlnum || isASCIIAlnum(b)
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		c.add(r)
	}
}

// String is the text so far; written on, the builder leaves its bytes as
// they are (it appends).
func (t *textBuilder) String() string { return unsafe.String(unsafe.SliceData(t.b), len(t.b)) }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIISpace(byte(r))
	}
	if r > maxSpace {
		return false // CJK text and punctuation but the ideographic space
	}
	return unicode.IsSpace(r)
}

// maxSpace is the last character Unicode counts as white space, the
// ideographic space (TestMaxSpace holds it).
const maxSpace = 0x3000

// isWide reports whether r is CJK text or CJK punctuation, the characters
// between which a line break is not a space; but for Hangul: Korean puts
// spaces between words.
func isWide(r rune) bool {
	return (isCJK(r) || isCJKPunct(r)) && !unicode.Is(unicode.Hangul, r)
}

// isCJKPunct covers CJK symbols and punctuation and the full-width forms
// ("，", "。", "：", "（").
func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// counter counts words and CJK characters rune by rune. CJK characters
// (Han, Hiragana, Katakana, Hangul) count one by one, since those scripts do
// not separate words with spaces. A word is a run of other non-space
// characters holding at least one letter or digit; CJK characters and CJK
// punctuation end a run, so "1亿元" is one word and two CJK characters, and a
// lone "—" is no word.
type counter struct {
	words, cjk       int
	inWord, hasAlnum bool
}

func (c *counter) add(r rune) {
	if r < utf8.RuneSelf { // fast path for ASCII, most of any briefing
		if isSpace(r) {
			c.endWord()
			return
		}
		c.inWord = true
		c.hasAlnum = c.hasAlnum || isASCIIAlnum(byte(r))
		return
	}
	switch {
	case isCJK(r):
		c.endWord()
		c.cjk++
	case isCJKPunct(r) || isSpace(r):
		c.endWord()
	default:
		c.inWord = true
		if !c.hasAlnum && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			c.hasAlnum = true
		}
	}
}

func (c *counter) endWord() {
	if c.inWord && c.hasAlnum {
		c.words++
	}
	c.inWord, c.hasAlnum = false, false
}

func (c *counter) result() (words, cjk int) {
	c.endWord()
	return c.words, c.cjk
}

// Reading speeds. 220 words a minute sits a little under the ~240 usually
// measured for silent reading of English non-fiction: briefings are dense.
// For CJK we use 350 characters a minute rather than a round 400: a Chinese
// word averages about 1.5-1.7 characters, so 350 is the same pace as 220
// English words, while 400 would assume Chinese readers are faster.
const (
	wordsPerMinute = 220
	cjkPerMinute   = 350
)

// ReadingMinutes estimates reading time, rounded up, at least 1.
func ReadingMinutes(words, cjk int) int {
	words, cjk = max(words, 0), max(cjk, 0)
	// words/220 + cjk/350 minutes, rounded up, in integers.
	num := words*cjkPerMinute + cjk*wordsPerMinute
	den := wordsPerMinute * cjkPerMinute
	return max((num+den-1)/den, 1)
}
