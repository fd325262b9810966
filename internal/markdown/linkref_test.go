package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

// linkRefBodies hold link reference definitions where goldmark finds them
// and look-alikes where it does not.
var linkRefBodies = []string{
	"[a]: /x\n\nSee [a].\n",
	"   [a]: /x \"title\"\n[b]: /y\nSee [a] and [b].\n",
	"    [a]: /x\n\nindented code, not a definition: [a]\n",
	"Text first\n[a]: /x\n\n[a]\n",
	"\t[a]: /x\n\n[a]\n",
	"[a]:\n/x\n'title\nover lines'\n\n[a]\n",
	"[a] not a definition\n\n[a]: /x\n",
	"> [q]: /quoted\n\n[q]\n",
	"- [l]: /listed\n\n[l]\n",
	"[a]: /x\nand text after it\n\n[a]\n",
	"* [not]: /here because a list\n",
	"[]: /empty-label\n\n[]\n",
	"plain paragraph\n\nanother one *with* [a link](/x)\n",
}

// TestLinkReferencesAgree: skipping paragraphs that cannot start with a
// definition finds the same definitions as goldmark's pass on them all.
func TestLinkReferencesAgree(t *testing.T) {
	theirs := goldmark.New(goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)))
	ours := goldmark.New(goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(linkReferencesFirst(parser.DefaultParagraphTransformers())...),
	)))
	for _, body := range linkRefBodies {
		var want, got bytes.Buffer
		if err := theirs.Convert([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if err := ours.Convert([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\ngot  %s\nwant %s", body, got.String(), want.String())
		}
	}
}

// TestParagraphAllocations: a paragraph that cannot hold a link reference
// definition is not read again to look for one.
func TestParagraphAllocations(t *testing.T) {
	r := goldmarkRenderer() // goldmark's costs, not the fast path's
	one := []byte("Some words here.\n")
	many := []byte(strings.Repeat("Some words here.\n\n", 100))
	count := func(src []byte) float64 {
		return testing.AllocsPerRun(20, func() { r.Render(src, Context{}) })
	}
	// Per paragraph: its node, its text and their lines; the block reader
	// looking for a definition would add one more.
	per := (count(many) - count(one)) / 99
	if per > 4.5 {
		t.Errorf("a paragraph costs %.2f allocations, want at most 4.5", per)
	}
}
