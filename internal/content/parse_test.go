package content

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief/internal/corpus"
	"brief/internal/diag"
)

// describe prints every field of a briefing, so that briefings from different
// formats can be compared and differences read at a glance.
func describe(b *Briefing) string {
	if b == nil {
		return "<nil>"
	}
	var s strings.Builder
	date := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format(time.RFC3339Nano)
	}
	fmt.Fprintf(&s, "path=%s\ntitle=%q\ndate=%s\nupdated=%s\n", b.Path, b.Title, date(b.Date), date(b.Updated))
	fmt.Fprintf(&s, "jurisdictions=%q\ntags=%q\nauthors=%q\naliases=%q\n", b.Jurisdictions, b.Tags, b.Authors, aliasPaths(b.Aliases))
	fmt.Fprintf(&s, "summary=%q\ndraft=%v\nslug=%q\n", b.Summary, b.Draft, b.Slug)
	for _, f := range b.Funding {
		usd := "-"
		if f.USD != nil {
			usd = f.USD.String()
		}
		fmt.Fprintf(&s, "funding %s %s (%q) usd=%s (%q) purpose=%q\n", f.Currency, f.Amount.String(), f.AmountText, usd, f.USDText, f.Purpose)
	}
	for _, src := range b.Sources {
		fmt.Fprintf(&s, "source %q %s\n", src.Title, src.URL)
	}
	// Leading blank lines are trimmed: the bare JSON form takes the empty line
	// after its closing brace as part of the block.
	fmt.Fprintf(&s, "body=%q", bytes.TrimLeft(b.Body, "\n"))
	return s.String()
}

const wantFull = `path=content/briefings/x.md
title="HKMA stablecoin sandbox"
date=2024-03-12T10:00:00+08:00
updated=2024-03-13T00:00:00Z
jurisdictions=["Hong Kong" "NO"]
tags=["stablecoins" "HKMA"]
authors=["Li Wei"]
aliases=["/old/sandbox/"]
summary="Three issuers admitted."
draft=false
slug="hkma-sandbox"
funding CNY 100000000 ("100000000") usd=14000000 ("14m") purpose="pilot"
funding HKD 1500000 ("1.5m") usd=- ("") purpose=""
source "hkma.gov.hk" https://hkma.gov.hk/eng/news
source "SFC circular" https://www.sfc.hk/c
body="The HKMA said...\n"`

