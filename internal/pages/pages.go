// Package pages lists the pages of a site: one per briefing, the paginated
// lists (home, each tag, jurisdiction and year), the indexes, the archive,
// the funding tracker, search and the 404 page. It is a pure function of
// the model; rendering them is render's job.
package pages

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"brief/internal/funding"
	"brief/internal/site"
	"brief/internal/sources"
)

// Kinds are the page templates a theme provides, one file each.
var Kinds = []string{"home", "briefing", "list", "terms", "archive", "404", "search", "funding"}

// Page is one page before rendering: what it shows and where it goes.
type Page struct {
	Kind        string // one of Kinds
	Section     string // the nav section it belongs to: "tags", "jurisdictions", "archive", "funding", "search" or ""
	Title       string // page title; empty on the home page
	Description string
	URL         string // site-relative: "/tags/web3/"
	Feed        string // this page's own feed, if any
	NoIndex     bool   // ask search engines not to index (404)

	Briefing *site.Briefing   // briefing pages
	Term     *site.Term       // tag and jurisdiction pages
	Terms    []*site.Term     // the tag and jurisdiction indexes
	Year     *site.Year       // a year's archive page
	Years    []*site.Year     // the archive index
	List     []*site.Briefing // the briefings of this page of a list
	Pager    Pager
	Totals   *funding.Sum // funding totals of the whole list (every page of it), worded in the page's language when rendered

	Owner Owner // what makes the page, for messages about its URL; a briefing's: BriefingOwner
}

// Pager places a page within a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site-relative URLs, empty at the ends
}

// Owner names the source of an output, so that a clash of two outputs on
// one path can point at both.
type Owner struct {
	File  string
	Line  int
	Field string
	What  string
}

func (o Owner) String() string {
	if o.File == "" {
		return o.What
	}
	if o.Line > 0 {
		return fmt.Sprintf("%s (%s:%d)", o.What, o.File, o.Line)
	}
	return fmt.Sprintf("%s (%s)", o.What, o.File)
}

// All lists the site's pages: briefings, then the rest (Lists), each page
// of each list. On a clash of URLs the page listed first keeps it.
func All(s *site.Site) []Page {
	out := make([]Page, 0, len(s.Briefings))
	for _, b := range s.Briefings {
		out = append(out, Briefing(b))
	}
	for _, l := range Lists(s) {
		for n := 1; n <= l.Pages; n++ {
			out = append(out, l.Page(n))
		}
	}
	return out
}

// A List is one of the pages other than the briefings', or a paginated
// list of briefings whose pages are made when asked for (Page): a site
// holds one per term or year, not one per page of it, as a large site has
// thousands of them.
type List struct {
	first Page // with the whole list in List
	per   int  // briefings per page; 0 for a page that is not paginated
	Pages int  // how many pages it has
}

// Page is the n-th page of l, from 1 to l.Pages.
func (l List) Page(n int) Page {
	p := l.first
	if l.per == 0 {
		return p
	}
	base := p.URL
	p.List = p.List[(n-1)*l.per : min(n*l.per, len(p.List))]
	p.URL = site.PageURL(base, n)
	p.Pager = Pager{Number: n, Total: l.Pages}
	if n > 1 {
		p.Pager.Prev = site.PageURL(base, n-1)
		if p.Title != "" {
			p.Title = fmt.Sprintf("%s (page %d)", p.Title, n)
		}
	}
	if n < l.Pages {
		p.Pager.Next = site.PageURL(base, n+1)
	}
	return p
}

// one is a list of a single page that lists no briefings.
func one(p Page) List { return List{first: p, Pages: 1} }

