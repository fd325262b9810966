package markdown

import (
	"strings"
	"testing"
)

// emphasisBodies are bodies whose emphasis runs match, nest, stay literal
// or are cut by links and code, in many numbers: a delimiter handed out
// twice, or one left over from an earlier body, shows in their HTML.
var emphasisBodies = []string{
	"*a* **b** ***c*** _d_ __e__ *f **g** h*\n",
	"**unclosed *emphasis and _more\n\nnext *para* here**\n",
	"[link *with* **emphasis**](https://example.org/) and *[emphasis](x) around*\n",
	"`*code*` *after `code*` and **a**b**c**\n",
	"投入**“1亿元”**支持 and 中文*强调*文字 _x_y_ *\n",
	"- *item* one\n- **item** _two_\n\n> *quote **nested***\n",
	strings.Repeat("*a* **b** _c_ ", 150) + "\n\n" + strings.Repeat("**x *y* z** ", 120) + "\n",
	"| *a* | **b** |\n|---|---|\n| _c_ | *d **e*** |\n",
	"*a [b* c](d) *e ![f* g](h.png) **i\n",
}

// TestDelimiterArenaReused: bodies rendered one after another by one
// Renderer, reusing its delimiters, give what each gives on its own.
func TestDelimiterArenaReused(t *testing.T) {
	shared := goldmarkRenderer()
	for round := range 3 {
		for i, body := range emphasisBodies {
			got := shared.Render([]byte(body), Context{PlainText: true}).HTML
			want := goldmarkRenderer().Render([]byte(body), Context{PlainText: true}).HTML
			if got != want {
				t.Errorf("round %d, body %d: after other bodies\n%s\nalone\n%s", round, i, got, want)
			}
		}
	}
}

// TestDelimiterArena: chunks are filled in turn and zeroed when the arena
// is reset, and a reset arena hands out its first delimiter again.
func TestDelimiterArena(t *testing.T) {
	var a delimiterArena
	first := newDelimiter(&a, true, false, 2, '*', emphasisDelimiters{})
	for range 2*delimiterChunk + 3 {
		d := a.next()
		d.Length = 7
	}
	if len(a.chunks) != 3 || a.chunk != 2 || a.used != 4 {
		t.Fatalf("after %d delimiters: %d chunks, filling %d with %d used", 2*delimiterChunk+4, len(a.chunks), a.chunk, a.used)
	}
	a.reset()
	for i, c := range a.chunks {
		for j := range c {
			if c[j].Length != 0 || c[j].Processor != nil {
				t.Fatalf("chunk %d delimiter %d not zeroed: %+v", i, j, c[j])
			}
		}
	}
	if d := newDelimiter(&a, false, true, 3, '_', emphasisDelimiters{}); d != first || d.CanOpen || !d.CanClose || d.Length != 3 || d.OriginalLength != 3 || d.Char != '_' {
		t.Errorf("first delimiter after reset: %p %+v, want %p reused", d, d, first)
	}
}

// TestEmphasisAllocations: a body's emphasis runs take no allocation of
// their own beyond goldmark's emphasis and text nodes (each run's
// delimiter was one: a third of a million at 10,000 briefings).
func TestEmphasisAllocations(t *testing.T) {
	r := goldmarkRenderer() // goldmark's costs, not the fast path's
	plain := []byte(strings.Repeat("a b ", 200) + "\n")
	emph := []byte(strings.Repeat("*a* b ", 200) + "\n")
	ctx := Context{PlainText: true}
	count := func(src []byte) float64 {
		return testing.AllocsPerRun(20, func() { r.Render(src, ctx) })
	}
	extra := (count(emph) - count(plain)) / 200
	// Per emphasis: the emphasis node, the text inside it and the text
	// after it; each delimiter would add one more.
	if extra > 3.5 {
		t.Errorf("an emphasis run costs %.2f allocations beyond plain text, want at most 3.5", extra)
	}
}
