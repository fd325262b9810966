package alternates

import (
	"strconv"

	"brief/internal/pages"
	"brief/internal/site"
)

// Key names page p across editions, so that the pages of one key are
// versions of each other: a briefing by its translation key (site.Briefing's
// Group), a tag's or jurisdiction's page by the term and its translations, a year's by the year, the
// indexes, the archive, the tracker and search by their kind. A later page
// of a paginated list adds its number: page 2 of one edition's list is the
// version of page 2 of another's. The 404 page has none (no versions).
func Key(p pages.Page) string {
	var key string
	switch {
	case p.Briefing != nil:
		return "briefing/" + p.Briefing.Group
	case p.Term != nil:
		key = p.Term.Kind + ":" + termKey(p.Term)
	case p.Year != nil:
		key = "year/" + strconv.Itoa(p.Year.Year)
	case p.Kind == "terms":
		return "index/" + p.Section
	case p.Kind == "404":
		return ""
	default: // home, archive, funding, search
		key = p.Kind
	}
	if p.Pager.Number > 1 {
		key += ", page " + strconv.Itoa(p.Pager.Number)
	}
	return key
}

// termKey names a term and its translations alike: the least of their URLs
// (the model links a term to the same term of every other edition).
func termKey(t *site.Term) string {
	key := t.URL
	for _, tr := range t.Translations {
		key = min(key, tr.URL)
	}
	return key
}
