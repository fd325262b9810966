package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"brief/internal/htmltest"
)

// hostileFragments are raw HTML an editor (or a pasted snippet) may put in a
// body: each tries to hide what follows it, to close the theme's elements,
// or to smuggle markup past the sanitiser.
var hostileFragments = map[string]string{
	"noscript then title":     "</noscript><title>",
	"stray closers":           "</div></article></body></html>",
	"stray closers in text":   "Text </div></section></article> more",
	"unclosed tags":           "<div><section><span><b><i>open",
	"unclosed table":          "<table><tr><td>cell",
	"unclosed link":           `<a href="/x">open link`,
	"plaintext":               "<plaintext>",
	"xmp":                     "<xmp>",
	"xmp closed":              "<xmp><b>x</b></xmp>",
	"template":                "<template>",
	"template closed":         "<template><p>inert</p></template>",
	"svg style":               "<svg><style><img src=x onerror=alert(1)></style></svg>",
	"svg style unclosed":      "<svg><style>",
	"math mglyph":             "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"noscript attribute":      `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	"comment":                 "<!-- hidden --> visible",
	"comment inside tag text": "<p>a <!-- b --> c</p>",
	"comment never closed":    "<div><!--<script>x",
	"bogus comment unclosed":  "<div><!x <?y",
	"CDATA":                   "<![CDATA[ x ]]>",
	"CDATA inline":            "text <![CDATA[ <b>x</b> ]]> more",
	"script unclosed":         "<script>alert(1)",
	"style unclosed":          "<style>body{display:none}",
	"textarea":                "<textarea>",
	"title inline":            "a <title> b",
	"iframe unclosed":         `<iframe src="https://evil.example">`,
	"noembed noframes":        "<noembed><noframes>",
	"self-closing script":     "<script/>",
	"nested script":           "<script><script>x</script>",
	"closing html":            "</p></li></ul></section></main></body></html>",
	"select":                  "<select><option>a",
	"form":                    "<form><input name=x>",
	"p in button":             "<p><button><div>x</div></button></p>",
}

// forbidden elements must never reach the page, whatever the fragment.
var forbidden = map[string]bool{
	"script": true, "style": true, "title": true, "iframe": true, "noscript": true, "template": true,
	"svg": true, "math": true, "textarea": true, "xmp": true, "plaintext": true, "object": true,
	"noembed": true, "noframes": true, "form": true, "select": true, "base": true, "meta": true, "link": true,
}

func TestHostileRawHTMLStaysInItsContainer(t *testing.T) {
	r := New(Options{Unsafe: true})
	for name, frag := range hostileFragments {
		for _, form := range []string{"block", "inline"} {
			src := "Before.\n\n" + frag + "\n\nAfter **bold**.\n"
			if form == "inline" {
				src = "Before " + frag + " inline.\n\nAfter **bold**.\n"
			}
			t.Run(name+"/"+form, func(t *testing.T) {
				res := r.Render([]byte(src), Context{SourcePath: "content/briefings/x.md"})
				// A block that runs to the end of the body (an unclosed
				// <script> on its own line) is an error, and what follows
				// it stays as raw text rather than Markdown.
				after := "After bold."
				if len(res.Problems) > 0 {
					if !strings.Contains(res.Problems[0].Msg, "is not closed") {
						t.Errorf("unexpected problems: %v", res.Problems)
					}
					after = "After"
				}
				checkContained(t, res.HTML, after)
				if got := string(balance([]byte(res.HTML))); got != res.HTML {
					t.Errorf("output is not stable under parsing:\n got: %q\nthen: %q", res.HTML, got)
				}
			})
		}
	}
}