func TestParseSameBriefingInEveryFormat(t *testing.T) {
	files := map[string]string{
		"yaml": `---
title: HKMA stablecoin sandbox
date: 2024-03-12T10:00:00+08:00
updated: 2024-03-13
jurisdiction: [Hong Kong, NO, Hong Kong]
tags: [stablecoins, HKMA, Stablecoins]
authors: Li Wei
aliases: /old/sandbox/
summary: "Three issuers admitted."
draft: false
slug: hkma-sandbox
funding:
  - amount: 100000000
    currency: CNY
    usd: 14m
    purpose: pilot
  - amount: 1.5m
    currency: HKD
sources:
  - url: https://hkma.gov.hk/eng/news
  - title: SFC circular
    url: https://www.sfc.hk/c
---

The HKMA said...
`,
		"toml": `+++
title = "HKMA stablecoin sandbox"
date = 2024-03-12T10:00:00+08:00
updated = 2024-03-13
jurisdiction = ["Hong Kong", "NO", "Hong Kong"]
tags = ["stablecoins", "HKMA", "Stablecoins"]
authors = "Li Wei"
aliases = "/old/sandbox/"
summary = "Three issuers admitted."
draft = false
slug = "hkma-sandbox"

[[funding]]
amount = 100000000
currency = "CNY"
usd = "14m"
purpose = "pilot"

[[funding]]
amount = "1.5m"
currency = "HKD"

[[sources]]
url = "https://hkma.gov.hk/eng/news"

[[sources]]
title = "SFC circular"
url = "https://www.sfc.hk/c"
+++

The HKMA said...
`,
		"json": `{
  "title": "HKMA stablecoin sandbox",
  "date": "2024-03-12T10:00:00+08:00",
  "updated": "2024-03-13",
  "jurisdiction": ["Hong Kong", "NO", "Hong Kong"],
  "tags": ["stablecoins", "HKMA", "Stablecoins"],
  "authors": "Li Wei",
  "aliases": "/old/sandbox/",
  "summary": "Three issuers admitted.",
  "draft": false,
  "slug": "hkma-sandbox",
  "funding": [
    {"amount": 100000000, "currency": "CNY", "usd": "14m", "purpose": "pilot"},
    {"amount": "1.5m", "currency": "HKD"}
  ],
  "sources": [
    {"url": "https://hkma.gov.hk/eng/news"},
    {"title": "SFC circular", "url": "https://www.sfc.hk/c"}
  ]
}

The HKMA said...
`,
	}
	// The same JSON between ;;; lines, and YAML and TOML with the explicit
	// ---yaml / ---toml openers.
	files["json ;;;"] = ";;;\n" + strings.Replace(files["json"], "}\n\nThe", "}\n;;;\n\nThe", 1)
	files["---yaml"] = "---yaml" + strings.TrimPrefix(files["yaml"], "---")
	files["---toml"] = "---toml" + strings.Replace(strings.TrimPrefix(files["toml"], "+++"), "+++", "---", 1)
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			b, list := Parse("content/briefings/x.md", []byte(src), Options{})
			if len(list) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", list.Error())
			}
			if got := describe(b); got != wantFull {
				t.Errorf("got:\n%s\nwant:\n%s", got, wantFull)
			}
		})
	}
}

