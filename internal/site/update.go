package site

import (
	"slices"
	"strconv"
	"time"

	"brief/internal/config"
	"brief/internal/content"
)

// An Update is a briefing's new front matter for the model in place,
// when the edit leaves the model's shape as it was (see Prepare).
type Update struct {
	b     *Briefing
	front *content.Briefing
	// terms are the changes of the tags and jurisdictions the briefing
	// is filed under, for a published briefing whose terms change.
	terms []*termEdit
}

// Briefing is the briefing the update changes.
func (u Update) Briefing() *Briefing { return u.b }

// Prepare checks that cb, the new front matter of a file of the editions
// sites (made by Editions under cfg), changes nothing the model is made of
// but the briefing's own fields and the terms it is filed under: its place
// (path, slug, date, draft), lines, aliases, translation key, and each
// funding item's place and time stay the same, and it has no translation,
// nor a file in another language under its key. Its title, summary,
// authors, sources, image, updated date and funding amounts may change: no
// other briefing, term, year or URL shows them. Its tags and
// jurisdictions may change too (see prepareTerms): then the lists of the
// terms it leaves and joins change, terms are made or emptied, and
// nothing else. The model stays true with the update applied (Apply),
// which a build does instead of making the model again.
func Prepare(cfg *config.Config, sites []*Site, cb *content.Briefing) (Update, bool) {
	var b *Briefing
	var s *Site
	for _, e := range sites {
		if b = e.bySource[cb.Path]; b != nil {
			s = e
			break
		}
	}
	if b == nil || b.Inherits != nil || len(b.Translations) > 0 {
		return Update{}, false
	}
	for _, e := range sites {
		for _, o := range e.bySource {
			if o != b && o.Group == b.Group {
				return Update{}, false
			}
		}
	}
	front, ds := localNames(cfg, s.Language.Code, cb)
	if len(ds) > 0 || !samePlace(b.Briefing, front) {
		return Update{}, false
	}
	u := Update{b: b, front: front}
	if !b.published {
		return u, true // in no term's list
	}
	for _, kind := range []string{TagsKind, JurisdictionsKind} {
		if kind == JurisdictionsKind && !sameItems(b.Briefing, front) || !slices.Equal(namesOf(kind, b.Briefing), namesOf(kind, front)) {
			e, ok := s.prepareTerms(kind, b, front)
			if !ok {
				return Update{}, false
			}
			u.terms = append(u.terms, e)
		}
	}
	return u, true
}

// Apply brings the model up to date with the update: the briefing's front
// matter, and the terms it is filed under. Readers of the model must be
// kept out while it runs.
func (u Update) Apply() {
	u.b.Briefing = u.front
	for _, e := range u.terms {
		e.apply(u.b)
	}
}

// Terms are the terms an update changes, of the edition it updates: those
// whose lists or counts change (a jurisdiction's ancestors included), those
// it makes (not yet in the site before Apply) and those it empties (gone
// from the site after Apply).
func (u Update) Terms() (changed, made, emptied []*Term) {
	for _, e := range u.terms {
		changed = append(changed, e.changed...)
		made = append(made, e.made...)
		emptied = append(emptied, e.emptied...)
	}
	return changed, made, emptied
}

// Repaginates says whether a list of a term changed by the update gains
// or loses a page, with per briefings a page.
func (u Update) Repaginates(per int) bool {
	pages := func(n int) int { return max(1, (n+per-1)/per) }
	for _, e := range u.terms {
		for _, t := range e.leave {
			if pages(len(t.Briefings)) != pages(len(t.Briefings)-1) {
				return true
			}
		}
		for _, t := range e.join {
			if pages(len(t.Briefings)) != pages(len(t.Briefings)+1) {
				return true
			}
		}
	}
	return false
}

// Moved are the terms whose lists gain or lose the briefing, or whose
// funding totals gain or lose one of its items with its attribution
// (known once applied): only their lists' totals can change.
func (u Update) Moved() []*Term {
	var out []*Term
	for _, e := range u.terms {
		out = append(append(append(out, e.leave...), e.join...), e.refiled...)
	}
	return out
}

// ChangesTerms says whether the update changes the terms the briefing is
// filed under.
func (u Update) ChangesTerms() bool { return len(u.terms) > 0 }

// samePlace says whether b and c are the same briefing in every field the
// model is made of (see Prepare).
// Their terms are prepareTerms' to compare.
func samePlace(b, c *content.Briefing) bool {
	if b.Path != c.Path || b.Slug != c.Slug || b.Draft != c.Draft || !sameTime(b.Date, c.Date) || b.TranslationKey != c.TranslationKey ||
		!slices.Equal(b.Aliases, c.Aliases) || !slices.Equal(b.Lines, c.Lines) || len(b.Funding) != len(c.Funding) {
		return false
	}
	for i, f := range b.Funding {
		g := c.Funding[i]
		if f.Line != g.Line || !sameTime(f.Date, g.Date) || f.Per != g.Per || f.From != g.From || f.To != g.To {
			return false
		}
	}
	return true
}

// sameItems says whether b's and c's funding items name the same
// jurisdictions at the same lines.
func sameItems(b, c *content.Briefing) bool {
	for i, f := range b.Funding {
		g := c.Funding[i]
		if f.Jurisdiction != g.Jurisdiction || f.JurisdictionLine != g.JurisdictionLine {
			return false
		}
	}
	return true
}

// namesOf are the names of a kind of term that b writes, with the lines
// it writes them at (as "line:name").
func namesOf(kind string, b *content.Briefing) []string {
	names, lines := b.Tags, b.TagLines
	if kind == JurisdictionsKind {
		names, lines = b.Jurisdictions, b.JurisdictionLines
	}
	out := make([]string, len(names), len(names)+len(lines))
	copy(out, names)
	for _, l := range lines {
		out = append(out, strconv.Itoa(l))
	}
	return append(out, strconv.Itoa(len(names)))
}

// sameTime says whether a and b are the same instant in the same offset,
// so that every calendar field of theirs is the same.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}