// checkContained places body in a page as the theme does and checks that
// the page keeps its shape: the body's container is followed by the
// article's footer, the article by the rest of the page, and the text after
// the fragment is still there.
func checkContained(t *testing.T, body, after string) {
	t.Helper()
	page := "<!doctype html><html><head><title>T</title></head><body><main><article>" +
		`<div class="body">` + body + `</div><footer id="sources">Sources</footer></article>` +
		`<p id="after">after the article</p></main></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	article := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "article" })
	if article == nil {
		t.Fatalf("no article in:\n%s", page)
	}
	kids := htmltest.Children(article)
	if len(kids) != 2 || htmltest.Attr(kids[0], "class") != "body" || htmltest.Attr(kids[1], "id") != "sources" {
		t.Fatalf("article's children are %v, want div.body then footer#sources; body:\n%s", names(kids), body)
	}
	main := article.Parent
	if main == nil || main.Data != "main" {
		t.Fatalf("article escaped main; body:\n%s", body)
	}
	if k := htmltest.Children(main); len(k) != 2 || htmltest.Attr(k[1], "id") != "after" {
		t.Fatalf("main's children are %v, want article then p#after; body:\n%s", names(k), body)
	}
	text := htmltest.Text(kids[0])
	for _, want := range []string{"Before", after} {
		if !strings.Contains(text, want) {
			t.Errorf("body lost %q; its text is %q, from:\n%s", want, text, body)
		}
	}
	var bad []string
	htmltest.Walk(kids[0], func(n *html.Node) {
		if n.Type == html.CommentNode {
			bad = append(bad, "comment")
		}
		if n.Type != html.ElementNode {
			return
		}
		if forbidden[n.Data] || n.Namespace != "" {
			bad = append(bad, n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				bad = append(bad, n.Data+"["+a.Key+"]")
			}
		}
	})
	if len(bad) > 0 {
		t.Errorf("body keeps %v:\n%s", bad, body)
	}
}

func TestSanitisedBodies(t *testing.T) {
	r := New(Options{Unsafe: true})
	tests := []struct{ name, src, want string }{
		{"noscript then title keeps the rest", "Before\n\n</noscript><title>\n\nAfter **b**.\n",
			"<p>Before</p>\n<p></p>\n<p>After <strong>b</strong>.</p>\n"},
		{"stray closers are dropped", "<div>a</div></div></article>\n\nb\n",
			"<div>a</div>\n<p>b</p>\n"},
		{"open tags are closed at the end of the body", "<div><b>x\n\ny\n",
			"<div><b>x\n<p>y</p>\n</b></div>"},
		{"a closed script goes with its content", "a <script>if (a < b) alert(1)</script> b\n",
			"<p>a  b</p>\n"},
		{"an unclosed title keeps what follows", "a <title> b\n\nc\n",
			"<p>a  b</p>\n<p>c</p>\n"},
		{"plaintext is a tag, not the end of the page", "<plaintext>\n\n*c*\n",
			"\n<p><em>c</em></p>\n"},
		{"xmp keeps its text as markup", "<xmp><b>x</b></xmp>\n",
			"<p><b>x</b></p>\n"},
		{"comments go", "a <!-- b --> c\n", "<p>a  c</p>\n"},
		{"a comment never closed keeps what follows", "<div><!--<script>x</div>\n\n*c*\n",
			"<div>x</div>\n<p><em>c</em></p>\n"},
		{"an inert template goes", "<template><p>inert</p></template>\n\nok\n", "<p></p>\n<p>ok</p>\n"},
		{"svg goes with its style", "<svg><style><img src=x onerror=alert(1)></style></svg>\n\nok\n", "<p></p>\n<p>ok</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render([]byte(tt.src), Context{})
			if res.HTML != tt.want {
				t.Errorf("Render(%q)\n got: %q\nwant: %q", tt.src, res.HTML, tt.want)
			}
		})
	}
}

func TestUnclosedHTMLBlockIsAnError(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Intro.\n\n<!-- a note\n\nLost text.\n",
			"content/briefings/x.md:13: HTML comment <!-- is not closed: everything after it becomes raw HTML (close it with -->)"},
		{"Intro.\n\n<pre>\ncode\n\nLost text.\n",
			"content/briefings/x.md:13: <pre> is not closed: everything after it becomes raw HTML (close it with </pre>)"},
		{"<SCRIPT>\nx\n",
			"content/briefings/x.md:11: <script> is not closed: everything after it becomes raw HTML (close it with </script>)"},
		{"Intro.\n\n<![CDATA[ x\n", "content/briefings/x.md:13: <![CDATA[ is not closed: everything after it becomes raw HTML (close it with ]]>)"},
		{"<?php\n", "content/briefings/x.md:11: <? is not closed: everything after it becomes raw HTML (close it with ?>)"},
		{"<!DOCTYPE html\n", "content/briefings/x.md:11: <! is not closed: everything after it becomes raw HTML (close it with >)"},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tt := range tests {
			res := r.Render([]byte(tt.src), Context{SourcePath: "content/briefings/x.md", LineOffset: 10})
			if len(res.Problems) != 1 || res.Problems[0].Error() != tt.want {
				t.Errorf("unsafe=%v, Render(%q) problems:\n %v\nwant:\n %s", unsafe, tt.src, res.Problems, tt.want)
			}
		}
	}
	// Closed blocks, on one line or several, are fine.
	for _, src := range []string{"<!-- a -->\n\nb\n", "<!--\na\n-->\n", "<pre>x</pre>\n", "<pre>\nx\n</pre>\n", "<div>\nx\n"} {
		if res := New(Options{}).Render([]byte(src), Context{}); len(res.Problems) > 0 {
			t.Errorf("Render(%q) problems: %v", src, res.Problems)
		}
	}
}

func names(ns []*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Data
		if c := htmltest.Attr(n, "class"); c != "" {
			out[i] += "." + c
		}
	}
	return out
}

// FuzzUnsafeBodyStaysContained: whatever the Markdown and raw HTML, the
// sanitised body never closes or escapes its container, never carries a
// forbidden element, event handler or comment, and is stable under parsing.
func FuzzUnsafeBodyStaysContained(f *testing.F) {
	for _, frag := range hostileFragments {
		f.Add("Before.\n\n" + frag + "\n\nAfter.\n")
		f.Add("Before " + frag + " inline.\n")
	}
	r := New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src string) {
		res := r.Render([]byte(src), Context{SourcePath: "content/briefings/x.md"})
		page := `<!doctype html><html><head><title>T</title></head><body><main><article><div class="body">` +
			res.HTML + `</div><footer id="sources">Sources</footer></article><p id="after">x</p></main></body></html>`
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		article := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "article" })
		if article == nil {
			t.Fatalf("no article for %q:\n%s", src, res.HTML)
		}
		kids := htmltest.Children(article)
		if len(kids) != 2 || htmltest.Attr(kids[0], "class") != "body" || htmltest.Attr(kids[1], "id") != "sources" {
			t.Fatalf("article holds %v for %q:\n%s", names(kids), src, res.HTML)
		}
		if main := htmltest.Children(article.Parent); article.Parent.Data != "main" || len(main) != 2 {
			t.Fatalf("the article escaped main for %q:\n%s", src, res.HTML)
		}
		htmltest.Walk(kids[0], func(n *html.Node) {
			if n.Type == html.CommentNode {
				t.Fatalf("a comment survives for %q:\n%s", src, res.HTML)
			}
			if n.Type != html.ElementNode {
				return
			}
			if forbidden[n.Data] || n.Namespace != "" {
				t.Fatalf("<%s> survives for %q:\n%s", n.Data, src, res.HTML)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Fatalf("%s[%s] survives for %q:\n%s", n.Data, a.Key, src, res.HTML)
				}
			}
		})
		if again := string(balance([]byte(res.HTML))); again != res.HTML {
			t.Fatalf("not stable under parsing for %q:\n%s\nthen:\n%s", src, res.HTML, again)
		}
	})
}
