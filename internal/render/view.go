package render

import (
	"html/template"
	"sync"
	"sync/atomic"

	"brief/internal/alternates"
	"brief/internal/config"

	"brief/internal/funding"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/pages"
	"brief/internal/seo"
	"brief/internal/site"
)

// Page is what every template receives as its dot: a page of the site
// (see pages.Page for its fields), with the model's briefings, terms and
// years seen through views that join them with what the build rendered for
// them.
//
// html/template finds a promoted field by a slow search on every access,
// so the fields templates read most are copied to the top of each view.
type Page struct {
	Kind        string
	Section     string
	Title       string
	Description string
	URL         string
	Feed        string
	NoIndex     bool
	Pager       pages.Pager
	Totals      []string // the list's funding totals (pages.Page.Totals) as the page's language words them
	Site        *Site

	Briefing *Briefing // briefing pages
	Term     *Term     // tag and jurisdiction pages
	Terms    []*Term   // the tag and jurisdiction indexes
	Year     *Year     // a year's archive page
	Years    []*Year   // the archive index
	List     []*Briefing
	Funding  *funding.Tracker // the funding tracker's data

	of pageOf // what the page is of the model, for the head helper

	// lent are the heads' structured data lent while the page renders
	// (seo.OfLent), returned when Render has written it.
	// (A template calls head once: more go in more.) One page may be
	// rendered on several goroutines at once (the dev server, tests): what
	// any of them lent is returned only when none is rendering, since the
	// page does not know which render lent what.
	lentMu    sync.Mutex
	rendering int
	lent      seo.Lent
	more      []seo.Lent
	// trail is the trail the head helper found in the language of
	// trailIn while the page renders, for the crumbs helper, which the
	// default theme calls after it, not to work it out again.
	trail   []jsonld.Crumb
	trailIn *i18n.Catalog
}

// pageOf is what the head helper reads of the model's page (pages.Page),
// without the rest of it: a Page is made for every output.
type pageOf struct {
	List     []*site.Briefing
	Terms    []*site.Term
	Briefing *site.Briefing
	Term     *site.Term
	Year     *site.Year
}

// lend keeps l to return once the page is rendered.
func (p *Page) lend(l seo.Lent) {
	if l == (seo.Lent{}) {
		return
	}
	p.lentMu.Lock()
	if p.lent == (seo.Lent{}) {
		p.lent = l
	} else {
		p.more = append(p.more, l)
	}
	p.lentMu.Unlock()
}

// keepTrail keeps the trail the head helper found in the language of c,
// for the rest of the render.
func (p *Page) keepTrail(c *i18n.Catalog, trail []jsonld.Crumb) {
	p.lentMu.Lock()
	if p.rendering > 0 {
		p.trail, p.trailIn = trail, c
	}
	p.lentMu.Unlock()
}

// keptTrail is the trail kept in the language of c, if any.
func (p *Page) keptTrail(c *i18n.Catalog) (trail []jsonld.Crumb, ok bool) {
	p.lentMu.Lock()
	defer p.lentMu.Unlock()
	return p.trail, c != nil && p.trailIn == c
}

// beginRender counts a render of the page; returnLent ends it.
func (p *Page) beginRender() {
	p.lentMu.Lock()
	p.rendering++
	p.lentMu.Unlock()
}

// returnLent ends a render of the page and, when no other render of it is
// under way, returns what its heads lent: every render has written it.
func (p *Page) returnLent() {
	p.lentMu.Lock()
	p.rendering--
	if p.rendering > 0 {
		p.lentMu.Unlock()
		return
	}
	lent, more := p.lent, p.more
	p.lent, p.more = seo.Lent{}, nil
	p.trail, p.trailIn = nil, nil // the model may change before a later render
	p.lentMu.Unlock()
	lent.Return()
	for _, l := range more {
		l.Return()
	}
}

