package build_test

import (
	"strings"
	"testing"

	"brief/internal/build"
)

// withLanguage sets the fixture's language.
func withLanguage(lang string) map[string]string {
	src := string(fixture()["site.toml"].Data)
	return map[string]string{"site.toml": strings.Replace(src, `timezone =`, `language = "`+lang+`"`+"\ntimezone =", 1)}
}

// The theme's interface text in each of its languages: every page kind
// shows the language's words and dates, and no English of the theme's
// templates.
func TestThemeLanguages(t *testing.T) {
	for _, c := range []struct {
		lang      string
		briefing  []string
		funding   []string
		home, tag []string
		tags      string
	}{
		{"zh-Hant",
			[]string{"2023年5月29日", "更新於", "閱讀約 1 分鐘", "作者：Brief Desk", "司法管轄區：", "資料來源", "標籤：", `aria-label="更多簡報"`, ">跳至內容<", ">存檔</a>",
				`<strong class="money" title="CNY 100,000,000">人民幣1億元</strong>`, "按2023年6月30日匯率估算", "1,380萬美元",
				`<nav class="crumbs" aria-label="導覽路徑"><ol><li><a href="/">首頁</a></li><li><a href="/jurisdictions/">司法管轄區</a></li>`},
			[]string{"<title>資金追蹤 · Test Brief</title>", "<h1>資金追蹤</h1>", "<h2 id=\"by-year-h\">按年份</h2>", "<th scope=\"col\">用途</th>", "人民幣1億元",
				"按司法管轄區劃分的資金（USD）", `<th scope="col">年份</th>`, `<th scope="col" class="num">以USD計</th>`},
			[]string{"第 1 頁，共 2 頁", "較舊 →"},
			[]string{"<h1>標籤：Web3</h1>"}, "標籤"},
		{"zh-Hans",
			[]string{"2023年5月29日", "更新于", "阅读约 1 分钟", "地区：", "资料来源", "人民币1亿元"},
			[]string{"<title>资金追踪 · Test Brief</title>", "<h1>资金追踪</h1>", "按年份"},
			[]string{"第 1 页，共 2 页"},
			[]string{"<h1>标签：Web3</h1>"}, "标签"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			_, mem := mustBuild(t, with(fixture(), withLanguage(c.lang)), build.Options{})
			mustContain(t, "briefing", mem.Files["briefings/beijing-web3/index.html"], c.briefing...)
			mustContain(t, "tracker", mem.Files["funding/index.html"], c.funding...)
			mustContain(t, "home", mem.Files["index.html"], c.home...)
			mustContain(t, "tag", mem.Files["tags/web3/index.html"], c.tag...)
			mustContain(t, "tags", mem.Files["tags/index.html"], "<h1>"+c.tags+"</h1>", "<title>"+c.tags+" · Test Brief</title>")
			for _, p := range []string{"briefings/beijing-web3/index.html", "funding/index.html", "index.html", "404.html", "search/index.html", "archive/index.html"} {
				// The body: <head>'s titles and descriptions come from
				// internal/seo, in English for now.
				_, body, _ := strings.Cut(string(mem.Files[p]), "<body>")
				for _, english := range []string{"Skip to content", "min read", "Funding tracker", "Page not found", "Search the briefings", ">Archive<", ">Home<", "Funding by"} {
					if strings.Contains(body, english) {
						t.Errorf("%s: English %q left in the %s page", p, english, c.lang)
					}
				}
			}
		})
	}
}

// A site's layouts/i18n/LANG.toml replaces the theme's text key by key.
func TestSiteInterfaceText(t *testing.T) {
	_, mem := mustBuild(t, with(fixture(), map[string]string{
		"layouts/i18n/en.toml": "nav_funding = \"Money\"\nreading_time = { one = \"one minute\", other = \"{count} minutes\" }\n",
	}), build.Options{})
	page := mem.Files["briefings/beijing-web3/index.html"]
	mustContain(t, "briefing", page, ">Money</a>", "one minute", ">Archive</a>")
}

