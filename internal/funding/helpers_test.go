package funding

import (
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/site"
)

// Site settings used across the tests: rates for CNY and HKD into USD, and
// the same site without rates.
const (
	ratesToml = `
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
	noRatesToml = `
title = "Test brief"
baseURL = "https://example.org/policy/"
[jurisdictions]
Beijing = { parent = "China" }
Shanghai = { parent = "China" }
`
)

func mustConfig(t *testing.T, src string) *config.Config {
	t.Helper()
	cfg, ds := config.Parse([]byte(src))
	if ds.HasErrors() {
		t.Fatalf("config: %v", ds)
	}
	return cfg
}

func dec(t *testing.T, s string) money.Decimal {
	t.Helper()
	d, err := money.ParseAmount(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return d
}

// fund makes a funding item at line; usd "" means not stated.
func fund(t *testing.T, line int, amount, currency, usd, purpose string) content.Funding {
	t.Helper()
	f := content.Funding{Amount: dec(t, amount), AmountText: amount, Currency: currency, Purpose: purpose, Line: line}
	if usd != "" {
		u := dec(t, usd)
		f.USD, f.USDText = &u, usd
	}
	return f
}

func briefing(path, title, date string, juris, tags []string, fs ...content.Funding) *content.Briefing {
	d, err := time.Parse(time.RFC3339, date+"T09:00:00+08:00")
	if err != nil {
		panic(err)
	}
	return &content.Briefing{Path: path, Title: title, Date: d, Jurisdictions: juris, Tags: tags, Funding: fs,
		Lines: map[string]int{"title": 2, "funding": 6}}
}

// corpus is a small site: Beijing and Shanghai are part of China; figures
// stated, estimated, in the reporting currency, and a briefing without
// jurisdiction.
func corpus(t *testing.T) []*content.Briefing {
	return []*content.Briefing{
		briefing("content/briefings/a.md", "Beijing Web3 white paper", "2023-05-10", []string{"Beijing"}, []string{"Web3"},
			fund(t, 8, "100m", "CNY", "14m", "Annual Web3 support")),
		briefing("content/briefings/b.md", "Shanghai metaverse plan", "2022-07-08", []string{"Shanghai"}, []string{"Metaverse"},
			fund(t, 7, "10bn", "CNY", "", "Metaverse industry fund")),
		briefing("content/briefings/c.md", "e-CNY red packets", "2020-10-10", []string{"China"}, nil,
			fund(t, 8, "20m", "CNY", "", "Suzhou red packets"),
			fund(t, 12, "10m", "CNY", "1.5m", "Luohu red packets")),
		briefing("content/briefings/d.md", "Hong Kong budget", "2023-02-22", []string{"Hong Kong"}, []string{"Web3"},
			fund(t, 8, "50m", "HKD", "6.4m", "Cyberport Web3 events"),
			fund(t, 12, "800m", "HKD", "", "Tokenised green bond")),
		briefing("content/briefings/e.md", "A dollar grant", "2024-01-01", nil, nil,
			fund(t, 9, "5m", "USD", "", "Research grant")),
		briefing("content/briefings/f.md", "No money here", "2024-03-01", []string{"Hong Kong"}, []string{"Web3"}),
	}
}

func mustSite(t *testing.T, cfg *config.Config, bs []*content.Briefing) *site.Site {
	t.Helper()
	s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatalf("site: %v", ds)
	}
	return s
}

func term(t *testing.T, terms []*site.Term, name string) *site.Term {
	t.Helper()
	for _, x := range terms {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no term %q", name)
	return nil
}
