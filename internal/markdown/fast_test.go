package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"brief/internal/corpus"
)

// fastContexts are the contexts every body is rendered in by the tests
// of the fast path: a build's (plain text, .md links resolved, footnote
// prefix), a list page's (counts only), and one with no resolver.
func fastContexts(source string, lineOffset int, resolve func(string) (string, bool)) []Context {
	return []Context{
		{SourcePath: source, LineOffset: lineOffset, Resolve: resolve, IDPrefix: "x-", PlainText: true},
		{SourcePath: source, LineOffset: lineOffset, Resolve: resolve},
		{SourcePath: source, PlainText: true},
	}
}

// fastAgrees renders src on the fast path and through goldmark and fails
// the test when the fast path accepts it and the two Results differ. It
// reports whether the fast path accepted src (in every context).
func fastAgrees(t testing.TB, fast, slow *Renderer, src []byte, ctxs []Context) bool {
	t.Helper()
	accepted := true
	for _, ctx := range ctxs {
		buf := fast.bufs.Get().(*htmlBuffer)
		buf.html.Reset()
		got, ok := fast.renderFast(src, ctx, buf, nil)
		if !ok {
			fast.putBuffer(buf)
			accepted = false
			continue
		}
		want := slow.Render(src, ctx)
		checkTextPlain(t, src, want.Text, want.TextPlain)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fast path and goldmark differ on %q (context %+v):\n%s", src, ctx, resultDiff(got, want))
		}
		// And Render takes the fast path.
		if again := fast.Render(src, ctx); !reflect.DeepEqual(again, want) {
			t.Fatalf("Render differs from goldmark on %q:\n got %#v\nwant %#v", src, again, want)
		}
	}
	return accepted
}

// resultDiff says where two Results differ: their HTML and text from a
// little before the first byte that differs, and their other fields.
func resultDiff(got, want Result) string {
	var b strings.Builder
	from := func(s string, i int) string { return s[max(i-60, 0):min(i+60, len(s))] }
	for _, f := range []struct{ name, got, want string }{{"HTML", got.HTML, want.HTML}, {"Text", got.Text, want.Text}} {
		if f.got == f.want {
			continue
		}
		i := 0
		for i < len(f.got) && i < len(f.want) && f.got[i] == f.want[i] {
			i++
		}
		fmt.Fprintf(&b, "%s at byte %d:\n got %q\nwant %q\n", f.name, i, from(f.got, i), from(f.want, i))
	}
	got.HTML, got.Text, want.HTML, want.Text = "", "", "", ""
	if b.Len() > 0 || !reflect.DeepEqual(got, want) {
		fmt.Fprintf(&b, "and the rest:\n got %#v\nwant %#v\n", got, want)
	}
	return b.String()
}

// goldmarkRenderer is a Renderer that never takes the fast path.
func goldmarkRenderer() *Renderer {
	r := New(Options{})
	r.goldmarkOnly = true
	return r
}

// splitFrontMatter returns a source's body and the number of lines before it.
func splitFrontMatter(src []byte) ([]byte, int) {
	body := bodyOf(src)
	return body, bytes.Count(src[:len(src)-len(body)], []byte{'\n'})
}

