package seo_test

import (
	"reflect"
	"testing"

	"brief/internal/seo"
	"brief/internal/site"
)

// TestLentHeadsAgreeWithOf checks that heads made in lent space (OfLent),
// given back and made again for pages of other kinds in turn, are what Of
// makes of each page: a briefing's article, a deep trail or a later page's
// number left in the space shows in none of the next pages' heads.
func TestLentHeadsAgreeWithOf(t *testing.T) {
	s := model(t, 23, "title = \"HK Brief\"\n[jurisdictions]\nWeb3 = { parent = \"Hong Kong\" }\nShenzhen = { parent = \"Hong Kong\" }\n")
	hk := term(s, site.JurisdictionsKind, "Hong Kong")
	c := catalog(t, "en")
	env := testEnv(s)
	ps := []seo.Page{
		{Kind: "briefing", URL: s.Briefings[0].URL, Briefing: s.Briefings[0], Words: 120},
		{Kind: "home", URL: "/", Number: 1},
		{Kind: "list", URL: "/jurisdictions/shenzhen/", Term: term(s, site.JurisdictionsKind, "Shenzhen"), Number: 1},
		{Kind: "list", URL: "/jurisdictions/hong-kong/page/2/", Term: hk, Number: 2, Window: window(hk.Briefings, 2, 10)},
		{Kind: "briefing", URL: s.Briefings[1].URL, Briefing: s.Briefings[1], Description: s.Briefings[1].Summary},
		{Kind: "list", URL: "/archive/2025/", Year: s.Years[0], Number: 1},
		{Kind: "search", URL: "/search/", NoIndex: true},
		{Kind: "home", URL: "/page/3/", Number: 3, Window: window(s.Briefings, 3, 10)},
	}
	want := make([]seo.Head, len(ps))
	for i, p := range ps {
		want[i] = headIn(t, env, c, p)
	}
	for round := range 3 {
		for i := range ps {
			k := (i*(round+1) + round) % len(ps)
			h, lent, err := seo.OfLent(env, c, ps[k])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*h, want[k]) {
				t.Errorf("round %d, %s: lent head\n%+v\nwant\n%+v", round, ps[k].URL, *h, want[k])
			}
			lent.Return()
		}
	}
}
