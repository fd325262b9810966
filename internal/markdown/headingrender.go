package markdown

import (
	"bufio"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingTag is what a heading's start tag carries besides its level. A
// Render keeps these in its state and the heading renderer writes them:
// set as the node's attributes, every heading of every body cost goldmark's
// room for ten attributes (416 bytes) and a copy of its id.
type headingTag struct {
	node  *ast.Heading
	id    string
	class []byte // nil: none
}

// stateWriter is the writer a Render hands goldmark: the renderers of
// ours that need the render's state find it here.
type stateWriter struct {
	*bufio.Writer
	st *renderState
}

// headingRenderers writes headings as goldmark's HTML renderer does, with
// the id and class from the render's state when the heading has them
// there, and from the node's attributes otherwise (goldmark driven without
// Render).
type headingRenderers struct{}

func (headingRenderers) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingRenderers{}, 500)))
}

func (headingRenderers) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte("0123456"[n.Level])
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte("0123456"[n.Level])
	if tag := headingTagOf(w, n); tag != nil {
		writeAttribute(w, "id", util.StringToReadOnlyBytes(tag.id))
		if tag.class != nil {
			writeAttribute(w, "class", tag.class)
		}
	} else if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// headingTagOf finds n's tag in the render's state: the next one, since
// headings are rendered in the order they were given ids, or any.
func headingTagOf(w util.BufWriter, n *ast.Heading) *headingTag {
	sw, ok := w.(*stateWriter)
	if !ok || sw.st == nil {
		return nil
	}
	st := sw.st
	if st.nextTag < len(st.headingTags) && st.headingTags[st.nextTag].node == n {
		st.nextTag++
		return &st.headingTags[st.nextTag-1]
	}
	for i := range st.headingTags {
		if st.headingTags[i].node == n {
			return &st.headingTags[i]
		}
	}
	return nil
}

// writeAttribute writes ` name="value"` as html.RenderAttributes does.
func writeAttribute(w util.BufWriter, name string, value []byte) {
	_ = w.WriteByte(' ')
	_, _ = w.WriteString(name)
	_, _ = w.WriteString(`="`)
	_, _ = w.Write(util.EscapeHTML(value))
	_ = w.WriteByte('"')
}
