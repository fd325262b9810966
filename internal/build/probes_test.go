package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"brief/internal/build"
	"brief/internal/htmltest"
	"brief/internal/images/imagestest"
)

// injectionProbes are what a hostile editor writes to break out of the
// context a text lands in: HTML elements and attributes, a script or
// comment end, an XML section end, a script URL, template syntax, a
// spreadsheet formula, JavaScript line terminators. Each carries PWN so
// that a probe that came alive can be told from the theme's own markup.
var injectionProbes = []string{
	`<script>alert("PWN1")</script>`,
	`"><img src=x onerror=alert("PWN2")>`,
	`'><svg onload=alert('PWN3')>`,
	`</script><script>alert("PWN4")</script>`,
	`]]></title><pwn5 xmlns="x"/><title>`,
	`--><pwn6>`,
	`javascript:alert("PWN7")`,
	`{{.Site.Config}}{{template "base.html" .}}PWN8`,
	`=HYPERLINK("https://evil.example/","PWN9")`,
	"\u2028\u2029</ScRiPt ><pwn10>",
	`<!--<script>PWN11`,
	`<a href="javascript:alert('PWN12')">x</a>`,
}

// probeSite is a site whose every text an editor controls holds a probe:
// site.toml's title and description, and per briefing the title, summary,
// tags, jurisdictions, authors, image text, funding purpose, source title
// and URL, and the body (text, link, image, heading, footnote, code, raw
// HTML). content/briefings/plain.md is the same briefing with plain text.
func probeSite(unsafeHTML bool) fstest.MapFS {
	cfg := fmt.Sprintf("title = %q\ndescription = %q\nbaseURL = \"https://probe.example/\"\nunsafeHTML = %v\n"+
		"[currency]\nreport = \"USD\"\nasOf = 2023-06-30\n[currency.rates]\nCNY = 0.138\n",
		"Site "+injectionProbes[0], "About "+injectionProbes[1], unsafeHTML)
	fsys := mapFS(map[string]string{
		"site.toml":                  cfg,
		"content/briefings/plain.md": probeBriefing(len(injectionProbes), "plain text"),
	})
	for i, p := range injectionProbes {
		fsys[fmt.Sprintf("content/briefings/b%d.md", i)] = file(probeBriefing(i, p))
	}
	fsys["static/pic.png"] = binary(imagestest.PNG(48, 32))
	return fsys
}

// probeBriefing is briefing i with the text p in every field and in its body.
func probeBriefing(i int, p string) string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON is YAML
	url := "https://example.org/" + strings.NewReplacer(" ", "%20", "\u2028", "", "\u2029", "").Replace(p)
	return fmt.Sprintf(`---
title: %s
date: 2023-05-%02d
summary: %s
tags: [%s]
jurisdiction: [%s]
authors: [%s]
image: /pic.png
imageAlt: %s
aliases: ["/old/b%d/"]
funding:
  - amount: %dm
    currency: CNY
    purpose: %s
sources:
  - title: %s
    url: %s
---

Text %s and **%s**.

## Heading %s

[link %s](javascript:alert%%28'PWN'%%29) [source](%s) ![Alt %s](/pic.png "%s")[^n]

`+"`%s`"+`

<div>%s</div>

<p title="%s">raw</p>

[^n]: Note %s.
`, q(fmt.Sprintf("T%d %s", i, p)), i+1, q(p), q("tag"+fmt.Sprint(i)+" "+p), q("J"+fmt.Sprint(i)+" "+p), q("A"+fmt.Sprint(i)+" "+p),
		q(p), i, i+1, q(p), q(p), q(url), p, p, p, p, url, p, strings.ReplaceAll(p, `"`, "'"), strings.ReplaceAll(p, "`", "'"), p,
		strings.ReplaceAll(p, `"`, "&quot;"), p)
}

// articleShape lists the elements of a briefing page's article and says
// whether the page kept its footer and the body its last line (the
// footnote), so that a probe that swallowed or closed the theme's markup
// shows.
func articleShape(page []byte) string {
	doc, _ := html.Parse(bytes.NewReader(page))
	article := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "article" && htmltest.HasClass(n, "briefing") })
	if article == nil {
		return "no article"
	}
	var kids []string
	for _, c := range htmltest.Children(article) {
		kids = append(kids, c.Data+"."+htmltest.Attr(c, "class"))
	}
	body := htmltest.Find(article, func(n *html.Node) bool { return htmltest.HasClass(n, "body") })
	footer := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "footer" })
	return fmt.Sprintf("%s; footnote %v; footer %v", strings.Join(kids, " "),
		body != nil && strings.Contains(htmltest.Text(body), "Note "), footer != nil)
}

