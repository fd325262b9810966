package content

import (
	"strings"
	"unicode/utf8"
)

// What one briefing may hold. A briefing's tags and jurisdictions each get
// a page and a feed, and its title and summary are repeated on every one of
// them: 5,000 tags made 979 MB of feeds. The limits are far above any real
// briefing, and the README lists them.

// maxItems caps the lists, by field: the field table's MaxItems.
var maxItems = limits(func(f Field) int { return f.MaxItems })

// itemNouns name what a list holds, for messages.
var itemNouns = map[string]string{
	"tags": "tags", "jurisdiction": "jurisdictions", "aliases": "aliases", "funding": "funding items",
	"sources": "sources", "authors": "authors",
}

// maxChars caps texts, in characters, by field with list indexes left out
// ("funding.purpose" for funding[2].purpose): the field table's MaxChars.
var maxChars = limits(func(f Field) int { return f.MaxChars })

// shortestMaxChars is the smallest of maxChars.
var shortestMaxChars = func() int {
	n := -1
	for _, m := range maxChars {
		if n < 0 || m < n {
			n = m
		}
	}
	return n
}()

// limits collects a limit of the field table by dotted field name.
func limits(of func(Field) int) map[string]int {
	out := map[string]int{}
	for _, f := range briefingFields {
		if n := of(f); n > 0 {
			out[f.Name] = n
		}
		for _, sub := range f.Fields {
			if n := of(sub); n > 0 {
				out[f.Name+"."+sub.Name] = n
			}
		}
	}
	return out
}

// tooMany reports a list longer than its field allows, at the field's line.
func (p *parser) tooMany(v *node, field string, line int) bool {
	max, ok := maxItems[field]
	if !ok || v.kind != kindList || len(v.items) <= max {
		return false
	}
	hint := "keep the ones that matter, or split the briefing"
	if field == "tags" || field == "jurisdiction" {
		hint = "keep the ones that matter: each one gets its own page and feed"
	}
	p.errorf(line, field, hint, "%d %s, more than the %d a briefing may have", len(v.items), itemNouns[field], max)
	return true
}

// tooLong reports a text longer than its field allows.
func (p *parser) tooLong(s string, line int, field string) bool {
	if len(s) <= shortestMaxChars {
		return false // within every limit: most texts, with no name to look up
	}
	max, ok := maxChars[withoutIndexes(field)]
	if !ok || len(s) <= max { // bytes >= characters: most texts stop here
		return false
	}
	n := utf8.RuneCountInString(s)
	if n <= max {
		return false
	}
	hint := "shorten it"
	switch field {
	case "title":
		hint = "shorten it: the summary and the body hold the detail"
	case "summary":
		hint = "shorten it to a sentence or two: the body holds the rest"
	}
	p.errorf(line, field, hint, "%d characters, more than the %d allowed", n, max)
	return true
}

// withoutIndexes turns "funding[2].purpose" into "funding.purpose".
func withoutIndexes(field string) string {
	if !strings.Contains(field, "[") {
		return field
	}
	var b strings.Builder
	skip := false
	for _, r := range field {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}
