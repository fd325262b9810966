package build

import (
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/funding"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
	"brief/internal/vocab"
)

// model is the site's model and what is made from it alone. Nothing
// changes it once made, except the views' rendered parts, which the build
// fills in as it renders them.
type model struct {
	key   uint64 // modelKey: what site.New read
	site  *site.Site
	diags diag.List // from site.New
	// checks are funding.Check's and vocab.Check's findings under the
	// configuration checksFor.
	checks    diag.List
	checksFor *config.Config
	// filters are the search filters of each briefing; entries, by search
	// id (oldest first), the briefings analysed for the search index.
	filters map[*site.Briefing][]search.Filter
	entries []*search.Entry
	views   *render.Views
	lists   []pages.Page // the pages but the briefings' (pages.Lists)
	// headers are the fingerprints of what pages show of each briefing
	// besides its rendered parts, by rank.
	headers []uint64
	// parts are the fingerprints of each briefing's rendered parts, by
	// rank; nil until the first build with this model renders them.
	parts []parts
	// cardsFor is the themeKey the cards were last checked with.
	cardsFor uint64
	// images are, by rank, the fingerprints of the image files each
	// briefing shows (imagesKey), and imagesSum their sum.
	images    []uint64
	imagesSum uint64
	// problems are, by rank, the problems of the briefings' bodies and
	// pictures, for those that have any.
	problems map[int]diag.List
	// anchors are the broken #anchor links of each briefing's body, as
	// last checked with the theme and settings anchorsFor; linkedFrom
	// lists, by briefing, the bodies that link into it by #anchor.
	anchors    map[*site.Briefing]diag.List
	linkedFrom map[*site.Briefing][]*site.Briefing
	anchorsFor uint64
}

// header is the fingerprint of b's header (see header in fingerprint.go).
func (m *model) header(b *site.Briefing) uint64 { return m.headers[site.Rank(b)] }

// makeModel builds the model from every file's front matter, unless none
// of it, the configuration and the options changed since the last build.
func (st *state) makeModel() {
	bl := st.bl
	for p := range bl.withDiags {
		st.diags = append(st.diags, bl.files[p].diags...) // sorted when reported
	}
	// Markdown files inside a page bundle are not briefings (findBundles
	// reports them): they leave the model without a change of their own.
	var bundled []string
	for _, d := range bl.bundleDiags {
		bundled = append(bundled, d.File)
	}
	key := modelKey(bl.seed, bl.cfgKey, st.opt, bl.frontSum, len(bl.files), bundled)
	if m := bl.model; m != nil && m.key == key && m.site.Config == st.cfg {
		st.model = m
		st.diags = append(st.diags, m.diags...)
		return
	}
	var all []*content.Briefing // in any order: site.New sorts them
	for p, f := range bl.files {
		if f.ok() && !st.inBundle(p) {
			all = append(all, f.b)
		}
	}
	s, ds := site.New(st.cfg, all, site.Options{Drafts: st.opt.Drafts, Future: st.opt.Future, Now: st.opt.Now})
	m := &model{key: key, site: s, diags: ds, views: render.NewViews(s), lists: pages.Lists(s),
		filters: searchFilters(s), entries: make([]*search.Entry, len(s.Briefings)), headers: make([]uint64, len(s.Briefings))}
	for i, b := range s.Briefings {
		m.headers[i] = header(bl.seed, bl.files[b.Path].front, b)
	}
	bl.model, st.model = m, m
	st.diags = append(st.diags, ds...)
}

// configChecks are the problems funding.Check finds with the model's
// figures under cfg, and vocab.Check with its terms.
func (m *model) configChecks(cfg *config.Config) diag.List {
	if m.checksFor != cfg {
		m.checks = append(funding.Check(cfg, m.site.Briefings), vocab.Check(cfg, m.site.Sources())...)
		m.checksFor = cfg
	}
	return m.checks
}
