package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

func TestPlainTextAndCounts(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name       string
		src        string
		wantText   string
		words, cjk int
	}{
		{
			name:     "English with markup",
			src:      "# Hong Kong's SFC\n\nThe *new* rules, see [the circular](https://sfc.hk/c).\n",
			wantText: "Hong Kong’s SFC The new rules, see the circular.",
			words:    9,
		},
		{
			name:     "Chinese counted by character, punctuation not counted",
			src:      "香港证监会，发布“新规”。\n",
			wantText: "香港证监会，发布“新规”。",
			cjk:      9,
		},
		{
			name:     "mixed scripts",
			src:      "投入**“1亿元”**支持Web3发展\n",
			wantText: "投入“1亿元”支持Web3发展",
			words:    2, // "“1" and "Web3"
			cjk:      8,
		},
		{
			name:     "Japanese and Korean",
			src:      "ひらがなカタカナ 한국어\n",
			wantText: "ひらがなカタカナ 한국어",
			cjk:      11,
		},
		{
			name:     "soft break between CJK adds no space, between Latin adds one",
			src:      "第一行\n第二行\nsecond\nline\n",
			wantText: "第一行第二行 second line",
			words:    2,
			cjk:      6,
		},
		{
			name:     "soft break between Korean lines is a space",
			src:      "한국은행은\n발표했다\n",
			wantText: "한국은행은 발표했다",
			cjk:      9,
		},
		{
			name:     "soft break between CJK after trailing whitespace adds no space",
			src:      "第一行 \t\n第二行\t \n第三行\n",
			wantText: "第一行第二行第三行",
			cjk:      9,
		},
		{
			// What the page shows: escapes and entities resolved, and
			// escaped spaces dropped, as goldmark's writer does; code
			// as written.
			name:     "escapes and entities as shown",
			src:      "a\\*b AT\\&T, 1 &lt; 2 &amp; &#20013;&#x6587; &copy; \\\\ \\&amp; **中**\\ 文 `c\\*d &amp;`\n",
			wantText: "a*b AT&T, 1 < 2 & 中文 © \\ &amp; 中文 c\\*d &amp;",
			words:    7, // a*b AT&T, 1 2 amp; c\*d amp;
			cjk:      4,
		},
		{
			name:     "blocks separated, whitespace collapsed",
			src:      "- one\n- two\n\n| a | b |\n|---|---|\n| c   d | e |\n\nend  of\ttext\n",
			wantText: "one two a b c d e end of text",
			words:    10,
		},
		{
			name:     "code counted, raw HTML and images not",
			src:      "Use `brief build`.\n\n```\ngo test ./...\n```\n\n<div>hidden</div>\n\n![a chart](c.png) shown\n",
			wantText: "Use brief build. go test ./... shown",
			words:    6, // "./..." has no letter or digit
		},
		{
			name:     "footnote text included, reference numbers not",
			src:      "Rule[^1] applies.\n\n[^1]: Since 2023.\n",
			wantText: "Rule applies. Since 2023.",
			words:    4,
		},
		{
			name:     "dashes and symbols alone are not words",
			src:      "A — B & C\n",
			wantText: "A — B & C",
			words:    3,
		},
		{
			name: "empty body",
			src:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render([]byte(tt.src), Context{PlainText: true})
			if res.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", res.Text, tt.wantText)
			}
			if res.Words != tt.words || res.CJK != tt.cjk {
				t.Errorf("Words, CJK = %d, %d; want %d, %d", res.Words, res.CJK, tt.words, tt.cjk)
			}
			// Counting alone must give the same counts without keeping the text.
			res = r.Render([]byte(tt.src), Context{})
			if res.Text != "" {
				t.Errorf("Text without PlainText = %q, want empty", res.Text)
			}
			if res.Words != tt.words || res.CJK != tt.cjk {
				t.Errorf("count only: Words, CJK = %d, %d; want %d, %d", res.Words, res.CJK, tt.words, tt.cjk)
			}
		})
	}
}

// count is what a counter makes of s.
func count(s string) (words, cjk int) {
	var c counter
	for _, r := range s {
		c.add(r)
	}
	return c.result()
}

