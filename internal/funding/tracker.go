package funding

import (
	"html/template"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/money"
	"brief/internal/site"
)

// Tracker is the data of the funding page (render.Page.Funding), worded
// in the page's language.
type Tracker struct {
	Report        string // the reporting currency
	ReportHeading string // heading of the converted column: "In USD", or "Stated in USD" without rates
	Converting    bool   // rates are configured
	AsOf, Source  string // the rates' date, as the language writes it in a note ("2023-06-30", "2023年6月30日"), and source
	Entries       []Entry
	Briefings     int      // briefings with at least one funding figure
	Total         []string // the overall total, as Text.Sum words it
	Grand         *Sum     // the overall total, exact

	ByJurisdiction []*Chart // one chart, or one per currency without rates
	ByYear         []*Chart
	ByTag          []*Table
}

// Entry is one funding figure, one row of the tracker's table.
type Entry struct {
	Briefing      *site.Briefing
	Index         int
	Date          time.Time  // the item's date: its own, else the briefing's
	Jurisdiction  *site.Term // the item's: its own, else the briefing's only one; nil when none
	Purpose       string
	Original      string // "CNY 100m", over all its years for a yearly amount
	OriginalExact string // "CNY 100,000,000"
	Period        string // a yearly amount as written: "CNY 100m a year, 2023–2025"; empty for one-off amounts
	Report        string // "US$13.8m"; empty when there is no figure in the reporting currency
	ReportExact   string // "USD 13,800,000"
	Basis         Basis
	AsOf          string // the rates' date, for estimates, as Tracker.AsOf
	// For a figure of a briefing the tracker's edition does not publish
	// (see wholeSite): the briefing's language as <html lang> has it
	// ("en"), and its name in the tracker's language ("英文"); both empty
	// for the edition's own.
	Lang, InLanguage string
}

// Estimated reports whether the Report figure was computed from rates.
func (e Entry) Estimated() bool { return e.Basis == Estimated }

// Table is a list of totals, and the text alternative of its chart.
type Table struct {
	ID       string // unique on the page: "by-jurisdiction", "by-year-cny"
	Title    string // "Funding by jurisdiction, in USD" (tracker_caption_jurisdiction)
	Heading  string // the first column's heading: "Jurisdiction" (column_jurisdiction)
	Group    string // what its rows are: "jurisdiction", "year" or "tag" (for templates that word the title and heading themselves)
	Currency string // every row's currency
	Rows     []TotalRow
}

// TotalRow is one group's total.
type TotalRow struct {
	Label  string
	URL    string // site-relative; empty when the group has no page
	Note   string // "part of China", "includes Beijing, Shanghai" (funding_part_of, funding_includes)
	Items  int    // funding figures in the total
	Share  string // the part of the total that is estimated: "88%"; empty when none is
	Value  money.Decimal
	Text   string // "US$13.8m"
	Exact  string // "USD 13,800,000"
	Approx bool   // includes estimates
}

// Chart is a Table drawn as a bar chart that reflows (drawBars); the
// table beside it carries the figures for screen readers.
type Chart struct {
	Table
	Desc string
	SVG  template.HTML // the chart's HTML (named for the SVG it once was)
}

// NewTracker gathers every funding figure of the site and its totals,
// worded in the language of tx.
func NewTracker(cfg *config.Config, s *site.Site, tx Text) (*Tracker, error) {
	w := &words{Text: tx}
	rates := &cfg.Currency.Rates
	t := &Tracker{Report: rates.Report, Converting: Converting(cfg), AsOf: w.date(rates.AsOf), Source: rates.Source}
	t.ReportHeading = w.say("column_report", "currency", rates.Report)
	if !t.Converting {
		t.ReportHeading = w.say("column_report_stated", "currency", rates.Report)
	}
	bd := breakdownOf(cfg, Items(cfg, wholeSite(s)))
	items := bd.Items
	js, tags := newVocabulary(s, site.JurisdictionsKind), newVocabulary(s, site.TagsKind)
	// Sized once: an Entry is large, and append's growth copied the
	// rows of 100,000 briefings over and over.
	t.Entries = make([]Entry, 0, len(items))
	for i, it := range items {
		// A briefing's items are next to each other (Items).
		if i == 0 || it.Briefing != items[i-1].Briefing {
			t.Briefings++
		}
		t.Entries = append(t.Entries, entryOf(it, w, s, js))
	}
	t.Grand = SumOf(cfg, items)
	t.Total = w.sum(t.Grand)
	for _, tb := range tables(cfg, w, "jurisdiction", jurisdictionGroups(bd, js, w), false) {
		t.ByJurisdiction = append(t.ByJurisdiction, newChart(tb, w, "chart_jurisdiction_note", t.AsOf))
	}
	for _, tb := range tables(cfg, w, "year", yearGroups(bd, s), true) {
		t.ByYear = append(t.ByYear, newChart(tb, w, "chart_year_note", t.AsOf))
	}
	t.ByTag = tables(cfg, w, "tag", tagGroups(bd, tags, w), false)
	return t, w.err
}

