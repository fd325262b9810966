// Package funding turns briefings' funding figures into what readers and
// analysts see: each figure in the reporting currency (the editor's stated
// figure, or an estimate at the configured rates), exact totals per
// jurisdiction, tag and year, the tracker page's tables and SVG charts, the
// CSV and JSON exports, and the diagnostics about rates.
//
// One rule decides every conversion (Convert), so the briefing pages
// (FigureOf), the tracker, the totals and the exports can never disagree.
package funding

import (
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/site"
)

// Basis says where a figure in the reporting currency comes from.
type Basis string

const (
	// NoBasis: there is no figure in the reporting currency.
	NoBasis Basis = ""
	// Stated: the editor gave it (the usd field with report USD, or an
	// amount already in the reporting currency).
	Stated Basis = "stated"
	// Estimated: computed from the configured rates.
	Estimated Basis = "estimated"
)

// Conversion is one funding item in the reporting currency.
type Conversion struct {
	Amount   money.Decimal
	Currency string // the reporting currency; empty when Basis is NoBasis
	Basis    Basis
	AsOf     string // the rates' date, for estimates only
}

// Convert gives a funding item's value in the reporting currency. An amount
// already in that currency is used as it is. The usd field is the editor's
// stated figure only when the reporting currency is USD, and it is preferred
// to the computed one. Otherwise the configured rate gives an estimate; with
// no rate there is no figure.
func Convert(rates *money.Rates, f content.Funding) Conversion {
	switch {
	case f.Currency == rates.Report:
		return Conversion{Amount: f.Amount, Currency: rates.Report, Basis: Stated}
	case f.USD != nil && rates.Report == "USD":
		return Conversion{Amount: *f.USD, Currency: "USD", Basis: Stated}
	}
	if v, ok := rates.Convert(f.Amount, f.Currency); ok {
		return Conversion{Amount: v, Currency: rates.Report, Basis: Estimated, AsOf: rates.AsOf}
	}
	return Conversion{}
}

// Figure is a funding item as a reader sees it: the editor's amount and
// its value in the reporting currency, stated or estimated, worded in the
// page's language.
type Figure struct {
	Original  string // "CNY 100m"
	Long      string // "CNY 100 million"
	Report    string // "US$14m"; empty when neither stated nor computable
	Estimated bool   // Report was computed from the configured rates
	AsOf      string // the rates' date, for estimates, as the language writes it in a note: "2023-06-30", "2023年6月30日"
	Purpose   string
	// The item's own jurisdiction (as written, or its name in the page's
	// language from site.toml) and date (YYYY-MM-DD); empty when it
	// inherits the briefing's. DateText is the date as the
	// language writes it in a note ("2023年3月2日").
	Jurisdiction, Date, DateText string
	// Period says when a yearly amount is given ("a year, 2023–2025");
	// Total and ReportTotal are its sums over those years. All are empty
	// for a one-off amount.
	Period, Total, ReportTotal string
}

// FigureOf is a funding item as a briefing page shows it, in the language
// of tx: the editor's amount, and its value in the reporting currency by
// Convert's rule, unless the amount already is in that currency. A yearly
// amount says so, with its years and its total when its first year is
// known (see FiguresIn).
func FigureOf(cfg *config.Config, f content.Funding, tx Text) (Figure, error) {
	w := &words{Text: tx}
	fig := figureOf(cfg, f, w)
	return fig, w.err
}

func figureOf(cfg *config.Config, f content.Funding, w *words) Figure {
	fig := Figure{Original: w.Short(f.Amount, f.Currency), Long: w.Long(f.Amount, f.Currency), Purpose: f.Purpose,
		Jurisdiction: w.jurisdiction(cfg, f.Jurisdiction)}
	if !f.Date.IsZero() {
		fig.Date = f.Date.Format(time.DateOnly)
		fig.DateText = w.date(fig.Date)
	}
	years := 1
	if f.Per != "" {
		fig.Period = w.period("", f.From, f.To)
		if f.From > 0 {
			years = f.To - f.From + 1
			fig.Total = w.Short(times(f.Amount, years), f.Currency)
		}
	}
	if f.Currency == cfg.Currency.Rates.Report {
		return fig
	}
	if c := Convert(&cfg.Currency.Rates, f); c.Basis != NoBasis {
		fig.Report = w.Short(c.Amount, c.Currency)
		if years > 1 {
			fig.ReportTotal = w.Short(times(c.Amount, years), c.Currency)
		}
		fig.Estimated = c.Basis == Estimated
		fig.AsOf = w.date(c.AsOf)
	}
	return fig
}

// FiguresIn are a briefing's funding items as its page shows them, in the
// language of tx; a yearly amount without a first year starts in the year
// of the briefing's date.
func FiguresIn(cfg *config.Config, b *content.Briefing, tx Text) ([]Figure, error) {
	w := &words{Text: tx}
	out := make([]Figure, len(b.Funding))
	for i, f := range b.Funding {
		if f.Per != "" && f.From == 0 {
			d := b.Date
			if !f.Date.IsZero() {
				d = f.Date
			}
			f.From = min(d.Year(), f.To)
		}
		out[i] = figureOf(cfg, f, w)
	}
	return out, w.err
}

// times is d multiplied by n years.
func times(d money.Decimal, n int) money.Decimal {
	if n == 1 {
		return d
	}
	return d.Mul(money.NewInt(int64(n)))
}

// Converting reports whether the site converts at all. Without rates, pages
// show original amounts and stated figures only, and totals are kept per
// currency.
func Converting(cfg *config.Config) bool { return len(cfg.Currency.Rates.PerUnit) > 0 }

// Item is one funding figure of one briefing, with where and when it
// counts.
type Item struct {
	Briefing    *site.Briefing
	Index       int // position in the briefing's funding list
	Funding     content.Funding
	Conversion  Conversion // of the amount as written: a yearly amount's value for one year
	Attribution site.Attribution
}

// Years is how many times the amount counts: 1, or a yearly amount's years.
func (it Item) Years() int {
	if it.Attribution.To == 0 {
		return 1 // not attributed: a model without attributions
	}
	return it.Attribution.Years()
}

// Total is the amount over all its years, in its own currency.
func (it Item) Total() money.Decimal { return times(it.Funding.Amount, it.Years()) }

// ReportTotal is the figure in the reporting currency over all its years.
func (it Item) ReportTotal() money.Decimal { return times(it.Conversion.Amount, it.Years()) }

// Items lists the funding figures of bs in their order (site order is
// newest first, then path), each briefing's in file order.
func Items(cfg *config.Config, bs []*site.Briefing) []Item {
	n := 0
	for _, b := range bs {
		n += len(b.Funding)
	}
	if n == 0 {
		return nil
	}
	out := make([]Item, 0, n) // counted first: an Item is large, and append's growth doubled it
	for _, b := range bs {
		out = AppendItems(out, cfg, b)
	}
	return out
}

// AppendItems appends b's funding figures to dst, as Items lists them, so
// that a caller going a briefing at a time can reuse one slice.
func AppendItems(dst []Item, cfg *config.Config, b *site.Briefing) []Item {
	for i, f := range b.Funding {
		it := Item{Briefing: b, Index: i, Funding: f, Conversion: Convert(&cfg.Currency.Rates, f)}
		if i < len(b.Attributions) {
			it.Attribution = b.Attributions[i]
		}
		dst = append(dst, it)
	}
	return dst
}
