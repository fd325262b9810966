// Package markdown renders briefing bodies: goldmark with GFM, footnotes,
// definition lists, typographic punctuation and CJK-friendly emphasis, plus
// our own heading ids (CJK kept), .md link resolution with diagnostics,
// plain text and word counts for search, summaries and reading time.
//
// A Renderer is built once and shared by every goroutine of a build: all
// per-body state travels in a parser.Context, never in the Renderer.
package markdown

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"brief/internal/diag"
	"brief/internal/lending"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Options are the site-wide rendering choices.
type Options struct {
	// Unsafe lets raw HTML through (site.toml turns it on). Even then the
	// output is sanitised: scripts, event handlers and javascript: URLs go.
	Unsafe bool
}

// Renderer renders Markdown bodies. It is safe for concurrent use.
type Renderer struct {
	*engine
	lends bool // see Lender
	// goldmarkOnly turns the fast path off: tests compare the two.
	goldmarkOnly bool
}

// engine is what a Renderer and its Lender share.
type engine struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy // nil unless Options.Unsafe
	bufs   sync.Pool          // *htmlBuffer reused between renders
	delims sync.Pool          // *delimiterArena reused between renders
	// lent are the buffers holding the HTML of bodies a Lender rendered,
	// by their first byte, until ReturnHTML.
	lentMu sync.Mutex
	lent   map[*byte]*htmlBuffer
	// Bodies' texts lent the same way, and the buffers of texts handed
	// back (a few: a body's text is let go of soon after it is made).
	lentText  map[*byte][]byte
	freeTexts [][]byte
}

// maxFreeTexts is how many buffers of texts handed back are kept.
const maxFreeTexts = 16

// Context is what one body needs to know about where it lives.
type Context struct {
	// SourcePath is the slash path of the file relative to the site root,
	// e.g. "content/briefings/beijing-web3.md".
	SourcePath string
	// LineOffset is added to body line numbers to get file lines: the body
	// starts at file line LineOffset+1.
	LineOffset int
	// Resolve maps a cleaned slash path relative to the site root
	// ("content/briefings/hk-retail.md") to the briefing's URL path
	// ("/briefings/hk-retail/"). When nil, .md links are left as written.
	Resolve func(mdPath string) (url string, ok bool)
	// Image resolves an image's destination as written on this site
	// ("chart.png", "/img/map.svg") to the picture the page shows, or
	// returns an *ImageError. When nil, images keep their destination (their
	// alt text is checked all the same). External images are never resolved.
	Image func(dest string) (Picture, error)
	// IDPrefix prefixes footnote ids so that many bodies can share one page,
	// e.g. "hk-retail-". Characters other than letters, digits, "-" and "_"
	// are dropped.
	IDPrefix string
	// PlainText asks for Result.Text. Leave it off when only the counts are
	// needed: building the text costs time and a second copy of the body.
	PlainText bool
}

// Heading is one heading of a body, in document order.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered body.
type Result struct {
	HTML     string
	Words    int // words in non-CJK text
	CJK      int // Han, Hiragana, Katakana and Hangul characters, one by one
	Headings []Heading
	Text     string // plain text, whitespace collapsed; only with Context.PlainText
	// TextPlain says that Text holds nothing that JSON escapes (with
	// HTML's escapes, as jsonquote.Append writes it): it can be copied
	// into a JSON string as it is. False when it cannot, or is not known.
	TextPlain bool
	Problems  diag.List
	// Fragments are the body's links to #anchors, for the build to check
	// against the pages' ids once it knows them all.
	Fragments []Fragment
}

// Fragment is a link written in a body to an anchor: in another briefing
// ([fees](hk.md#fees)) or on the same page ([fees](#fees)).
type Fragment struct {
	Target  string // site path of the linked .md file; "" for the same page
	ID      string // the anchor, percent-decoded
	Written string // the link as written
	Line    int    // file line
}

