package markdown

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"
)

// linkifyCases put URLs, www. names and email addresses after each of the
// autolinker's triggers, at line starts, inside links, code and emphasis,
// and next to CJK text, with and without an "@" elsewhere in the body.
var linkifyCases = []string{
	"See https://example.org/a?b=c and http://x.io.",
	"(https://example.org/path) and ftp://files.example.org/x",
	"*www.example.org* and _www.example.org_ and ~www.example.org~",
	"www.example.org\nhttps://example.org\nftp://example.org",
	"Write to press@example.org or (press@example.org).",
	"foo_bar@example.org and a.b-c@sub.example.org.",
	"[https://example.org](https://example.org) `https://example.org` <https://example.org>",
	"[see www.example.org](x.md) and ![www.example.org](a.png)",
	"香港 https://example.org 证监会\n中文 www.example.org 中文",
	"httpx://no ftp:/no www.no htt p:// wwww.example.org",
	"- item https://example.org\n- item me@example.org\n\n| a | https://x.org |\n|---|---|\n| www.x.org | b@c.de |\n",
	"text (http://example.org/a_(b)) and http://example.org/x). end",
	"trailing space \n中文 \n中文\nhttps://example.org \nnext",
	"> quote http://example.org\n\n```\nhttps://example.org\n```\n",
	"@ alone, then www.example.org, https://",
	"a@b, a@b.c, @b.c, a@.c",
}

// TestQuickLinkifyAgrees renders with our autolinker and with goldmark's
// GFM one: every part of the result must be the same.
func TestQuickLinkifyAgrees(t *testing.T) {
	ours := New(Options{})
	theirs := New(Options{})
	theirs.md = newGoldmarkWith(false, extension.GFM)
	check := func(src string) {
		t.Helper()
		ctx := Context{SourcePath: "content/briefings/a.md", PlainText: true, Resolve: func(string) (string, bool) { return "/b/", true }}
		got, want := ours.Render([]byte(src), ctx), theirs.Render([]byte(src), ctx)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nours   %q\ntheirs %q", src, got.HTML, want.HTML)
		}
	}
	for _, src := range linkifyCases {
		check(src)
	}
	// Random mixtures of the cases' pieces.
	var words []string
	for _, c := range linkifyCases {
		words = append(words, strings.SplitAfter(c, " ")...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1500 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		check(b.String())
	}
}

func FuzzQuickLinkifyAgrees(f *testing.F) {
	for _, c := range linkifyCases {
		f.Add(c)
	}
	ours := New(Options{})
	theirs := New(Options{})
	theirs.md = newGoldmarkWith(false, extension.GFM)
	f.Fuzz(func(t *testing.T, src string) {
		got, want := ours.Render([]byte(src), Context{PlainText: true}), theirs.Render([]byte(src), Context{PlainText: true})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nours   %q\ntheirs %q", src, got.HTML, want.HTML)
		}
	})
}
