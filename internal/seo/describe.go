package seo

import (
	"strings"
	"time"

	"brief/internal/i18n"
	"brief/internal/site"
)

// Description is a page's meta description in the language of c: the one
// the build gives (a briefing's summary), the description site.toml gives
// a tag or jurisdiction in that language (on the first page of its list),
// else a sentence made from what the page lists, such as "23 briefings on
// Hong Kong, newest 1 August 2025." Later pages of a list say which part
// of it they show, so that no two pages share one.
func Description(s *site.Site, c *i18n.Catalog, p Page) (string, error) {
	t := &text{c: c}
	d := t.describe(s, p)
	return d, t.err
}

func (t *text) describe(s *site.Site, p Page) string {
	if p.Description != "" {
		return p.Description
	}
	n := len(s.Briefings)
	title := s.Config.Title
	switch {
	case p.Briefing != nil:
		return t.briefingSentence(p.Briefing)
	case p.Term != nil:
		if p.Term.Description != "" && p.Number <= 1 {
			return p.Term.Description
		}
		if p.Term.Kind == site.TagsKind {
			return t.listSentence(s, p.Term.Briefings, p, t.get("describe_tagged", "name", p.Term.Name))
		}
		name := p.Term.Name
		if p.Term.Note != "" {
			name = t.get("describe_with_note", "name", name, "note", p.Term.Note)
		}
		return t.listSentence(s, p.Term.Briefings, p, t.get("describe_on", "name", name))
	case p.Year != nil:
		return t.listSentence(s, p.Year.Briefings, p, t.get("describe_of_year", "year", p.Year.Year))
	case p.Kind == "home":
		if p.Number <= 1 && s.Config.Description != "" {
			return s.Config.Description
		}
		return t.listSentence(s, s.Briefings, p, "")
	case p.Kind == "archive":
		if len(s.Years) == 0 {
			return t.get("describe_archive_empty", "site", title)
		}
		first, last := s.Years[len(s.Years)-1].Year, s.Years[0].Year
		span := t.get("describe_span_year", "year", last)
		if first != last {
			span = t.get("describe_span_years", "first", first, "last", last)
		}
		return t.get("describe_archive", "site", title, "briefings", t.get("briefing_count", "count", n), "span", span)
	case p.Kind == "terms" && p.Section == site.TagsKind:
		return t.get("describe_tags", "site", title, "tags", t.get("tag_count", "count", len(p.Terms)), "briefings", t.get("briefing_count", "count", n))
	case p.Kind == "terms":
		return t.get("describe_jurisdictions", "site", title, "jurisdictions", t.get("jurisdiction_count", "count", len(p.Terms)), "briefings", t.get("briefing_count", "count", n))
	case p.Kind == "funding":
		return t.get("describe_tracker")
	case p.Kind == "search":
		return t.get("describe_search", "site", title, "briefings", t.get("briefing_count", "count", n))
	case p.Kind == "404":
		return t.get("describe_not_found")
	}
	if s.Config.Description != "" {
		return s.Config.Description
	}
	return title
}

// listSentence describes page p of the list all; subject says what the
// list holds (describe_on: " on Hong Kong"), "" for every briefing.
func (t *text) listSentence(s *site.Site, all []*site.Briefing, p Page, subject string) string {
	if len(all) == 0 || p.Number <= 1 || len(p.Window) == 0 {
		newest := ""
		if len(all) > 0 {
			newest = t.date(all[0].Date)
		}
		return t.get("describe_list", "count", len(all), "subject", subject, "date", newest)
	}
	first := (p.Number-1)*s.Config.Paginate + 1
	last := first + len(p.Window) - 1
	if first == last {
		return t.get("describe_list_page_one", "number", first, "total", len(all), "subject", subject, "date", t.date(p.Window[0].Date))
	}
	return t.get("describe_list_page", "first", first, "last", last, "total", len(all), "subject", subject,
		"newest", t.date(p.Window[0].Date), "oldest", t.date(p.Window[len(p.Window)-1].Date))
}