// A template that asks for text a language does not have fails the build
// before anything is rendered, naming the language, the key and the file
// to add it to; so does a placeholder the templates do not give.
func TestMissingInterfaceText(t *testing.T) {
	_, _, err := buildFS(t, with(fixture(), map[string]string{
		"layouts/404.html":        `{{define "main"}}<p>{{T "read_more"}}</p>{{end}}`,
		"layouts/i18n/en.toml":    "pager_position = \"{number}/{pages}\"\n",
		"layouts/i18n/extra.toml": "x = 1\n",
	}), build.Options{})
	got := diagnostics(t, err).Error()
	for _, want := range []string{
		`layouts/i18n/en.toml: read_more: language "en" has no interface text for "read_more", which the templates use (add read_more = "..." to layouts/i18n/en.toml)`,
		`layouts/i18n/en.toml:1: pager_position: {pages} is not given by the templates that use "pager_position" (the templates give {number}, {total})`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}

// Each edition of a site with [languages] speaks its own language, with
// the same theme: the default at the root, the others under their prefix.
func TestEditionsSpeakTheirLanguage(t *testing.T) {
	src := string(fixture()["site.toml"].Data)
	src = strings.Replace(src, "[jurisdictions]", "[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"繁體中文\"\n\n[jurisdictions]", 1)
	_, mem := mustBuild(t, with(fixture(), map[string]string{
		"site.toml": src,
		"content/briefings/beijing-web3.zh-Hant.md": `---
title: "北京每年撥款人民幣1億元發展Web3"
date: 2023-05-29
jurisdiction: [Beijing]
tags: [Web3]
---

北京市朝陽區發布白皮書。
`,
	}), build.Options{})
	mustContain(t, "English home", mem.Files["index.html"], ">Skip to content<", ">Archive</a>")
	mustContain(t, "Chinese home", mem.Files["zh-hant/index.html"], ">跳至內容<", ">存檔</a>")
	mustContain(t, "Chinese briefing", mem.Files["zh-hant/briefings/beijing-web3/index.html"], "2023年5月29日", "閱讀約 1 分鐘")
	mustContain(t, "English briefing", mem.Files["briefings/beijing-web3/index.html"], "29 May 2023", "1 min read")
}

// Tags and jurisdictions named in another language in site.toml: the
// edition shows and files them under that name, with the same parents, and
// its page is the original's translation.
func TestTranslatedTermNames(t *testing.T) {
	src := string(fixture()["site.toml"].Data)
	src = strings.Replace(src, `[jurisdictions]
"Hong Kong" = {}
Beijing = { parent = "China" }`, `[languages.en]
name = "English"
[languages.zh-Hant]
name = "繁體中文"

[jurisdictions]
"Hong Kong" = { zh-Hant = "香港" }
Beijing = { parent = "China", zh-Hant = "北京" }
China = { zh-Hant = "中國" }`, 1)
	if !strings.Contains(src, "北京") {
		t.Fatal("the fixture's site.toml changed: update the test")
	}
	_, mem := mustBuild(t, with(fixture(), map[string]string{
		"site.toml": src,
		"content/briefings/beijing-web3.zh-Hant.md": "---\ntitle: \"北京每年撥款發展Web3\"\ndate: 2023-05-29\njurisdiction: [Beijing]\n---\n\n北京市朝陽區發布白皮書。\n",
	}), build.Options{})
	mustContain(t, "Chinese briefing", mem.Files["zh-hant/briefings/beijing-web3/index.html"], `>北京</a>`)
	mustContain(t, "Chinese jurisdiction page", mem.Files["zh-hant/jurisdictions/北京/index.html"], "<h1>北京</h1>", "隸屬 <a", ">中國</a>")
	mustContain(t, "English jurisdiction page", mem.Files["jurisdictions/beijing/index.html"], "<h1>Beijing</h1>", "part of <a", ">China</a>")
	if !strings.Contains(string(mem.Files["zh-hant/jurisdictions/中國/index.html"]), "北京每年撥款發展Web3") {
		t.Error("the Chinese China page does not list its child's briefing")
	}
}
