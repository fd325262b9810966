// Package seo decides what each page says about itself in its <head>: a
// unique title, a description (a briefing's summary, or a sentence made
// from a list's contents), the canonical URL, OpenGraph and Twitter card
// tags for link previews, breadcrumbs and structured data. It is a pure
// function of the site model and the page.
package seo

import (
	"html/template"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"brief/internal/alternates"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/lending"
	"brief/internal/site"
)

// Page is what seo needs to know about the page being rendered.
type Page struct {
	Kind        string // "home", "briefing", "list", "terms", "archive", "funding", "search", "404"
	Section     string // "tags", "jurisdictions", ... for terms indexes
	Title       string // as the build titles it: "Web3", "Briefings of 2023 (page 2)"; empty on the home page
	Description string // given by the build, used when set
	URL         string // site path
	NoIndex     bool
	Number      int // page of a paginated list, from 1
	Total       int // pages in the list
	Window      []*site.Briefing
	Briefing    *site.Briefing
	Term        *site.Term
	Year        *site.Year
	Terms       []*site.Term
	URLs        site.URLs // the edition's pages
	// Cover and Words are what the build made for a briefing: its share
	// image (zero for the site's default) and its body's word count.
	Cover site.Image
	Words int
	// Alternates holds the versions of every page in the site's languages
	// (nil for a site of one language).
	Alternates *alternates.Set
}

// Head is what the theme's head partial prints.
type Head struct {
	Title       string // the whole <title>
	ShareTitle  string // og:title: the page's own title, without the site's (the site's on the home page)
	Description string
	Canonical   string // absolute; empty on pages that are not to be indexed
	NoIndex     bool
	SiteName    string
	Locale      string // og:locale ("en_GB"); empty when the language names no region
	Type        string // og:type: "article" or "website"
	Image       site.Image
	ImageURL    string // absolute
	Twitter     string // twitter:site
	Article     *Article
	Crumbs      []jsonld.Crumb // on briefing and list pages; the page itself last
	// HrefLang lists the page's versions in every language, itself and
	// x-default included, with absolute URLs; empty for a page without
	// translations and for pages not to be indexed.
	HrefLang []alternates.Link
	JSONLD   template.JS // the page's structured data, ready for <script type="application/ld+json">
}

// Article holds the article:* properties of a briefing's OpenGraph tags.
type Article struct {
	Published, Modified string // RFC 3339 with the offset as written
	Section             string // the first jurisdiction
	Tags                []string
	Authors             []string // profile URLs from site.toml's [authors]
}

// Of computes the head of page p, its text in the language of c. The
// error names a message that c lacks.
func Of(env jsonld.Env, c *i18n.Catalog, p Page) (Head, error) {
	var sp space
	_, err := of(env, c, p, &sp, false)
	return sp.head, err
}

// OfLent is Of with the head made in lent space, its JSON-LD too
// (jsonld.LendScript): the caller gives it back (Lent.Return) once the
// head is written out, and reads nothing of it after. Every page's head
// made a dozen objects (a tenth of a build's allocations).
func OfLent(env jsonld.Env, c *i18n.Catalog, p Page) (*Head, Lent, error) {
	sp, _ := spaces.Get().(*space)
	if sp == nil {
		sp = new(space)
	}
	script, err := of(env, c, p, sp, true)
	return &sp.head, Lent{Lent: script, space: sp}, err
}

// Lent is what OfLent lent a head: its structured data's document and the
// space the head is made in. The zero Lent gives nothing back.
type Lent struct {
	jsonld.Lent
	space *space
}

// Return gives the head's space and document back: nothing may read the
// head after.
func (l Lent) Return() {
	l.Lent.Return()
	if sp := l.space; sp != nil {
		text := sp.text[:0]
		lending.Spoil(sp.text)
		*sp = space{text: text} // it held the model's strings
		spaces.Put(sp)
	}
}

// space is where a head is made: the head, and what it points into.
type space struct {
	head        Head
	article     Article
	articleNode jsonld.ArticleNode
	crumbs      [8]jsonld.Crumb
	trail       jsonld.BreadcrumbNode
	nodes       [3]any
	text        []byte // what the head's strings made here hold (join)
}

// join is a, b and c as one string, made in the space's text: the page's
// title (a head's strings are read until the space is given back).
func (sp *space) join(a, b, c string) string {
	start := len(sp.text)
	sp.text = append(append(append(sp.text, a...), b...), c...)
	return unsafe.String(unsafe.SliceData(sp.text[start:]), len(sp.text)-start)
}

