package seo

import (
	"strconv"
	"strings"
	"time"

	"brief/internal/site"
)

// Description is a page's meta description: the one the build gives (a
// briefing's summary), the description site.toml gives a tag or
// jurisdiction (on the first page of its list), else a sentence made from
// what the page lists, such as "23 briefings on Hong Kong, newest 1 August
// 2025." Later pages of a list say which part of it they show, so that no
// two pages share one.
func Description(s *site.Site, p Page) string {
	if p.Description != "" {
		return p.Description
	}
	n := len(s.Briefings)
	switch {
	case p.Briefing != nil:
		return briefingSentence(p.Briefing)
	case p.Term != nil:
		if p.Term.Description != "" && p.Number <= 1 {
			return p.Term.Description
		}
		if p.Term.Kind == site.TagsKind {
			return listSentence(s, p.Term.Briefings, p, "tagged "+p.Term.Name)
		}
		subject := "on " + p.Term.Name
		if p.Term.Note != "" {
			subject += " (" + p.Term.Note + ")"
		}
		return listSentence(s, p.Term.Briefings, p, subject)
	case p.Year != nil:
		return listSentence(s, p.Year.Briefings, p, "of "+strconv.Itoa(p.Year.Year))
	case p.Kind == "home":
		if p.Number <= 1 && s.Config.Description != "" {
			return s.Config.Description
		}
		return listSentence(s, s.Briefings, p, "")
	case p.Kind == "archive":
		if len(s.Years) == 0 {
			return "The archive of " + s.Config.Title + ": no briefings yet."
		}
		first, last := s.Years[len(s.Years)-1].Year, s.Years[0].Year
		span := "of " + strconv.Itoa(last)
		if first != last {
			span = "from " + strconv.Itoa(first) + " to " + strconv.Itoa(last)
		}
		return "The archive of " + s.Config.Title + ": " + count(n, "briefing") + " by year, " + span + "."
	case p.Kind == "terms" && p.Section == site.TagsKind:
		return count(len(p.Terms), "tag") + " across " + count(n, "briefing") + " of " + s.Config.Title + ", with the number of briefings under each."
	case p.Kind == "terms":
		return count(len(p.Terms), "jurisdiction") + " covered by " + count(n, "briefing") + " of " + s.Config.Title + ", with the number of briefings on each."
	case p.Kind == "search":
		return "Search " + count(n, "briefing") + " of " + s.Config.Title + " by title, summary, tag or jurisdiction."
	case p.Kind == "404":
		return "There is no page at this address. Try the search, the archive or the latest briefings."
	}
	if s.Config.Description != "" {
		return s.Config.Description
	}
	return s.Config.Title
}

// listSentence describes page p of the list all ("on Hong Kong").
func listSentence(s *site.Site, all []*site.Briefing, p Page, subject string) string {
	if subject != "" {
		subject = " " + subject
	}
	if len(all) == 0 {
		return "No briefings" + subject + " yet."
	}
	if p.Number <= 1 || len(p.Window) == 0 {
		if len(all) == 1 {
			return "One briefing" + subject + ", of " + date(all[0].Date) + "."
		}
		return count(len(all), "briefing") + subject + ", newest " + date(all[0].Date) + "."
	}
	first := (p.Number-1)*s.Config.Paginate + 1
	last := first + len(p.Window) - 1
	if first == last {
		return "Briefing " + strconv.Itoa(first) + " of " + strconv.Itoa(len(all)) + subject + ", of " + date(p.Window[0].Date) + "."
	}
	return "Briefings " + strconv.Itoa(first) + " to " + strconv.Itoa(last) + " of " + strconv.Itoa(len(all)) + subject +
		", from " + date(p.Window[0].Date) + " back to " + date(p.Window[len(p.Window)-1].Date) + "."
}

// briefingSentence stands in for a missing summary.
func briefingSentence(b *site.Briefing) string {
	var sb strings.Builder
	sb.WriteString("A briefing of " + date(b.Date))
	if len(b.Jurisdictions) > 0 {
		names := make([]string, len(b.Jurisdictions))
		for i, t := range b.Jurisdictions {
			names[i] = t.Name
		}
		sb.WriteString(" on " + and(names))
	}
	if len(b.Tags) > 0 {
		names := make([]string, len(b.Tags))
		for i, t := range b.Tags {
			names[i] = t.Name
		}
		sb.WriteString(", tagged " + and(names))
	}
	sb.WriteString(": " + b.Title)
	if !strings.HasSuffix(b.Title, ".") {
		sb.WriteString(".")
	}
	return sb.String()
}

func date(t time.Time) string { return t.Format("2 January 2006") }

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// and joins names as prose: "a", "a and b", "a, b and c".
func and(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