// TestInjectionProbes builds the probe site with raw HTML off and on,
// minified or not, and reads every output with the parser its readers use:
// no probe may come alive in any kind of output, and the data files keep
// each title as written. It logs what it checked per kind.
func TestInjectionProbes(t *testing.T) {
	for _, unsafeHTML := range []bool{false, true} {
		for _, minify := range []bool{false, true} {
			t.Run(fmt.Sprintf("unsafeHTML=%v,minify=%v", unsafeHTML, minify), func(t *testing.T) {
				_, mem := mustBuild(t, probeSite(unsafeHTML), build.Options{Minify: minify})
				tally, texts := probeOutputs(mem.Files)
				// Sanitised, not refused: each page keeps the shape of the
				// plain one, and its body the footnote at its end. (A probe
				// that closes a <title> and opens one hides, as a browser
				// would, what lies between two of its copies.)
				want := articleShape(mem.Files["briefings/plain/index.html"])
				for i, probe := range injectionProbes {
					p := fmt.Sprintf("briefings/b%d/index.html", i)
					got := articleShape(mem.Files[p])
					if unsafeHTML && strings.Contains(probe, "</title>") {
						got = strings.Replace(got, "footnote false", "footnote true", 1)
					}
					if got != want {
						t.Errorf("%s: article is %s, want %s", p, got, want)
					}
				}
				for _, k := range slices.Sorted(maps.Keys(tally)) {
					c := tally[k]
					t.Logf("%-14s %4d files, %5d values checked, %d live injections", k, c.files, c.checked, len(c.live))
					for _, l := range c.live {
						t.Errorf("%s: %s", k, l)
					}
				}
				for _, k := range []string{"html", "json-ld", "atom", "sitemap", "search", "briefings.json", "funding.csv", "_redirects"} {
					if tally[k] == nil {
						t.Errorf("no %s output checked", k)
					}
				}
				for _, kind := range []string{"search", "briefings.json"} {
					for i, p := range injectionProbes {
						if title := fmt.Sprintf("T%d %s", i, p); !texts[kind][title] {
							t.Errorf("%s does not hold the title %q as written", kind, title)
						}
					}
				}
			})
		}
	}
}

