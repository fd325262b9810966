package funding

import (
	"brief/internal/config"
	"brief/internal/money"
	"brief/internal/site"
)

// Sum is the exact total of some funding items: in the reporting currency
// when the site has rates, otherwise per original currency.
type Sum struct {
	Report    string        // the reporting currency when converting; "" when kept per currency
	AsOf      string        // the rates' date
	Converted money.Decimal // items converted into Report
	Counted   int           // items in Converted
	Estimates int           // of those, how many were estimated from rates
	Estimated money.Decimal // the part of Converted that is estimated
	Other     money.Totals  // items kept in their own currency
	Items     int
}

// SumOf adds items up exactly. With rates, every item with a figure in the
// reporting currency counts in Converted (stated figures preferred) and an
// item without one (no rate: a build error) stays in Other; without rates,
// all items stay in their own currency.
func SumOf(cfg *config.Config, items []Item) *Sum {
	s := emptySum(cfg)
	converting := Converting(cfg)
	for _, it := range items {
		s.add(it, it.Years(), converting)
	}
	return &s
}

// emptySum is the Sum of no items of a site configured as cfg.
func emptySum(cfg *config.Config) Sum {
	if Converting(cfg) {
		return Sum{Report: cfg.Currency.Rates.Report, AsOf: cfg.Currency.Rates.AsOf}
	}
	return Sum{}
}

// add counts it into s over years of its years (its own, Item.Years, or
// one of them for a year's total). It reports whether it went into
// Converted; false when it was kept in its own currency.
func (s *Sum) add(it Item, years int, converting bool) bool {
	s.Items++
	c := it.Conversion
	if converting && c.Basis != NoBasis {
		v := times(c.Amount, years)
		s.Converted = s.Converted.Add(v)
		s.Counted++
		if c.Basis == Estimated {
			s.Estimates++
			s.Estimated = s.Estimated.Add(v)
		}
		return true
	}
	s.Other.Add(it.Funding.Currency, times(it.Funding.Amount, years))
	return false
}

// Total sums the funding of bs, each item over all its years.
func Total(cfg *config.Config, bs []*site.Briefing) *Sum {
	return SumOf(cfg, Items(cfg, bs))
}

// EstimatedShare is the part of the converted total that is estimated, in
// whole percent ("88%"), "<1%" for a sliver; "" when nothing is.
func (s *Sum) EstimatedShare() string {
	if s.Estimates == 0 || s.Converted.Sign() == 0 {
		return ""
	}
	pct := s.Estimated.Mul(money.NewInt(100)).Quo(s.Converted, 0)
	if pct.Sign() == 0 {
		return "<1%"
	}
	return pct.String() + "%"
}

// Part is one currency's share of a Sum.
type Part struct {
	Currency    string
	Value       money.Decimal
	Approx      bool // includes estimates
	Unconverted bool // kept in its own currency although the site has rates
}

// Text is p compact: "US$13.8m". It is written when asked for, as pages
// word a Sum in their own language (Text.Sum) and most never ask.
func (p Part) Text() string { return money.Short(p.Value, p.Currency) }

// Exact is p with every digit: "USD 13,800,000".
func (p Part) Exact() string { return money.Plain(p.Value, p.Currency) }

// Parts lists the converted total first, then the per-currency ones in
// code order. A Sum of no items has no parts.
func (s *Sum) Parts() []Part {
	var out []Part
	if s.Counted > 0 {
		out = append(out, Part{Currency: s.Report, Value: s.Converted, Approx: s.Estimates > 0})
	}
	for _, code := range s.Other.Currencies() {
		out = append(out, Part{Currency: code, Value: s.Other.Get(code), Unconverted: s.Report != ""})
	}
	return out
}

// Sum words s for a sentence such as "Funding: …", in the language of tx,
// saying plainly what is estimated: "US$116.4m", "≈ US$1.5bn (3 of 5
// figures estimated at rates of 2023-06-30)", or per currency "CNY 130m",
// "HKD 6.85bn".
func (tx Text) Sum(s *Sum) ([]string, error) {
	w := &words{Text: tx}
	out := w.sum(s)
	return out, w.err
}

func (w *words) sum(s *Sum) []string {
	var out []string
	for _, p := range s.Parts() {
		text := w.Short(p.Value, p.Currency)
		switch {
		case p.Approx:
			out = append(out, w.say("funding_estimated", "amount", text, "note", w.estimateNote(s)))
		case p.Unconverted:
			out = append(out, w.say("funding_unconverted", "amount", text))
		default:
			out = append(out, text)
		}
	}
	return out
}

// estimateNote says how much of the converted total of s is estimated,
// e.g. "estimated at rates of 2023-06-30" or "3 of 5 figures estimated at
// rates of 2023-06-30".
func (w *words) estimateNote(s *Sum) string {
	at := w.date(s.AsOf)
	switch {
	case s.Estimates == s.Counted && at == "":
		return w.say("funding_estimated_all_configured")
	case s.Estimates == s.Counted:
		return w.say("funding_estimated_all", "date", at)
	case at == "":
		return w.say("funding_estimated_some_configured", "count", s.Estimates, "total", s.Counted)
	}
	return w.say("funding_estimated_some", "count", s.Estimates, "total", s.Counted, "date", at)
}