// TestFastPathAgreesOnCorpus renders every body of generated sites
// (several seeds) and of the example site through both paths: wherever
// the fast path accepts a body its Result is goldmark's, and it accepts
// most generated bodies.
func TestFastPathAgreesOnCorpus(t *testing.T) {
	fast, slow := New(Options{}), goldmarkRenderer()
	n := 1000
	if testing.Short() {
		n = 200
	}
	for _, seed := range []int64{1, 2, 3} {
		dir := t.TempDir()
		if err := corpus.Generate(dir, corpus.Options{N: n, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		files, accepted := fastAgreesOnSite(t, fast, slow, dir)
		t.Logf("seed %d: the fast path took %d of %d bodies", seed, accepted, files)
		if accepted*10 < files*6 {
			t.Errorf("seed %d: the fast path took only %d of %d generated bodies", seed, accepted, files)
		}
	}
	files, accepted := fastAgreesOnSite(t, fast, slow, filepath.Join("..", ".."))
	t.Logf("example site: the fast path took %d of %d bodies", accepted, files)
	if files < 10 {
		t.Errorf("only %d bodies found in the example site", files)
	}
}

// fastAgreesOnSite checks every .md file under dir/content, links between
// them resolved, and returns how many there were and how many the fast
// path took.
func fastAgreesOnSite(t *testing.T, fast, slow *Renderer, dir string) (files, accepted int) {
	t.Helper()
	sources := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(p)
		sources[filepath.ToSlash(rel)] = src
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(p string) (string, bool) {
		if _, ok := sources[p]; !ok {
			return "", false
		}
		return "/briefings/" + strings.TrimSuffix(path.Base(p), ".md") + "/", true
	}
	for name, src := range sources {
		body, offset := splitFrontMatter(src)
		files++
		if fastAgrees(t, fast, slow, body, fastContexts(name, offset, resolve)) {
			accepted++
		}
	}
	return files, accepted
}

// fastSeeds are bodies at the edges of what the fast path takes: each is
// either taken and rendered as goldmark renders it, or declined.
var fastSeeds = []string{
	"",
	"\n",
	"Plain text.",
	"Plain text.\n",
	"# One\n\n## Two\n\n###### Six\n\n####### Seven\n",
	"## Heading \n\ntext\n",
	"## Heading ##\n",
	"##  Two spaces\n",
	"## Same\n\n## Same\n\n## Same-1\n",
	"##\n", "## \n", "#Heading\n",
	"## *Emphasis* and **strong** in a heading\n",
	"## [A link](https://example.org) in a heading\n",
	"## 背景\n\n## 背景\n",
	"A *b* c **d** e.\n",
	"*a*b *c*d a*b* **a**b a**b** a**b**c\n",
	"***a*** **a* *a** *a **a\n",
	"*a\nb*\n", "* a*\n", "*a *\n", "*(a)* a*(b)* (*a*) *a*(b)\n",
	"a**b**c a*b*c*d*e **a**b**c** 中**文**中 *a*“*b*” x**.**y .**a**. a**b*c**\n",
	"a * b * c\n", "**\n", "*\n", "* item\n", "** a **\n",
	"“*a*” 他**“1亿元”**支持 **中文**文本\n",
	"Line one\nline two\n", "中文\n中文\n", "中文**强调**\n中文\n", "中文\n**强调**中文\n",
	"中文。\n中文\n", "English\n中文\n", "中文\nEnglish\n", "한국어\n한국어\n",
	"Trailing space \nnext\n", "Two trailing  \nnext\n", "Three   \nnext\n", "Four    \nnext\n", "Five     \nnext\n", "   \n", "text\n   \nmore\n",
	"- one\n- two\n- three\n", "- one\n- two\n\nAfter the list.\n", "- one\n\n- two\n",
	"- one\n\n1. two\n", "- one\ncontinued\n", "Para\n- item\n", "Para\n\n- item\n",
	"## H\n- item\n", "- item\n## H\n", "-item\n", "- \n", "-  two spaces\n", "- - nested\n",
	"* one\n* two\n", "+ one\n+ two\n\nPara\n", "- a\n* b\n+ c\n", "* a\n\n* b\n", "* *a*\n", "* **a** b\n", "* * *\n", "+ + x\n",
	"*a*\n* b\n", "* a\n*b*\n", "Para\n* b\n", "Para\n+ b\n", "*\tb\n", "+\n", "+x\n",
	"- a\n  \n- b\n", "- a \n- b  \n\n  \nPara  \nnext \nlast   \n   \n## H  \n| a |  \n|---| \n", "中文 \n中文\n中文  \n中文\n",
	"*a* \nb\n[a](b)  \nc\n\"a\"  \n\"b\" \nc\n",
	"the 'sandbox' regime, 'twas 'em 'n' 'net 'lo '90s '90st '90s. '90s, '9s 's 'm 't 'd 'sa 've 'll 're 'ver 'v ‘a’ $'a' ('a') '(a)' x\n",
	"'a' b\n'c' d\n## 'Quoted' heading\n- 'a' b\n| 'a' b |\n|---|\n", "a '1 b\n", "a 'b\n", "'s\n", "'sb\n", "'90s\n", "'9\n", "a''b c ''d' '''e\n",
	"- a\n\n- b\n", "1. a\n\n2. b\n\nPara\n", "- a\n- b\n\n- c\n", "- a\n\n\n- b\n", "- a\n\n* b\n", "- a\n\n## H\n",
	"- a\n\n| t |\n|---|\n", "- a\n\nPara\n\n- b\n", "- a\n\n- b\n\n", "3. a\n\n4. b\nlazy\n", "- a\n\n 1. b\n",
	"- a\n  b\n- c\n  d \n  e  \n  f\n\nPara\n", "1. a\n   b\n\n2. c\n   d\n", "10. a\n    b\n", "- a\n b\n", "- a\n   b\n",
	"- a\n  - b\n", "- a\n  # b\n", "- a\n  1. b\n", "- a\n  ---\n", "- a\n  ===\n", "- a\n  | b |\n", "- a\n\n  b\n",
	"- 中文\n  中文\n- *a*\n  *b*\n- \"a\n  b\" c\n", "- a\n  b\n\n- c\n", "- a\n  : b\n", "- a\n  [b](c)\n", "- a\n  `b`\n",
	"- [x](y)\n", "- [X](y) z\n", "1. [ ](y)\n", "- [a](y)\n", "- a [x](y)\n",
	"- # heading\n", "- 1. nested\n", "- [ ] task\n", "- [x] task\n", "- **strong** item\n",
	"1. one\n2. two\n", "2. two\n3. three\n", "0. zero\n", "007. seven\n", "1) one\n",
	"1.\n", "1. \n", "1.5 million\n", "Text\n2. not an item\n", "1234567890. big\n",
	"See [a link](https://example.org/a/b?c=d#e).\n", "[a](b)\n", "[a](#frag)\n", "[a](#)\n",
	"[a](other.md)\n", "[a](other.md#part)\n", "[a](../../outside.md)\n", "[a](../../../outside.md)\n", "[a](missing.md)\n",
	"[a](javascript:alert(1))\n", "[a](JAVASCRIPT:x)\n", "[a](data:image/png;x)\n",
	"[a]( b)\n", "[a](b c)\n", "[a](<b>)\n", "[a](b \"title\")\n", "[a](b(c))\n", "[a](b%20c)\n",
	"[a] (b)\n", "[a]\n", "[a]: /url\n", "[]()\n", "[a]()\n", "[*a*](b)\n", "*[a](b)*\n",
	"[a](b)*c*\n", "a]b\n", "[a[b](c)\n", "![a](b.png)\n", "[^1]\n",
	"http://example.org\n", "www.example.org\n", "mail@example.org\n", "HTTP://X\n",
	"the http and ftp protocols, www, wwwx and Www\n", "a (https://x.org) b\n", "*ftp://x.org* a\n", "a--http://x.org\n",
	"'www.x.org' \"www.x.org\" x:www.x.org www...x.org WWW.X.ORG\n", "http:// https:x ftp: hTtPs://x\n",
	"a -- b --- c ... d .. e\n", "It's \"quoted\"\n",
	"It's \"quoted\" -- and --- and ... and .... and ..... and ---- and ----- end\n",
	"\"a\" \"b\" a\"b\" \"a a\" \"\"a\n", "'90s 'twas rock 'n' roll Smiths' house don't 1's é's\n",
	"a--\n--b\n", "a...\n...b\n", "中文...\n中文\n", "中文“引号”\n中文\n", "中文\"引号\"\n中文\n", "Kong's\nnext\n",
	"**\"a\"** *'a'* [it's](x) [\"a\"](x) *a's* \"*a*\"\n", "## It's \"here\"\n", "| It's |\n|---|\n| \"a\" |\n",
	"\"open\n\nclose\" para\n", "banks' role banks'\nx a'1 a' 1 a'b' 'a' a' (x) a'' a'. '' ' x ( ' ) 'tis\n", "a'\n", "a'b\n", "a' b\n",
	"a\n[\"](b.md#x) [...](b.md#y) [--](#z) [-](#w) [..](#v) [& ](#u) [\"a\"](#t) [a's](#s)\n",
	"`code` a `b` ``a`b`` `*a*` `[a](b)` `<&\">` `\\` `a_b` `中文` *`a`* **a `b`** [`a`](b) ` a` `a ` `` ` `\n",
	"`http://x` `www.x` `a@b` `ftp` `` ``` a``b ``` `unclosed\n", "`a`\n中文`a`\n`b`中文\n## `code` head\n| `a` |\n|---|\n",
	"R & D && A &amp; B &#39; &x &\n", "A & B\n## R & D\n| R & D |\n|---|\n", "*&* *& a* **a &** [R & D](x)\n", "- \"a\n- b\"\n", "\"a\nb\" c\n", "a.\"b\" \"b\".c (\"x\") \"(x)\"\n", "a & b &amp; c\n", "a < b > c\n",
	"a\\*b\n", "`code`\n", "a_b_\n", "~~strike~~\n", "| a | b |\n|---|---|\n",
	"Term\n: definition\n", "text {#id}\n", "## Heading {#id}\n", "a\tb\n", "a\r\nb\r\n",
	"a\x00b\n", "\xff\n", "a\u00a0b\n", "a\u3000b\n", "a\u200bb\n", "\ufeffa\n", "\ufffd\n",
	"> quote\n", "    code\n", "```\ncode\n```\n", "<div>\n", "Setext\n===\n", "Setext\n---\n",
	"---\n", "***\n", "+ item\n", "= x\n", ": x\n",
	"A paragraph ending the body",
	"| a | b | c |\n|---|:--|--:|\n| 1 | *2* | [3](x.md) |\n",
	"| a | b |\n|:-:|---|\n", "| a | b |\n|---|---|\n| |  |\n\nAfter.\n", "|a|b|\n|-|-|\n|c|d|\n",
	"| a |\n|---|\n| b | c |\n", "| a | b |\n|---|\n", "| a |\n|---|\ntext\n", "| a |\n|---|\n| b |\n## H\n",
	"| a |\n| b |\n", "| a |\n|---|---|\n", "| a |\n|:---:|\n| **b** |\n", "| a |\n| --- |\n| b |\n",
	"| a |\n|---|\n| b |\n\n| c |\n|---|\n", "Para\n| a |\n|---|\n", "| a |\n|----:|\n| 中文**强调**中文 |\n",
	"| a |\n|: -|\n", "| a |\n|-:-|\n", "| a |\n|::|\n", "| a |\n|:|\n", "| a \\| b |\n|---|---|\n",
}

// FuzzFastPathAgrees: whenever the fast path takes a body, its Result
// is goldmark's, in each context a build renders bodies in.
//
//	go test -fuzz FuzzFastPathAgrees -fuzztime 10m ./internal/markdown
func FuzzFastPathAgrees(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	srcs, err := corpus.BenchBriefings(f.TempDir(), 20)
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range srcs {
		f.Add(string(bodyOf(src)))
	}
	fast, slow := New(Options{}), goldmarkRenderer()
	resolve := func(p string) (string, bool) {
		if p == "content/briefings/missing.md" {
			return "", false
		}
		return "/briefings/" + strings.TrimSuffix(path.Base(p), ".md") + "/", true
	}
	f.Fuzz(func(t *testing.T, body string) {
		fastAgrees(t, fast, slow, []byte(body), fastContexts("content/briefings/x.md", 7, resolve))
	})
}

// TestFastPathDeclines: bodies the fast path must leave to goldmark,
// each for a construct it does not write or a byte it does not know.
func TestFastPathDeclines(t *testing.T) {
	r := New(Options{})
	resolve := func(p string) (string, bool) { return "/x/", p != "content/briefings/missing.md" }
	for _, body := range []string{
		"## Heading ##\n", "## Heading {#id}\n", "####### Seven\n", "#Heading\n", "##\n",
		"中文 \n中文\n", "  indented\n", "\tindented\n",
		"- one\n\n\n- two\n", "- one\n\n* two\n", "- one\ncontinued\n", "Para\n- item\n", "- [ ] task\n", "- [x](y)\n", "1. [X](y) z\n", "- - nested\n", "* * *\n", "- a\n* b\n", "1) one\n", "Text\n2. not an item\n", "1. \n",
		"***a***\n", "*a\nb*\n", "* a*\n", "a * b\n", "*a **b** c*\n", "**a*\n",
		"[a](missing.md)\n", "[a](../../../outside.md)\n", "[a](b \"title\")\n", "[a](b(c))\n", "[a] (b)\n",
		"[a]: /url\n", "![a](b.png)\n", "[^1]\n\n[^1]: note\n", "[*a*](b)\n",
		"http://example.org\n", "www.example.org\n", "mail@example.org\n",
		"a HTTPS://example.org\n", "(www.example.org)\n", "ftp://example.org\n", "*http://example.org*\n", "Www.example.org\n", "a www...example.org\n", "a--http://x.org\n",
		"'quoted'\n", "a''b\n", "a \" b\n", "close\" only\n", "\"\"a\n", "a &amp; b\n", "a &b\n", "a'\n", "a '' b\n", "''a\n", "a < b\n", "<div>\n", "a\\*b\n",
		"`unclosed\n", "` a`\n", "``\n", "`a@b`\n", "`http`\n", "a_b\n", "~~strike~~\n", "| a \\\\| b |\n|---|---|\n", "| a |\n| b |\n", "Term\n: definition\n",
		"a\r\nb\r\n", "a\x00b\n", "\xff\n", "a\u00a0b\n", "a\u3000b\n", "a\u200bb\n",
		"> quote\n", "```\ncode\n```\n", "Setext\n===\n", "Setext\n---\n", "---\n",
	} {
		buf := r.bufs.Get().(*htmlBuffer)
		buf.html.Reset()
		if _, ok := r.renderFast([]byte(body), Context{SourcePath: "content/briefings/x.md", Resolve: resolve, PlainText: true}, buf, nil); ok {
			t.Errorf("the fast path took %q", body)
		}
		r.putBuffer(buf)
	}
}

// TestLenderTakesTheFastPath: a Lender's Results, on the fast path or
// not, are goldmark's, with each body's HTML and text handed back before
// the next is rendered into the same buffers.
func TestLenderTakesTheFastPath(t *testing.T) {
	probe, slow := New(Options{}), goldmarkRenderer()
	lender := New(Options{}).Lender()
	fast := 0
	for round := range 2 {
		for _, body := range fastSeeds {
			for _, ctx := range fastContexts("content/briefings/x.md", 3, nil) {
				buf := probe.bufs.Get().(*htmlBuffer)
				buf.html.Reset()
				if _, ok := probe.renderFast([]byte(body), ctx, buf, nil); ok {
					fast++
				} else {
					probe.putBuffer(buf)
				}
				got, want := lender.Render([]byte(body), ctx), slow.Render([]byte(body), ctx)
				// Compared before they are handed back, which spoils them.
				if diff := resultDiff(got, want); diff != "" {
					t.Fatalf("round %d, %q: lent Result differs from goldmark's:\n%s", round, body, diff)
				}
				lender.ReturnHTML(got.HTML)
				lender.ReturnText(got.Text)
			}
		}
	}
	if len(lender.lent) != 0 || len(lender.lentText) != 0 {
		t.Errorf("%d bodies and %d texts still lent", len(lender.lent), len(lender.lentText))
	}
	if fast == 0 {
		t.Error("no body took the fast path")
	}
}

// fastWords, fastPunct and fastMisses are what randomBody strings
// together: text, punctuation, and, now and then, what the fast path
// should decline or stop at.
var (
	fastWords  = []string{"word", "Word", "a", "1", "2025", "e-CNY", "中文", "简报", "한국", "é", "Kong's", "banks'", "it's", "'twas", "R&D", "'90s", "'s"}
	fastPunct  = []string{",", ".", ":", ";", "?", "(", ")", "“", "”", "，", "。", "-", "--", "---", "...", "..", "& ", "#", "'", "\"", "*", "**", "[", "]", "`", "`a`", "``a`b``", "`*`", "`[x](y)`", "`<&>`", "`中`"}
	fastMisses = []string{"1'2", "](a b)", "](a(b))", "](../../../c.md)", "](missing.md)", "***", "&", "!", "_", "`", "~", "<", "\\", "@", "http", "www.", "http:", "https:", "ftp:", "www..", "\t", "\r", "|", "  "}
	fastDests  = []string{"https://x.org/a", "b.md", "b.md#part", "#id", "#", "javascript:x", "/a%20b?c=d&e"}
	fastSeps   = []string{" ", " ", " ", " ", " ", " ", " ", " ", "", "", "\n", "\n", " \n", "  \n", "   \n"}
)

// randomInline is a run of text, emphasis, links and quotes.
func randomInline(rng *rand.Rand, depth int) string {
	var b strings.Builder
	for i := range 1 + rng.IntN(6-2*depth) {
		if i > 0 {
			b.WriteString(fastSeps[rng.IntN(len(fastSeps))])
		}
		switch k := rng.IntN(40); {
		case k == 0:
			b.WriteString(fastMisses[rng.IntN(len(fastMisses))])
		case k < 4:
			b.WriteString(fastPunct[rng.IntN(len(fastPunct))])
		case k < 7 && depth == 0:
			stars := []string{"*", "**"}[rng.IntN(2)]
			b.WriteString(stars + randomInline(rng, 1) + stars)
		case k < 10 && depth == 0:
			b.WriteString("[" + randomInline(rng, 1) + "](" + fastDests[rng.IntN(len(fastDests))] + ")")
		case k < 12 && depth < 2:
			q := []string{"\"", "'"}[rng.IntN(2)]
			b.WriteString(q + randomInline(rng, depth+1) + q)
		default:
			b.WriteString(fastWords[rng.IntN(len(fastWords))])
		}
	}
	return b.String()
}

// randomBody is a body of headings, paragraphs, lists and tables.
func randomBody(rng *rand.Rand) string {
	var b strings.Builder
	for i := range 1 + rng.IntN(5) {
		if i > 0 {
			b.WriteString([]string{"\n\n", "\n\n", "\n", " \n\n", "\n  \n", "  \n"}[rng.IntN(6)])
		}
		switch rng.IntN(5) {
		case 0:
			b.WriteString(strings.Repeat("#", 1+rng.IntN(3)) + " " + randomInline(rng, 0))
		case 1:
			marker := []string{"- ", "* ", "+ ", "1. ", "3. "}[rng.IntN(5)]
			indent := strings.Repeat(" ", len(marker))
			for j := range 1 + rng.IntN(4) {
				if j > 0 {
					b.WriteString([]string{"\n", "\n", "\n", "\n\n", "\n\n\n"}[rng.IntN(5)])
				}
				// Items over several lines: the inline's own line breaks
				// indented as the item's text, most of the time.
				text := randomInline(rng, 0)
				if rng.IntN(4) != 0 {
					text = strings.ReplaceAll(text, "\n", "\n"+indent)
				}
				b.WriteString(marker + text)
			}
		case 2:
			cols := 1 + rng.IntN(3)
			row := func(cell func() string) {
				b.WriteString("|")
				for range cols {
					b.WriteString(" " + cell() + " |")
				}
			}
			row(func() string { return randomInline(rng, 0) })
			b.WriteString("\n|")
			for range cols {
				b.WriteString([]string{"---", ":--", "--:", ":-:"}[rng.IntN(4)] + "|")
			}
			for range rng.IntN(3) {
				b.WriteByte('\n')
				row(func() string { return randomInline(rng, 1) })
			}
		default:
			b.WriteString(randomInline(rng, 0))
		}
	}
	if rng.IntN(2) == 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// TestFastPathAgreesOnRandomBodies: bodies made at random of the
// constructs the fast path writes (randomBody), where it takes them,
// render as goldmark renders them. The fuzz test mutates bytes; these
// vary the constructs.
func TestFastPathAgreesOnRandomBodies(t *testing.T) {
	fast, slow := New(Options{}), goldmarkRenderer()
	resolve := func(p string) (string, bool) {
		return "/briefings/" + strings.TrimSuffix(path.Base(p), ".md") + "/", p != "content/briefings/missing.md"
	}
	n := 100000
	if testing.Short() {
		n = 10000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for range n {
		if fastAgrees(t, fast, slow, []byte(randomBody(rng)), fastContexts("content/briefings/x.md", 2, resolve)) {
			taken++
		}
	}
	t.Logf("the fast path took %d of %d random bodies", taken, n)
	if taken < n/20 {
		t.Errorf("the fast path took only %d of %d random bodies: the test tests little", taken, n)
	}
}

// TestFastPathScratchNotShared: the fast path keeps its working space
// between bodies; no body's heading ids or headings may leak into the next
// one's, and a Result's headings stay its own.
func TestFastPathScratchNotShared(t *testing.T) {
	r := New(Options{})
	ctx := Context{SourcePath: "content/briefings/x.md", PlainText: true}
	first := r.Render([]byte("# Aim\n\n## Aim\n\nText with [a link](https://example.org/).\n"), ctx)
	second := r.Render([]byte("# Aim\n\nOther text.\n"), ctx)
	if got := fmt.Sprint(first.Headings); got != "[{1 aim Aim} {2 aim-1 Aim}]" {
		t.Errorf("first body's headings = %s", got)
	}
	if len(second.Headings) != 1 || second.Headings[0].ID != "aim" {
		t.Fatalf("second body's headings = %v, want one with id aim (ids of the first body leaked)", second.Headings)
	}
	if !strings.Contains(second.HTML, `<h1 id="aim">`) {
		t.Errorf("second body's HTML = %q", second.HTML)
	}
	if first.Headings[0].ID != "aim" || first.Headings[1].ID != "aim-1" {
		t.Errorf("first body's headings changed by the second render: %v", first.Headings)
	}
	none := r.Render([]byte("No heading.\n"), ctx)
	if none.Headings != nil {
		t.Errorf("a body without headings has %#v, want nil (as goldmark's path gives)", none.Headings)
	}
}
