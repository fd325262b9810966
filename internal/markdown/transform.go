package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// briefTransformer is our one AST pass: a single walk (bodyWalker) joins
// CJK lines, writes the body's plain text and finds the headings and links,
// then headings get their ids and .md links their URLs. One walk rather
// than one per job, because this runs on every body of every build.
type briefTransformer struct{}

func (briefTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		st = &renderState{} // goldmark driven directly: ids still assigned
	}
	src := reader.Source()
	t := newBodyText(src, !st.ctx.PlainText, st.textBuf)
	w := bodyWalker{src: src, text: t, transform: true, st: st}
	w.walk(doc)
	st.text, st.footnoteTexts = t, w.footnotes
	assignHeadingIDs(w.headings, w.labels, src, st)
	resolveLinks(w.links, src, st)
}

// joinCJKLines drops a soft line break between two CJK characters or
// full-width punctuation marks (isWide, as the plain text joins them; not
// Korean's): Chinese and Japanese have no spaces between words, so a break
// in the source must not become one on the page. goldmark's own East Asian option does this too, but it also
// drops breaks before emphasis, code and links in Latin text, gluing words
// together (yuin/goldmark#582), so we do the narrow part ourselves.
//
// Whitespace at the end of the line does not count: goldmark leaves it on
// the text before the break, or splits it off into text nodes of their own
// (empty once trimmed) wherever the autolinker was asked about a space. The
// character before the break is the last one of those texts that is not
// whitespace, and a joined line loses that whitespace too, or it would
// show as a space. It reports whether it trimmed a text before t.
func joinCJKLines(t *ast.Text, src []byte) (trimmedBefore bool) {
	if !t.SoftLineBreak() {
		return false
	}
	next, ok := t.NextSibling().(*ast.Text)
	if !ok {
		return false
	}
	after, _ := utf8.DecodeRune(next.Segment.Value(src))
	if !isWide(after) {
		return false
	}
	last := t // the first text of the line's end, back from t
	for {
		if v := last.Segment.Value(src); len(v) > 0 && !isASCIISpace(v[len(v)-1]) {
			break
		}
		prev, ok := last.PreviousSibling().(*ast.Text)
		if !ok || prev.SoftLineBreak() || prev.HardLineBreak() || prev.Segment.Stop != last.Segment.Start {
			break
		}
		last = prev
	}
	trimmed := last.Segment.TrimRightSpace(src)
	before, _ := utf8.DecodeLastRune(trimmed.Value(src))
	if !isWide(before) {
		return false
	}
	t.SetSoftLineBreak(false)
	for n := ast.Node(last); ; n = n.NextSibling() {
		x := n.(*ast.Text)
		if x == t {
			x.Segment = x.Segment.TrimRightSpace(src)
			return trimmedBefore
		}
		if seg := x.Segment.TrimRightSpace(src); seg != x.Segment {
			x.Segment, trimmedBefore = seg, true
		}
	}
}