func TestParseBodyAndLines(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		body      string
		bodyLine  int
		lines     map[string]int
		wantTitle string
	}{
		{"yaml", "---\ntitle: T\n\ndate: 2023-05-29\n---\n# Head\n", "# Head\n", 6, map[string]int{"title": 2, "date": 4}, "T"},
		{"blank lines before block", "\n\n---\ntitle: T\ndate: 2023-05-29\n---\nx", "x", 7, map[string]int{"title": 4, "date": 5}, "T"},
		{"bom", "\uFEFF---\ntitle: T\ndate: 2023-05-29\n---\nx\n", "x\n", 5, map[string]int{"title": 2, "date": 3}, "T"},
		{"crlf", "---\r\ntitle: T\r\ndate: 2023-05-29\r\n---\r\nline one\r\nline two\r\n", "line one\nline two\n", 5, map[string]int{"title": 2, "date": 3}, "T"},
		{"bom and crlf", "\uFEFF---\r\ntitle: T\r\ndate: 2023-05-29\r\n---\r\nx", "x", 5, map[string]int{"title": 2, "date": 3}, "T"},
		{"ends on the delimiter", "---\ntitle: T\ndate: 2023-05-29\n---", "", 5, map[string]int{"title": 2, "date": 3}, "T"},
		{"toml", "+++\n# comment\ntitle = \"T\"\ndate = 2023-05-29\ntags = [\"a\"]\n+++\nx\n", "x\n", 7, map[string]int{"title": 3, "date": 4, "tags": 5}, "T"},
		{"json", "{\n\"title\": \"T\",\n\n\"date\": \"2023-05-29\"\n}\n\nx\n", "x\n", 7, map[string]int{"title": 2, "date": 4}, "T"},
		{"chinese title", "---\ntitle: 香港证监会发布稳定币指引\ndate: 2023-05-29\n---\n正文\n", "正文\n", 5, map[string]int{"title": 2, "date": 3}, "香港证监会发布稳定币指引"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, list := Parse("content/a.md", []byte(tt.src), Options{})
			if len(list) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", list.Error())
			}
			if string(b.Body) != tt.body || b.BodyLine != tt.bodyLine {
				t.Errorf("body %q at line %d, want %q at line %d", b.Body, b.BodyLine, tt.body, tt.bodyLine)
			}
			got := map[string]int{}
			var names []string
			for f, l := range b.Lines.All() {
				got[f] = l
				names = append(names, f)
			}
			if !maps.Equal(got, tt.lines) || !slices.IsSorted(names) {
				t.Errorf("lines %v, want %v", b.Lines, tt.lines)
			}
			if b.Title != tt.wantTitle {
				t.Errorf("title %q, want %q", b.Title, tt.wantTitle)
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	hongKong := time.FixedZone("HKT", 8*3600)
	tests := []struct {
		name string
		src  string
		loc  *time.Location
		want string // RFC 3339 of Date, with its offset
	}{
		{"yaml date-only is midnight UTC by default", doc(okTitle, "date: 2023-05-29"), nil, "2023-05-29T00:00:00Z"},
		{"yaml date-only in the site zone", doc(okTitle, "date: 2023-05-29"), hongKong, "2023-05-29T00:00:00+08:00"},
		{"yaml quoted date", doc(okTitle, `date: "2023-05-29"`), hongKong, "2023-05-29T00:00:00+08:00"},
		{"toml local date in the site zone", "+++\ntitle = \"T\"\ndate = 2023-05-29\n+++\n", hongKong, "2023-05-29T00:00:00+08:00"},
		{"toml string date", "+++\ntitle = \"T\"\ndate = \"2023-05-29\"\n+++\n", hongKong, "2023-05-29T00:00:00+08:00"},
		{"json date", "{\n\"title\": \"T\",\n\"date\": \"2023-05-29\"\n}\n\n", hongKong, "2023-05-29T00:00:00+08:00"},
		{"yaml offset kept", doc(okTitle, "date: 2023-05-29T10:00:00+08:00"), time.UTC, "2023-05-29T10:00:00+08:00"},
		{"toml offset kept", "+++\ntitle = \"T\"\ndate = 2023-05-29T10:00:00-05:30\n+++\n", hongKong, "2023-05-29T10:00:00-05:30"},
		{"fraction and Z", doc(okTitle, "date: 2023-05-29T10:00:00.5Z"), hongKong, "2023-05-29T10:00:00.5Z"},
		{"zero offset is UTC", doc(okTitle, "date: 2023-05-29T10:00:00+00:00"), hongKong, "2023-05-29T10:00:00Z"},
		{"leap day", doc(okTitle, "date: 2024-02-29"), nil, "2024-02-29T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, list := Parse("content/a.md", []byte(tt.src), Options{Location: tt.loc})
			if len(list) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", list.Error())
			}
			if got := b.Date.Format(time.RFC3339Nano); got != tt.want {
				t.Errorf("date %s, want %s", got, tt.want)
			}
		})
	}
}

// An offset that happens to be the machine's own must not pick up time.Local,
// or output would depend on where the site is built.
func TestParseDateIgnoresMachineZone(t *testing.T) {
	old := time.Local
	time.Local = time.FixedZone("Machine", 8*3600)
	defer func() { time.Local = old }()
	b, _ := Parse("content/a.md", []byte(doc(okTitle, "date: 2023-05-29T10:00:00+08:00")), Options{})
	if name, _ := b.Date.Zone(); name != "" || b.Date.Location() == time.Local {
		t.Errorf("date zone %q (%v), want the bare offset", name, b.Date.Location())
	}
}

