package site_test

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"brief/internal/content"
	"brief/internal/site"
)

// describe writes down everything the model says of terms: each term's
// names, URLs, counts, family and briefings, and each briefing's terms
// and attributions, so that two models can be compared.
func describeTerms(s *site.Site) string {
	var b strings.Builder
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range ts {
			parent := ""
			if t.Parent != nil {
				parent = t.Parent.Name
			}
			fmt.Fprintf(&b, "%s %q %q %s %s %s own=%d parent=%q children=%v desc=%q note=%q\n", t.Kind, t.Name, t.Original, t.Slug, t.URL, t.Feed, t.Own, parent,
				site.Names(t.Children), t.Description, t.Note)
			for _, x := range t.Briefings {
				fmt.Fprintf(&b, "  %s\n", x.Path)
			}
		}
	}
	for _, x := range s.Briefings {
		fmt.Fprintf(&b, "%s tags=%v juris=%v newer=%v\n", x.Path, site.Names(x.Tags), site.Names(x.Jurisdictions), x.Newer != nil)
		for _, a := range x.Attributions {
			j := ""
			if a.Jurisdiction != nil {
				j = a.Jurisdiction.URL
			}
			fmt.Fprintf(&b, "  %s %s %d-%d\n", j, a.Date.Format("2006-01-02"), a.From, a.To)
		}
	}
	return b.String()
}

// TestTermEditsEqualEditions edits the tags and jurisdictions of random
// briefings step by step and checks that the model updated in place
// (Prepare, Apply) says what a model made again from every file says,
// and that the fast path is taken for most edits: tags added, removed,
// respelt, renamed to an existing or a new name, terms emptied, and
// jurisdictions moved between parents and children.
func TestTermEditsEqualEditions(t *testing.T) {
	// Few briefings: terms, jurisdictions with parents too, are often
	// made and emptied.
	for _, n := range []int{30, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) { termEditsEqualEditions(t, n) })
	}
}

func termEditsEqualEditions(t *testing.T, briefings int) {
	cfg := cfgWith(t, `[jurisdictions]
China = {}
Beijing = { parent = "China" }
Chaoyang = { parent = "Beijing" }
Shanghai = { parent = "China" }
"Hong Kong" = { parent = "China" }
Singapore = {}
Macau = {}
`)
	rng := rand.New(rand.NewSource(1))
	tags := []string{"Stablecoins", "stablecoins", "CBDC", "web3", "Web3", "tokens", "mining", "AI", "custody"}
	juris := []string{"China", "Beijing", "Chaoyang", "Shanghai", "Hong Kong", "Singapore", "Macau", "Atlantis"}
	pick := func(pool []string, most int) []string {
		var out []string
		for n := rng.Intn(most + 1); n > 0; n-- {
			out = append(out, pool[rng.Intn(len(pool))])
		}
		return out
	}
	files := map[string]*content.Briefing{}
	var paths []string
	for i := 0; i < briefings; i++ {
		p := fmt.Sprintf("content/briefings/b%02d.md", i)
		b := brf(p, fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%5), pick(tags, 3), pick(juris, 2))
		if i%3 == 0 {
			b.Funding = []content.Funding{{Amount: dec("100"), Currency: "USD", Line: 8}}
			if len(b.Jurisdictions) > 1 {
				b.Funding[0].Jurisdiction, b.Funding[0].JurisdictionLine = b.Jurisdictions[0], 9
			}
		}
		files[p] = b
		paths = append(paths, p)
	}
	all := func() []*content.Briefing {
		var out []*content.Briefing
		for _, p := range paths {
			out = append(out, files[p])
		}
		return out
	}
	sites, ds := site.Editions(cfg, all(), site.Options{Now: now})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	fast := map[string]int{}
	for step := 0; step < 400; step++ {
		p := paths[rng.Intn(len(paths))]
		c := *files[p]
		kind := "tag"
		switch rng.Intn(5) {
		case 0:
			c.Tags = append(slices.Clone(c.Tags), fmt.Sprintf("new%d", rng.Intn(4)))
		case 1:
			if len(c.Tags) > 0 {
				c.Tags = slices.Delete(slices.Clone(c.Tags), 0, 1)
			}
		case 2:
			c.Tags = pick(tags, 3)
		default:
			kind = "jurisdiction"
			c.Jurisdictions = pick(juris, 2)
			if len(c.Funding) > 0 {
				c.Funding = slices.Clone(c.Funding)
				c.Funding[0].Jurisdiction = ""
				if len(c.Jurisdictions) > 1 {
					c.Funding[0].Jurisdiction = c.Jurisdictions[rng.Intn(len(c.Jurisdictions))]
				}
			}
		}
		files[p] = &c
		fresh, ds := site.Editions(cfg, all(), site.Options{Now: now})
		u, ok := site.Prepare(cfg, sites, &c)
		if ds.HasErrors() || !ok {
			sites = fresh
			continue
		}
		fast[kind]++
		_, made, emptied := u.Terms()
		for _, x := range append(made, emptied...) {
			if x.Parent != nil {
				fast["child made or emptied"]++
				break
			}
		}
		u.Apply()
		if got, want := describeTerms(sites[0]), describeTerms(fresh[0]); got != want {
			t.Fatalf("step %d, %s edit of %s: the model updated in place differs from one made again:\n%s\nwant:\n%s", step, kind, p, got, want)
		}
	}
	if fast["tag"] < 100 || fast["jurisdiction"] < 40 || briefings < 10 && fast["child made or emptied"] == 0 {
		t.Errorf("few edits took the update in place: %v", fast)
	}
	t.Logf("updated in place: %v", fast)
}
