package site_test

import (
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/site"
)

func dec(s string) money.Decimal {
	d, err := money.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// An edit that changes only a briefing's own fields updates the model in
// place; one that changes its place, terms, lines or items' attribution,
// or a briefing with a translation, makes the model again.
func TestPrepareUpdate(t *testing.T) {
	item := content.Funding{Amount: dec("100"), Currency: "CNY", Line: 7}
	base := func() *content.Briefing {
		b := brf("content/briefings/a.md", "2023-05-01", []string{"Stablecoins"}, []string{"Hong Kong"})
		b.Funding = []content.Funding{item}
		return b
	}
	for _, tc := range []struct {
		name string
		edit func(b *content.Briefing)
		ok   bool
	}{
		{"title", func(b *content.Briefing) { b.Title, b.Summary = "New", "Other" }, true},
		{"amount", func(b *content.Briefing) { b.Funding[0].Amount, b.Funding[0].Currency = dec("5"), "USD" }, true},
		{"authors and sources", func(b *content.Briefing) { b.Authors, b.Sources = []string{"X"}, []content.Source{{Title: "S"}} }, true},
		{"tag", func(b *content.Briefing) { b.Tags = []string{"stablecoins"} }, true},
		{"jurisdiction", func(b *content.Briefing) { b.Jurisdictions = []string{"Macau"} }, true},
		{"date", func(b *content.Briefing) { b.Date = b.Date.AddDate(0, 0, 1) }, false},
		{"offset", func(b *content.Briefing) { b.Date = b.Date.In(time.FixedZone("", 8*3600)) }, false},
		{"draft", func(b *content.Briefing) { b.Draft = true }, false},
		{"slug", func(b *content.Briefing) { b.Slug = "b" }, false},
		{"line", func(b *content.Briefing) { b.Lines = content.NewFieldLines(content.FieldLine{Field: "tags", Line: 9}) }, false},
		{"item's year", func(b *content.Briefing) { b.Funding[0].Per, b.Funding[0].To = "year", 2025 }, false},
		{"items", func(b *content.Briefing) { b.Funding = append(b.Funding, item) }, false},
		{"translation key", func(b *content.Briefing) { b.TranslationKey = "k" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			other := brf("content/briefings/b.md", "2023-04-01", []string{"Stablecoins"}, nil)
			sites, ds := site.Editions(cfg, []*content.Briefing{base(), other}, site.Options{Now: now})
			if len(ds) > 0 {
				t.Fatal(ds)
			}
			edited := base()
			tc.edit(edited)
			u, ok := site.Prepare(cfg, sites, edited)
			if ok != tc.ok {
				t.Fatalf("Prepare: %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			u.Apply()
			if b, _ := sites[0].Lookup(edited.Path); b.Briefing != edited || b.Tags[0] != sites[0].Tags[0] {
				t.Errorf("after Apply the model holds %+v", b.Briefing)
			}
		})
	}
	t.Run("translated", func(t *testing.T) {
		cfg := cfgWith(t, "[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"繁體中文\"\n")
		tr := base()
		tr.Path = "content/briefings/a.zh-Hant.md"
		sites, _ := site.Editions(cfg, []*content.Briefing{base(), tr}, site.Options{Now: now})
		edited := base()
		edited.Title = "New"
		if _, ok := site.Prepare(cfg, sites, edited); ok {
			t.Error("Prepare updates a briefing with a translation in place")
		}
	})
}