// spaces are heads' spaces given back (Lent.Return).
var spaces sync.Pool

func of(env jsonld.Env, c *i18n.Catalog, p Page, sp *space, lend bool) (jsonld.Lent, error) {
	t := &text{c: c}
	cfg := env.Site.Config
	h := &sp.head
	*h = Head{
		ShareTitle:  t.shareTitle(p),
		Description: t.describe(env.Site, p),
		NoIndex:     p.NoIndex,
		SiteName:    cfg.Title,
		Locale:      locale(cfg.Language),
		Type:        "website",
		Image:       env.Image,
		Twitter:     cfg.SEO.Twitter,
	}
	h.Title = sp.join(h.ShareTitle, " · ", cfg.Title)
	if h.ShareTitle == "" { // the home page
		h.ShareTitle, h.Title = cfg.Title, cfg.Title
	}
	var versions []alternates.Version
	if !p.NoIndex {
		h.Canonical = env.Abs(p.URL)
		if p.Alternates != nil {
			versions = p.Alternates.Versions(p.URL)
			for _, l := range p.Alternates.HrefLang(p.URL) {
				h.HrefLang = append(h.HrefLang, alternates.Link{HrefLang: l.HrefLang, URL: env.Abs(l.URL)})
			}
		}
	}
	if canon, self, abs := h.Canonical, p.URL, env.Abs; canon != "" && p.Briefing != nil {
		// The article and the trail's last step name the page again.
		env.Abs = func(u string) string {
			if u == self {
				return canon
			}
			return abs(u)
		}
	}
	nodes := sp.nodes[:0] // jsonld's objects: an *ArticleNode, Nodes
	if b := p.Briefing; b != nil {
		h.Type = "article"
		if p.Cover.URL != "" {
			h.Image = p.Cover
		}
		n := sp.articleNode.Of(env, b, p.Cover, p.Words, h.Description)
		h.Article = article(&sp.article, env, b, n)
		n.Translations(env, p.URL, versions)
		nodes = append(nodes, n)
	}
	if h.Crumbs = t.trail(p, sp.crumbs[:0]); h.Crumbs != nil {
		nodes = append(nodes, sp.trail.Of(env, h.Crumbs))
	}
	if p.Kind == "home" && p.Number <= 1 {
		n := jsonld.WebSite(env)
		jsonld.Translations(env, n, "#website", p.URL, versions)
		nodes = append(nodes, n)
	}
	if h.Image.Alt == "" {
		h.Image.Alt = cfg.SEO.ImageAlt
	}
	if h.Image.Alt == "" {
		h.Image.Alt = cfg.Title
	}
	h.ImageURL = env.Abs(h.Image.URL)
	var lent jsonld.Lent
	if lend {
		h.JSONLD, lent = jsonld.LendScript(nodes...)
	} else {
		h.JSONLD = jsonld.Script(nodes...)
	}
	return lent, t.err
}

// shareTitle is the page's own title: unique across the site, because tag
// and jurisdiction pages of one name differ by their prefix and later pages
// of a list by their number. Lists of a term or year are titled here, in
// the page's language; other pages keep the title the build gives them.
func (t *text) shareTitle(p Page) string {
	title := p.Title
	switch {
	case p.Kind == "home" && p.Number > 1:
		return t.get("home_page_title", "number", p.Number)
	case p.Term != nil && p.Term.Kind == site.TagsKind:
		title = t.get("tag_title", "name", p.Term.Name)
	case p.Term != nil:
		title = p.Term.Name
	case p.Year != nil:
		title = t.get("year_title", "year", p.Year.Year)
	default:
		return title // "" on the home page: the site title alone
	}
	if p.Number > 1 {
		title = t.get("paged_title", "title", title, "number", p.Number)
	}
	return title
}

// article makes the OpenGraph properties of b, whose structured data is
// n: they share its dates, formatted once, and its keywords (the tags'
// names; both only read them).
func article(a *Article, env jsonld.Env, b *site.Briefing, n *jsonld.ArticleNode) *Article {
	*a = Article{Published: n.Published(), Tags: n.Keywords()}
	if b.Updated.After(b.Date) {
		a.Modified = n.Modified()
	}
	if len(b.Jurisdictions) > 0 {
		a.Section = b.Jurisdictions[0].Name
	}
	for _, name := range b.Authors {
		if u := env.Site.Config.Authors[name].URL; u != "" {
			a.Authors = append(a.Authors, u)
		}
	}
	return a
}

