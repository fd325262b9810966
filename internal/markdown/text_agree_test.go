package markdown

import (
	"html"
	"os"
	"path/filepath"
	"testing"

	"brief/internal/corpus"
	"brief/internal/jsonquote"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// referenceText is how a body's text was made before the transformer's
// walk wrote it: a walk of its own over the finished tree, after every
// pass (footnotes moved to the end), the reference the one walk must agree
// with.
func referenceText(n ast.Node, src []byte) *textBuilder {
	t := &textBuilder{}
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			t.breakBlock()
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(src)
			if !n.IsRaw() {
				v = shownText(v)
			}
			t.write(v)
			if n.SoftLineBreak() {
				t.softBreak()
			} else if n.HardLineBreak() {
				t.breakBlock()
			}
		case *ast.String:
			s := n.Value
			if n.IsCode() {
				s = []byte(html.UnescapeString(string(s)))
			}
			t.write(s)
		case *ast.AutoLink:
			t.write(n.Label(src))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				t.write(seg.Value(src))
			}
		case *ast.RawHTML, *ast.HTMLBlock, *ast.Image, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return t
}

// checkTextAgrees renders src and compares its text, counts and heading
// labels with the reference walk over the finished tree.
func checkTextAgrees(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	for _, plain := range []bool{true, false} {
		doc, st := r.parse(src, Context{SourcePath: "content/briefings/x.md", PlainText: plain}, nil)
		text, words, cjk, textPlain := bodyText(doc, st.text, st.footnoteTexts)
		checkTextPlain(t, src, text, textPlain)
		ref := referenceText(doc, src)
		rw, rc := ref.count.result()
		want := ref.String()
		if !plain {
			want = ""
		}
		if text != want || words != rw || cjk != rc {
			t.Fatalf("%q (plain text %v):\n got %q, %d words, %d CJK\nwant %q, %d words, %d CJK", src, plain, text, words, cjk, want, rw, rc)
		}
		labels := map[string]string{}
		for _, h := range st.headings {
			labels[h.ID] = h.Text
		}
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				var id string
				for _, tag := range st.headingTags {
					if tag.node == h {
						id = tag.id
					}
				}
				want := referenceText(h, src).String()
				if got := labels[id]; got != want {
					t.Fatalf("%q (plain text %v): heading %q labelled %q, want %q", src, plain, id, got, want)
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

// checkTextPlain: a body's text is said to be plain (Result.TextPlain)
// when, and only when, jsonquote.Append copies it as it is.
func checkTextPlain(t testing.TB, src []byte, text string, plain bool) {
	t.Helper()
	if want := string(jsonquote.Append(nil, text, true)) == `"`+text+`"`; plain != want {
		t.Fatalf("%q: text %q said plain %v, want %v", src, text, plain, want)
	}
}

// awkwardBodies are bodies where the one walk could part from a walk
// over the finished tree: footnotes moved, dropped or holding headings,
// lines joined after trailing whitespace, headings after text.
var awkwardBodies = []string{
	"Rule[^1] applies.\n\n[^1]: Since 2023.\n\nMore text after the note.\n",
	"[^b]: Defined first, cited second.\n\nA[^a] and B[^b].\n\n[^a]: Cited first.\n\n[^unused]: Never cited.\n",
	"> quote[^q]\n>\n> [^q]: A note inside a quote.\n\nAfter.\n",
	"Text[^h].\n\n[^h]: ## 注释\n    note body\n\n## 注释\n",
	"[^only]: Never cited, nothing else.\n",
	"第一行 \n第二行\t\n第三行 \t\n**第四**行\n# 标题 \n\n## Heading *one*\ntext\n\nSetext 第一 \n第二\n---\n",
	"第一行 \t\n第二行\t \n第三行\n\nLatin \t\n第四行 \t\nlatin\n",
	"第一行， \t\n第二行。\t \n「第三行」\nEnglish，\t \nline\n",
	"한국은행은 \t\n발표했다，\n한국\n中文\n",
	"![图 \n片](x.png) 文字 \n文字 `代码 \n代码` 第 \n三\n",
	"- [x] 任务 \n  继续\n- [ ] task\n\n| a | b |\n|---|---|\n| 中 \\| 文 | e |\n",
	"See <https://a.example/> and https://b.example/ and a@b.example.\n\n<div>\nhidden\n</div>\n\n```\ncode   block\n```\n",
	"\"Quotes\" -- dashes... and &amp; entities &#20013; `a &lt; b`\n",
	"R&D, 1 < 2 > 0, a \\\\ b, \"q\" [\"x\"](y.md) `<code>` &#8232; line&#8233;end &#1; \u0001 &#x7f; \xff\n",
	"## \n\n##\n\n# {#empty}\n\nText\n# Heading\\\nnext\n",
	"Term\n: 定义 \n定义\n\n* * *\n\n1. one\n2. 二 \n   三\n",
}

func TestBodyTextAgrees(t *testing.T) {
	r := New(Options{})
	for _, s := range awkwardBodies {
		checkTextAgrees(t, r, []byte(s))
	}
	srcs, err := corpus.BenchBriefings(t.TempDir(), 300)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		checkTextAgrees(t, r, bodyOf(src))
	}
	example, _ := filepath.Glob("../../content/briefings/*.md")
	bundles, _ := filepath.Glob("../../content/briefings/*/index*.md")
	for _, p := range append(example, bundles...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkTextAgrees(t, r, bodyOf(src))
	}
	if len(example) == 0 {
		t.Fatal("no briefings of the example site found")
	}
}

func FuzzBodyTextAgrees(f *testing.F) {
	for _, s := range awkwardBodies {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, s string) { checkTextAgrees(t, r, []byte(s)) })
}
