// Package fundingtest has the small sites that the tests of funding figures,
// totals, exports and the tracker's template share.
package fundingtest

import (
	"io/fs"
	"testing"
	"time"

	"brief"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/i18n"
	"brief/internal/money"
	"brief/internal/site"
)

// RatesTOML and NoRatesTOML are site settings with rates for CNY and HKD
// into USD, and the same site without rates.
const (
	RatesTOML = `
title = "Test brief"
baseURL = "https://example.org/policy/"
[jurisdictions]
Beijing = { parent = "China" }
Shanghai = { parent = "China" }
[currency]
report = "USD"
asOf = 2023-06-30
source = "Test rates"
[currency.rates]
CNY = 0.138
HKD = 0.1276
`
	NoRatesTOML = `
title = "Test brief"
baseURL = "https://example.org/policy/"
[jurisdictions]
Beijing = { parent = "China" }
Shanghai = { parent = "China" }
`
)

// Config parses a site.toml.
func Config(t testing.TB, src string) *config.Config {
	t.Helper()
	cfg, ds := config.Parse([]byte(src))
	if ds.HasErrors() {
		t.Fatalf("config: %v", ds)
	}
	return cfg
}

// Dec parses an amount.
func Dec(t testing.TB, s string) money.Decimal {
	t.Helper()
	d, err := money.ParseAmount(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return d
}

// Fund makes a funding item at line; usd "" means not stated.
func Fund(t testing.TB, line int, amount, currency, usd, purpose string) content.Funding {
	t.Helper()
	f := content.Funding{Amount: Dec(t, amount), AmountText: amount, Currency: currency, Purpose: purpose, Line: line}
	if usd != "" {
		u := Dec(t, usd)
		f.USD, f.USDText = &u, usd
	}
	return f
}

// Briefing makes a parsed briefing dated 9:00 in Hong Kong on date.
func Briefing(path, title, date string, juris, tags []string, fs ...content.Funding) *content.Briefing {
	d, err := time.Parse(time.RFC3339, date+"T09:00:00+08:00")
	if err != nil {
		panic(err)
	}
	return &content.Briefing{Path: path, Title: title, Date: d, Jurisdictions: juris, Tags: tags, Funding: fs,
		Lines: content.NewFieldLines(content.FieldLine{Field: "funding", Line: 6}, content.FieldLine{Field: "title", Line: 2})}
}

// Corpus is a small site: Beijing and Shanghai are part of China; figures
// stated, estimated, in the reporting currency, and a briefing without
// jurisdiction.
func Corpus(t testing.TB) []*content.Briefing {
	return []*content.Briefing{
		Briefing("content/briefings/a.md", "Beijing Web3 white paper", "2023-05-10", []string{"Beijing"}, []string{"Web3"},
			Fund(t, 8, "100m", "CNY", "14m", "Annual Web3 support")),
		Briefing("content/briefings/b.md", "Shanghai metaverse plan", "2022-07-08", []string{"Shanghai"}, []string{"Metaverse"},
			Fund(t, 7, "10bn", "CNY", "", "Metaverse industry fund")),
		Briefing("content/briefings/c.md", "e-CNY red packets", "2020-10-10", []string{"China"}, nil,
			Fund(t, 8, "20m", "CNY", "", "Suzhou red packets"),
			Fund(t, 12, "10m", "CNY", "1.5m", "Luohu red packets")),
		Briefing("content/briefings/d.md", "Hong Kong budget", "2023-02-22", []string{"Hong Kong"}, []string{"Web3"},
			Fund(t, 8, "50m", "HKD", "6.4m", "Cyberport Web3 events"),
			Fund(t, 12, "800m", "HKD", "", "Tokenised green bond")),
		Briefing("content/briefings/e.md", "A dollar grant", "2024-01-01", nil, nil,
			Fund(t, 9, "5m", "USD", "", "Research grant")),
		Briefing("content/briefings/f.md", "No money here", "2024-03-01", []string{"Hong Kong"}, []string{"Web3"}),
	}
}

// Far is a build clock after every test briefing.
var Far = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// Day is midnight in Hong Kong on date.
func Day(t testing.TB, date string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, date+"T00:00:00+08:00")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Site builds the model with every briefing published.
func Site(t testing.TB, cfg *config.Config, bs []*content.Briefing) *site.Site {
	t.Helper()
	s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatalf("site: %v", ds)
	}
	return s
}

// Term finds a term by name.
func Term(t testing.TB, terms []*site.Term, name string) *site.Term {
	t.Helper()
	for _, x := range terms {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no term %q", name)
	return nil
}

// Catalog is the default theme's interface text in lang, checked against
// uses (funding.Uses: this package cannot import funding's).
func Catalog(t testing.TB, lang string, uses []i18n.Use) *i18n.Catalog {
	t.Helper()
	var files []i18n.File
	for _, l := range []string{"en", "zh-Hant", "zh-Hans"} {
		p := i18n.Dir + "/" + l + ".toml"
		src, err := fs.ReadFile(brief.DefaultTheme(), p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, i18n.File{Lang: l, Path: "layouts/" + p, Src: src})
	}
	cats, ds := i18n.Load(files, nil, []string{lang}, uses)
	if ds.HasErrors() {
		t.Fatalf("interface text: %v", ds)
	}
	return cats[lang]
}
