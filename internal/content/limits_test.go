package content

import (
	"fmt"
	"strings"
	"testing"
)

func list(n int, item func(i int) string) string {
	items := make([]string, n)
	for i := range items {
		items[i] = item(i)
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// One briefing cannot multiply itself across the site: lists and texts
// above their limits are one error each, at the field.
func TestParseLimits(t *testing.T) {
	tag := func(i int) string { return fmt.Sprintf("tag%d", i) }
	fund := func(n int) []string {
		lines := []string{"funding:"}
		for range n {
			lines = append(lines, "  - {amount: 1m, currency: HKD}")
		}
		return lines
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"5,000 tags", doc(okTitle, okDate, "tags: "+list(5000, tag)), []string{
			`content/a.md:4: tags: 5000 tags, more than the 50 a briefing may have (keep the ones that matter: each one gets its own page and feed)`}},
		{"51 tags", doc(okTitle, okDate, "tags: "+list(51, tag)), []string{
			`content/a.md:4: tags: 51 tags, more than the 50 a briefing may have (keep the ones that matter: each one gets its own page and feed)`}},
		{"21 jurisdictions", doc(okTitle, okDate, "jurisdiction: "+list(21, tag)), []string{
			`content/a.md:4: jurisdiction: 21 jurisdictions, more than the 20 a briefing may have (keep the ones that matter: each one gets its own page and feed)`}},
		{"21 aliases", doc(okTitle, okDate, "aliases: "+list(21, func(i int) string { return fmt.Sprintf("/old/%d/", i) })), []string{
			`content/a.md:4: aliases: 21 aliases, more than the 20 a briefing may have (keep the ones that matter, or split the briefing)`}},
		{"21 authors", doc(okTitle, okDate, "authors: "+list(21, tag)), []string{
			`content/a.md:4: authors: 21 authors, more than the 20 a briefing may have (keep the ones that matter, or split the briefing)`}},
		{"51 sources", doc(okTitle, okDate, "sources: "+list(51, func(i int) string { return fmt.Sprintf("{url: 'https://example.org/%d'}", i) })), []string{
			`content/a.md:4: sources: 51 sources, more than the 50 a briefing may have (keep the ones that matter, or split the briefing)`}},
		{"51 funding items", doc(append([]string{okTitle, okDate}, fund(51)...)...), []string{
			`content/a.md:4: funding: 51 funding items, more than the 50 a briefing may have (keep the ones that matter, or split the briefing)`}},
		{"long title", doc("title: "+strings.Repeat("長", 301), okDate), []string{
			`content/a.md:2: title: 301 characters, more than the 300 allowed (shorten it: the summary and the body hold the detail)`}},
		{"long summary", doc(okTitle, okDate, "summary: "+strings.Repeat("x", 1001)), []string{
			`content/a.md:4: summary: 1001 characters, more than the 1000 allowed (shorten it to a sentence or two: the body holds the rest)`}},
		{"long tag", doc(okTitle, okDate, "tags: [ok, "+strings.Repeat("t", 101)+"]"), []string{
			`content/a.md:4: tags[1]: 101 characters, more than the 100 allowed (shorten it)`}},
		{"long purpose", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    purpose: "+strings.Repeat("p", 501)), []string{
			`content/a.md:7: funding[0].purpose: 501 characters, more than the 500 allowed (shorten it)`}},
		{"long source url", doc(okTitle, okDate, "sources:", "  - url: https://example.org/"+strings.Repeat("u", 2000)), []string{
			`content/a.md:5: sources[0].url: 2020 characters, more than the 2000 allowed (shorten it)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnostics(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%.600s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// At the limits, all is well.
	src := doc("title: "+strings.Repeat("長", 300), okDate, "tags: "+list(50, tag), "jurisdiction: "+list(20, tag), "authors: "+list(20, tag))
	if got := diagnostics(t, src); len(got) > 0 {
		t.Errorf("at the limits: %q", got)
	}
}

// TestItemFieldsAreScalars checks that the fields of a list's items are of
// the types whose decoded value is all in its scalar part, which is all
// that an item keeps of it.
func TestItemFieldsAreScalars(t *testing.T) {
	for _, f := range briefingFields {
		if f.Type != List {
			continue
		}
		for _, sf := range f.Fields {
			switch sf.Type {
			case Names, Terms, Paths, List:
				t.Errorf("%s.%s is a %v: an item keeps only the scalar part of its value", f.Name, sf.Name, sf.Type)
			}
		}
	}
}