// Briefing is a briefing as templates see it: the model's briefing
// (front matter, URL, terms) with its rendered body, card, reading time
// and funding figures, which the build keeps in its own caches. Unlike
// the other views it copies none of the model's fields: there is one per
// briefing to the end of a build, and the template executor (tmplexec)
// reaches promoted fields by an index path found once per type.
type Briefing struct {
	*site.Briefing
	Content        template.HTML // the rendered body
	Card           template.HTML // partials/card.html rendered for this briefing
	Figures        []funding.Figure
	Words, CJK     int
	ReadingMinutes int
	// Picture is the front matter image, resized (nil when there is
	// none).
	Picture *site.Picture

	views *Views // for its neighbours and terms (see Newer)
}

// The briefing's neighbours and terms are found when asked, not kept in
// every briefing's view to the end of a build (64 bytes and two slices
// each); they follow the model as it is updated in place.

// Newer is the view of the next newer briefing (nil for the newest).
func (v *Briefing) Newer() *Briefing { return v.views.Briefing(v.Briefing.Newer) }

// Older is the view of the next older briefing (nil for the oldest).
func (v *Briefing) Older() *Briefing { return v.views.Briefing(v.Briefing.Older) }

// Tags are the views of the briefing's tags.
func (v *Briefing) Tags() []*Term { return v.views.termsOf(v.Briefing.Tags) }

// Jurisdictions are the views of the briefing's jurisdictions.
func (v *Briefing) Jurisdictions() []*Term { return v.views.termsOf(v.Briefing.Jurisdictions) }

// Cover is the briefing's picture for link previews and structured data
// (zero when there is none or it is an SVG: pages then show the site's
// default image, seo.image). It is worked out when asked: a field would
// take 48 bytes of every briefing's view to the end of a build.
func (v *Briefing) Cover() site.Image { return v.Picture.Share() }

// Term is a tag or jurisdiction as templates see it.
type Term struct {
	*site.Term
	Briefings []*Briefing
	Parent    *Term
	Children  []*Term

	// Copied from the model (see Page).
	Kind, Name, Slug, URL, Feed string
}

// Year is one year of the archive as templates see it. (It cannot embed
// site.Year, whose field Year the embedded field's name would hide.)
type Year struct {
	Year      int
	URL       string
	Briefings []*Briefing
}

// Site is the whole site as templates see it (.Site).
type Site struct {
	*site.Site
	Briefings           []*Briefing
	Tags, Jurisdictions []*Term
	Years               []*Year

	// Copied from the model (see Page).
	Config *config.Config
	URLs   site.URLs

	// Alternates links every page to its versions in the site's other
	// languages (hreflang, the switcher); nil for a site of one language.
	Alternates *alternates.Set

	folds folds                       // the theme's sets folded for this model (fold.go)
	env   atomic.Pointer[preparedEnv] // structured data's (head.go)
}

// Views are the views of one model. The build makes them once per model,
// fills in each briefing's rendered parts as it makes them, and hands
// templates a Page per output.
type Views struct {
	Site  *Site
	terms map[*site.Term]*Term
	years map[*site.Year]*Year
	// pages are Pages given back (Done), for the next outputs: a build
	// makes one for each, 440 bytes and its list.
	pages sync.Pool
}

// NewViews makes the views of s, with nothing rendered yet.
func NewViews(s *site.Site) *Views {
	v := &Views{terms: make(map[*site.Term]*Term, len(s.Tags)+len(s.Jurisdictions)), years: make(map[*site.Year]*Year, len(s.Years))}
	all := make([]Briefing, len(s.Briefings))
	bs := make([]*Briefing, len(s.Briefings))
	for i, b := range s.Briefings {
		all[i].Briefing, all[i].views = b, v
		bs[i] = &all[i]
	}
	v.Site = &Site{Site: s, Briefings: bs, Config: s.Config, URLs: s.URLs}
	termsOf := v.termsOf
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range ts {
			v.terms[t] = &Term{Term: t, Briefings: v.list(t.Briefings), Kind: t.Kind, Name: t.Name, Slug: t.Slug, URL: t.URL, Feed: t.Feed}
		}
	}
	for t, vt := range v.terms {
		vt.Parent = v.terms[t.Parent]
		vt.Children = termsOf(t.Children)
	}
	v.Site.Tags, v.Site.Jurisdictions = termsOf(s.Tags), termsOf(s.Jurisdictions)
	for _, y := range s.Years {
		vy := &Year{Year: y.Year, URL: y.URL, Briefings: v.list(y.Briefings)}
		v.years[y] = vy
		v.Site.Years = append(v.Site.Years, vy)
	}
	return v
}

