// Package search builds the site's full-text search index: a small
// manifest, term chunks that the browser loads only when a query needs
// their terms, a set of briefing ids per filter value, and one small
// fragment per briefing with what a result shows. Everything is a pure
// function of the briefings given, in the order given.
//
// The browser side is the theme's js/search.js; it parses queries with
// the same rules as ParseQuery and reads the files the way Reader does.
package search

import (
	"encoding/json"
	"math/bits"
	"slices"
	"strings"

	"brief/internal/content"
	"brief/internal/markdown"
)

// Doc is one briefing as the index sees it.
type Doc struct {
	URL           string   // as links write it, e.g. "/briefings/hk-vatp/"
	Title         string   // weighed most
	Date          string   // "2006-01-02"
	Headings      []string // weighed second
	Summary       string   // summary, tags and jurisdictions are weighed third
	Tags          []string
	Jurisdictions []string
	Body          string   // plain text; body, funding and sources are weighed least
	Funding       []string // funding purposes
	Sources       []string // source titles
	Filters       []Filter // the filter values the briefing is found under
}

// NewDoc fills a Doc from a parsed briefing and its rendered body (with
// its plain text). The caller sets the URL and the filters, and may give
// tags and jurisdictions the spelling the site uses for them.
func NewDoc(b *content.Briefing, body *markdown.Result) *Doc {
	d := &Doc{Title: b.Title, Date: b.Date.Format("2006-01-02"), Summary: b.Summary, Body: body.Text,
		Tags: b.Tags, Jurisdictions: b.Jurisdictions}
	for _, h := range body.Headings {
		d.Headings = append(d.Headings, h.Text)
	}
	for _, f := range b.Funding {
		d.Funding = append(d.Funding, f.Purpose)
	}
	for _, s := range b.Sources {
		d.Sources = append(d.Sources, s.Title)
	}
	return d
}

// Filter is one value of a filter: {"jurisdiction", "hong-kong"}. A
// briefing filed under Beijing is also found under China.
type Filter struct {
	Kind, Value string
}

// Field weights: a term's score in a briefing is its best field's base plus
// a small bonus for how often it occurs, never enough to reach the next
// field. Scores fit in a byte.
const (
	scoreTitle   = 192
	scoreHeading = 128
	scoreMeta    = 64 // summary, tags, jurisdictions
	scoreBody    = 0  // body, funding purposes, sources
	bonusStep    = 4  // per doubling of occurrences, at most 8 steps
)

// Entry is a Doc analysed for the index: its terms with their scores and
// its fragment. Entries are immutable once made, so a caller may keep them
// between builds and hand the same Entry again for an unchanged briefing.
type Entry struct {
	terms    []string // sorted
	scores   []uint8  // per term
	filters  []Filter // sorted, distinct
	fragment []byte
}

// fragment is what a result shows, in search/f/<id>.json.
type fragment struct {
	Title         string   `json:"title"`
	URL           string   `json:"url"`
	Date          string   `json:"date"`
	Jurisdictions []string `json:"jurisdictions,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Summary       string   `json:"summary,omitempty"`
	Text          string   `json:"text,omitempty"`
}

// Analyse tokenises every field of d and scores each term.
func Analyse(d *Doc) *Entry {
	type stat struct {
		best  uint8
		count int
	}
	stats := map[string]*stat{}
	add := func(text string, base uint8) {
		forTerms(text, func(term string) {
			s := stats[term]
			if s == nil {
				s = &stat{best: base}
				stats[term] = s
			}
			s.best = max(s.best, base)
			s.count++
		})
	}
	add(d.Title, scoreTitle)
	for _, h := range d.Headings {
		add(h, scoreHeading)
	}
	add(d.Summary, scoreMeta)
	for _, t := range d.Tags {
		add(t, scoreMeta)
	}
	for _, j := range d.Jurisdictions {
		add(j, scoreMeta)
	}
	add(d.Body, scoreBody)
	for _, f := range d.Funding {
		add(f, scoreBody)
	}
	for _, s := range d.Sources {
		add(s, scoreBody)
	}
	e := &Entry{terms: make([]string, 0, len(stats))}
	for t := range stats {
		e.terms = append(e.terms, t)
	}
	slices.Sort(e.terms)
	// The terms are slices of the normalised text: copy them into one
	// string of their own, so that the entry does not keep the text alive.
	var all strings.Builder
	for _, t := range e.terms {
		all.WriteString(t)
	}
	joined, at := all.String(), 0
	for i, t := range e.terms {
		e.terms[i] = joined[at : at+len(t)]
		at += len(t)
	}
	e.scores = make([]uint8, len(e.terms))
	for i, t := range e.terms {
		s := stats[t]
		e.scores[i] = s.best + bonusStep*uint8(min(bits.Len(uint(s.count)), 8))
	}
	e.filters = slices.Clone(d.Filters)
	slices.SortFunc(e.filters, compareFilters)
	e.filters = slices.Compact(e.filters)
	e.fragment = fragmentJSON(d)
	return e
}

// forTerms calls emit with each index term of text, repeats included.
func forTerms(text string, emit func(string)) {
	tokenize(Normalize(text), func(t token) {
		switch {
		case t.tooLong:
		case t.cjk:
			cjkTerms(t.text, emit)
		default:
			emit(stem(t.text))
		}
	})
}

// fragmentJSON encodes what a result shows. The browser puts it into text
// nodes only; "<", ">" and "&" are escaped all the same, so that no file of
// the site holds markup an editor did not mean as markup.
func fragmentJSON(d *Doc) []byte {
	data, _ := json.Marshal(fragment{Title: d.Title, URL: d.URL, Date: d.Date, Jurisdictions: d.Jurisdictions,
		Tags: d.Tags, Summary: d.Summary, Text: d.Body}) // strings and slices of strings cannot fail
	return data
}

func compareFilters(a, b Filter) int {
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return strings.Compare(a.Value, b.Value)
}
