package funding

import (
	"cmp"

	"brief/internal/config"
	"brief/internal/site"
)

// Breakdown keeps the funding of a site as running totals, one per total
// an item belongs to: its jurisdiction and each ancestor of it (so a
// parent's total counts its children's items, each once, however many
// children a briefing names), each tag of its briefing, and each year it
// counts in (a yearly amount counts one year's amount in each of its
// years). It is made once per model and read by the tracker and the term
// and year pages, which need totals, not the items behind them: adding
// each item where it belongs, in item order, gives the very sums that
// listing each total's items and adding them up gave, without a copy of
// every item per total.
type Breakdown struct {
	cfg         *config.Config
	Items       []Item
	terms       map[termID]*tally // by the term's identity, the same in every edition
	years       map[int]*tally    // each item as it counts in that year
	noTerm      map[string]*tally
	first, last int // the years with funding; 0 when none
}

// tally is one group's running total, and, for the per-currency tables
// of a site without rates, how many of its items each currency kept in
// Other has.
type tally struct {
	Sum
	counts map[string]int
}

// termID is a tag's or jurisdiction's identity across editions: its kind
// and its name as declared (site.Term.Original), whatever the edition
// calls it.
type termID struct{ kind, name string }

func idOf(t *site.Term) termID { return termID{t.Kind, cmp.Or(t.Original, t.Name)} }

// NewBreakdown totals the funding of the published briefings of s.
func NewBreakdown(cfg *config.Config, s *site.Site) *Breakdown {
	return breakdownOf(cfg, Items(cfg, s.Briefings))
}

// breakdownOf totals items, which may come from several editions.
func breakdownOf(cfg *config.Config, items []Item) *Breakdown {
	bd := &Breakdown{cfg: cfg, Items: items, terms: map[termID]*tally{}, years: map[int]*tally{}, noTerm: map[string]*tally{}}
	converting := Converting(cfg)
	for _, it := range items {
		filings(it, func(id termID) { tallyIn(cfg, bd.terms, id).add(it, it.Years(), converting) },
			func(y int) {
				tallyIn(cfg, bd.years, y).add(it, 1, converting)
				if bd.first == 0 || y < bd.first {
					bd.first = y
				}
				bd.last = max(bd.last, y)
			},
			func(kind string) { tallyIn(cfg, bd.noTerm, kind).add(it, it.Years(), converting) })
	}
	return bd
}

// tallyIn is the tally of k in m, made empty when m has none yet.
func tallyIn[K comparable](cfg *config.Config, m map[K]*tally, k K) *tally {
	tl := m[k]
	if tl == nil {
		tl = &tally{Sum: emptySum(cfg)}
		m[k] = tl
	}
	return tl
}

// add counts it, over years of its years, into tl.
func (tl *tally) add(it Item, years int, converting bool) {
	if !tl.Sum.add(it, years, converting) {
		if tl.counts == nil {
			tl.counts = map[string]int{}
		}
		tl.counts[it.Funding.Currency]++
	}
}

// sum is the total tl holds, as a Sum of its own (its Other shares tl's
// sums: read it, do not add to it); a group without items, nil, has an
// empty one, as SumOf gives for no items.
func (bd *Breakdown) sum(tl *tally) *Sum {
	if tl == nil {
		s := emptySum(bd.cfg)
		return &s
	}
	s := tl.Sum
	return &s
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
func (bd *Breakdown) Term(t *site.Term) *Sum { return bd.sum(bd.terms[idOf(t)]) }

// TermSum is the total of a tag or a jurisdiction as its site's
// Breakdown has it, made of the term's own briefings: every item filed
// under a term belongs to a briefing its list holds.
func TermSum(cfg *config.Config, t *site.Term) *Sum {
	return breakdownOf(cfg, Items(cfg, t.Briefings)).Term(t)
}

// Year is the total of the amounts that count in year y.
func (bd *Breakdown) Year(y int) *Sum { return bd.sum(bd.years[y]) }

// Grand is the total of every item, each over all its years.
func (bd *Breakdown) Grand() *Sum { return SumOf(bd.cfg, bd.Items) }