// RefreshTerms brings the views of terms up to date after an update of
// the model in place changed b's terms (site.Update): the terms changed
// and made list their briefings again, the emptied ones go, and the
// site's lists of terms follow the model (b's view finds its terms when
// asked).
func (v *Views) RefreshTerms(changed, made, emptied []*site.Term) {
	for _, t := range emptied {
		delete(v.terms, t)
	}
	for _, t := range made {
		v.terms[t] = &Term{Term: t, Kind: t.Kind, Name: t.Name, Slug: t.Slug, URL: t.URL, Feed: t.Feed}
	}
	for _, ts := range [][]*site.Term{changed, made} {
		for _, t := range ts {
			vt := v.terms[t]
			vt.Briefings, vt.Parent, vt.Children = v.list(t.Briefings), v.terms[t.Parent], v.termsOf(t.Children)
		}
	}
	s := v.Site.Site
	v.Site.Tags, v.Site.Jurisdictions = v.termsOf(s.Tags), v.termsOf(s.Jurisdictions)
	v.Site.env.Store(nil) // the places the head's structured data encoded once are the terms' as they were
}

func (v *Views) termsOf(ts []*site.Term) []*Term {
	out := make([]*Term, len(ts))
	for i, t := range ts {
		out[i] = v.terms[t]
	}
	return out
}

// Briefing is the view of a published briefing of the model (nil for nil).
func (v *Views) Briefing(b *site.Briefing) *Briefing {
	if b == nil {
		return nil
	}
	return v.Site.Briefings[site.Rank(b)]
}

func (v *Views) list(bs []*site.Briefing) []*Briefing {
	out := make([]*Briefing, len(bs))
	for i, b := range bs {
		out[i] = v.Briefing(b)
	}
	return out
}

// Page is the template data of p. The caller may give it back with Done
// once rendered.
func (v *Views) Page(p pages.Page) *Page {
	out, _ := v.pages.Get().(*Page)
	if out == nil {
		out = new(Page)
	}
	list := out.List // given back empty, with its room
	if list == nil {
		list = make([]*Briefing, 0, len(p.List))
	}
	for _, b := range p.List {
		list = append(list, v.Briefing(b))
	}
	*out = Page{Kind: p.Kind, Section: p.Section, Title: p.Title, Description: p.Description, URL: p.URL, Feed: p.Feed,
		NoIndex: p.NoIndex, Pager: p.Pager, Site: v.Site,
		of:       pageOf{List: p.List, Terms: p.Terms, Briefing: p.Briefing, Term: p.Term, Year: p.Year},
		Briefing: v.Briefing(p.Briefing), Term: v.terms[p.Term], List: list}
	if p.Year != nil {
		out.Year = v.years[p.Year]
	}
	if p.Terms != nil {
		out.Terms = make([]*Term, len(p.Terms))
		for i, t := range p.Terms {
			out.Terms[i] = v.terms[t]
		}
	}
	if p.Years != nil {
		out.Years = v.Site.Years
	}
	return out
}

// Done gives back p, which Page made, once nothing reads it any more
// (Render has returned): the next page is made in it.
func (v *Views) Done(p *Page) {
	list := p.List
	clear(list)
	*p = Page{List: list[:0]}
	v.pages.Put(p)
}
