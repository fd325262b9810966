package build_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"brief/internal/build"
	"brief/internal/funding"
	"brief/internal/funding/fundingtest"
)

// fundingInChinese is the bilingual fixture with every kind of funding text
// the tracker and the briefing pages word in Go: a yearly amount over three
// years, estimates, a stated figure, a jurisdiction with a parent and one
// with children, and an item with neither jurisdiction nor tag; every
// name and word of its Chinese edition is Chinese.
func fundingInChinese() fstest.MapFS {
	fsys := bilingual()
	cfg := strings.Replace(string(fsys["site.toml"].Data), `[jurisdictions]
"Hong Kong" = {}
Beijing = { parent = "China" }
Chaoyang = { parent = "Beijing" }
`, `[jurisdictions]
China = { zh-Hant = "中國" }
"Hong Kong" = { zh-Hant = "香港" }
Beijing = { parent = "China", zh-Hant = "北京" }
Chaoyang = { parent = "Beijing", zh-Hant = "朝陽" }

[tags]
Web3 = ""
funding = { zh-Hant = "資助" }
Policy = { zh-Hant = "政策" }
Drafts = { zh-Hant = "草稿" }
Future = { zh-Hant = "未來" }
`, 1)
	fsys["site.toml"] = file(cfg)
	// The original names its item's jurisdiction, which the translation
	// inherits: the Chinese page names it in Chinese.
	fsys["content/briefings/hk-policy.md"] = file(strings.Replace(string(fsys["content/briefings/hk-policy.md"].Data),
		"    usd: \"6.4m\"", "    usd: \"6.4m\"\n    jurisdiction: Hong Kong", 1))
	fsys["content/briefings/metaverse-fund.zh-Hant.md"] = file(`---
title: "元宇宙基金每年撥款"
date: 2023-03-01
summary: "一項未指明地區的元宇宙基金。"
funding:
  - amount: "2亿"
    currency: CNY
    per: year
    from: 2023
    to: 2025
    purpose: "元宇宙產業"
    date: 2023-03-02
---

基金成立。
`)
	return fsys
}

