package site

import (
	"slices"
	"time"

	"brief/internal/config"
	"brief/internal/content"
)

// An Update is a briefing's new front matter for the model in place,
// when the edit leaves the model's shape as it was (see Prepare).
type Update struct {
	b     *Briefing
	front *content.Briefing
}

// Briefing is the briefing the update changes.
func (u Update) Briefing() *Briefing { return u.b }

// Prepare checks that cb, the new front matter of a file of the editions
// sites (made by Editions under cfg), changes nothing the model is made of
// but the briefing's own fields: its place (path, slug, date, draft),
// terms and their lines, aliases, translation key, and each funding
// item's place and time stay the same, and it has no translation, nor a
// file in another language under its key. Its title, summary, authors,
// sources, image, updated date and funding amounts may change: no other
// briefing, term, year or URL shows them, so the model stays true with
// the briefing's front matter swapped (Apply), which a build does instead
// of making the model again.
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
	return Update{b: b, front: front}, true
}

// Apply swaps the briefing's front matter. Readers of the model must be
// kept out while it runs.
func (u Update) Apply() { u.b.Briefing = u.front }

// samePlace says whether b and c are the same briefing in every field the
// model is made of (see Prepare).
func samePlace(b, c *content.Briefing) bool {
	if b.Path != c.Path || b.Slug != c.Slug || b.Draft != c.Draft || !sameTime(b.Date, c.Date) || b.TranslationKey != c.TranslationKey ||
		!slices.Equal(b.Tags, c.Tags) || !slices.Equal(b.Jurisdictions, c.Jurisdictions) ||
		!slices.Equal(b.TagLines, c.TagLines) || !slices.Equal(b.JurisdictionLines, c.JurisdictionLines) ||
		!slices.Equal(b.Aliases, c.Aliases) || !slices.Equal(b.Lines, c.Lines) || len(b.Funding) != len(c.Funding) {
		return false
	}
	for i, f := range b.Funding {
		g := c.Funding[i]
		if f.Line != g.Line || f.Jurisdiction != g.Jurisdiction || f.JurisdictionLine != g.JurisdictionLine || !sameTime(f.Date, g.Date) ||
			f.Per != g.Per || f.From != g.From || f.To != g.To {
			return false
		}
	}
	return true
}

// sameTime says whether a and b are the same instant in the same offset,
// so that every calendar field of theirs is the same.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}
