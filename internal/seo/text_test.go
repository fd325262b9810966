package seo_test

import (
	"strings"
	"testing"

	"brief/internal/i18n"
	"brief/internal/seo"
	"brief/internal/site"
)

// The text seo writes (meta descriptions, share titles, breadcrumb
// names) is in the page's language: dates, counts and lists as the
// language writes them, no English word left.
func TestChineseText(t *testing.T) {
	const cfg = `language = "zh-Hant"
title = "香港簡報"
paginate = 10
[jurisdictions]
"Hong Kong" = { zh-Hant = "香港", note = "特別行政區" }
Shenzhen = { zh-Hant = "深圳", parent = "China" }
China = { zh-Hant = "中國" }
[tags]
Web3 = ""
funding = { zh-Hant = "資助" }
licensing = { zh-Hant = "發牌" }
`
	s := model(t, 23, cfg)
	zh := catalog(t, "zh-Hant")
	hk, sz, web3 := term(s, site.JurisdictionsKind, "香港"), term(s, site.JurisdictionsKind, "深圳"), term(s, site.TagsKind, "Web3")
	if hk == nil || sz == nil || web3 == nil {
		t.Fatalf("terms: %v %v", s.Jurisdictions, s.Tags)
	}
	y := s.Years[0]
	for _, tc := range []struct {
		name string
		page seo.Page
		want string
	}{
		{"briefing without summary", seo.Page{Kind: "briefing", Briefing: s.Briefings[0]}, "2025年8月1日有關香港及深圳的簡報，標籤為Web3、資助及發牌：Briefing 0。"},
		{"jurisdiction", seo.Page{Kind: "list", Term: hk, Number: 1, Window: window(hk.Briefings, 1, 10)}, "有關香港（特別行政區）的簡報共 23 篇，最新一篇發表於2025年8月1日。"},
		{"jurisdiction, page 2", seo.Page{Kind: "list", Term: hk, Number: 2, Window: window(hk.Briefings, 2, 10)}, "有關香港（特別行政區）的簡報共 23 篇，本頁為第 11 至 20 篇，由2025年7月22日至2025年7月13日。"},
		{"one briefing", seo.Page{Kind: "list", Term: sz, Number: 1}, "有關深圳的簡報共 1 篇，最新一篇發表於2025年8月1日。"},
		{"tag", seo.Page{Kind: "list", Term: web3, Number: 1}, "標籤為「Web3」的簡報共 8 篇，最新一篇發表於2025年8月1日。"},
		{"year", seo.Page{Kind: "list", Year: y, Number: 1}, "2025年的簡報共 23 篇，最新一篇發表於2025年8月1日。"},
		{"home, page 3", seo.Page{Kind: "home", Number: 3, Window: window(s.Briefings, 3, 10)}, "簡報共 23 篇，本頁為第 21 至 23 篇，由2025年7月12日至2025年7月10日。"},
		{"archive", seo.Page{Kind: "archive"}, "香港簡報的存檔：按年份列出 23 篇簡報，全部發表於2025年。"},
		{"tags", seo.Page{Kind: "terms", Section: site.TagsKind, Terms: s.Tags}, "香港簡報的 23 篇簡報共用 3 個標籤，並列出每個標籤下的簡報數目。"},
		{"jurisdictions", seo.Page{Kind: "terms", Section: site.JurisdictionsKind, Terms: s.Jurisdictions}, "香港簡報的 23 篇簡報涵蓋 3 個司法管轄區，並列出每個司法管轄區的簡報數目。"},
		{"search", seo.Page{Kind: "search"}, "按標題、摘要、標籤或司法管轄區搜尋香港簡報的 23 篇簡報。"},
		{"tracker", seo.Page{Kind: "funding"}, "簡報中的全部資金數字，並按司法管轄區、年份及標籤列出總額。"},
		{"404", seo.Page{Kind: "404"}, "這個網址沒有頁面。請試試搜尋、存檔或最新簡報。"},
	} {
		if got := describeIn(t, s, zh, tc.page); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}

	env := testEnv(s)
	for _, tc := range []struct {
		name        string
		page        seo.Page
		share, path string
	}{
		{"home, page 2", seo.Page{Kind: "home", Number: 2, URL: "/page/2/", URLs: s.URLs}, "最新簡報（第 2 頁）", ""},
		{"tag, page 2", seo.Page{Kind: "list", Term: web3, Title: "Web3 (page 2)", Number: 2, URL: "/tags/web3/page/2/", URLs: s.URLs},
			"標籤：Web3（第 2 頁）", "首頁 > 標籤 > Web3 > 第 2 頁"},
		{"jurisdiction", seo.Page{Kind: "list", Term: sz, Title: "深圳", Number: 1, URL: sz.URL, URLs: s.URLs}, "深圳", "首頁 > 司法管轄區 > 中國 > 深圳"},
		{"year", seo.Page{Kind: "list", Year: y, Title: "Briefings of 2025", Number: 1, URL: y.URL, URLs: s.URLs}, "2025年的簡報", "首頁 > 存檔 > 2025年"},
	} {
		h := headIn(t, env, zh, tc.page)
		if h.ShareTitle != tc.share || h.Title != tc.share+" · 香港簡報" {
			t.Errorf("%s: share title %q, title %q, want %q", tc.name, h.ShareTitle, h.Title, tc.share)
		}
		var names []string
		for _, c := range h.Crumbs {
			names = append(names, c.Name)
		}
		if got := strings.Join(names, " > "); got != tc.path {
			t.Errorf("%s: crumbs %q, want %q", tc.name, got, tc.path)
		}
		for _, c := range h.Crumbs {
			if !strings.Contains(string(h.JSONLD), `"name":"`+c.Name+`"`) {
				t.Errorf("%s: JSON-LD lacks the crumb %q: %s", tc.name, c.Name, h.JSONLD)
			}
		}
	}

	// Simplified Chinese has its own words, not Traditional's.
	zhs := catalog(t, "zh-Hans")
	if got, want := describeIn(t, s, zhs, seo.Page{Kind: "list", Term: web3, Number: 1}), "标签为“Web3”的简报共 8 篇，最新一篇发布于2025年8月1日。"; got != want {
		t.Errorf("zh-Hans tag:\n got %q\nwant %q", got, want)
	}
	if got := trail(t, zhs, seo.Page{Kind: "briefing", Briefing: s.Briefings[1], URLs: s.URLs}); !strings.HasPrefix(got, "首页=/ > 地区=/jurisdictions/ > ") {
		t.Errorf("zh-Hans trail: %s", got)
	}
}

// A language whose files lack a key seo uses is an error naming the key
// and the language, not English text.
func TestMissingText(t *testing.T) {
	s := model(t, 3, "")
	cats, ds := i18n.Load([]i18n.File{{Lang: "fr", Path: "layouts/i18n/fr.toml", Src: []byte("crumb_home = \"Accueil\"\n[format]\ndate = \"{day}/{month_number}/{year}\"\n")}}, nil, []string{"fr"}, nil)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	_, err := seo.Of(testEnv(s), cats["fr"], seo.Page{Kind: "search", URL: "/search/"})
	if err == nil || !strings.Contains(err.Error(), `no interface text "briefing_count" for language "fr"`) {
		t.Errorf("error %v, want one naming briefing_count and fr", err)
	}
}