func TestParseYAMLIsYAML12(t *testing.T) {
	src := doc(okTitle, okDate, "jurisdiction: [NO, no, Off, y]", "tags: [yes, On]", "authors: NO", "summary: no")
	b, list := Parse("content/a.md", []byte(src), Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	if got := fmt.Sprintf("%q %q %q %q", b.Jurisdictions, b.Tags, b.Authors, b.Summary); got != `["NO" "no" "Off" "y"] ["yes" "On"] ["NO"] "no"` {
		t.Errorf("got %s", got)
	}
}

func TestParseDraftAndTagsDedupe(t *testing.T) {
	b, list := Parse("content/a.md", []byte(doc(okTitle, okDate, "draft: true", "tags: [' PHP ', php, Web3, web3, PHP]")), Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	if !b.Draft || fmt.Sprintf("%q", b.Tags) != `["PHP" "Web3"]` {
		t.Errorf("draft %v tags %q", b.Draft, b.Tags)
	}
}

// A briefing is returned whenever its body can be found, even if the front
// matter has errors or cannot be decoded, so that the body's links are
// checked in the same run; nil only when the block is not closed.
func TestParseReturnsBriefingWhenTheBodyIsKnown(t *testing.T) {
	tests := []struct {
		src      string
		hasNil   bool
		body     string
		bodyLine int
	}{
		{doc(okTitle, okDate), false, "Body.\n", 5},
		{doc(okTitle, "date: 2023-02-30"), false, "Body.\n", 5},
		{"no front matter\n[x](y.md)\n", false, "no front matter\n[x](y.md)\n", 1},
		{"---\ntitle: x\n", true, "", 0},
		{doc("title: [x"), false, "Body.\n", 4},
		{"+++\ntitle = \"x\n+++\n\n[x](y.md)\n", false, "\n[x](y.md)\n", 4},
	}
	for _, tt := range tests {
		b, list := Parse("content/a.md", []byte(tt.src), Options{})
		if (b == nil) != tt.hasNil {
			t.Errorf("%q: briefing nil = %v, want %v", tt.src, b == nil, tt.hasNil)
			continue
		}
		if b == nil {
			if !list.HasErrors() {
				t.Errorf("%q: nil briefing without an error", tt.src)
			}
			continue
		}
		if string(b.Body) != tt.body || b.BodyLine != tt.bodyLine {
			t.Errorf("%q: body %q on line %d, want %q on line %d", tt.src, b.Body, b.BodyLine, tt.body, tt.bodyLine)
		}
	}
}

func TestParseDoesNotAliasSource(t *testing.T) {
	src := []byte(doc(okTitle, okDate))
	b, _ := Parse("content/a.md", src, Options{})
	for i := range src {
		src[i] = 'x'
	}
	if string(b.Body) != "Body.\n" {
		t.Errorf("body changed with the source: %q", b.Body)
	}
}

func TestParseAliasesDeduped(t *testing.T) {
	b, list := Parse("content/a.md", []byte(doc(okTitle, okDate, "aliases: [/a/, /b/, /a/]")), Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	want := []Alias{{"/a/", "aliases[0]", 4}, {"/b/", "aliases[1]", 4}}
	if !slices.Equal(b.Aliases, want) {
		t.Errorf("aliases %+v, want %+v", b.Aliases, want)
	}
}

func TestParseFundingLines(t *testing.T) {
	src := "+++\ntitle = \"T\"\ndate = 2023-05-29\n\n[[funding]]\namount = 1\ncurrency = \"HKD\"\n\n[[funding]]\namount = 2\ncurrency = \"HKD\"\n+++\n"
	b, list := Parse("content/a.md", []byte(src), Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	if len(b.Funding) != 2 || b.Funding[0].Line != 5 || b.Funding[1].Line != 9 {
		t.Errorf("funding %+v", b.Funding)
	}
	b, _ = Parse("content/a.md", []byte(doc(okTitle, okDate, "funding:", "  - amount: 1", "    currency: HKD", "  -", "    amount: 2", "    currency: HKD")), Options{})
	if len(b.Funding) != 2 || b.Funding[0].Line != 5 || b.Funding[1].Line != 8 {
		t.Errorf("funding %+v", b.Funding)
	}
}

// Parse is called from many goroutines at once by the build; run this under
// -race to check it shares nothing mutable.
func TestParseConcurrent(t *testing.T) {
	src := benchBriefing()
	want := describe(mustParse(t, src))
	done := make(chan string)
	for range 8 {
		go func() {
			b, _ := Parse("content/briefings/x.md", src, Options{})
			done <- describe(b)
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent parse differs:\n%s", got)
		}
	}
}

func mustParse(t *testing.T, src []byte) *Briefing {
	t.Helper()
	b, list := Parse("content/briefings/x.md", src, Options{})
	if len(list) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list.Error())
	}
	return b
}

// Each tag and jurisdiction keeps its own line, so that a later stage can
// point at the one name in a list that spans lines; repeats drop theirs.
func TestTermLines(t *testing.T) {
	src := "---\ntitle: x\ndate: 2023-05-29\njurisdiction:\n  - Shenzhen\n  - Suzhou\ntags: [Web3, web3, funding]\n---\n"
	b, ds := Parse("content/a.md", []byte(src), Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if !slices.Equal(b.JurisdictionLines, []int{5, 6}) || !slices.Equal(b.TagLines, []int{7, 7}) || !slices.Equal(b.Tags, []string{"Web3", "funding"}) {
		t.Errorf("jurisdictions %q at %v, tags %q at %v", b.Jurisdictions, b.JurisdictionLines, b.Tags, b.TagLines)
	}
	b, _ = Parse("content/a.md", []byte("---\ntitle: x\ndate: 2023-05-29\njurisdiction: Hong Kong\n---\n"), Options{})
	if !slices.Equal(b.JurisdictionLines, []int{4}) {
		t.Errorf("one name: lines %v", b.JurisdictionLines)
	}
}

// A funding item's own jurisdiction, date and period are kept as written.
func TestFundingAttributionFields(t *testing.T) {
	src := "---\ntitle: x\ndate: 2023-05-29\njurisdiction: [Shenzhen, Suzhou]\nfunding:\n" +
		"  - amount: 20m\n    currency: CNY\n    jurisdiction: Suzhou\n    date: 2020-12-12\n" +
		"  - amount: 100m\n    currency: CNY\n    per: year\n    from: 2023\n    to: 2025\n---\n"
	b, ds := Parse("content/a.md", []byte(src), Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	f0, f1 := b.Funding[0], b.Funding[1]
	if f0.Jurisdiction != "Suzhou" || f0.JurisdictionLine != 8 || f0.Date.Format("2006-01-02") != "2020-12-12" || f0.Per != "" {
		t.Errorf("item 0: %+v", f0)
	}
	if f1.Jurisdiction != "" || !f1.Date.IsZero() || f1.Per != "year" || f1.From != 2023 || f1.To != 2025 {
		t.Errorf("item 1: %+v", f1)
	}
}

// TestParseKeepsNothingOfItsScratch checks that a briefing holds nothing
// of the scratch space its Parse decoded the front matter in, which the
// next Parse reuses: briefings parsed first are still what a parse of the
// same file gives after many more parses, some at the same time.
func TestParseKeepsNothingOfItsScratch(t *testing.T) {
	srcs, err := corpus.BenchBriefings(t.TempDir(), 120)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, []byte("---\ntitle: \"T\"\ndate: 2023-01-02\ntags: [a, b]\nfunding:\n  - amount: 1m\n    currency: HKD\n  - amount: bad\n---\nx\n"))
	opt := Options{Location: time.UTC}
	type parsed struct {
		b  *Briefing
		ds diag.List
	}
	first := make([]parsed, len(srcs))
	for i, src := range srcs {
		first[i].b, first[i].ds = Parse("content/briefings/x.md", src, opt)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range srcs {
				Parse("content/briefings/x.md", srcs[(i*7+w)%len(srcs)], opt)
			}
		}()
	}
	wg.Wait()
	for i, src := range srcs {
		b, ds := Parse("content/briefings/x.md", src, opt)
		if !reflect.DeepEqual(first[i].b, b) || !reflect.DeepEqual(first[i].ds, ds) {
			t.Fatalf("file %d: parsed first as\n%+v\n%v\nnow as\n%+v\n%v", i, first[i].b, first[i].ds, b, ds)
		}
	}
}