// The checks find what they look for: one live injection of each kind.
func TestInjectionProbesSeeLiveOnes(t *testing.T) {
	files := map[string][]byte{
		"a/index.html":        []byte(`<p><img src=x onerror=alert(1)></p><a href=" JaVaScRiPt:x">x</a><pwn1>`),
		"b/index.html":        []byte(`<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`),
		"feed.xml":            []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;svg onload=x&gt;</content></entry><pwn2/></feed>`),
		"tags/x/feed.xml":     []byte(`<feed><title>]]></title>`),
		"sitemap.xml":         []byte(`<urlset><url><loc>x</loc><pwn3/></url></urlset>`),
		"search/f/0.json":     []byte(`{"title": "x"`),
		"data/briefings.json": []byte(`[`),
		"data/funding.csv":    []byte("url,title\n/x/,=1+1\n"),
		"_redirects":          []byte("/* /index.html 200\n"),
		"js/search.js":        []byte(`list.innerHTML = f.title;`),
	}
	tally, _ := probeOutputs(files)
	want := map[string]int{"html": 4, "json-ld": 1, "atom": 3, "sitemap": 1, "search": 2, "briefings.json": 1, "funding.csv": 2, "_redirects": 1}
	for k, n := range want {
		if tally[k] == nil || len(tally[k].live) != n {
			t.Errorf("%s: found %v, want %d live injections", k, tally[k], n)
		}
	}
}

type probeCount struct {
	files, checked int
	live           []string // "path: what came alive"
}

var pwnElement = regexp.MustCompile(`(?i)^pwn`)

// probeOutputs checks each output by its kind and counts, per kind, the
// files, the values looked at and the live injections found. Output that
// its reader cannot parse counts as an injection: it broke the structure.
// It also returns, per kind of JSON file, every string the files hold.
func probeOutputs(files map[string][]byte) (map[string]*probeCount, map[string]map[string]bool) {
	tally := map[string]*probeCount{}
	count := func(kind string) *probeCount {
		if tally[kind] == nil {
			tally[kind] = &probeCount{}
		}
		tally[kind].files++
		return tally[kind]
	}
	live := func(c *probeCount, p, what string) { c.live = append(c.live, p+": "+what) }
	texts := map[string]map[string]bool{"search": {}, "briefings.json": {}}
	for _, p := range paths(files) {
		data := files[p]
		switch {
		case strings.HasSuffix(p, ".html"):
			c := count("html")
			for _, l := range liveScripts(data) {
				live(c, p, "live "+l)
			}
			doc, _ := html.Parse(bytes.NewReader(data)) // html.Parse fails only on read errors
			htmltest.Walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				c.checked++
				if pwnElement.MatchString(n.Data) {
					live(c, p, "element <"+n.Data+">")
				}
				if n.Data == "script" && htmltest.Attr(n, "type") == "application/ld+json" {
					ld := count("json-ld")
					text := htmltest.Text(n)
					ld.checked++
					if !json.Valid([]byte(text)) || strings.Contains(strings.ToLower(text), "</script") || strings.Contains(text, "<!--") {
						live(ld, p, "JSON-LD that is not plain JSON: "+text)
					}
				}
			})
		case p == "sitemap.xml":
			c := count("sitemap")
			if err := xmlElements(data, func(name string) {
				c.checked++
				if name != "urlset" && name != "url" && name != "loc" && name != "lastmod" {
					live(c, p, "element <"+name+">")
				}
			}); err != nil {
				live(c, p, "not well-formed XML: "+err.Error())
			}
		case strings.HasSuffix(p, ".xml"):
			c := count("atom")
			if err := xmlElements(data, func(name string) {
				c.checked++
				if pwnElement.MatchString(name) {
					live(c, p, "element <"+name+">")
				}
			}); err != nil {
				live(c, p, "not well-formed XML: "+err.Error())
				continue
			}
			var feed atomDoc
			_ = xml.Unmarshal(data, &feed) // well-formed, as just checked
			for _, e := range feed.Entries {
				c.checked++
				for _, l := range liveScripts([]byte(e.Content)) {
					live(c, p, "entry content with live "+l)
				}
			}
		case p == "js/search.js":
			// The search page shows what the index holds: as text only.
			c := count("search")
			for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
				c.checked++
				if bytes.Contains(data, []byte(sink)) {
					live(c, p, "writes index data through "+sink)
				}
			}
		case strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json"):
			jsonStrings(count("search"), p, data, texts["search"], live)
		case p == "data/briefings.json":
			jsonStrings(count("briefings.json"), p, data, texts["briefings.json"], live)
		case p == "data/funding.csv":
			c := count("funding.csv")
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				live(c, p, "not CSV: "+err.Error())
				continue
			}
			if len(rows) != len(injectionProbes)+2 { // a header, the plain briefing's item
				live(c, p, fmt.Sprintf("%d rows for %d funding items", len(rows)-1, len(injectionProbes)+1))
			}
			for _, row := range rows[1:] {
				for _, cell := range row {
					c.checked++
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						live(c, p, "formula "+cell)
					}
				}
			}
		case p == "_redirects":
			c := count("_redirects")
			for line := range strings.Lines(string(data)) {
				if strings.HasPrefix(line, "#") {
					continue
				}
				c.checked++
				f := strings.Fields(line)
				if len(f) != 3 || !strings.HasPrefix(f[0], "/old/b") || f[2] != "301!" || strings.ContainsAny(f[0]+f[1], "*:!") {
					live(c, p, "rule "+strings.TrimSpace(line))
				}
			}
		}
	}
	return tally, texts
}

// xmlElements calls fn with the name of each element of an XML file, and
// returns an error when the file is not well-formed.
func xmlElements(data []byte, fn func(name string)) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se.Name.Local)
		}
	}
}

// jsonStrings adds every string of the JSON data to seen, and counts data
// that is not JSON as a live injection.
func jsonStrings(c *probeCount, p string, data []byte, seen map[string]bool, live func(*probeCount, string, string)) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		live(c, p, "not JSON: "+err.Error())
		return
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			c.checked++
			seen[x] = true
		}
	}
	walk(v)
}
