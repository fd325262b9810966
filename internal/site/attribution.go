package site

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/vocab"
)

// Attribution is where and when one funding item counts: its own
// jurisdiction and date, or the briefing's.
type Attribution struct {
	// Jurisdiction is the item's own, else the briefing's when it has
	// exactly one; nil when the briefing has none.
	Jurisdiction *Term
	// Date is the item's own date, else the briefing's.
	Date time.Time
	// From and To are the years the item counts in: both the year of Date
	// for a one-off amount; for a yearly one (per: year), its first and
	// last year, and it counts its amount in each.
	From, To int
}

// Years is the number of years the item counts in.
func (a Attribution) Years() int { return a.To - a.From + 1 }

// checkItems checks the jurisdiction each funding item names, or does not
// name, against the briefing's: an item may name one of them or a parent
// or child of one, and must name one when the briefing has several. It
// keeps the names that pass for the taxonomy, so that an item's
// jurisdiction has a page listing the briefing.
//
// A translation showing its original's items (see inheritFunding) has
// them checked as the original's, against the original's jurisdictions,
// with any error at the original's file and lines (Editions reports an
// error both editions find once): the money is the original's, and the
// translation has no item to edit. An item naming no jurisdiction counts
// in the original's only one, which the translation's edition then files
// the translation under.
func (s *Site) checkItems() diag.List {
	// Each briefing's items are checked on their own, on every core;
	// the problems are kept in the briefings' order.
	found := make([]diag.List, len(s.Briefings))
	inParts(len(s.Briefings), func(lo, hi int) {
		for i, b := range s.Briefings[lo:hi] {
			found[lo+i] = s.checkItemsOf(b)
		}
	})
	return slices.Concat(found...)
}

// checkItemsOf checks b's items (see checkItems) and sets its itemNames.
func (s *Site) checkItemsOf(b *Briefing) diag.List {
	o := s.inherited[b.Briefing]
	if o == nil {
		ds, names := s.itemsOf(b.Briefing)
		b.itemNames = names
		return ds
	}
	ds, names := s.itemsOf(o)
	if only, ok := onlyJurisdiction(o); ok && !vocab.Refuses(s.Config, config.JurisdictionsVocabulary, only) &&
		!slices.ContainsFunc(b.Briefing.Jurisdictions, func(n string) bool { return termKey(n) == termKey(only) }) &&
		slices.ContainsFunc(o.Funding, func(f content.Funding) bool { return f.Jurisdiction == "" }) {
		names = append(names, only)
	}
	b.itemNames = names
	return ds
}

// onlyJurisdiction is the only jurisdiction b names, if it names one.
func onlyJurisdiction(b *content.Briefing) (string, bool) {
	if len(b.Jurisdictions) != 1 {
		return "", false
	}
	return b.Jurisdictions[0], true
}