// Lists lists the pages other than the briefings': the home page's list,
// each tag's and jurisdiction's, the two indexes, the archive and each
// year's list, the funding tracker, the 404 page and search.
func Lists(s *site.Site) []List {
	// Every page's funding totals are made once, while the pages are
	// listed, and given to them at the end.
	var bd *funding.Breakdown
	var summed sync.WaitGroup
	summed.Go(func() { bd = funding.NewBreakdown(s.Config, s) })
	out := paginate(nil, s, Page{Kind: "home", URL: s.URLs.Home, Owner: Owner{What: "the home page"}}, s.Briefings)
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			out = paginate(out, s, termPage(s, nil, t), t.Briefings)
		}
	}
	out = append(out,
		one(termIndex(s, site.TagsKind, "Tags", s.Tags)),
		one(termIndex(s, site.JurisdictionsKind, "Jurisdictions", s.Jurisdictions)),
		one(Page{Kind: "archive", Section: "archive", Title: "Archive", URL: s.URLs.Archive, Years: s.Years, Owner: Owner{What: "the archive"}}))
	for _, y := range s.Years {
		p := Page{Kind: "list", Section: "archive", Title: fmt.Sprintf("Briefings of %d", y.Year), URL: y.URL, Year: y,
			Owner: Owner{What: fmt.Sprintf("the archive of %d", y.Year)}}
		out = paginate(out, s, p, y.Briefings)
	}
	out = append(out,
		one(Page{Kind: "funding", Section: "funding", Title: "Funding tracker", URL: s.URLs.Funding,
			Description: "Every funding figure in the briefings, with totals by jurisdiction, year and tag.", Owner: Owner{What: "the funding tracker"}}),
		one(Page{Kind: "404", Title: "Page not found", URL: s.URLs.NotFound, NoIndex: true, Owner: Owner{What: "the 404 page"}}),
		one(searchPage(s)))
	summed.Wait()
	giveTotals(bd, out)
	return out
}

func searchPage(s *site.Site) Page {
	return Page{Kind: "search", Section: "search", Title: "Search", URL: s.URLs.Search, Owner: Owner{What: "the search page"},
		Terms: append(slices.Clip(s.Tags), s.Jurisdictions...), Years: s.Years}
}

// Relist brings lists, the lists Lists made of s, up to date with an
// update of the model in place that changed its terms (site.Update): the
// lists of the terms that gained or lost a briefing (moved) are made
// again, with their funding totals when resum says the briefing has
// funding, those of the terms made are added at the end, those of the
// terms emptied are left without pages, and the indexes and the search
// page list the site's terms again. The other lists keep their places,
// so that what is planned of them stays true. It returns the new lists
// and the places of those it changed, with the other lists of changed
// terms (their counts and families, which their pages show).
func Relist(s *site.Site, lists []List, changed, made, emptied, moved []*site.Term, resum bool) ([]List, []int) {
	out := slices.Clone(lists)
	var at []int
	replace := func(i int, l List) {
		out[i] = l
		at = append(at, i)
	}
	list := func(t *site.Term, old *List) List {
		p := termPage(s, nil, t)
		if resum || old == nil {
			p.Totals = funding.TermSum(s.Config, t)
		} else {
			p.Totals = old.first.Totals
		}
		return paginate(nil, s, p, t.Briefings)[0]
	}
	for i, l := range lists {
		t := l.first.Term
		switch {
		case t != nil && slices.Contains(emptied, t):
			replace(i, List{})
		case t != nil && slices.Contains(moved, t):
			replace(i, list(t, &l))
		case t != nil && slices.Contains(changed, t):
			// The same briefings; the first that names it may not be.
			l.first.Owner = termPage(s, nil, t).Owner
			replace(i, l)
		case l.first.Kind == "terms" && l.first.Section == site.TagsKind:
			replace(i, one(termIndex(s, site.TagsKind, "Tags", s.Tags)))
		case l.first.Kind == "terms":
			replace(i, one(termIndex(s, site.JurisdictionsKind, "Jurisdictions", s.Jurisdictions)))
		case l.first.Kind == "search":
			replace(i, one(searchPage(s)))
		}
	}
	for _, t := range made {
		at = append(at, len(out))
		out = append(out, list(t, nil))
	}
	return out, at
}

