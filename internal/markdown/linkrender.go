package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderers is the goldmark extension that writes links as goldmark's
// HTML renderer does, byte for byte, but for how it tells a dangerous URL
// (javascript:, vbscript:, file:, data: but for pictures): goldmark
// compares lower-cased copies of the URL's first bytes, allocating up to
// nine of them for every link of every body; dangerousURL compares in
// place. Its options (Unsafe, the text writer) are the HTML renderer's,
// handed to it as to that renderer.
type linkRenderers struct{}

func (linkRenderers) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&linkRenderer{Config: html.NewConfig()}, 500)))
}

type linkRenderer struct{ html.Config }

func (r *linkRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
}

func (r *linkRenderer) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	if dest := util.URLEscape(n.Destination, true); r.Unsafe || !dangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// dangerousURL is html.IsDangerousURL without its allocations.
// TestDangerousURLAgrees holds the two together.
func dangerousURL(u []byte) bool {
	if hasPrefixFold(u, "data:image/") {
		v := u[len("data:image/"):]
		return !hasPrefixFold(v, "png;") && !hasPrefixFold(v, "gif;") && !hasPrefixFold(v, "jpeg;") && !hasPrefixFold(v, "webp;")
	}
	return hasPrefixFold(u, "javascript:") || hasPrefixFold(u, "vbscript:") || hasPrefixFold(u, "file:") || hasPrefixFold(u, "data:")
}

// hasPrefixFold reports whether s starts with prefix, a lower-case ASCII
// string, in any case. Only ASCII letters fold: goldmark lower-cases the
// first len(prefix) bytes of s as UTF-8, and the characters whose lower
// case is ASCII (the Kelvin sign, the dotted capital I) are longer than
// it, so the lower-cased bytes are then too few to be equal.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