// New builds the goldmark pipeline once; reuse the Renderer for every body.
func New(opt Options) *Renderer {
	r := &Renderer{engine: &engine{md: newGoldmark(opt.Unsafe), lent: map[*byte]*htmlBuffer{}, lentText: map[*byte][]byte{}}}
	if opt.Unsafe {
		r.policy = newPolicy()
	}
	r.bufs.New = func() any {
		b := new(htmlBuffer)
		b.w.Writer = bufio.NewWriter(&b.html)
		return b
	}
	return r
}

// Render converts one body. Problems (such as links to missing briefings)
// are reported in Result.Problems; rendering itself never fails.
func (r *Renderer) Render(src []byte, ctx Context) Result {
	var textBuf []byte
	if r.lends && ctx.PlainText {
		textBuf = r.textBuffer(len(src))
	}
	buf := r.bufs.Get().(*htmlBuffer)
	buf.html.Reset()
	if r.policy == nil && !r.goldmarkOnly {
		if res, ok := r.renderFast(src, ctx, buf, textBuf); ok {
			return res
		}
		buf.html.Reset()
	}

	doc, st := r.parse(src, ctx, textBuf)
	// The arena goes back only once nothing reads this body's tree.
	defer r.putDelimiters(st)

	buf.w.Reset(&buf.html)
	buf.w.st = st
	err := r.md.Renderer().Render(&buf.w, src, doc)
	if err == nil {
		err = buf.w.Flush()
	}
	if err != nil {
		// Writing to a bytes.Buffer cannot fail; a renderer bug might.
		st.problems = append(st.problems, diag.Errorf(ctx.SourcePath, 0, "", "this is a bug in brief: please report it with the file", "rendering markdown: %v", err))
	}
	text, words, cjk, plain := bodyText(doc, st.text, st.footnoteTexts)
	return r.result(buf, text, st.text.b, words, cjk, plain, st)
}

// result is the Result of a body whose HTML is in buf and whose text is
// text, made in textBytes (which a Lender lends when text is them).
func (r *Renderer) result(buf *htmlBuffer, text string, textBytes []byte, words, cjk int, plain bool, st *renderState) Result {
	var html string
	switch {
	case r.policy != nil:
		html = r.sanitize(buf.html.Bytes())
		r.putBuffer(buf)
	case r.lends && buf.html.Len() > 0:
		html = r.lend(buf)
	default:
		html = buf.html.String()
		r.putBuffer(buf)
	}
	if r.lends {
		text = r.lendText(text, textBytes)
	}
	return Result{
		HTML:      html,
		Words:     words,
		CJK:       cjk,
		Headings:  st.headings,
		Text:      text,
		TextPlain: plain,
		Problems:  st.problems,
		Fragments: st.fragments,
	}
}

// parse parses one body, running our passes over it; the body's text
// goes into textBuf when it has room.
func (r *Renderer) parse(src []byte, ctx Context, textBuf []byte) (ast.Node, *renderState) {
	st := &renderState{ctx: ctx, hasAt: bytes.IndexByte(src, '@') >= 0, ownTags: true, textBuf: textBuf}
	st.delims, _ = r.delims.Get().(*delimiterArena)
	if st.delims == nil {
		st.delims = new(delimiterArena)
	}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	// Only footnotes read the prefix, and only "[^" makes one: other
	// bodies are spared the attribute (goldmark allocates room for ten).
	if prefix := cleanIDPrefix(ctx.IDPrefix); prefix != "" && bytes.Contains(src, footnoteMark) {
		doc.SetAttributeString(footnotePrefixAttr, []byte(prefix))
	}
	return doc, st
}

func (r *Renderer) putDelimiters(st *renderState) {
	st.delims.reset()
	r.delims.Put(st.delims)
	st.delims = nil
}

var footnoteMark = []byte("[^")

// htmlBuffer is where a body's HTML is written. goldmark wraps any writer
// that is not buffered in a new 4 KB bufio.Writer on every render: handing
// it one that is kept with the buffer saves that on every body.
type htmlBuffer struct {
	html bytes.Buffer
	w    stateWriter // writes to html
	fast fastScratch // the fast path's working space, kept between bodies
}

