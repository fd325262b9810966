package build

import (
	"slices"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"brief"
	"brief/internal/output"
	"brief/internal/search"
	"brief/internal/site"
)

// TestSearchFilters checks each briefing's search filters, made when it is
// analysed rather than kept for every briefing of the model: its tags and
// its jurisdictions with their parents (as the jurisdiction pages list
// them), each kind in the site's order of terms and once, then its year.
func TestSearchFilters(t *testing.T) {
	md := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"site.toml": md("title = \"Filters\"\nbaseURL = \"https://filters.example/\"\n" +
			"[jurisdictions]\nChina = {}\n\"Hong Kong\" = {}\nBeijing = { parent = \"China\" }\nChaoyang = { parent = \"Beijing\" }\n"),
		"content/briefings/a.md": md("---\ntitle: A\ndate: 2023-05-01\njurisdiction: [Chaoyang, Beijing]\ntags: [Web3, Policy]\n---\n\nText.\n"),
		"content/briefings/b.md": md("---\ntitle: B\ndate: 2022-02-01\njurisdiction: [Hong Kong, China]\ntags: [Policy]\n---\n\nText.\n"),
		"content/briefings/c.md": md("---\ntitle: C\ndate: 2021-02-01\n---\n\nText.\n"),
	}
	bl := New(brief.DefaultTheme())
	if _, err := bl.Build(fsys, nil, Options{Now: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	m := bl.models[0]
	var order []string
	for _, ts := range [][]*site.Term{m.site.Tags, m.site.Jurisdictions} {
		for _, t := range ts {
			order = append(order, t.Slug)
		}
	}
	t.Logf("terms in site order: %v", order)
	want := map[string][]search.Filter{}
	for _, b := range m.site.Briefings {
		got := searchFilters(m.site, m.terms, b)
		// What the jurisdiction and tag pages and the year pages list.
		var expect []search.Filter
		for _, kt := range []struct {
			kind  string
			terms []*site.Term
		}{{"tag", m.site.Tags}, {"jurisdiction", m.site.Jurisdictions}} {
			for _, t := range kt.terms {
				if slices.Contains(t.Briefings, b) {
					expect = append(expect, search.Filter{Kind: kt.kind, Value: t.Slug})
				}
			}
		}
		expect = append(expect, search.Filter{Kind: "year", Value: strconv.Itoa(b.Date.Year())})
		want[b.Title] = expect
		if !slices.Equal(got, expect) {
			t.Errorf("%s: filters %v, want %v", b.Title, got, expect)
		}
	}
	// The fixture is what it is meant to be: a briefing in a grandchild
	// jurisdiction and a parent named too, and one with none.
	if n := len(want["A"]); n != 2+3+1 {
		t.Errorf("A has %d filters (%v), want two tags, three jurisdictions and a year", n, want["A"])
	}
	if n := len(want["C"]); n != 1 {
		t.Errorf("C has %d filters (%v), want its year only", n, want["C"])
	}
}
