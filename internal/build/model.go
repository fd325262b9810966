package build

import (
	"slices"
	"sync"

	"brief/internal/alternates"
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
	key uint64 // modelKey: what site.New read, and the edition's language
	// shape is the modelKey of the same configuration, options and
	// files without their front matter: while it stays the same, an
	// edit may update the model in place (updateModels).
	shape uint64
	site  *site.Site // one edition
	// first is the number of briefings of the editions before this one:
	// first+rank numbers a briefing among every edition's.
	first int
	diags diag.List // from site.New
	// fundingChecks and vocabChecks are funding.Check's and vocab.Check's
	// findings under the configuration checksFor; fundingStale says the
	// amounts changed since (updateModels), which vocab.Check does not read.
	fundingChecks, vocabChecks diag.List
	checksFor                  *config.Config
	fundingStale               bool
	// names are the tags and jurisdictions the briefings write, for
	// vocab.Check's problems after an update in place of one briefing's.
	names *vocab.Names
	// terms numbers the site's terms (searchFilters); entries are, by
	// search id (oldest first), the briefings analysed for the search index.
	terms   map[*site.Term]int
	entries []*search.Entry
	views   *render.Views
	// mu guards the model and the rendered parts a build fills into its
	// views against the outputs made from them on request (deferred, and
	// the lazy jobs), which hold it for reading.
	mu    sync.RWMutex
	lists []pages.List // the pages but the briefings' (pages.Lists)
	// headers are the fingerprints of what pages show of each briefing
	// besides its rendered parts, by rank.
	headers []uint64
	// parts are the fingerprints of each briefing's rendered parts, by
	// rank; nil until the first build with this model renders them.
	parts []parts
	// cardsFor is the themeKey the cards were last checked with.
	cardsFor uint64
	// partsBy is the theme the parts were last checked with: its
	// catalogs word the funding figures (nil while the layouts do not
	// load, when they are worded as no language's).
	partsBy *render.Theme
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

// makeModel builds the model of each edition (one per language, the
// default first) from every file's front matter, unless none of it, the
// configuration and the options changed since the last build.
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
	var future uint64
	if !st.opt.Future {
		for p, f := range bl.files {
			if f.ok() && f.b.Date.After(st.opt.Now) {
				future += futureEntry(bl.seed, p)
			}
		}
	}
	key := modelKey(bl.seed, bl.cfgKey, st.opt, bl.frontSum, len(bl.files), bundled, future)
	shape := modelKey(bl.seed, bl.cfgKey, st.opt, 0, len(bl.files), bundled, future)
	if ms := bl.models; len(ms) > 0 && ms[0].site.Config == st.cfg && (ms[0].key == key || ms[0].shape == shape && st.updateModels(ms, key)) {
		st.useModels(ms)
		for _, m := range ms {
			st.diags = append(st.diags, m.diags...)
		}
		return
	}
	var all []*content.Briefing // in any order: site.Editions sorts them
	for p, f := range bl.files {
		if f.ok() && !st.inBundle(p) {
			all = append(all, f.b)
		}
	}
	sites, ds := site.Editions(st.cfg, all, site.Options{Drafts: st.opt.Drafts, Future: st.opt.Future, Now: st.opt.Now})
	ms := make([]*model, len(sites))
	// The lists (with their funding totals) and the rest read the site
	// only: they are made side by side.
	lists := make([][]pages.List, len(sites))
	var listed sync.WaitGroup
	for i, s := range sites {
		listed.Go(func() { lists[i] = pages.Lists(s) })
	}
	first := 0
	for i, s := range sites {
		// The default edition keeps the key a site of one language has.
		k := key
		if i > 0 {
			k = newHasher(bl.seed).num(key).str(s.Language.Code).sum()
		}
		m := &model{key: k, shape: shape, site: s, views: render.NewViews(s), first: first,
			terms: termOrder(s), entries: make([]*search.Entry, len(s.Briefings)), headers: make([]uint64, len(s.Briefings))}
		if !st.oneShot() { // else no build fingerprints an output (see job.base): they stay 0
			for j, b := range s.Briefings {
				m.headers[j] = header(bl.seed, bl.files[b.Path].front, b)
			}
		}
		first += len(s.Briefings)
		ms[i] = m
	}
	listed.Wait()
	for i, m := range ms {
		m.lists = lists[i]
	}
	ms[0].diags = ds
	for i, m := range ms {
		if i < len(bl.models) {
			m.views.KeepFolds(bl.models[i].views)
		}
	}
	linkVersions(ms)
	bl.models = ms
	st.useModels(ms)
	st.diags = append(st.diags, ds...)
}

