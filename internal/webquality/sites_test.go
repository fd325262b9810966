package webquality

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/corpus"
	"brief/internal/output"
	"brief/internal/site"
)

// builtSite is a site built as Netlify builds it (minified, fingerprinted).
type builtSite struct {
	name  string
	src   string            // the site folder
	dir   string            // the output folder
	files map[string][]byte // output path -> bytes
	site  *site.Site
}

// repoRoot is the repository root: the example site.
func repoRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the repository")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// buildInto builds the site in src into dir with the given base URL.
func buildInto(name, src, dir, baseURL string) (*builtSite, error) {
	mem := output.NewMemory()
	opt := build.Options{BaseURL: baseURL, Minify: true, Fingerprint: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	res, err := build.New(brief.DefaultTheme()).Build(os.DirFS(src), nil, opt, mem)
	if err != nil {
		return nil, fmt.Errorf("building the %s site: %v", name, err)
	}
	for p, data := range mem.Files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &builtSite{name: name, src: src, dir: dir, files: mem.Files, site: res.Site}, nil
}

var (
	sitesOnce  sync.Once
	sitesBuilt []*builtSite
	sitesErr   error
	sitesDir   string
)

// sites builds the example site and the generated one once per test run,
// with an https base URL like a deploy's.
func sites(t testing.TB) []*builtSite {
	t.Helper()
	sitesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "brief-webquality-")
		if err != nil {
			sitesErr = err
			return
		}
		sitesDir = dir
		gen := filepath.Join(dir, "generated")
		if err := generate(gen); err != nil {
			sitesErr = err
			return
		}
		for _, b := range []struct{ name, src, base string }{
			{"example", repoRoot(t), "https://brief-example.netlify.app/"},
			{"generated", gen, "https://generated.example.org/policy/"},
		} {
			s, err := buildInto(b.name, b.src, filepath.Join(dir, b.name+"-public"), b.base)
			if err != nil {
				sitesErr = err
				return
			}
			sitesBuilt = append(sitesBuilt, s)
		}
	})
	if sitesErr != nil {
		t.Fatal(sitesErr)
	}
	return sitesBuilt
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sitesDir != "" {
		os.RemoveAll(sitesDir)
	}
	os.Exit(code)
}

// generatedConfig gives the generated briefings parents for their cities,
// authors, SEO settings and no exchange rates, so that the funding tracker
// shows figures with no converted value (the example site has rates).
const generatedConfig = `title = "Generated briefings"
description = "Two hundred generated briefings on digital-asset policy across Asia and beyond."
baseURL = "https://generated.example.org/policy/"
language = "en-GB"
timezone = "Asia/Hong_Kong"
paginate = 8

[jurisdictions]
China = { note = "The mainland", description = "Generated briefings on China's central authorities and its provinces and cities." }
"Hong Kong" = { note = "Special Administrative Region of China" }
Macau = {}
Singapore = {}
Taiwan = {}
Japan = {}
"South Korea" = {}
"United Arab Emirates" = {}
"United Kingdom" = {}
Beijing = { parent = "China" }
Shanghai = { parent = "China" }
Shenzhen = { parent = "Guangdong" }
Guangzhou = { parent = "Guangdong" }
Guangdong = { parent = "China" }
Hangzhou = { parent = "China" }
Hainan = { parent = "China" }
Chongqing = { parent = "China" }

[seo]
articleType = "Report"
twitter = "@generated"
publisher = "Generated Policy Desk"

[authors]
"Policy Desk" = { type = "Organization", url = "https://generated.example.org/about/" }
"Mei Chan" = { url = "https://generated.example.org/mei/" }
`

// extras are hand-written briefings for what the generator does not make:
// every optional field, none of them, footnotes, aliases, a draft, Chinese
// tags, amounts without a stated US dollar figure, a long table.
var extras = map[string]string{
	"content/briefings/every-field.md": `---
title: "Every field: Hong Kong's stablecoin bill <with> \"quotes\" & ampersands"
date: 2025-06-01T09:30:00+08:00
updated: 2025-06-03T18:00:00+08:00
jurisdiction: [Hong Kong, Shenzhen]
tags: [stablecoins, licensing, 稳定币]
summary: "A briefing that sets every field, with <angle brackets> and & in its summary."
funding:
  - amount: "2.5bn"
    currency: HKD
    jurisdiction: Hong Kong
    purpose: "Sandbox grants (no US dollar figure stated)"
  - amount: "100m"
    currency: CNY
    usd: "14m"
    jurisdiction: Shenzhen
    purpose: "Cross-border pilot"
sources:
  - title: "HKMA consultation"
    url: "https://www.hkma.gov.hk/eng/"
  - title: "Legislative Council brief"
    url: "https://www.legco.gov.hk/"
authors: [Mei Chan, Policy Desk]
aliases: [/2025/old-stablecoin-link/]
---

## What changes

The bill[^1] licenses issuers. See [the bare one](bare.md#background).

| Item | Before | After |
|---|---|---|
| Licence | none | HKMA |

[^1]: As gazetted in May 2025.

## Who is affected

Issuers and custodians. A term
: its definition.
`,
	"content/briefings/bare.md": `---
title: A briefing with nothing but a date
date: 2024-02-29
---

## Background

Only a body, no summary, no tags, no jurisdiction.
`,
	"content/briefings/draft.md": `---
title: A draft
date: 2025-01-01
draft: true
---

Not published.
`,
}

