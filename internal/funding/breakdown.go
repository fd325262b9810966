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

// breakdownOf files items, which may come from several editions.
func breakdownOf(cfg *config.Config, items []Item) *Breakdown {
	bd := &Breakdown{cfg: cfg, Items: items, terms: map[termID][]Item{}, years: map[int][]Item{},
		noTerm: map[string][]Item{}}
	for _, it := range bd.Items {
		seen := map[termID]bool{}
		for t := it.Attribution.Jurisdiction; t != nil && !seen[idOf(t)]; t = t.Parent {
			seen[idOf(t)] = true
			bd.terms[idOf(t)] = append(bd.terms[idOf(t)], it)
		}
		if it.Attribution.Jurisdiction == nil {
			bd.noTerm[site.JurisdictionsKind] = append(bd.noTerm[site.JurisdictionsKind], it)
		}
		for _, t := range it.Briefing.Tags {
			bd.terms[idOf(t)] = append(bd.terms[idOf(t)], it)
		}
		if len(it.Briefing.Tags) == 0 {
			bd.noTerm[site.TagsKind] = append(bd.noTerm[site.TagsKind], it)
		}
		a := it.Attribution
		from, to := a.From, a.To
		if to == 0 {
			from, to = it.Briefing.Date.Year(), it.Briefing.Date.Year()
		}
		for y := from; y <= to; y++ {
			one := it
			one.Attribution.From, one.Attribution.To = y, y
			bd.years[y] = append(bd.years[y], one)
			if bd.first == 0 || y < bd.first {
				bd.first = y
			}
			bd.last = max(bd.last, y)
		}
	}
	return bd
}

// Term is the total of a tag or a jurisdiction (its children's included).
func (bd *Breakdown) Term(t *site.Term) *Sum { return SumOf(bd.cfg, bd.terms[idOf(t)]) }

// Year is the total of the amounts that count in year y.
func (bd *Breakdown) Year(y int) *Sum { return SumOf(bd.cfg, bd.years[y]) }

// Grand is the total of every item, each over all its years.
func (bd *Breakdown) Grand() *Sum { return SumOf(bd.cfg, bd.Items) }