// Briefing is a briefing's own page. Its Owner is left empty: pages are
// made of each briefing several times a build, and only a message about
// its URL needs BriefingOwner.
func Briefing(b *site.Briefing) Page {
	return Page{Kind: "briefing", Title: b.Title, Description: b.Summary, URL: b.URL, Briefing: b}
}

// BriefingOwner names the source of a briefing's page: its slug's line.
func BriefingOwner(b *site.Briefing) Owner {
	return Owner{File: b.Path, Line: b.Line("slug"), Field: "slug", What: "briefing " + b.Path}
}

func termPage(s *site.Site, bd *funding.Breakdown, t *site.Term) Page {
	what := fmt.Sprintf("the page of %s %q", strings.TrimSuffix(t.Kind, "s"), t.Name)
	if t.Kind == site.JurisdictionsKind {
		what = fmt.Sprintf("the page of jurisdiction %q", t.Name)
	}
	p := Page{Kind: "list", Section: t.Kind, Title: t.Name, URL: t.URL, Feed: t.Feed, Term: t, Owner: TermOwner(s, t, what)}
	if bd != nil {
		p.Totals = totals(bd, p)
	}
	return p
}

// totals are the funding totals of a list of a term's or a year's
// briefings (of every page of it), from bd.
func totals(bd *funding.Breakdown, p Page) *funding.Sum {
	switch {
	case p.Kind != "list":
		return nil
	case p.Term != nil:
		return bd.Term(p.Term)
	case p.Year != nil:
		return bd.Year(p.Year.Year)
	}
	return nil
}

// SumAgain makes the funding totals of lists, the lists Lists made of s,
// again from s: a build that swapped a briefing's front matter in place
// (site.Update) keeps its lists but for the amounts.
func SumAgain(s *site.Site, lists []List) {
	giveTotals(funding.NewBreakdown(s.Config, s), lists)
}

// giveTotals gives the lists of terms and years their funding totals from bd.
func giveTotals(bd *funding.Breakdown, lists []List) {
	for i := range lists {
		p := &lists[i].first
		p.Totals = totals(bd, *p)
	}
}

// TermOwner names where a tag or jurisdiction comes from, for messages
// about its outputs: the first briefing (by path) that names it, at its
// line, or for a jurisdiction named only as a parent, its line in
// site.toml.
func TermOwner(s *site.Site, t *site.Term, what string) Owner {
	field := "tags"
	if t.Kind == site.JurisdictionsKind {
		field = "jurisdiction"
	}
	var first *site.Briefing
	for _, b := range t.Briefings {
		terms := b.Tags
		if t.Kind == site.JurisdictionsKind {
			terms = b.Jurisdictions
		}
		if slices.Contains(terms, t) && (first == nil || b.Path < first.Path) {
			first = b
		}
	}
	if first != nil {
		return Owner{File: first.Path, Line: first.Line(field), Field: field, What: what}
	}
	cfg := s.Config
	for _, child := range slices.Sorted(maps.Keys(cfg.Parents)) {
		if strings.EqualFold(cfg.Parents[child], t.Name) {
			key := "jurisdictions." + child
			return Owner{File: sources.ConfigFile, Line: cfg.Lines[key], Field: key + ".parent", What: what}
		}
	}
	return Owner{What: what}
}

func termIndex(s *site.Site, kind, title string, terms []*site.Term) Page {
	return Page{Kind: "terms", Section: kind, Title: title, URL: s.URLs.TermsURL(kind), Terms: terms, Owner: Owner{What: "the " + kind + " index"}}
}

// paginate appends the list bs at first.URL, whose pages are base,
// base/page/2/, ... with the site's number of briefings per page. Later
// pages add their number to a title.
func paginate(out []List, s *site.Site, first Page, bs []*site.Briefing) []List {
	per := s.Config.Paginate
	first.List = bs
	return append(out, List{first: first, per: per, Pages: max(1, (len(bs)+per-1)/per)})
}
