package site_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/site"
)

// A site large enough to be made on several cores (its briefings' URLs,
// its tags beside its jurisdictions) is the same, problems and their
// order too, as one made on one core.
func TestEditionsSameOnEveryCore(t *testing.T) {
	cfg := cfgWith(t, `
title = "x"
baseURL = "https://example.org/"
[jurisdictions."Hong Kong"]
parent = "China"
[jurisdictions.Beijing]
parent = "China"
[languages.en]
name = "English"
[languages.zh-Hant]
name = "繁體中文"
`)
	r := rand.New(rand.NewPCG(5, 6))
	tags := []string{"stablecoins", "Stablecoins", "CBDC", "web3", "DeFi", "AI", "x"}
	juris := []string{"Hong Kong", "Beijing", "China", "Singapore", "UK"}
	var all []*content.Briefing
	for i := range 6000 {
		p := fmt.Sprintf("content/briefings/b%05d.md", i)
		if i%7 == 0 {
			p = fmt.Sprintf("content/briefings/b%05d.zh-Hant.md", i-1)
		}
		if i%997 == 0 {
			p = fmt.Sprintf("content/briefings/x%05d/！.md", i) // no slug: an error
		}
		d := time.Date(2020+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		b := brf(p, d.Format("2006-01-02"), []string{tags[r.IntN(len(tags))], tags[r.IntN(len(tags))]}, []string{juris[r.IntN(len(juris))]})
		if r.IntN(4) == 0 {
			b.Jurisdictions = append(b.Jurisdictions, juris[r.IntN(len(juris))])
		}
		if r.IntN(3) == 0 {
			// An item naming no jurisdiction in a briefing of two is an error.
			b.Funding = []content.Funding{{Amount: money.NewInt(1000), Currency: "USD", Jurisdiction: juris[r.IntN(len(juris))], Line: 7, JurisdictionLine: 8}, {Amount: money.NewInt(5), Currency: "USD", Line: 9}}
		}
		b.Draft = r.IntN(50) == 0
		all = append(all, b)
	}
	describe := func() string {
		sites, ds := site.Editions(cfg, all, site.Options{Now: now})
		var out strings.Builder
		for _, d := range ds {
			fmt.Fprintln(&out, d)
		}
		for _, s := range sites {
			for _, b := range s.Briefings {
				fmt.Fprintln(&out, b.URL, b.Slug, b.Group, site.Names(b.Tags), site.Names(b.Jurisdictions), len(b.Translations), len(b.Attributions))
			}
			for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
				for _, t := range ts {
					fmt.Fprint(&out, t.Name, t.URL, t.Own, len(t.Children))
					for _, b := range t.Briefings {
						fmt.Fprint(&out, " ", b.URL)
					}
					fmt.Fprintln(&out)
				}
			}
		}
		return out.String()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := describe()
	runtime.GOMAXPROCS(4)
	if many := describe(); many != one {
		t.Errorf("the site made on 4 cores differs from the one made on one")
	}
	if !strings.Contains(one, "cannot make a URL") || !strings.Contains(one, "/tags/stablecoins/") || !strings.Contains(one, "/zh-hant/") {
		t.Errorf("the site has no errors or no tags: not the test it should be:\n%s", one[len(one)-3000:])
	}
}
