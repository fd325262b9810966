package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"brief/internal/corpus"

	"github.com/yuin/goldmark/renderer/html"
)

// TestDangerousURLAgrees: dangerousURL says what goldmark's IsDangerousURL
// says, on every prefix it looks for in every case, cut short, followed by
// anything, and next to characters whose lower case is ASCII.
func TestDangerousURLAgrees(t *testing.T) {
	cases := []string{"", "j", "javascript", "javascript:", "JavaScript:alert(1)", "JAVASCRIPT:", "vbscript:x", "VBScript:",
		"file:///etc", "FILE:", "data:", "Data:text/html", "data:image/", "data:image/png;base64,x", "DATA:IMAGE/PNG;x",
		"data:image/png", "data:image/gif;", "data:image/jpeg;", "data:image/webp;", "data:image/svg+xml;", "data:imagex",
		"https://example.org/", "/briefings/x/", "#top", "mailto:a@b.c", "java\u0130script:", "javascr\u0130pt:",
		"f\u0130le:", "\u212Aavascript:", "data:\u0130mage/png;", "vbscr\u0130pt:", "ja\xffvascript:", "\xff", " javascript:"}
	pieces := []string{"javascript:", "vbscript:", "file:", "data:", "image/", "png;", "gif;", "jpeg;", "webp;", "J", "A",
		"v", "I", "\u0130", "\u212A", "\xe2", ":", "/", ";", "x", "é"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(2) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, want := dangerousURL([]byte(c)), html.IsDangerousURL([]byte(c)); got != want {
			t.Fatalf("%q: dangerousURL %v, goldmark %v", c, got, want)
		}
	}
}

func FuzzDangerousURLAgrees(f *testing.F) {
	f.Add("data:image/png;x")
	f.Add("JavaScript:")
	f.Fuzz(func(t *testing.T, u string) {
		if got, want := dangerousURL([]byte(u)), html.IsDangerousURL([]byte(u)); got != want {
			t.Fatalf("%q: dangerousURL %v, goldmark %v", u, got, want)
		}
	})
}

// linkBodies are links goldmark writes with care: dangerous schemes in
// any case, titles with escapes and entities, escaped spaces (the CJK
// option's writer), attributes, references, images inside links.
var linkBodies = []string{
	"[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](file:///x) [e](data:text/html,x) [f](data:image/png;base64,x) [g](data:image/svg+xml,x)",
	"[t](/x \"a \\\"quoted\\\" title & <b>\") [u](/y 'single') [v](/z (paren)) [w](<a b> \"sp\\ ace\")",
	"[amp](/a?b=1&c=2) [ent](/&amp;x&#20013;) [utf](/香港 \"标题\") [esc](/a\\_b) [pct](/a%20b)",
	"[ref][r] and [r] and [![img](p.png)](/x)\n\n[r]: https://example.org \"Ref title\"\n",
	"[attr](/x){.c #i} and <https://auto.example/> and https://linkify.example/",
	"[empty]() [spaces](< >) [nested *em* `code`](/n)",
}

// TestLinkRendererAgrees renders with our link renderer and with
// goldmark's: the same HTML, safe and unsafe.
func TestLinkRendererAgrees(t *testing.T) {
	srcs, err := corpus.BenchBriefings(t.TempDir(), 200)
	if err != nil {
		t.Fatal(err)
	}
	bodies := append([]string{}, linkBodies...)
	for _, src := range srcs {
		bodies = append(bodies, string(bodyOf(src)))
	}
	for _, unsafe := range []bool{false, true} {
		ours, theirs := New(Options{Unsafe: unsafe}), New(Options{Unsafe: unsafe})
		theirs.md = newGoldmarkWith(unsafe, gfm{})
		for _, b := range bodies {
			checkLinksAgree(t, ours, theirs, b)
		}
	}
}

func checkLinksAgree(t *testing.T, ours, theirs *Renderer, src string) {
	t.Helper()
	ctx := Context{SourcePath: "content/briefings/x.md"}
	if got, want := ours.Render([]byte(src), ctx).HTML, theirs.Render([]byte(src), ctx).HTML; got != want {
		t.Fatalf("%q:\n ours %q\ngoldmark %q", src, got, want)
	}
	// Before any sanitising, which hides what an unsafe site's links say.
	var got, want strings.Builder
	if err := ours.md.Convert([]byte(src), &got); err != nil {
		t.Fatal(err)
	}
	if err := theirs.md.Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("%q, unsanitised:\n ours %q\ngoldmark %q", src, got.String(), want.String())
	}
}

func FuzzLinkRendererAgrees(f *testing.F) {
	for _, s := range linkBodies {
		f.Add(s)
	}
	ours, theirs := New(Options{}), New(Options{})
	theirs.md = newGoldmarkWith(false, gfm{})
	f.Fuzz(func(t *testing.T, src string) { checkLinksAgree(t, ours, theirs, src) })
}