// locale turns a BCP 47 language tag into OpenGraph's language_TERRITORY
// form; a tag without a region gives "", since og:locale would guess it.
func locale(lang string) string {
	if !strings.ContainsAny(lang, "-_") {
		return "" // one part: no region
	}
	parts := strings.FieldsFunc(lang, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) < 2 {
		return ""
	}
	region := parts[len(parts)-1]
	if len(region) != 2 {
		return ""
	}
	return strings.ToLower(parts[0]) + "_" + strings.ToUpper(region)
}

// Trail is the breadcrumb trail of a briefing, term or year page, the
// site's own pages named in the language of c; nil for other pages.
func Trail(c *i18n.Catalog, p Page) ([]jsonld.Crumb, error) {
	t := &text{c: c}
	trail := t.trail(p, nil)
	return trail, t.err
}

// trail leads from the home page: to a briefing through its first
// jurisdiction (and that one's parents) or else its year, to a term
// through the index of its kind (and a jurisdiction's parents), to a year
// through the archive; a later page of a list ends with its number.
//
// The trail is made in room's array when it fits (room is empty).
func (t *text) trail(p Page, room []jsonld.Crumb) []jsonld.Crumb {
	u := p.URLs
	sized := func(n int) []jsonld.Crumb {
		if n <= cap(room) {
			return room[:0:n] // as make would: appending past n copies
		}
		return make([]jsonld.Crumb, 0, n)
	}
	more := 0 // room for a later page's number: the trail is one block
	if p.Number > 1 {
		more = 1
	}
	var arr [8]*site.Term
	var trail []jsonld.Crumb
	switch {
	case p.Briefing != nil:
		b := p.Briefing
		if len(b.Jurisdictions) > 0 {
			up := ancestry(arr[:0], b.Jurisdictions[0])
			trail = sized(3 + len(up))
			trail = append(trail, t.crumb("crumb_home", u.Home), t.crumb("nav_jurisdictions", u.Jurisdictions))
			trail = appendLineage(trail, up)
		} else {
			y := b.Date.Year()
			trail = sized(4)
			trail = append(trail, t.crumb("crumb_home", u.Home), t.crumb("nav_archive", u.Archive), jsonld.Crumb{Name: t.get("crumb_year", "year", y), URL: u.Year(y)})
		}
		return append(trail, jsonld.Crumb{Name: b.Title, URL: b.URL})
	case p.Term != nil:
		index := t.crumb("nav_tags", u.Tags)
		if p.Term.Kind == site.JurisdictionsKind {
			index = t.crumb("nav_jurisdictions", u.Jurisdictions)
		}
		up := ancestry(arr[:0], p.Term)
		trail = sized(2 + len(up) + more)
		trail = appendLineage(append(trail, t.crumb("crumb_home", u.Home), index), up)
	case p.Year != nil:
		trail = sized(3 + more)
		trail = append(trail, t.crumb("crumb_home", u.Home), t.crumb("nav_archive", u.Archive),
			jsonld.Crumb{Name: t.get("crumb_year", "year", p.Year.Year), URL: p.Year.URL})
	default:
		return nil
	}
	if p.Number > 1 {
		trail = append(trail, jsonld.Crumb{Name: t.get("crumb_page", "number", p.Number), URL: site.PageURL(trail[len(trail)-1].URL, p.Number)})
	}
	return trail
}

// crumb is one of the site's own pages, named by the message key.
func (t *text) crumb(key, url string) jsonld.Crumb {
	return jsonld.Crumb{Name: t.get(key), URL: url}
}

// ancestry appends t and its ancestors to up, t first: a few, so a
// cycle is found by looking.
func ancestry(up []*site.Term, t *site.Term) []*site.Term {
	for x := t; x != nil && !slices.Contains(up, x); x = x.Parent {
		up = append(up, x)
	}
	return up
}

// appendLineage appends the terms of up, which ancestry gave, outermost
// first.
func appendLineage(trail []jsonld.Crumb, up []*site.Term) []jsonld.Crumb {
	for i := len(up) - 1; i >= 0; i-- {
		trail = append(trail, jsonld.Crumb{Name: up[i].Name, URL: up[i].URL})
	}
	return trail
}