// latinWords lists the words in Latin letters that the reader sees on a
// page (its <main>: text, and the title, aria-label and alt attributes),
// leaving out those in allowed (currency codes, file names, proper names)
// and text marked as another language's (lang="en").
func latinWords(t *testing.T, page []byte, allowed ...string) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			if n.Data == "main" {
				inMain = true
			}
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && !strings.HasPrefix(a.Val, "zh") {
					return // marked as another language's text
				}
			}
			for _, a := range n.Attr {
				if inMain && (a.Key == "title" || a.Key == "aria-label" || a.Key == "alt") {
					texts = append(texts, a.Val)
				}
			}
		}
		if n.Type == html.TextNode && inMain {
			texts = append(texts, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	var out []string
	for _, w := range latinWord.FindAllString(strings.Join(texts, " "), -1) {
		if !slices.Contains(allowed, w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]`)

// The Chinese edition's tracker, its briefings' funding and its term and
// year totals are in Chinese throughout: the periods of yearly amounts,
// the notes on parents and children, the rows for figures without a
// jurisdiction or tag, the estimate notes and the money.
func TestChineseFundingHasNoEnglish(t *testing.T) {
	_, mem := mustBuild(t, fundingInChinese(), build.Options{})
	allowed := []string{"USD", "CNY", "HKD", "Web3", "funding.csv", "briefings.json"}
	var pages []string
	for p := range mem.Files {
		if strings.HasPrefix(p, "zh-hant/") && strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "zh-hant/search/") && p != "zh-hant/404.html" {
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	if len(pages) < 10 {
		t.Fatalf("only %d Chinese pages: %v", len(pages), pages)
	}
	for _, p := range pages {
		if words := latinWords(t, mem.Files[p], allowed...); len(words) > 0 {
			t.Errorf("%s: English words %q", p, words)
		}
	}
	mustContain(t, "the Chinese tracker", mem.Files["zh-hant/funding/index.html"],
		"每年人民幣2億元（2023至2025年）", "人民幣6億元", "（包括北京）", "（隸屬中國；包括朝陽）", ">無司法管轄區<", ">無標籤<",
		"按2023年6月30日匯率估算", `<time datetime="2023-03-02">2023年3月2日</time>`)
	mustContain(t, "the Chinese briefing", mem.Files["zh-hant/briefings/metaverse-fund/index.html"],
		"人民幣2億元</strong> 每年（2023至2025年）", "合共人民幣6億元",
		`<time datetime="2023-03-02">2023年3月2日</time>`)
	mustContain(t, "the Chinese translation that inherits its original's funding", mem.Files["zh-hant/briefings/hk-policy/index.html"],
		`<strong class="money" title="HKD 50,000,000">5,000萬港元</strong> <span class="converted">(640萬美元)</span> <span class="meta">(香港)</span>`)
	mustContain(t, "the Chinese China page", mem.Files["zh-hant/jurisdictions/中國/index.html"], "1,380萬美元")
	checkGoldens(t, mem, []goldenPage{{"funding-tracker.zh-Hant.html", "zh-hant/funding/index.html"}})
}

// Each edition's tracker counts the whole site's public money, each
// translation group once: a briefing only another edition publishes is
// counted too, linked to its page there and marked with its language,
// under the edition's names for its terms (a term the edition has no page
// for is named from site.toml, without a link). So the grand totals of
// the editions are equal.
func TestTrackerCountsTheWholeSite(t *testing.T) {
	fsys := fundingInChinese()
	fsys["site.toml"] = file(strings.Replace(string(fsys["site.toml"].Data), `Chaoyang = { parent = "Beijing", zh-Hant = "朝陽" }`,
		`Chaoyang = { parent = "Beijing", zh-Hant = "朝陽" }`+"\nShanghai = { parent = \"China\", zh-Hant = \"上海\" }", 1))
	fsys["content/briefings/shanghai-fund.md"] = file(`---
title: "Shanghai sets up a metaverse fund"
date: 2024-02-01
jurisdiction: [Shanghai]
tags: [Policy]
funding:
  - amount: "50m"
    currency: CNY
    purpose: "Metaverse start-ups"
---

A fund.
`)
	res, mem := mustBuild(t, fsys, build.Options{})
	var totals []string
	for _, ed := range res.Site.Editions {
		tr, err := funding.NewTracker(ed.Config, ed, funding.NewText(fundingtest.Catalog(t, ed.Language.Code, funding.Uses)))
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, p := range tr.Grand.Parts() {
			parts = append(parts, p.Exact())
		}
		totals = append(totals, fmt.Sprintf("%s: %d figures in %d briefings, %s", ed.Language.Code, len(tr.Entries), tr.Briefings, strings.Join(parts, " + ")))
	}
	want := []string{"en: 4 figures in 4 briefings, USD 109,900,000", "zh-Hant: 4 figures in 4 briefings, USD 109,900,000"}
	if !slices.Equal(totals, want) {
		t.Errorf("grand totals:\n%s\nwant\n%s", strings.Join(totals, "\n"), strings.Join(want, "\n"))
	}
	mustContain(t, "the Chinese tracker", mem.Files["zh-hant/funding/index.html"],
		`<a href="/briefings/shanghai-fund/" hreflang="en" lang="en">Shanghai sets up a metaverse fund</a> <span class="meta">（英文）</span>`,
		`<th scope="row">上海 <span class="meta">（隸屬中國）</span></th>`, "（包括北京、上海）", `<th scope="row">政策</th>`,
		`<span class="cell-label">司法管轄區</span>上海</td>`)
	mustContain(t, "the English tracker", mem.Files["funding/index.html"],
		`<a href="/zh-hant/briefings/metaverse-fund/" hreflang="zh-Hant" lang="zh-Hant">元宇宙基金每年撥款</a> <span class="meta">(in Traditional Chinese)</span>`)
	if words := latinWords(t, mem.Files["zh-hant/funding/index.html"], "USD", "CNY", "HKD", "Web3", "funding.csv", "briefings.json"); len(words) > 0 {
		t.Errorf("the Chinese tracker: English words %q", words)
	}
}

// A translation that states an amount with another stated US dollar
// figure than its original's, or without it, contradicts it: its edition
// would convert the same money differently, and the editions' totals would
// disagree. The error names both files and lines.
func TestTranslationStatesAnotherUSD(t *testing.T) {
	zhHK := "content/briefings/hk-policy.zh-Hant.md"
	withItem := func(item string) map[string]string {
		return map[string]string{zhHK: strings.Replace(string(bilingual()[zhHK].Data), "tags: [Web3]", "tags: [Web3]\nfunding:\n"+item, 1)}
	}
	for _, tc := range []struct{ name, item, want string }{
		{"another usd", "  - amount: \"50m\"\n    currency: HKD\n    usd: \"7m\"",
			`content/briefings/hk-policy.zh-Hant.md:7: funding[0]: HKD 50,000,000 stated as USD 7,000,000 differs from HKD 50,000,000 stated as USD 6,400,000 in the briefing it translates (content/briefings/hk-policy.md:9)`},
		{"no usd", "  - amount: \"50m\"\n    currency: HKD",
			`content/briefings/hk-policy.zh-Hant.md:7: funding[0]: HKD 50,000,000 differs from HKD 50,000,000 stated as USD 6,400,000 in the briefing it translates (content/briefings/hk-policy.md:9)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(bilingual(), withItem(tc.item)), build.Options{})
			if err == nil {
				t.Fatal("the build passed")
			}
			if got := diagnostics(t, err).Error(); !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	_, _, err := buildFS(t, with(bilingual(), withItem("  - amount: \"50m\"\n    currency: HKD\n    usd: \"6.4m\"")), build.Options{})
	if err != nil {
		t.Errorf("the original's own figures: %v", err)
	}
}

// A translation that states its original's amounts but counts them for
// another jurisdiction, or in another year, contradicts it too: the
// editions' trackers would agree on the grand total and disagree by
// jurisdiction or by year. The error points at the line that says so (the
// item's jurisdiction or date, or the translation's jurisdiction), names
// the original's file and line, and says what to write.
func TestTranslationCountsMoneyElsewhere(t *testing.T) {
	zhHK := "content/briefings/hk-policy.zh-Hant.md"
	edit := func(front, item string) map[string]string {
		src := string(bilingual()[zhHK].Data)
		if front != "" {
			src = strings.Replace(src, "jurisdiction: Hong Kong", front, 1)
		}
		return map[string]string{zhHK: strings.Replace(src, "tags: [Web3]", "tags: [Web3]\nfunding:\n  - amount: \"50m\"\n    currency: HKD\n    usd: \"6.4m\""+item, 1)}
	}
	const stated = "HKD 50,000,000 stated as USD 6,400,000"
	for _, tc := range []struct{ name, front, item, want string }{
		{"item elsewhere", "jurisdiction: [Hong Kong, Beijing]", "\n    jurisdiction: Beijing",
			`content/briefings/hk-policy.zh-Hant.md:10: funding[0].jurisdiction: ` + stated + ` is counted for Beijing, and in the briefing it translates for Hong Kong (content/briefings/hk-policy.md:9) (give the item the original's jurisdiction (jurisdiction: Hong Kong), or leave funding out of the translation to show the original's)`},
		{"briefing elsewhere", "jurisdiction: [Beijing]", "",
			`content/briefings/hk-policy.zh-Hant.md:4: jurisdiction: ` + stated + ` is counted for Beijing, and in the briefing it translates for Hong Kong (content/briefings/hk-policy.md:9)`},
		{"no single place", "jurisdiction: [Hong Kong, Beijing]", "",
			`content/briefings/hk-policy.zh-Hant.md:4: jurisdiction: ` + stated + ` is counted for no single jurisdiction, and in the briefing it translates for Hong Kong (content/briefings/hk-policy.md:9)`},
		{"another year", "", "\n    date: 2021-12-01",
			`content/briefings/hk-policy.zh-Hant.md:7: funding[0]: ` + stated + ` is counted in 2021, and in the briefing it translates in 2022 (content/briefings/hk-policy.md:9) (give the item the original's date (date: 2022-10-31), or leave funding out of the translation to show the original's)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(bilingual(), edit(tc.front, tc.item)), build.Options{})
			if err == nil {
				t.Fatal("the build passed")
			}
			if got := diagnostics(t, err).Error(); !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	// The same place and year, said otherwise, agree.
	for _, item := range []string{"\n    jurisdiction: Hong Kong", "\n    date: 2022-03-01", ""} {
		if _, _, err := buildFS(t, with(bilingual(), edit("", item)), build.Options{}); err != nil {
			t.Errorf("item %q: %v", item, err)
		}
	}
}

// The rates' source, which site.toml's [currency] gives in the default
// language, is said on an edition's tracker in that edition's language
// ([languages.X] ratesSource), or not at all: never in another language.
func TestRatesSourceInTheEditionsLanguage(t *testing.T) {
	fsys := bilingual()
	cfg := strings.Replace(string(fsys["site.toml"].Data), "asOf = 2023-06-30\n", "asOf = 2023-06-30\nsource = \"Test rates\"\n", 1)
	fsys["site.toml"] = file(cfg + "ratesSource = \"測試匯率\"\n")
	_, mem := mustBuild(t, fsys, build.Options{})
	mustContain(t, "the English tracker", mem.Files["funding/index.html"], "(Test rates).")
	mustContain(t, "the Chinese tracker", mem.Files["zh-hant/funding/index.html"], "估算（測試匯率）。")
	fsys["site.toml"] = file(cfg)
	_, mem = mustBuild(t, fsys, build.Options{})
	if page := mem.Files["zh-hant/funding/index.html"]; bytes.Contains(page, []byte("Test rates")) {
		t.Error("the Chinese tracker names the rates' source in English")
	}
}

// The funding text brief words itself is checked like the templates' own:
// a language file without one of its keys fails the build, naming the
// language, the key and the file to add it to, and a placeholder that
// funding does not give is an error at its line.
func TestMissingFundingText(t *testing.T) {
	_, _, err := buildFS(t, with(fixture(), map[string]string{
		"site.toml":            strings.Replace(string(fixture()["site.toml"].Data), `timezone =`, "language = \"fr\"\ntimezone =", 1),
		"layouts/i18n/fr.toml": "funding_part_of = \"partie de {nom}\"\n[format]\ndate = \"{day}/{month_number}/{year}\"\n",
	}), build.Options{})
	got := diagnostics(t, err).Error()
	for _, want := range []string{
		`layouts/i18n/fr.toml: funding_no_jurisdiction: language "fr" has no interface text for "funding_no_jurisdiction", which the templates use (add funding_no_jurisdiction = "..." to layouts/i18n/fr.toml)`,
		`layouts/i18n/fr.toml: chart_description: language "fr" has no interface text for "chart_description"`,
		`layouts/i18n/fr.toml:1: funding_part_of: {nom} is not given by the templates that use "funding_part_of" (the templates give {name})`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}
