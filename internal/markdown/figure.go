package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"brief/internal/diag"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Picture is what a page shows for an image written in Markdown: where it
// is, its size (so the page does not jump while it loads), and the resized
// copies a browser may pick from.
type Picture struct {
	Src           string // URL of the image, or of its largest copy up to 960 px
	Width, Height int    // as shown; 0 when unknown (an external image)
	Srcset        string // "u 480w, u 960w"; empty when there are no copies
	Sizes         string // the sizes attribute that goes with Srcset
}

// ImageError says why an image cannot be shown, with a hint.
type ImageError struct{ Msg, Hint string }

func (e *ImageError) Error() string { return e.Msg }

// Decorative is the title that marks an image as decoration, with no alt
// text: ![](rule.png "decorative"). Any other image must describe itself.
const Decorative = "decorative"

// KindFigure is the kind of a figure node: an image alone in its paragraph,
// with its title as the caption.
var KindFigure = ast.NewNodeKind("Figure")

// figure is a <figure>: the image (or the link around it) as its child,
// and the caption taken from the image's title.
type figure struct {
	ast.BaseBlock
	caption []byte
}

func (n *figure) Kind() ast.NodeKind { return KindFigure }

func (n *figure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": string(n.caption)}, nil)
}

// figures is the goldmark extension for images: it checks each image's alt
// text, resolves its destination with Context.Image to a sized picture with
// copies, loads all but the first image of a body lazily, and turns an
// image that stands alone in its paragraph into a <figure> whose
// <figcaption> is the image's title.
type figures struct{}

func (figures) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(figures{}, transformPriority+1)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figures{}, 500)))
}

func (figures) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, renderFigure)
}

func renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*figure)
	if entering {
		_, _ = w.WriteString("<figure>\n")
		return ast.WalkContinue, nil
	}
	if len(n.caption) > 0 {
		_, _ = w.WriteString("\n<figcaption>")
		textWriter.Write(w, n.caption) // as goldmark writes a title: escapes resolved, HTML escaped
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("\n</figure>\n")
	return ast.WalkContinue, nil
}

func (figures) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("![")) {
		return // no image written, none to look for
	}
	st := stateOf(pc)
	if st == nil {
		st = &renderState{}
	}
	var imgs []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			imgs = append(imgs, n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, img := range imgs {
		prepareImage(img, i == 0, src, st)
	}
}

// prepareImage checks one image, sets its attributes and, when it stands
// alone in its paragraph, wraps it in a figure.
func prepareImage(img *ast.Image, first bool, src []byte, st *renderState) {
	line := lineOfNode(img, src, st.ctx.LineOffset)
	dest := string(img.Destination)
	alt := strings.TrimSpace(altText(img, src))
	title := strings.TrimSpace(string(img.Title))
	decorative := strings.EqualFold(title, Decorative)
	report := func(hint, format string, args ...any) {
		st.problems = append(st.problems, diag.Errorf(st.ctx.SourcePath, line, "", hint, format, args...))
	}
	switch {
	case alt == "" && !decorative:
		report(`describe what it shows for readers who cannot see it: ![A bar chart of ...](`+dest+`); `+
			`if it is only decoration, say so: ![](`+dest+` "decorative")`, "image %q has no alt text", dest)
	case alt != "" && decorative:
		report(`remove the alt text, or the "decorative" title if the image tells something`, "image %q is marked decorative but has alt text", dest)
	}
	if decorative {
		img.Title = nil
	}

	pic := Picture{Src: dest}
	if st.ctx.Image != nil && isLocal(dest) {
		p, err := st.ctx.Image(dest)
		if err != nil {
			ie, _ := err.(*ImageError)
			hint := "use a JPEG, PNG, GIF or WebP file inside the site"
			if ie != nil && ie.Hint != "" {
				hint = ie.Hint
			}
			report(hint, "image %q: %v", dest, err)
		} else {
			pic = p
		}
	}
	img.Destination = []byte(pic.Src)
	set := func(name, value string) {
		if value != "" {
			img.SetAttributeString(name, []byte(value))
		}
	}
	if pic.Width > 0 && pic.Height > 0 {
		set("width", strconv.Itoa(pic.Width))
		set("height", strconv.Itoa(pic.Height))
	}
	set("srcset", pic.Srcset)
	if pic.Srcset != "" {
		set("sizes", pic.Sizes)
	}
	if !first { // the first is likely on the first screen: load it at once
		set("loading", "lazy")
		set("decoding", "async")
	}
	if !decorative {
		wrapAlone(img)
	}
}

// isLocal reports a destination on this site: not a URL with a scheme
// (https:, data:), not protocol-relative, not a bare fragment.
func isLocal(dest string) bool {
	return dest != "" && !hasScheme(dest) && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "#")
}

// wrapAlone turns the paragraph around an image that stands alone in it (or
// inside a link that does) into a figure, moving the title to its caption.
func wrapAlone(img *ast.Image) {
	var child ast.Node = img
	if l, ok := img.Parent().(*ast.Link); ok && l.ChildCount() == 1 {
		child = l
	}
	para, ok := child.Parent().(*ast.Paragraph)
	if !ok || para.ChildCount() != 1 {
		return
	}
	fig := &figure{caption: img.Title}
	img.Title = nil
	fig.SetLines(para.Lines())
	para.RemoveChild(para, child)
	fig.AppendChild(fig, child)
	parent := para.Parent()
	parent.ReplaceChild(parent, para, fig)
}

// altText is the image's description as a reader hears it: the text of its
// children, markup dropped.
func altText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
