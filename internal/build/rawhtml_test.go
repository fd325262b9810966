package build_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"brief/internal/build"
	"brief/internal/htmltest"
)

// TestHostileRawHTMLInPageAndFeed: with unsafeHTML on, raw HTML that tries
// to hide the rest of the body or close the theme's elements stays inside
// the body, on the briefing's page and in the feed, and the minified page
// keeps the same shape.
func TestHostileRawHTMLInPageAndFeed(t *testing.T) {
	fragments := []string{
		"</noscript><title>",
		"</div></article></main>",
		"<plaintext>",
		"<xmp>",
		"<template>",
		"<svg><style>",
		"<div><span><b>unclosed",
		"a <!-- comment --> b <![CDATA[ c ]]>",
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	}
	for _, frag := range fragments {
		fsys := mapFS(map[string]string{
			"site.toml": "unsafeHTML = true\n",
			"content/briefings/raw.md": "---\ntitle: Raw\ndate: 2023-05-29\ntags: [Web3]\n" +
				"sources:\n  - title: SFC\n    url: https://www.sfc.hk/\n---\n\nBefore the fragment.\n\n" +
				frag + "\n\nAfter the fragment, **still here**.\n",
		})
		for _, minify := range []bool{false, true} {
			_, mem := mustBuild(t, fsys, build.Options{Minify: minify})
			page := mem.Files["briefings/raw/index.html"]
			doc, err := html.Parse(strings.NewReader(string(page)))
			if err != nil {
				t.Fatal(err)
			}
			article := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "article" && htmltest.HasClass(n, "briefing") })
			if article == nil {
				t.Fatalf("%q: no article.briefing in:\n%s", frag, page)
			}
			var kids []string
			var body *html.Node
			for c := article.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				kids = append(kids, c.Data+"."+htmltest.Attr(c, "class"))
				if htmltest.HasClass(c, "body") {
					body = c
				}
			}
			want := "header. div.body section.sources p.tags nav.neighbours"
			if strings.Join(kids, " ") != want {
				t.Errorf("%q minify=%v: article holds %v, want %s", frag, minify, kids, want)
			}
			if body == nil || !strings.Contains(htmltest.Text(body), "After the fragment, still here.") {
				t.Errorf("%q minify=%v: the body lost what follows the fragment:\n%s", frag, minify, page)
			}
			if htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "footer" }) == nil {
				t.Errorf("%q minify=%v: the page lost its footer", frag, minify)
			}

			feed := mem.Files["feed.xml"]
			wellFormed(t, "feed.xml", feed)
			var f atomDoc
			if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != 1 {
				t.Fatalf("%q: feed: %v, %d entries", frag, err, len(f.Entries))
			}
			nodes, err := html.ParseFragment(strings.NewReader(f.Entries[0].Content), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, n := range nodes {
				text += htmltest.Text(n)
				if bad := htmltest.Find(n, func(n *html.Node) bool { return n.Data == "title" || n.Data == "script" || n.Data == "style" }); bad != nil {
					t.Errorf("%q: the feed entry keeps <%s>", frag, bad.Data)
				}
			}
			if !strings.Contains(text, "After the fragment, still here.") {
				t.Errorf("%q minify=%v: the feed entry lost what follows the fragment:\n%s", frag, minify, f.Entries[0].Content)
			}
		}
	}
}
