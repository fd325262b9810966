package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// briefTransformer is our one AST pass: a single walk finds the headings and
// links, then headings get their ids and .md links their URLs. One walk
// rather than one per job, because this runs on every body of every build.
type briefTransformer struct{}

func (briefTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		st = &renderState{} // goldmark driven directly: ids still assigned
	}
	var headings []*ast.Heading
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			links = append(links, n)
		case *ast.Text:
			joinCJKLines(n, reader.Source())
		case *ast.HTMLBlock:
			checkHTMLBlock(n, reader.Source(), st)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	assignHeadingIDs(headings, src, st)
	resolveLinks(links, src, st)
}

// joinCJKLines drops a soft line break between two CJK characters: Chinese
// has no spaces between words, so a break in the source must not become one
// on the page. goldmark's own East Asian option does this too, but it also
// drops breaks before emphasis, code and links in Latin text, gluing words
// together (yuin/goldmark#582), so we do the narrow part ourselves.
//
// Whitespace at the end of the line does not count: goldmark leaves it on
// the text before the break, or splits it off into text nodes of their own
// (empty once trimmed) wherever the autolinker was asked about a space. The
// character before the break is the last one of those texts that is not
// whitespace, and a joined line loses that whitespace too, or it would
// show as a space.
func joinCJKLines(t *ast.Text, src []byte) {
	if !t.SoftLineBreak() {
		return
	}
	next, ok := t.NextSibling().(*ast.Text)
	if !ok {
		return
	}
	after, _ := utf8.DecodeRune(next.Segment.Value(src))
	if !isCJK(after) {
		return
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
	if !isCJK(before) {
		return
	}
	t.SetSoftLineBreak(false)
	for n := ast.Node(last); ; n = n.NextSibling() {
		x := n.(*ast.Text)
		x.Segment = x.Segment.TrimRightSpace(src)
		if x == t {
			break
		}
	}
}
