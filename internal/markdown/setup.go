package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotePrefixAttr is the Document attribute that carries the render's
// footnote id prefix from the parse step to the footnote renderer.
const footnotePrefixAttr = "brief-footnote-prefix"

// transformPriority places our pass among goldmark's; it only needs the
// finished tree, so any value works.
const transformPriority = 100

// typographicSubstitutions writes real characters instead of entities, so the
// HTML stays readable and plain text needs no unescaping.
var typographicSubstitutions = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// textWriter is the writer of text that the CJK option below gives the
// HTML renderer (escaped spaces are dropped); plain text and captions are
// written as it writes text. TestTextWriterIsTheRenderers holds the two
// together.
var textWriter = html.NewWriter(html.WithEscapedSpace())

func newGoldmark(unsafe bool) goldmark.Markdown {
	return newGoldmarkWith(unsafe, gfm{}, linkRenderers{})
}

// newGoldmarkWith builds the pipeline with the given GFM extension (ours,
// or goldmark's own for tests that compare the two) and those of ours
// that only make goldmark's work cheaper.
func newGoldmarkWith(unsafe bool, gfmExtension goldmark.Extender, cheaper ...goldmark.Extender) goldmark.Markdown {
	var rendererOpts []renderer.Option
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(
			gfmExtension,
			extension.DefinitionList,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
			extension.NewTypographer(extension.WithTypographicSubstitutions(typographicSubstitutions)),
			// Escaped spaces only: the East Asian line-break option glues Latin
			// words together before inline markup; see joinCJKLines.
			extension.NewCJK(extension.WithEscapedSpace()),
			figures{},
			headingRenderers{}, // ids from the render's state: see headingTag
		),
		goldmark.WithExtensions(cheaper...),
		goldmark.WithParserOptions(
			parser.WithAttribute(), // explicit {#id} on headings; filtered by assignHeadingIDs
			parser.WithASTTransformers(util.Prioritized(briefTransformer{}, transformPriority)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// newParser is goldmark's default parser with the emphasis parser swapped for
// the CJK-friendly one.
func newParser() parser.Parser {
	inlines := parser.DefaultInlineParsers()
	for i, p := range inlines {
		if isDefaultEmphasis(p.Value) {
			inlines[i] = util.Prioritized(cjkEmphasisParser{}, p.Priority)
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(linkReferencesFirst(parser.DefaultParagraphTransformers())...),
	)
}

// linkReferencesFirst wraps goldmark's link reference definition pass so
// that it runs only on paragraphs that can begin with one.
func linkReferencesFirst(transformers []util.PrioritizedValue) []util.PrioritizedValue {
	for i, t := range transformers {
		if t.Value == parser.LinkReferenceParagraphTransformer {
			transformers[i].Value = linkReferences{t.Value.(parser.ParagraphTransformer)}
		}
	}
	return transformers
}

// linkReferences is goldmark's link reference definition pass, skipped for
// a paragraph whose first character other than whitespace is not "[":
// goldmark's pass finds no definition there, and made a block reader for
// every paragraph to see that (150,000 allocations at 10,000 briefings).
type linkReferences struct{ parser.ParagraphTransformer }

func (t linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if firstNonSpace(reader.Source(), node.Lines()) != '[' {
		return
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// firstNonSpace is the first byte of the lines that is not whitespace, or 0.
func firstNonSpace(src []byte, lines *text.Segments) byte {
	for i := range lines.Len() {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if !util.IsSpace(c) {
				return c
			}
		}
	}
	return 0
}

// isDefaultEmphasis recognises goldmark's emphasis parser, whose type is not
// exported, by being the same value NewEmphasisParser returns.
func isDefaultEmphasis(v any) bool {
	return v == any(parser.NewEmphasisParser())
}

// footnotePrefix gives the footnote renderer the prefix of the document the
// node belongs to.
func footnotePrefix(n ast.Node) []byte {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	v, _ := doc.AttributeString(footnotePrefixAttr)
	b, _ := v.([]byte)
	return b
}
