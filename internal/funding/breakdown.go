package funding

import (
	"cmp"

	"brief/internal/config"
	"brief/internal/site"
)

// Breakdown files every funding item of a site under each total it
// belongs to, once: its jurisdiction and each ancestor of it (so a parent's
// total holds its children's items, each once, however many children a
// briefing names), each tag of its briefing, and each year it counts in (a
// yearly amount counts one year's amount in each of its years). It is
// made once per model and read by the tracker and the term and year pages.
type Breakdown struct {
	cfg         *config.Config
	Items       []Item
	terms       map[termID][]Item // by the term's identity, the same in every edition
	years       map[int][]Item    // each item as it counts in that year
	noTerm      map[string][]Item
	first, last int // the years with funding; 0 when none
}

// termID is a tag's or jurisdiction's identity across editions: its kind
// and its name as declared (site.Term.Original), whatever the edition
// calls it.
type termID struct{ kind, name string }

func idOf(t *site.Term) termID { return termID{t.Kind, cmp.Or(t.Original, t.Name)} }

// NewBreakdown files the funding of the published briefings of s.
func NewBreakdown(cfg *config.Config, s *site.Site) *Breakdown {
	return breakdownOf(cfg, Items(cfg, s.Briefings))
}

// breakdownOf files items, which may come from several editions. It
// counts each total's items first, then copies them into one array cut
// into a slice per total (each capped at its length, so an append to one
// never writes into the next): an item is filed under several totals,
// and growing a slice per total by append allocated twice what it kept.
func breakdownOf(cfg *config.Config, items []Item) *Breakdown {
	bd := &Breakdown{cfg: cfg, Items: items}
	terms, years, noTerm := map[termID]int{}, map[int]int{}, map[string]int{}
	n := 0
	for _, it := range items {
		n += filings(it, func(id termID) { terms[id]++ }, func(y int) { years[y]++ }, func(kind string) { noTerm[kind]++ })
	}
	all := make([]Item, 0, n)
	cut := func(k int) []Item {
		s := all[len(all) : len(all) : len(all)+k]
		all = all[:len(all)+k]
		return s
	}
	bd.terms, bd.years, bd.noTerm = make(map[termID][]Item, len(terms)), make(map[int][]Item, len(years)), make(map[string][]Item, len(noTerm))
	for id, k := range terms {
		bd.terms[id] = cut(k)
	}
	for y, k := range years {
		bd.years[y] = cut(k)
		if bd.first == 0 || y < bd.first {
			bd.first = y
		}
		bd.last = max(bd.last, y)
	}
	for kind, k := range noTerm {
		bd.noTerm[kind] = cut(k)
	}
	for _, it := range items {
		filings(it, func(id termID) { bd.terms[id] = append(bd.terms[id], it) },
			func(y int) {
				one := it
				one.Attribution.From, one.Attribution.To = y, y
				bd.years[y] = append(bd.years[y], one)
			},
			func(kind string) { bd.noTerm[kind] = append(bd.noTerm[kind], it) })
	}
	return bd
}

// filings calls term for each total of a tag or jurisdiction that it
// belongs to (its jurisdiction, each ancestor of it once, each tag of its
// briefing), year for each year it counts in, and none with the kind of
// term it has none of; it returns how many calls it made.
func filings(it Item, term func(termID), year func(int), none func(kind string)) int {
	n := 0
	a := it.Attribution
	for t := a.Jurisdiction; t != nil; t = t.Parent {
		if filedAbove(a.Jurisdiction, t) {
			break
		}
		term(idOf(t))
		n++
	}
	if a.Jurisdiction == nil {
		none(site.JurisdictionsKind)
		n++
	}
	for _, t := range it.Briefing.Tags {
		term(idOf(t))
		n++
	}
	if len(it.Briefing.Tags) == 0 {
		none(site.TagsKind)
		n++
	}
	from, to := a.From, a.To
	if to == 0 {
		from, to = it.Briefing.Date.Year(), it.Briefing.Date.Year()
	}
	for y := from; y <= to; y++ {
		year(y)
		n++
	}
	return n
}

// filedAbove reports whether t's identity is already that of a term on
// the way up from j to t (a chain of parents that loops back, or an
// edition's term and its original): the walk stops there, as each total
// holds an item once.
func filedAbove(j, t *site.Term) bool {
	for u := j; u != t; u = u.Parent {
		if idOf(u) == idOf(t) {
			return true
		}
	}
	return false
}

// Term is the total of a tag or a jurisdiction (its children's included).
func (bd *Breakdown) Term(t *site.Term) *Sum { return SumOf(bd.cfg, bd.terms[idOf(t)]) }

// TermSum is the total of a tag or a jurisdiction as its site's
// Breakdown has it, made of the term's own briefings: every item filed
// under a term belongs to a briefing its list holds.
func TermSum(cfg *config.Config, t *site.Term) *Sum {
	return breakdownOf(cfg, Items(cfg, t.Briefings)).Term(t)
}

// Year is the total of the amounts that count in year y.
func (bd *Breakdown) Year(y int) *Sum { return SumOf(bd.cfg, bd.years[y]) }

// Grand is the total of every item, each over all its years.
func (bd *Breakdown) Grand() *Sum { return SumOf(bd.cfg, bd.Items) }