// briefingSentence stands in for a missing summary.
func (t *text) briefingSentence(b *site.Briefing) string {
	on, tagged := "", ""
	if len(b.Jurisdictions) > 0 {
		on = t.get("describe_briefing_on", "names", t.and(site.Names(b.Jurisdictions)))
	}
	if len(b.Tags) > 0 {
		tagged = t.get("describe_briefing_tagged", "names", t.and(site.Names(b.Tags)))
	}
	// The title ends the sentence: it gets a full stop unless it has one.
	title := b.Title
	if stop := t.get("full_stop"); !strings.HasSuffix(title, stop) {
		title += stop
	}
	return t.get("describe_briefing", "date", t.date(b.Date), "on", on, "tagged", tagged, "title", title)
}

// and joins names as the language writes a list in prose: "a", "a and
// b", "a, b and c" (list_and joins the last to the rest, which
// list_separator separates).
func (t *text) and(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return t.get("list_and", "rest", names[:len(names)-1], "last", names[len(names)-1])
}

// Uses are the interface text keys seo fills in, with their placeholders:
// a language's files must have each (see i18n.Load).
var Uses = []i18n.Use{
	{Key: "crumb_home"}, {Key: "nav_jurisdictions"}, {Key: "nav_tags"}, {Key: "nav_archive"},
	{Key: "crumb_year", Args: []string{"year"}}, {Key: "crumb_page", Args: []string{"number"}},
	{Key: "home_page_title", Args: []string{"number"}}, {Key: "tag_title", Args: []string{"name"}},
	{Key: "year_title", Args: []string{"year"}}, {Key: "paged_title", Args: []string{"title", "number"}},
	{Key: "briefing_count", Args: []string{"count"}}, {Key: "tag_count", Args: []string{"count"}},
	{Key: "jurisdiction_count", Args: []string{"count"}}, {Key: "list_separator"}, {Key: "list_and", Args: []string{"rest", "last"}},
	{Key: "full_stop"},
	{Key: "describe_briefing", Args: []string{"date", "on", "tagged", "title"}},
	{Key: "describe_briefing_on", Args: []string{"names"}}, {Key: "describe_briefing_tagged", Args: []string{"names"}},
	{Key: "describe_list", Args: []string{"count", "subject", "date"}},
	{Key: "describe_list_page", Args: []string{"first", "last", "total", "subject", "newest", "oldest"}},
	{Key: "describe_list_page_one", Args: []string{"number", "total", "subject", "date"}},
	{Key: "describe_on", Args: []string{"name"}}, {Key: "describe_with_note", Args: []string{"name", "note"}},
	{Key: "describe_tagged", Args: []string{"name"}}, {Key: "describe_of_year", Args: []string{"year"}},
	{Key: "describe_archive", Args: []string{"site", "briefings", "span"}}, {Key: "describe_archive_empty", Args: []string{"site"}},
	{Key: "describe_span_year", Args: []string{"year"}}, {Key: "describe_span_years", Args: []string{"first", "last"}},
	{Key: "describe_tags", Args: []string{"site", "tags", "briefings"}},
	{Key: "describe_jurisdictions", Args: []string{"site", "jurisdictions", "briefings"}},
	{Key: "describe_search", Args: []string{"site", "briefings"}}, {Key: "describe_tracker"}, {Key: "describe_not_found"},
}

// text fills in messages of one language as plain text, keeping the first
// error (a key or placeholder the language's files lack), so that a
// sentence reads as the lookups that make it.
type text struct {
	c   *i18n.Catalog
	err error
}

func (t *text) get(key string, args ...any) string {
	s, err := t.c.Plain(key, args...)
	if err != nil && t.err == nil {
		t.err = err
	}
	return s
}

func (t *text) date(d time.Time) string { return t.c.Date(d) }
