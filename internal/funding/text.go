package funding

import (
	"errors"
	"time"

	"brief/internal/config"
	"brief/internal/i18n"
)

// Text is how funding speaks one language: amounts as its Formatter writes
// them, and the words around them (periods, notes, row names, chart
// descriptions) from the language's interface text, the page's catalog.
// Each page passes its own, so the Chinese tracker is Chinese throughout.
type Text struct {
	Formatter
	c *i18n.Catalog
}

// NewText speaks the language of c.
func NewText(c *i18n.Catalog) Text {
	if c == nil {
		return Text{}
	}
	return Text{Formatter: NewFormatter(c.Money()), c: c}
}

// Uses are the interface text keys funding words its text with, and the
// placeholders it gives them: the theme's users (render) declare them, so
// that a language without one is an error before anything is rendered.
var Uses = []i18n.Use{
	{Key: "funding_period", Args: []string{"from", "to"}},
	{Key: "funding_period_in", Args: []string{"year"}},
	{Key: "funding_period_until", Args: []string{"year"}},
	{Key: "funding_yearly", Args: []string{"amount", "from", "to"}},
	{Key: "funding_yearly_in", Args: []string{"amount", "year"}},
	{Key: "funding_yearly_until", Args: []string{"amount", "year"}},
	{Key: "funding_part_of", Args: []string{"name"}},
	{Key: "funding_includes", Args: []string{"names"}},
	{Key: "funding_note_separator"},
	{Key: "funding_no_jurisdiction"},
	{Key: "funding_no_tag"},
	{Key: "funding_estimated", Args: []string{"amount", "note"}},
	{Key: "funding_unconverted", Args: []string{"amount"}},
	{Key: "funding_estimated_all", Args: []string{"date"}},
	{Key: "funding_estimated_all_configured"},
	{Key: "funding_estimated_some", Args: []string{"count", "total", "date"}},
	{Key: "funding_estimated_some_configured", Args: []string{"count", "total"}},
	{Key: "chart_description", Args: []string{"title", "rows"}},
	{Key: "chart_row", Args: []string{"label", "value"}},
	{Key: "chart_row_separator"},
	{Key: "chart_jurisdiction_note"},
	{Key: "chart_year_note"},
	{Key: "chart_estimates", Args: []string{"date"}},
	{Key: "chart_estimates_configured"},
	{Key: "sentence_separator"},
	{Key: "tracker_caption_jurisdiction", Args: []string{"currency"}},
	{Key: "tracker_caption_year", Args: []string{"currency"}},
	{Key: "tracker_caption_tag", Args: []string{"currency"}},
	{Key: "column_jurisdiction"},
	{Key: "column_year"},
	{Key: "column_tag"},
	{Key: "column_report", Args: []string{"currency"}},
	{Key: "column_report_stated", Args: []string{"currency"}},
}

// errNoText is the error of a Text without a catalog (a theme that did
// not load).
var errNoText = errors.New("funding: no interface text to word the funding with")

// words fills in messages of one Text, keeping the first error, so that
// the code that words a whole tracker reads as text and reports once.
type words struct {
	Text
	err error
}

// say is the plain text of key with its placeholders filled in.
func (w *words) say(key string, args ...any) string {
	if w.c == nil {
		w.err = errNoText
		return ""
	}
	s, err := w.c.Plain(key, args...)
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

// date is a date of the form 2006-01-02 (the rates' date) as the language
// writes it in a note; anything else as it is.
func (w *words) date(iso string) string {
	if iso == "" {
		return iso // most figures have no date: time.Parse would make an error of it
	}
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil || w.c == nil {
		return iso
	}
	return w.c.ShortDate(t)
}

// period says when a yearly amount is given: "a year, 2023–2025", "a year,
// in 2025", or "a year until 2025" when the first year is not known; with
// an amount, the amount too: "CNY 100m a year, 2023–2025".
func (w *words) period(amount string, from, to int) string {
	var key string
	var args []any
	switch {
	case from == 0:
		key, args = "funding_period_until", []any{"year", to}
	case from == to:
		key, args = "funding_period_in", []any{"year", to}
	default:
		key, args = "funding_period", []any{"from", from, "to", to}
	}
	if amount != "" {
		key, args = "funding_yearly"+key[len("funding_period"):], append([]any{"amount", amount}, args...)
	}
	return w.say(key, args...)
}

// jurisdiction is a jurisdiction's name as an item writes it, in the words'
// language when site.toml translates it: a translation that inherits its
// original's items names their jurisdictions in its own language.
func (w *words) jurisdiction(cfg *config.Config, name string) string {
	if name == "" || w.c == nil {
		return name
	}
	declared, _, ok := cfg.Declared(config.JurisdictionsVocabulary, name)
	if !ok {
		return name
	}
	if local := cfg.TermName(config.JurisdictionsVocabulary, declared, w.c.Lang()); local != declared {
		return local
	}
	return name
}