// updateModels updates the models ms in place to the key key, when every
// file read again in this build changed only its own briefing's fields
// (site.Prepare): then no other briefing, term, year or URL changes, and
// the model, its views, its lists' totals and the briefings' headers are
// brought up to date instead of made again, so that such an edit costs
// what it changes. Pages made on request from the models (deferred) wait.
func (st *state) updateModels(ms []*model, key uint64) bool {
	bl := st.bl
	sites := make([]*site.Site, len(ms))
	for i, m := range ms {
		sites[i] = m.site
	}
	var us []site.Update
	terms := 0
	for _, p := range st.reread {
		f := bl.files[p]
		if !f.ok() || st.inBundle(p) {
			return false
		}
		u, ok := site.Prepare(st.cfg, sites, f.b)
		if !ok {
			return false
		}
		if u.ChangesTerms() {
			// One briefing's terms at a time, in a model and plan
			// without errors; in a site of several languages, without a
			// list gaining or losing a page, which every edition's
			// language versions of its pages would show.
			terms++
			if terms > 1 || ms[0].diags.HasErrors() || bl.plan == nil || len(bl.plan.diags) > 0 || len(ms) > 1 && u.Repaginates(st.cfg.Paginate) {
				return false
			}
		}
		us = append(us, u)
	}
	for _, m := range ms {
		m.mu.Lock()
		defer m.mu.Unlock()
	}
	funded := map[*model]bool{}
	st.funded = funded
	for _, u := range us {
		b := u.Briefing()
		old := b.Briefing
		m := st.byLangOf(ms, b)
		if !st.apply(m, u) {
			st.undo = append(st.undo, func() bool { b.Briefing = old; return true })
			continue
		}
		r := site.Rank(b)
		h := m.headers[r]
		m.headers[r] = header(bl.seed, bl.files[b.Path].front, b)
		st.updated = append(st.updated, b)
		if !slices.EqualFunc(old.Funding, b.Funding, sameAmount) {
			funded[m] = true
		}
		// What puts it back: the update from the new front matter to
		// the old (rollBack).
		st.undo = append(st.undo, func() bool {
			back, ok := site.Prepare(st.cfg, sites, old)
			if ok {
				st.apply(m, back)
				m.headers[r] = h
			}
			return ok
		})
	}
	for i, m := range ms {
		m.key = key
		if i > 0 {
			m.key = newHasher(bl.seed).num(key).str(m.site.Language.Code).sum()
		}
		if funded[m] {
			pages.SumAgain(m.site, m.lists)
		}
		m.fundingStale = true // the funding checks read the amounts
		if st.theme != nil && st.theme.CardReads.Model {
			m.cardsFor = 0 // every card may show what changed
		}
	}
	st.res.ModelUpdated = len(us)
	return true
}

// apply swaps an update's front matter into model m, with the view, the
// terms, lists and vocabulary it changes; false when the briefing is not
// published (only its front matter changed).
func (st *state) apply(m *model, u site.Update) bool {
	b := u.Briefing()
	old := b.Briefing
	u.Apply()
	if _, published := m.site.Lookup(b.Path); !published {
		return false
	}
	if u.ChangesTerms() {
		changed, made, emptied := u.Terms()
		m.views.RefreshTerms(changed, made, emptied)
		var at []int
		m.lists, at = pages.Relist(m.site, m.lists, changed, made, emptied, u.Moved(), len(b.Funding) > 0)
		m.terms = termOrder(m.site)
		if m.names != nil {
			m.names.Replace(old, b.Briefing, m.site.Sources)
			m.vocabChecks = m.names.Problems()
		}
		st.relisted = &relisted{m: m, lists: at, changed: changed, made: made, emptied: emptied}
		st.res.TermsUpdated++
	}
	return true
}