// entryOf is the row of it on the tracker of s, whose jurisdictions js
// are.
func entryOf(it Item, w *words, s *site.Site, js *vocabulary) Entry {
	f, c := it.Funding, it.Conversion
	a := it.Attribution
	total := it.Total()
	e := Entry{Briefing: it.Briefing, Index: it.Index, Date: a.Date, Jurisdiction: js.term(a.Jurisdiction),
		Purpose: f.Purpose, Original: w.Short(total, f.Currency), OriginalExact: money.Plain(total, f.Currency),
		Basis: c.Basis, AsOf: w.date(c.AsOf)}
	if l := it.Briefing.Language; l != nil && s.Language != nil && l != s.Language {
		e.Lang, e.InLanguage = l.Lang, w.languageName(l.Lang)
	}
	if e.Date.IsZero() {
		e.Date = it.Briefing.Date
	}
	if f.Per != "" {
		e.Period = w.period(w.Short(f.Amount, f.Currency), a.From, a.To)
	}
	if c.Basis != NoBasis {
		v := it.ReportTotal()
		e.Report, e.ReportExact = w.Short(v, c.Currency), money.Plain(v, c.Currency)
	}
	return e
}

// group is the funding of one jurisdiction, tag or year.
type group struct {
	label, url, note string
	tally            *tally // nil when the group has no funding
}

func jurisdictionGroups(bd *Breakdown, js *vocabulary, w *words) []group {
	var gs []group
	for _, id := range js.ids {
		t := js.terms[id]
		g := group{label: t.name, url: t.url, tally: bd.terms[id]}
		var notes []string
		if t.parent != nil {
			notes = append(notes, w.say("funding_part_of", "name", js.terms[*t.parent].name))
		}
		if len(t.children) > 0 {
			names := make([]string, len(t.children))
			for i, c := range t.children {
				names[i] = js.terms[c].name
			}
			notes = append(notes, w.say("funding_includes", "names", names))
		}
		if len(notes) > 0 {
			g.note = strings.Join(notes, w.say("funding_note_separator"))
		}
		gs = append(gs, g)
	}
	return append(gs, group{label: w.say("funding_no_jurisdiction"), tally: bd.noTerm[site.JurisdictionsKind]})
}

func tagGroups(bd *Breakdown, tags *vocabulary, w *words) []group {
	var gs []group
	for _, id := range tags.ids {
		t := tags.terms[id]
		gs = append(gs, group{label: t.name, url: t.url, tally: bd.terms[id]})
	}
	return append(gs, group{label: w.say("funding_no_tag"), tally: bd.noTerm[site.TagsKind]})
}

// yearGroups covers every year from the first funded one to the last, with
// empty years kept so that a chart over time shows the gaps.
func yearGroups(bd *Breakdown, s *site.Site) []group {
	if bd.first == 0 {
		return nil
	}
	pages := map[int]string{}
	for _, y := range s.Years {
		pages[y.Year] = y.URL
	}
	var gs []group
	for y := bd.first; y <= bd.last; y++ {
		gs = append(gs, group{label: strconv.Itoa(y), url: pages[y], tally: bd.years[y]})
	}
	return gs
}

// tables makes one table of the groups' totals in the reporting currency,
// or, without rates, one per currency. Unless ordered, rows run from the
// largest total down; groups without figures are left out unless ordered.
// kind is what the groups are: "jurisdiction", "year" or "tag".
func tables(cfg *config.Config, w *words, kind string, gs []group, ordered bool) []*Table {
	id, heading := "by-"+kind, w.say("column_"+kind)
	n := 0
	for _, g := range gs {
		n += g.items()
	}
	if n == 0 {
		return nil
	}
	if Converting(cfg) {
		report := cfg.Currency.Rates.Report
		tb := &Table{ID: id, Title: w.say("tracker_caption_"+kind, "currency", report), Heading: heading, Group: kind, Currency: report}
		for _, g := range gs {
			if g.items() == 0 && !ordered {
				continue
			}
			var sum Sum
			if g.tally != nil {
				sum = g.tally.Sum
			}
			row := totalRow(w, g, report, sum.Converted, sum.Counted, sum.Estimates > 0)
			row.Share = sum.EstimatedShare()
			tb.Rows = append(tb.Rows, row)
		}
		return []*Table{finish(tb, ordered)}
	}
	// Without rates every item is kept in its own currency: each group's
	// Other and counts are its total and count per currency.
	codes := map[string]bool{}
	for _, g := range gs {
		if g.tally != nil {
			for code := range g.tally.counts {
				codes[code] = true
			}
		}
	}
	var out []*Table
	for _, code := range slices.Sorted(maps.Keys(codes)) {
		tb := &Table{ID: id + "-" + strings.ToLower(code), Title: w.say("tracker_caption_"+kind, "currency", code), Heading: heading, Group: kind, Currency: code}
		for _, g := range gs {
			var sum tally
			if g.tally != nil {
				sum = *g.tally
			}
			if n := sum.counts[code]; n > 0 || ordered {
				tb.Rows = append(tb.Rows, totalRow(w, g, code, sum.Other.Get(code), n, false))
			}
		}
		out = append(out, finish(tb, ordered))
	}
	return out
}

// items is how many funding figures g counts.
func (g group) items() int {
	if g.tally == nil {
		return 0
	}
	return g.tally.Items
}

func totalRow(w *words, g group, code string, v money.Decimal, n int, approx bool) TotalRow {
	return TotalRow{Label: g.label, URL: g.url, Note: g.note, Items: n, Value: v,
		Text: w.Short(v, code), Exact: money.Plain(v, code), Approx: approx}
}

func finish(tb *Table, ordered bool) *Table {
	if !ordered {
		sort.SliceStable(tb.Rows, func(i, j int) bool {
			a, b := tb.Rows[i], tb.Rows[j]
			if c := a.Value.Cmp(b.Value); c != 0 {
				return c > 0
			}
			return strings.ToLower(a.Label) < strings.ToLower(b.Label)
		})
	}
	return tb
}
