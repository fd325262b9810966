package build_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/htmltest"
	"brief/internal/output"
	"brief/internal/site"
)

// fuzzedPath is where FuzzBuildBriefing puts its input.
const fuzzedPath = "content/briefings/f.md"

// FuzzBuildBriefing puts one file into a small site and builds it, as
// brief build does: the build must end (no panic, no hang) with either
// errors that each name a file, with a hint, one of them the fuzzed file,
// or a site whose XML is well-formed, whose JSON is valid, whose pages are
// UTF-8 with no live script from the input, and in which a published
// briefing has its page.
func FuzzBuildBriefing(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: \"Beijing pledges CNY 100m\"\ndate: 2023-05-29\njurisdiction: Beijing\ntags: [Web3, 数字资产]\nsummary: \"S\"\n" +
			"funding:\n  - amount: 100m\n    currency: CNY\n    usd: 14m\n    purpose: Fund\nsources:\n  - title: SFC\n    url: https://www.sfc.hk/\n" +
			"aliases: [/2023/old/]\nauthors: [Desk]\n---\n\n## 香港证监会\n\nSee [good](good.md#background) and [below](#香港证监会).[^1]\n\n[^1]: Note.\n",
		"+++\ntitle = \"T\"\ndate = 2023-05-29T10:00:00+08:00\ntags = [\"a\"]\n[[funding]]\namount = \"1.2bn\"\ncurrency = \"HKD\"\n+++\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"{\n\"title\": \"<script>alert(1)</script>\",\n\"date\": \"2023-05-29\",\n\"summary\": \"\\\"><img src=x onerror=alert(1)>\"\n}\n\n" +
			"[x](javascript:alert(1)) <script>alert(2)</script> <img src=x onerror=alert(3)>\n\n<div onclick=\"alert(4)\">x</div>\n",
		"---\ntitle: T\ndate: 2023-05-29\n---\n\n</noscript><title>\n\n<plaintext>\n\n</div></article></main>\n\n<a href=\"javascript:alert(1)\">x</a>\n",
		"---\ntitle: T\ndate: 2023-05-29\ndraft: true\n---\nx\n",
		"---\ntitle: T\ndate: 2099-05-29\n---\nx\n",
		"---\ntitle: T\ndate: 2023-05-29\nslug: good\n---\nx\n",
		"---\ntitle: T\ndate: 2023-05-29\naliases: [/*, /briefings/good]\ntags: [\"!!!\"]\n---\nSee [gone](gone.md) &#7;\n",
		"---\ntitle: T\n",
		"",
	} {
		f.Add(false, []byte(s))
		f.Add(true, []byte(s))
	}
	f.Fuzz(func(t *testing.T, unsafeHTML bool, src []byte) {
		fsys := fuzzSite(unsafeHTML, src)
		type result struct {
			res *build.Result
			mem *output.Memory
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, mem, err := buildFS(t, fsys, build.Options{})
			done <- result{res, mem, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(time.Minute):
			t.Fatalf("the build did not end within a minute")
		}
		if r.err != nil {
			checkFuzzErrors(t, r.err)
			return
		}
		checkFuzzOutput(t, r.res, r.mem)
	})
}

func fuzzSite(unsafeHTML bool, src []byte) fstest.MapFS {
	cfg := "title = \"Fuzz\"\nbaseURL = \"https://fuzz.example/\"\ntimezone = \"Asia/Hong_Kong\"\n" +
		"[jurisdictions]\nBeijing = { parent = \"China\" }\n" +
		"[currency]\nreport = \"USD\"\nasOf = 2023-06-30\n[currency.rates]\nCNY = 0.138\nHKD = 0.1276\n"
	if unsafeHTML {
		cfg = "unsafeHTML = true\n" + cfg
	}
	return fstest.MapFS{
		"site.toml":                 file(cfg),
		"content/briefings/good.md": file("---\ntitle: Good\ndate: 2023-05-01\ntags: [Web3]\n---\n\n## Background\n\nText.\n"),
		fuzzedPath:                  &fstest.MapFile{Data: src},
		"static/files/note.txt":     file("note\n"),
	}
}

// checkFuzzErrors: a failed build names, for each error, a file and a fix,
// and blames the fuzzed file for at least one.
func checkFuzzErrors(t *testing.T, err error) {
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("the build failed without diagnostics: %v", err)
	}
	errs := l.Errors()
	if len(errs) == 0 {
		t.Fatalf("the build failed with only warnings: %v", l)
	}
	blamed := false
	for _, d := range errs {
		if d.File == "" || d.Hint == "" {
			t.Errorf("an error without a file or a hint: %q", d.Error())
		}
		blamed = blamed || d.File == fuzzedPath || strings.Contains(d.Msg, fuzzedPath)
	}
	if !blamed {
		t.Errorf("no error names %s:\n%v", fuzzedPath, l)
	}
}

// checkFuzzOutput: every file of a built site is what its kind promises,
// and no page carries a live script that the input put there.
func checkFuzzOutput(t *testing.T, res *build.Result, mem *output.Memory) {
	for _, b := range res.Site.Briefings {
		if b.Path == fuzzedPath {
			if _, ok := mem.Files[site.OutputPath(b.URL)]; !ok {
				t.Errorf("the briefing is published at %s, which was not written", b.URL)
			}
		}
	}
	for p, data := range mem.Files {
		switch {
		case strings.HasSuffix(p, ".xml"):
			if err := xmlElements(data, func(string) {}); err != nil {
				t.Fatalf("%s is not well-formed XML: %v", p, err)
			}
		case strings.HasSuffix(p, ".json"):
			if !json.Valid(data) {
				t.Fatalf("%s is not valid JSON", p)
			}
		case strings.HasSuffix(p, ".html"):
			if !utf8.Valid(data) {
				t.Fatalf("%s is not valid UTF-8", p)
			}
			if live := liveScripts(data); len(live) > 0 {
				t.Fatalf("%s runs script from the input: %v", p, live)
			}
		}
	}
}

// liveScripts lists what in a page could run script: event handler
// attributes, javascript: and other script URLs, and script, embedding or
// base elements other than the theme's own (JSON-LD data and scripts
// loaded from the site's files).
func liveScripts(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{err.Error()}
	}
	var live []string
	htmltest.Walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script":
			typ, src := htmltest.Attr(n, "type"), htmltest.Attr(n, "src")
			if typ != "application/ld+json" && !strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "https://fuzz.example/") {
				live = append(live, "<script>")
			}
		case "iframe", "object", "embed", "base", "frame", "applet":
			live = append(live, "<"+n.Data+">")
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1 // browsers ignore these in a URL's scheme
				}
				return r
			}, a.Val))
			switch {
			case strings.HasPrefix(key, "on"):
				live = append(live, n.Data+" "+a.Key)
			case (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href") &&
				(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text/html")):
				live = append(live, n.Data+" "+a.Key+"="+a.Val)
			}
		}
	})
	return live
}