// maxPooledBuffer keeps one giant body from pinning its buffer for the whole build.
const maxPooledBuffer = 1 << 20

// Lender is a Renderer whose results' HTML is the buffer it was written
// into, not a copy of it, for a caller that hands each back (ReturnHTML)
// once nothing reads it: a one-shot build writes most pages as soon as
// their body is rendered, and each body's copy was 5 MB of every 1,000
// briefings' allocations. A body never handed back is only not reused.
func (r *Renderer) Lender() *Renderer {
	return &Renderer{engine: r.engine, lends: true, goldmarkOnly: r.goldmarkOnly}
}

// lend makes the buffer's bytes the body's HTML and keeps the buffer out
// of the pool until they are handed back.
func (r *Renderer) lend(buf *htmlBuffer) string {
	b := buf.html.Bytes()
	buf.w.st = nil
	r.lentMu.Lock()
	r.lent[&b[0]] = buf
	r.lentMu.Unlock()
	return unsafe.String(&b[0], len(b))
}

// ReturnHTML hands back the HTML of a body a Lender rendered: its buffer
// serves another body, so nothing may read html, or a string cut from
// it, after. The HTML of any other render is left alone.
func (r *Renderer) ReturnHTML(html string) {
	if html == "" {
		return
	}
	r.lentMu.Lock()
	buf, ok := r.lent[unsafe.StringData(html)]
	if ok && len(html) == buf.html.Len() {
		delete(r.lent, unsafe.StringData(html))
	} else {
		ok = false
	}
	r.lentMu.Unlock()
	if ok {
		lending.Spoil(buf.html.Bytes())
		r.putBuffer(buf)
	}
}

// textBuffer is a buffer of a text handed back with room for n bytes, or
// nil.
func (r *Renderer) textBuffer(n int) []byte {
	r.lentMu.Lock()
	defer r.lentMu.Unlock()
	for i, b := range r.freeTexts {
		if cap(b) >= n {
			last := len(r.freeTexts) - 1
			r.freeTexts[i] = r.freeTexts[last]
			r.freeTexts[last] = nil
			r.freeTexts = r.freeTexts[:last]
			return b
		}
	}
	return nil
}

// lendText lends the body's text when it is the text builder's bytes, buf
// (a body with footnotes gets a text of its own: buf is free at once).
func (r *Renderer) lendText(text string, buf []byte) string {
	if cap(buf) == 0 {
		return text
	}
	r.lentMu.Lock()
	defer r.lentMu.Unlock()
	if text != "" && unsafe.StringData(text) == unsafe.SliceData(buf) {
		r.lentText[unsafe.SliceData(buf)] = buf
		return text
	}
	r.freeText(buf)
	return text
}

// ReturnText hands back the text of a body a Lender rendered, as
// ReturnHTML its HTML: nothing may read text after.
func (r *Renderer) ReturnText(text string) {
	if text == "" {
		return
	}
	r.lentMu.Lock()
	defer r.lentMu.Unlock()
	if buf, ok := r.lentText[unsafe.StringData(text)]; ok && len(buf) == len(text) {
		delete(r.lentText, unsafe.StringData(text))
		r.freeText(buf)
	}
}

// freeText keeps buf for another body's text; r.lentMu is held.
func (r *Renderer) freeText(buf []byte) {
	lending.Spoil(buf)
	if len(r.freeTexts) < maxFreeTexts && cap(buf) <= maxPooledBuffer {
		r.freeTexts = append(r.freeTexts, buf[:0])
	}
}

func (r *Renderer) putBuffer(buf *htmlBuffer) {
	buf.w.st = nil
	if buf.html.Cap() <= maxPooledBuffer {
		r.bufs.Put(buf)
	}
}

// cleanIDPrefix keeps letters, digits, "-" and "_": the footnote renderer
// writes the prefix into id and href attributes without escaping it.
func cleanIDPrefix(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
}
