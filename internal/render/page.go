package render

import (
	"brief/internal/funding"
	"brief/internal/site"
)

// Page is what every template receives as its dot.
type Page struct {
	Kind        string // one of Kinds
	Section     string // the nav section it belongs to: "tags", "jurisdictions", "archive", "funding", "search" or ""
	Title       string // page title; empty on the home page
	Description string
	URL         string // site-relative: "/tags/web3/"
	Feed        string // this page's own feed, if any
	NoIndex     bool   // ask search engines not to index (404)
	Site        *site.Site

	Briefing *site.Briefing // briefing pages
	Term     *site.Term     // tag and jurisdiction pages
	Terms    []*site.Term   // the tag and jurisdiction indexes
	Year     *site.Year     // a year's archive page
	Years    []*site.Year   // the archive index
	List     []*site.Briefing
	Pager    Pager
	Totals   []string         // funding totals for the listed briefings, formatted
	Funding  *funding.Tracker // the funding tracker's data
}

// Pager places a page within a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site-relative URLs, empty at the ends
}