// rollBack puts the models a failed build updated in place back as the
// last good build left them, for the outputs of that build still to be
// made on request (the dev server's), and drops them: the next build makes
// them again from the sources. An update that cannot be undone in place
// leaves them as they are.
func (st *state) rollBack() {
	if len(st.undo) == 0 {
		return
	}
	for _, m := range st.models {
		m.mu.Lock()
		defer m.mu.Unlock()
	}
	for i := len(st.undo) - 1; i >= 0; i-- {
		if !st.undo[i]() {
			break
		}
	}
	for m := range st.funded {
		pages.SumAgain(m.site, m.lists)
	}
	st.bl.models = nil
}

// byLangOf is the model of ms that b belongs to.
func (st *state) byLangOf(ms []*model, b *site.Briefing) *model {
	for _, m := range ms {
		if m.site.Language == b.Language {
			return m
		}
	}
	return ms[0]
}

// sameAmount says whether two funding items state the same money.
func sameAmount(a, b content.Funding) bool {
	return a.Amount.Cmp(b.Amount) == 0 && a.AmountText == b.AmountText && a.Currency == b.Currency &&
		a.USDText == b.USDText && (a.USD == nil) == (b.USD == nil) && (a.USD == nil || a.USD.Cmp(*b.USD) == 0)
}

// linkVersions gives the views of a site of several languages the
// versions of every page in each language, for hreflang links, the
// language switcher, the sitemap and structured data.
func linkVersions(ms []*model) {
	if len(ms) < 2 {
		return
	}
	langs := make([]alternates.Language, len(ms))
	for i, m := range ms {
		langs[i] = alternates.Language{Code: m.site.Language.Code, Name: m.site.Language.Name}
	}
	set := alternates.New(langs)
	for _, m := range ms {
		code := m.site.Language.Code
		for _, b := range m.site.Briefings {
			set.Add(code, alternates.Key(pages.Briefing(b)), b.URL)
		}
		for _, l := range m.lists {
			for n := 1; n <= l.Pages; n++ {
				p := l.Page(n)
				set.Add(code, alternates.Key(p), p.URL)
			}
		}
	}
	for _, m := range ms {
		m.views.Site.Alternates = set
	}
}

// useModels makes ms the build's models.
func (st *state) useModels(ms []*model) {
	st.models, st.model = ms, ms[0]
	st.byLang = make(map[*site.Language]*model, len(ms))
	for _, m := range ms {
		st.byLang[m.site.Language] = m
	}
}

// modelOf is the model of the edition b belongs to.
func (st *state) modelOf(b *site.Briefing) *model { return st.byLang[b.Language] }

// lookup finds the briefing a body's link to a content file points to,
// as readers of the edition m should get it: the file's own briefing,
// or, for a file of another language, its translation in m's when there
// is one.
func (st *state) lookup(m *model, target string) (*site.Briefing, bool) {
	if b, published := m.site.Lookup(target); b != nil {
		return b, published
	}
	for _, e := range st.models {
		b, published := e.site.Lookup(target)
		if b == nil {
			continue
		}
		for _, t := range b.Translations {
			if t.Language == m.site.Language {
				return t.Briefing, true
			}
		}
		return b, published
	}
	return nil, false
}

// configChecks are the problems funding.Check finds with the model's
// figures under cfg, and vocab.Check with its terms.
func (m *model) configChecks(cfg *config.Config) diag.List {
	if m.checksFor != cfg {
		m.names = vocab.NewNames(cfg, m.site.Language.Code, m.site.Sources())
		m.vocabChecks = m.names.Problems()
		m.checksFor, m.fundingStale = cfg, true
	}
	if m.fundingStale {
		// A translation's inherited items are its original's, checked there.
		own := slices.DeleteFunc(slices.Clone(m.site.Briefings), func(b *site.Briefing) bool { return b.Inherits != nil })
		m.fundingChecks, m.fundingStale = funding.Check(cfg, own), false
	}
	return append(slices.Clip(m.fundingChecks), m.vocabChecks...)
}

// body is a briefing's rendered body, for feeds.
func (m *model) body(b *site.Briefing) string { return string(m.views.Briefing(b).Content) }

// cover is a briefing's share image, for feeds (zero: the site's default).
func (m *model) cover(b *site.Briefing) site.Image { return m.views.Briefing(b).Cover() }
