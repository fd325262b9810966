package seo_test

import (
	"testing"

	"brief/internal/seo"
	"brief/internal/site"
)

// BenchmarkHead is the head of a briefing page and of a later page of a
// jurisdiction's list, worded in Traditional Chinese.
func BenchmarkHead(b *testing.B) {
	s := model(b, 23, "language = \"zh-Hant\"\npaginate = 10\n[jurisdictions]\n\"Hong Kong\" = { zh-Hant = \"香港\" }\n")
	zh := catalog(b, "zh-Hant")
	hk := term(s, site.JurisdictionsKind, "香港")
	env := testEnv(s)
	pages := map[string]seo.Page{
		"briefing": {Kind: "briefing", Briefing: s.Briefings[1], Description: "Summary 1.", URL: s.Briefings[1].URL, URLs: s.URLs},
		"list":     {Kind: "list", Term: hk, Number: 2, Window: window(hk.Briefings, 2, 10), URL: "/jurisdictions/香港/page/2/", URLs: s.URLs},
	}
	for name, p := range pages {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := seo.Of(env, zh, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