// itemsOf checks the funding items of one briefing's front matter b (see
// checkItems) and returns the jurisdictions they name that pass.
func (s *Site) itemsOf(b *content.Briefing) (ds diag.List, names []string) {
	if len(b.Funding) == 0 {
		return nil, nil // most briefings: no copy of their jurisdictions to make
	}
	own := b.Jurisdictions
	// The names a closed list refuses are vocab's errors; hints offer
	// only the others.
	known := slices.DeleteFunc(slices.Clone(own), func(n string) bool { return vocab.Refuses(s.Config, config.JurisdictionsVocabulary, n) })
	for i, f := range b.Funding {
		if f.Per != "" && f.From == 0 && f.Date.IsZero() && b.Date.Year() > f.To {
			ds = append(ds, diag.Errorf(b.Path, f.Line, fmt.Sprintf("funding[%d].to", i), "add from: the first year, or a date: to the item",
				"%d is before %d, the year of the briefing's date, where the yearly amount starts", f.To, b.Date.Year()))
		}
		field := fmt.Sprintf("funding[%d].jurisdiction", i)
		switch {
		case f.Jurisdiction == "" && len(own) > 1:
			var hint string
			switch len(known) {
			case 0:
				hint = "add jurisdiction: to the item, naming one of the briefing's jurisdictions"
			case 1:
				hint = fmt.Sprintf("add jurisdiction: %q to the item", known[0])
			default:
				hint = fmt.Sprintf("add jurisdiction: %q to the item (one of %s)", known[0], strings.Join(quoted(known), ", "))
			}
			if p := s.commonAncestor(own); p != "" && len(known) == len(own) {
				hint += fmt.Sprintf(", or %q, which covers them all", p)
			}
			ds = append(ds, diag.Errorf(b.Path, f.Line, field, hint,
				"the briefing is about %d jurisdictions, so each funding item must say which one it is for", len(own)))
		case f.Jurisdiction == "":
		case vocab.Refuses(s.Config, config.JurisdictionsVocabulary, f.Jurisdiction):
		case len(own) == 0:
			ds = append(ds, diag.Errorf(b.Path, f.JurisdictionLine, field,
				fmt.Sprintf("add jurisdiction: %q to the briefing", f.Jurisdiction),
				"%q is not a jurisdiction of the briefing, which names none", f.Jurisdiction))
		case !s.related(f.Jurisdiction, own):
			hint := fmt.Sprintf("name one of %s, a parent or a child of one; or add %q to the briefing's jurisdictions", strings.Join(quoted(own), ", "), f.Jurisdiction)
			if near := diag.Suggest(f.Jurisdiction, own); near != "" {
				hint = fmt.Sprintf("did you mean %q?", near)
			}
			ds = append(ds, diag.Errorf(b.Path, f.JurisdictionLine, field, hint,
				"%q is not one of the briefing's jurisdictions (%s), nor a parent or child of one", f.Jurisdiction, strings.Join(own, ", ")))
		default:
			names = append(names, f.Jurisdiction)
		}
	}
	return ds, names
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// lineage is a jurisdiction's key and its ancestors' keys, nearest first.
func (s *Site) lineage(name string) []string {
	out := []string{termKey(name)}
	for p, ok := s.parentOf(name); ok && !slices.Contains(out, termKey(p)); p, ok = s.parentOf(p) {
		out = append(out, termKey(p))
	}
	return out
}

// related reports whether name is one of own, or an ancestor or a
// descendant of one of them.
func (s *Site) related(name string, own []string) bool {
	up := s.lineage(name)
	for _, o := range own {
		if slices.Contains(up, termKey(o)) || slices.Contains(s.lineage(o), termKey(name)) {
			return true
		}
	}
	return false
}

// commonAncestor is the nearest jurisdiction that is, or is an ancestor
// of, every one of names; "" when there is none.
func (s *Site) commonAncestor(names []string) string {
	first := names[0]
	candidates := []string{first}
	for p, ok := s.parentOf(first); ok && len(candidates) < 50; p, ok = s.parentOf(p) {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		all := true
		for _, n := range names[1:] {
			all = all && slices.Contains(s.lineage(n), termKey(c))
		}
		if all {
			return c
		}
	}
	return ""
}

// attribute sets each published briefing's Attributions, once the terms
// exist.
func (s *Site) attribute() {
	byKey := make(map[string]*Term, len(s.Jurisdictions))
	for _, t := range s.Jurisdictions {
		byKey[t.key] = t
	}
	inParts(len(s.Briefings), func(lo, hi int) {
		for _, b := range s.Briefings[lo:hi] {
			attribute(b, byKey, s.inherited[b.Briefing])
		}
	})
}

// attribute sets b's Attributions, given the site's jurisdictions by key
// and, for a translation showing its original's items, that original,
// whose only jurisdiction an item naming none counts in.
func attribute(b *Briefing, byKey map[string]*Term, original *content.Briefing) {
	b.Attributions = make([]Attribution, len(b.Funding))
	var only *Term
	switch {
	case original != nil:
		if n, ok := onlyJurisdiction(original); ok {
			only = byKey[termKey(n)]
		}
	case len(b.Jurisdictions) == 1:
		only = b.Jurisdictions[0]
	}
	for i, f := range b.Funding {
		a := Attribution{Date: b.Date}
		if !f.Date.IsZero() {
			a.Date = f.Date
		}
		switch {
		case f.Jurisdiction != "":
			a.Jurisdiction = byKey[termKey(f.Jurisdiction)]
		default:
			a.Jurisdiction = only
		}
		a.From, a.To = span(a.Date, f)
		b.Attributions[i] = a
	}
}

// span is the years an item counts in, given its date (its own, else its
// briefing's): that year for a one-off amount, From to To for a yearly one.
func span(date time.Time, f content.Funding) (from, to int) {
	if f.Per == "" {
		return date.Year(), date.Year()
	}
	if f.From == 0 {
		return min(date.Year(), f.To), f.To
	}
	return f.From, f.To
}
