package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// lineOfOffset turns a byte offset into src into a file line number.
func lineOfOffset(src []byte, offset, lineOffset int) int {
	offset = min(max(offset, 0), len(src))
	return lineOffset + 1 + bytes.Count(src[:offset], []byte{'\n'})
}

// lineOfNode finds the file line where n starts: the first text segment in or
// under it, else the first source line of the nearest enclosing block.
// It returns 0 when nothing in the tree records a position.
func lineOfNode(n ast.Node, src []byte, lineOffset int) int {
	if off, ok := firstOffset(n); ok {
		return lineOfOffset(src, off, lineOffset)
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return lineOfOffset(src, p.Lines().At(0).Start, lineOffset)
		}
	}
	return 0
}

// firstOffset is the start of the first source segment in n's subtree.
func firstOffset(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}