// generate writes a site of 200 generated briefings plus the extras.
func generate(dir string) error {
	if err := corpus.Generate(dir, corpus.Options{N: 200, Seed: 12}); err != nil {
		return err
	}
	files := map[string]string{"site.toml": generatedConfig}
	for p, s := range extras {
		files[p] = s
	}
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fromStatic reports whether an output file is a copy of the site's own
// static/ file (the content manager's page at /admin/, say), which brief
// publishes as it is.
func (s *builtSite) fromStatic(p string) bool {
	_, err := os.Stat(filepath.Join(s.src, "static", filepath.FromSlash(p)))
	return err == nil
}

// htmlPages lists the HTML pages brief makes, sorted, leaving out alias
// pages (redirects that Netlify answers with a 301) and static/ copies.
func (s *builtSite) htmlPages() []string {
	aliases := map[string]bool{}
	for _, e := range s.site.Editions {
		for _, b := range e.Briefings {
			for _, a := range b.Aliases {
				aliases[site.OutputPath(a.Path)] = true
			}
		}
	}
	var out []string
	for p := range s.files {
		if strings.HasSuffix(p, ".html") && !aliases[p] && !s.fromStatic(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// editionOf is the edition the output file p belongs to: the one whose
// home page's folder is the longest start of p.
func (s *builtSite) editionOf(p string) *site.Site {
	best := s.site
	for _, e := range s.site.Editions {
		home := strings.TrimPrefix(e.URLs.Home, "/")
		if strings.HasPrefix(p, home) && len(home) > len(strings.TrimPrefix(best.URLs.Home, "/")) {
			best = e
		}
	}
	return best
}

// kinds picks one page of every kind, and the pages of a kind that show
// what others of it do not (a second page, a parent jurisdiction, a
// briefing with funding and one with nothing), site paths without the base.
func (s *builtSite) kinds(t testing.TB) map[string]string {
	t.Helper()
	m := s.site
	out := map[string]string{
		"home": "/", "tags": "/tags/", "jurisdictions": "/jurisdictions/", "archive": "/archive/",
		"funding": "/funding/", "search": "/search/", "404": "/404.html",
	}
	if len(m.Briefings) > m.Config.Paginate {
		out["home, page 2"] = "/page/2/"
	}
	richest, poorest := m.Briefings[0], m.Briefings[0]
	score := func(b *site.Briefing) int {
		return len(b.Funding)*3 + len(b.Sources) + len(b.Tags) + len(b.Jurisdictions) + len(b.Authors)
	}
	for _, b := range m.Briefings {
		if score(b) > score(richest) {
			richest = b
		}
		if score(b) < score(poorest) {
			poorest = b
		}
	}
	out["briefing"] = richest.URL
	out["briefing, bare"] = poorest.URL
	largest := func(terms []*site.Term) *site.Term {
		best := terms[0]
		for _, x := range terms {
			if len(x.Briefings) > len(best.Briefings) || len(x.Children) > len(best.Children) && len(x.Briefings) == len(best.Briefings) {
				best = x
			}
		}
		return best
	}
	tag := largest(m.Tags)
	out["tag"] = tag.URL
	if len(tag.Briefings) > m.Config.Paginate {
		out["tag, page 2"] = site.PageURL(tag.URL, 2)
	}
	var parent *site.Term
	for _, j := range m.Jurisdictions {
		if len(j.Children) > 0 && (parent == nil || len(j.Briefings) > len(parent.Briefings)) {
			parent = j
		}
	}
	if parent == nil {
		parent = largest(m.Jurisdictions)
	}
	out["jurisdiction"] = parent.URL
	if len(parent.Children) > 0 {
		out["jurisdiction, child"] = parent.Children[0].URL
	}
	if len(parent.Briefings) > m.Config.Paginate {
		out["jurisdiction, page 2"] = site.PageURL(parent.URL, 2)
	}
	year := slices.MaxFunc(m.Years, func(a, b *site.Year) int { return len(a.Briefings) - len(b.Briefings) })
	out["year"] = year.URL
	if len(year.Briefings) > m.Config.Paginate {
		out["year, page 2"] = site.PageURL(year.URL, 2)
	}
	// Each other edition's home and its richest briefing: pages in
	// another language, with the language switcher.
	for _, e := range m.Editions[1:] {
		out[e.Language.Code+" home"] = e.URLs.Home
		if len(e.Briefings) > 0 {
			out[e.Language.Code+" briefing"] = slices.MaxFunc(e.Briefings, func(a, b *site.Briefing) int { return score(a) - score(b) }).URL
		}
	}
	for name, u := range out {
		if _, ok := s.files[site.OutputPath(u)]; !ok {
			t.Fatalf("%s site: the %s page %s was not built", s.name, name, u)
		}
	}
	return out
}

// kindNames lists kinds in a stable order.
func kindNames(k map[string]string) []string {
	names := make([]string, 0, len(k))
	for n := range k {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