func TestCount(t *testing.T) {
	tests := []struct {
		in         string
		words, cjk int
	}{
		{"", 0, 0},
		{"one two  three", 3, 0},
		{"e.g. U.S.-China", 2, 0},
		{"abc，def", 2, 0}, // full-width comma separates words
		{"1亿元", 1, 2},
		{"数字资产", 0, 4},
		{"— … ，。", 0, 0},
	}
	for _, tt := range tests {
		if w, c := count(tt.in); w != tt.words || c != tt.cjk {
			t.Errorf("count(%q) = %d, %d; want %d, %d", tt.in, w, c, tt.words, tt.cjk)
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct{ words, cjk, want int }{
		{0, 0, 1},
		{1, 0, 1},
		{220, 0, 1},
		{221, 0, 2},
		{700, 0, 4},
		{0, 350, 1},
		{0, 351, 2},
		{0, 3500, 10},
		{110, 175, 1}, // half a minute each
		{110, 176, 2},
		{-5, -5, 1},
	}
	for _, tt := range tests {
		if got := ReadingMinutes(tt.words, tt.cjk); got != tt.want {
			t.Errorf("ReadingMinutes(%d, %d) = %d, want %d", tt.words, tt.cjk, got, tt.want)
		}
	}
}

// FuzzCountOnlyMatchesText checks that counting without building the text
// counts exactly what the built text holds.
func FuzzCountOnlyMatchesText(f *testing.F) {
	for _, s := range []string{
		"one two\nthree",
		"第一行\n第二行 second\nline",
		"- a\n- b\n\n> quote *em*phasis\n\n```\ncode block\n```\n",
		"| a | b |\n|---|---|\n| 1亿元 | x |\n",
		"end.[^1]\n\n[^1]: note text\n",
		"**香港**，发布“新规”。\nNext",
		"`go test ./...` and <https://example.org> ok",
		"A\u3000B\u00a0C — d",
	} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		full := r.Render([]byte(src), Context{PlainText: true})
		counted := r.Render([]byte(src), Context{})
		words, cjk := count(full.Text)
		if counted.Words != words || counted.CJK != cjk || full.Words != words || full.CJK != cjk {
			t.Errorf("%q: counting alone gives %d words %d CJK, with text %d/%d, count(text) %d/%d",
				src, counted.Words, counted.CJK, full.Words, full.CJK, words, cjk)
		}
	})
}

// TestPlainTextOneBuffer: a body's plain text is built in one buffer sized
// from the source, not grown a dozen times over (every briefing's text is
// built once per build; the regrowth was 7% of a build's allocated bytes).
func TestPlainTextOneBuffer(t *testing.T) {
	r := New(Options{})
	var src []byte
	for range 60 {
		src = append(src, "A paragraph about *licensing* regimes and [sandboxes](https://example.org/) in Hong Kong.\n\n"...)
	}
	doc := r.md.Parser().Parse(text.NewReader(src))
	allocs := testing.AllocsPerRun(20, func() {
		w := bodyWalker{src: src, text: newBodyText(src, false, nil)}
		w.walk(doc)
		_ = w.text.String()
	})
	if allocs > 3 {
		t.Errorf("plain text of a %d-byte body took %.0f allocations, want at most 3", len(src), allocs)
	}
}

// writeByRune is textBuilder.write without its ASCII fast path, one
// character at a time: the reference the fast path must agree with.
func (t *textBuilder) writeByRune(s []byte) {
	for _, r := range string(s) {
		t.writeRune(r)
	}
}

// TestWriteMatchesByRune feeds random pieces, soft and block breaks to the
// builder and to the character-by-character reference: same text, same counts.
func TestWriteMatchesByRune(t *testing.T) {
	alphabet := []string{"a", "Z", "7", "-", ".", "—", "é", "数", "字", "，", "。", "“", " ", "\t", "\n", "\u3000", "\u00a0", "か", "한", "_", "$", "\x01", "\x7f", " ", " "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var fast, slow textBuilder
		var ops []string
		for range rng.IntN(12) {
			switch k := rng.IntN(6); k {
			case 0:
				fast.softBreak()
				slow.softBreak()
				ops = append(ops, "<soft>")
			case 1:
				fast.breakBlock()
				slow.breakBlock()
				ops = append(ops, "<block>")
			default:
				var piece strings.Builder
				for range rng.IntN(8) {
					piece.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				fast.write([]byte(piece.String()))
				slow.writeByRune([]byte(piece.String()))
				ops = append(ops, piece.String())
			}
		}
		fw, fc := fast.count.result()
		sw, sc := slow.count.result()
		if fast.String() != slow.String() || fw != sw || fc != sc {
			t.Fatalf("%q: write gives %q (%d words, %d CJK), one by one %q (%d, %d)", ops, fast.String(), fw, fc, slow.String(), sw, sc)
		}
	}
}

// BenchmarkWriteChinese writes Chinese prose, Han characters with the
// commonest punctuation, into a body's text.
func BenchmarkWriteChinese(b *testing.B) {
	src := []byte(strings.Repeat("香港证监会今日就虚拟资产交易平台的发牌制度发布咨询文件，建议零售投资者可买卖大型代币。", 100))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		t := newBodyText(src, false, nil)
		t.write(src)
	}
}

// TestTextWriterIsTheRenderers: textWriter writes text as the renderer's
// own writer does, escaped spaces included.
func TestTextWriterIsTheRenderers(t *testing.T) {
	src := "a\\ b \\* c &amp; &#20013; &foo; \\&amp; \\\\ d\\_e"
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	textWriter.Write(w, []byte(src))
	_ = w.Flush()
	if got, want := New(Options{}).Render([]byte(src+"\n"), Context{}).HTML, "<p>"+b.String()+"</p>\n"; got != want {
		t.Errorf("renderer writes %q, textWriter %q", got, want)
	}
}
