package build

import (
	"errors"
	"fmt"
	"io"
	"maps"
	pathpkg "path"
	"slices"
	"strings"

	"brief/internal/diag"
	"brief/internal/export"
	"brief/internal/feeds"
	"brief/internal/funding"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/redirects"
	"brief/internal/render"
	"brief/internal/site"
	"brief/internal/sources"
)

// plan is every output of the site: where it goes, what it reads and how
// to make it. It depends on the model, the theme and the list of static
// files only, so an edit that changes none of them (a body, a static
// file's content) reuses it.
type plan struct {
	key    uint64
	rest   uint64 // the key but for the models' keys (patchPlan)
	models []*model
	jobs   []*job
	byPath map[string]int // output path -> index in jobs
	diags  diag.List      // outputs that clash
	kinds  map[string]int
	// folders are the folders of the outputs, once an update in place
	// adds outputs (folderTaken).
	folders map[string]bool

	// Who reads what, to find the outputs an edit can change: by briefing,
	// the jobs that read its rendered parts, and the jobs that read every
	// briefing's.
	readers    map[*site.Briefing][]*job
	anyReaders []*job
	// bodyReaders counts, by rank, the outputs that show each rendered
	// body, so that a one-shot build can let go of a body after its last
	// reader; nil when some output may show any body.
	bodyReaders []int32
	// cardReaders counts them for each card, for a one-shot build (whose
	// cards no later build reuses); nil when some output may show any card.
	cardReaders []int32
}

// job is one output file.
//
// A site has a job per page, so a job is kept small: a briefing's page
// names its owner from the briefing when asked (who), and the flags sit
// together.
type job struct {
	path, kind string
	// owner makes the file, for messages; nil for a briefing's page,
	// whose owner is its briefing's (who).
	owner *pages.Owner
	m     *model // the edition it belongs to (the default's for the site's own files)
	// cost is, roughly, how many briefings the file shows, for the few
	// that show them all. Those run before the small pages, so that none
	// is left running alone on one core at the end of a large build.
	cost int

	// What it reads: base covers what only changes with the plan; reads
	// says which rendered parts it reads of own (and own's neighbours), of
	// list, and of any briefing. A one-shot build fingerprints no output
	// (execute): its pages have no base.
	base  uint64
	reads render.Reads
	// keyed says base covers the model's key, which every update of the
	// model in place changes.
	keyed bool
	// minified says the file is already minified (fingerprinted assets).
	minified bool
	// lazy files may be made on first request, when the sink can hold
	// them that way (the dev server's): resized images, and the site-wide
	// data files and sitemap, which are made of the model alone (nothing
	// a later build changes) and which an edit's page does not wait for.
	lazy bool
	// rebase makes base again from the model as it is now, given the
	// shapes of the job's model (pageKey), for a plan kept across an
	// update of the model in place (patchPlan); nil when base does not
	// depend on the model.
	rebase func(sh *shapes) uint64
	own    *site.Briefing
	list   []*site.Briefing

	// page says the job renders a page with the theme: the page of own, or
	// with page > 0 the n-th page of the (page-1)-th of model.lists. Other
	// outputs have render.
	page, n int32
	render  func(st *state, w io.Writer) error

	gen int // the search index's files: the index they were last part of
	// fragmentOf is the briefing whose search result fragment the job
	// makes again from its body: a build cache keeps search entries
	// without their fragments (cache.go).
	fragmentOf *site.Briefing
}

// who names what makes the job's file, for messages.
func (j *job) who() pages.Owner {
	if j.owner != nil {
		return *j.owner
	}
	if j.own == nil {
		return pages.Owner{}
	}
	o := pages.BriefingOwner(j.own)
	o.What = what(j.m.site, o.What)
	return o
}

// make writes the job's file into a buffer the build reuses.
func (j *job) make(st *state, w io.Writer) error {
	var p pages.Page
	switch {
	case j.render != nil:
		return j.render(st, w)
	case j.page > 0:
		p = j.m.lists[j.page-1].Page(int(j.n))
	default:
		p = pages.Briefing(j.own)
	}
	v := j.m.views.Page(p)
	defer j.m.views.Done(v) // Render is done with it
	lang := j.m.site.Language.Code
	tx := st.theme.Funding(lang)
	var err error
	if p.Totals != nil {
		if v.Totals, err = st.wordedTotals(tx, lang, p.Totals); err != nil {
			return err
		}
	}
	if p.Kind == "funding" {
		if v.Funding, err = funding.NewTracker(j.m.site.Config, j.m.site, tx); err != nil {
			return err
		}
	}
	return st.theme.Render(w, v)
}

// wordedKey is a list's funding totals in a language.
type wordedKey struct {
	sum  *funding.Sum
	lang string
}

// worded is what tx.Sum made of a list's totals.
type worded struct {
	text []string
	err  error
}

// wordedTotals words the funding totals of a list in tx's language. A
// one-shot build words each list's once, for all its pages (65,000 pages
// of 600 lists at 100,000 briefings), and the pages share the words: its
// model, and so each list's totals, stay as they are. Other builds may
// update the totals in place (pages.Relist) while a page made on request
// still waits: they word them for each page.
func (st *state) wordedTotals(tx funding.Text, lang string, sum *funding.Sum) ([]string, error) {
	if !st.oneShot() {
		return tx.Sum(sum)
	}
	k := wordedKey{sum, lang}
	st.wordedMu.Lock()
	w, ok := st.worded[k]
	st.wordedMu.Unlock()
	if ok {
		return w.text, w.err
	}
	w.text, w.err = tx.Sum(sum)
	st.wordedMu.Lock()
	if st.worded == nil {
		st.worded = map[wordedKey]worded{}
	}
	st.worded[k] = w
	st.wordedMu.Unlock()
	return w.text, w.err
}

// planOutputs makes the plan, or reuses the last one when the model, the
// theme, the files copied as they are and the images shown are the same.
func (st *state) planOutputs(statics []staticFile) {
	bl := st.bl
	tk := themeKey(bl.seed, bl.cfgKey, st.theme, st.assets)
	h := newHasher(bl.seed).num(tk)
	for _, m := range st.models {
		h.num(m.imagesSum)
	}
	for _, f := range statics {
		h.str(f.src).num(f.hash)
	}
	for _, p := range slices.Sorted(maps.Keys(bl.resources)) {
		h.str(p, bl.bundles[p]).num(bl.resources[p])
	}
	rest := h.sum() // what the plan depends on but the models' keys
	for _, m := range st.models {
		h.num(m.key)
	}
	key := h.sum()
	switch {
	case bl.plan != nil && bl.plan.key == key && slices.Equal(bl.plan.models, st.models):
	case bl.plan != nil && bl.plan.rest == rest && slices.Equal(bl.plan.models, st.models) && len(st.updated) > 0 &&
		(st.relisted == nil || st.relist(bl.plan, tk)):
		st.patchPlan(bl.plan, key)
	default:
		st.planGone = nil
		bl.plan = newPlanner(st, tk).plan(key, statics, st.shownImages())
		bl.plan.rest = rest
	}
	st.diags = append(st.diags, bl.plan.diags...)
}

// patchPlan brings plan p up to date with models updated in place
// (updateModels): the same outputs, reading the same, with the bases made
// again of the jobs that cover the models' keys, that show an updated
// briefing (its page, its neighbours', the lists and feeds of it), and,
// where amounts changed, of the lists with funding totals. Those jobs are
// the build's candidates beside the readers of changed parts (execute).
func (st *state) patchPlan(p *plan, key uint64) {
	updated := map[*site.Briefing]bool{}
	touched := map[*site.Briefing]bool{} // whose page shows an updated briefing's header
	for _, b := range st.updated {
		updated[b] = true
		for _, x := range []*site.Briefing{b, b.Newer, b.Older} {
			if x != nil {
				touched[x] = true
			}
		}
	}
	shapes := map[*model]*shapes{}
	for _, j := range p.jobs {
		if j.rebase == nil {
			continue
		}
		redo := j.keyed || touched[j.own] || st.reshaped[j] || j.page > 0 && st.funded[j.m] && j.m.lists[j.page-1].Page(int(j.n)).Totals != nil
		for _, b := range j.list {
			redo = redo || updated[b]
		}
		if !redo {
			continue
		}
		sh := shapes[j.m]
		if sh == nil {
			sh = newShapes(st.bl.seed, j.m.site)
			shapes[j.m] = sh
		}
		j.base = j.rebase(sh)
		st.rebased = append(st.rebased, j)
	}
	p.key = key
}

// relisted is what an update of a model in place changed of its terms
// (site.Update.Terms) and lists (pages.Relist: the places of those it
// changed).
type relisted struct {
	m                      *model
	lists                  []int
	changed, made, emptied []*site.Term
}

// relist brings plan p up to date with an update in place that changed
// the model's terms: the pages and feeds of the lists changed are planned
// again, those of the terms emptied leave the plan (planGone), and the
// pages of the terms of the same families, whose shapes their pages show,
// get new bases. It says false when a new output's path is taken or
// cannot be written: the build then makes a new plan, which reports it.
func (st *state) relist(p *plan, tk uint64) bool {
	r := st.relisted
	m, s := r.m, r.m.site
	again := map[int]bool{}
	for _, i := range r.lists {
		again[i] = true
	}
	// The roots of the families whose shapes changed (pageKey's family).
	roots := map[*site.Term]bool{}
	for _, ts := range [][]*site.Term{r.changed, r.made, r.emptied} {
		for _, t := range ts {
			roots[rootOf(t)] = true
		}
	}
	gone := map[string]bool{}
	st.reshaped = map[*job]bool{}
	var drop []*job
	for _, j := range p.jobs {
		if j.m != m || j.page == 0 {
			continue
		}
		if again[int(j.page-1)] {
			drop = append(drop, j)
		} else if t := m.lists[j.page-1].Page(1).Term; t != nil && roots[rootOf(t)] {
			st.reshaped[j] = true // patchPlan gives it its new base
		}
	}
	for _, ts := range [][]*site.Term{r.changed, r.emptied} {
		for _, t := range ts {
			f := feeds.TermFeed(s, t)
			for _, u := range []string{f.Self, feeds.JSONURL(f)} {
				if i, ok := p.byPath[site.OutputPath(u)]; ok {
					drop = append(drop, p.jobs[i])
				}
			}
		}
	}
	for _, j := range drop {
		p.drop(j)
		gone[j.path] = true
	}
	pl := newPlanner(st, tk)
	pl.m, pl.jobs, pl.byPath = m, p.jobs, p.byPath
	from := len(pl.jobs)
	for _, i := range r.lists {
		l := m.lists[i]
		for n := 1; n <= l.Pages; n++ {
			pg := l.Page(n)
			pl.page(i+1, n, pg, st.theme.Reads[pg.Kind])
		}
	}
	for _, ts := range [][]*site.Term{r.changed, r.made} {
		for _, t := range ts {
			pl.termFeeds(t)
		}
	}
	p.jobs = pl.jobs
	if len(pl.diags) > 0 {
		return false
	}
	added := map[string]bool{} // paths the plan did not have
	for _, j := range p.jobs[from:] {
		if !gone[j.path] {
			added[j.path] = true
		}
		delete(gone, j.path)
		p.file(j)
		st.rebased = append(st.rebased, j)
	}
	if folderTaken(p, added) {
		return false
	}
	st.planGone = slices.Sorted(maps.Keys(gone))
	return true
}

// folderTaken says whether one of the paths added to plan p needs
// another output's path as a folder, or another output needs it as one
// (folderClashes' errors). The plan keeps the folders of its outputs for
// it once asked (a folder no longer used stays listed: at worst the build
// makes a new plan).
func folderTaken(p *plan, added map[string]bool) bool {
	if len(added) == 0 {
		return false
	}
	if p.folders == nil {
		p.folders = map[string]bool{}
		for q := range p.byPath {
			if !added[q] {
				p.addFolders(q)
			}
		}
	}
	for a := range added {
		if p.folders[a] {
			return true
		}
		for dir := pathpkg.Dir(a); dir != "."; dir = pathpkg.Dir(dir) {
			if _, file := p.byPath[dir]; file {
				return true
			}
		}
	}
	for a := range added {
		p.addFolders(a)
	}
	return false
}

// addFolders lists the folders of output path q in p.folders.
func (p *plan) addFolders(q string) {
	for dir := pathpkg.Dir(q); dir != "." && !p.folders[dir]; dir = pathpkg.Dir(dir) {
		p.folders[dir] = true
	}
}

// rootOf is the top of t's family of parents.
func rootOf(t *site.Term) *site.Term {
	seen := map[*site.Term]bool{}
	for t.Parent != nil && !seen[t] {
		seen[t] = true
		t = t.Parent
	}
	return t
}

// drop takes job j out of the plan: its path, its count, what it reads.
func (p *plan) drop(j *job) {
	i, ok := p.byPath[j.path]
	if !ok || p.jobs[i] != j {
		return
	}
	last := len(p.jobs) - 1
	p.jobs[i] = p.jobs[last]
	p.byPath[p.jobs[i].path] = i
	p.jobs = p.jobs[:last]
	delete(p.byPath, j.path)
	if p.kinds[j.kind]--; p.kinds[j.kind] == 0 {
		delete(p.kinds, j.kind)
	}
	r := j.reads
	all := r.Bodies | r.Stats | r.Pictures | r.Cards
	if all.Has(render.Any) {
		p.anyReaders = slices.DeleteFunc(p.anyReaders, func(x *job) bool { return x == j })
	}
	if p.readers != nil {
		j.eachRead(all, func(b *site.Briefing) {
			p.readers[b] = slices.DeleteFunc(p.readers[b], func(x *job) bool { return x == j })
		})
	}
}

// file counts job j, planned after the plan was made, and files it under
// what it reads (as finish does).
func (p *plan) file(j *job) {
	p.kinds[j.kind]++
	r := j.reads
	all := r.Bodies | r.Stats | r.Pictures | r.Cards
	if all.Has(render.Any) {
		p.anyReaders = append(p.anyReaders, j)
	}
	if p.readers != nil {
		j.eachRead(all, func(b *site.Briefing) { p.readers[b] = append(p.readers[b], j) })
	}
}

// planner collects jobs and refuses a second claim on a path.
type planner struct {
	st     *state
	m      *model
	tk     uint64 // themeKey
	jobs   []*job
	byPath map[string]int
	diags  diag.List

	longNames map[string]bool // names too long for a file system, reported once per source line
	shapes    *shapes         // of the model m's terms and years (pageKey)
	// owners are the owners of the term pages of the model ownersOf, by
	// term, as its lists hold them (see termOwner).
	owners   map[*site.Term]pages.Owner
	ownersOf *model
}

func newPlanner(st *state, tk uint64) *planner {
	return &planner{st: st, m: st.model, tk: tk, byPath: map[string]int{}}
}

func (pl *planner) add(j *job) {
	if j.m == nil {
		j.m = pl.m
	}
	if err := output.CheckPath(j.path); err != nil {
		pl.badPath(j, err)
		return
	}
	if i, ok := pl.byPath[j.path]; ok {
		// The error goes to the side an editor can change: an alias,
		// else the one with a source file (not a page of the site's own,
		// such as the search page), else the later one.
		at, other, verb := j.who(), pl.jobs[i].who(), "already makes"
		if (isAlias(other) && !isAlias(at)) || (at.File == "" && other.File != "") {
			at, other, verb = other, at, "also makes"
		}
		pl.diags = append(pl.diags, diag.Errorf(at.File, at.Line, at.Field, clashHint(at),
			"%s would be written to /%s, which %s %s", at.What, j.path, other, verb))
		return
	}
	pl.byPath[j.path] = len(pl.jobs)
	pl.jobs = append(pl.jobs, j)
}

// badPath reports an output path that no output folder can hold: in brief
// build the disk would refuse it, and brief check must say so too.
func (pl *planner) badPath(j *job, err error) {
	o := j.who()
	var long *output.LongNameError
	if errors.As(err, &long) {
		// A tag's page and its feed share the folder: one message.
		key := fmt.Sprint(o.File, o.Line, long.Name)
		if pl.longNames[key] {
			return
		}
		if pl.longNames == nil {
			pl.longNames = map[string]bool{}
		}
		pl.longNames[key] = true
		name := long.Name
		if r := []rune(name); len(r) > 40 {
			name = string(r[:40]) + "…"
		}
		pl.diags = append(pl.diags, diag.Errorf(o.File, o.Line, o.Field, "shorten the slug, tag, alias or file name it comes from",
			"%s would be written to a file or folder named %q, of %d bytes, more than the %d a file system accepts", o.What, name, len(long.Name), output.MaxNameBytes))
		return
	}
	pl.diags = append(pl.diags, diag.Errorf(o.File, o.Line, o.Field, "change the slug, alias or file name it comes from",
		"%s would be written to /%s, which no output folder can hold", o.What, j.path))
}

// whole adds an output that depends on the model as a whole.
func (pl *planner) whole(kind, url string, owner pages.Owner, cost int, render func(st *state, w io.Writer) error) *job {
	p := site.OutputPath(url)
	seed, tk, m := pl.st.bl.seed, pl.tk, pl.m
	j := &job{path: p, kind: kind, owner: &owner, cost: cost, base: outputBase(seed, kind, p, tk, m.key), render: render, keyed: true,
		rebase: func(*shapes) uint64 { return outputBase(seed, kind, p, tk, m.key) }}
	pl.add(j)
	return j
}

// plan lists every output of the site: the pages, the data files after the
// funding tracker, the feeds, the aliases, the static files, the
// fingerprinted assets and the images.
//
// Each edition has its pages, data files, feeds and aliases, under its
// prefix; the sitemap, robots.txt, _redirects, static files, assets and
// images are the site's, once.
func (pl *planner) plan(key uint64, statics []staticFile, shown map[string]imageRef) *plan {
	theme := pl.st.theme
	n := 64 // the site's own pages and files, about
	for _, m := range pl.st.models {
		n += len(m.site.Briefings) + 2*(len(m.site.Tags)+len(m.site.Jurisdictions)) // and each term's two feeds
		for _, l := range m.lists {
			n += l.Pages
		}
	}
	pl.byPath, pl.jobs = make(map[string]int, n), make([]*job, 0, n) // grown once, not by doubling
	for _, m := range pl.st.models {
		pl.m = m
		s := m.site
		for _, b := range s.Briefings {
			pl.page(0, 0, pages.Briefing(b), theme.Reads["briefing"])
		}
		for i, l := range m.lists {
			kind := l.Page(1).Kind
			for n := 1; n <= l.Pages; n++ {
				pl.page(i+1, n, l.Page(n), theme.Reads[kind])
			}
			if kind == "funding" {
				pl.entriesJob(s.URLs.BriefingsData, pages.Owner{What: what(s, "the briefings data file")}, func() (*export.Entries, error) {
					return export.JSONEntries(s.Config, site.AbsURL(s.Config, s.URLs.Home))
				})
				pl.entriesJob(s.URLs.FundingData, pages.Owner{What: what(s, "the funding data file")}, func() (*export.Entries, error) {
					return export.CSVEntries(s.Config), nil
				})
			}
		}
		pl.feeds()
		pl.aliasPages()
	}
	pl.m = pl.st.model
	pl.sitemap()
	pl.redirects(statics)
	pl.statics(statics)
	pl.fingerprinted()
	pl.images(shown)
	pl.folderClashes()
	return pl.finish(key)
}

// page adds page p, rendered with the theme: a briefing's, or with list >
// 0 the n-th page of the (list-1)-th of the model's lists.
func (pl *planner) page(list, n int, p pages.Page, reads render.Reads) {
	// The closures capture the page's kind, not the page: p would then
	// move to the heap with each of them, 300 bytes a page held to the
	// end of the build.
	seed, tk, m, kind := pl.st.bl.seed, pl.tk, pl.m, p.Kind
	j := &job{kind: kind, reads: reads, list: p.List, page: int32(list), n: int32(n)}
	if b := p.Briefing; b != nil && kind == "briefing" {
		j.own, j.keyed = b, reads.Model
		if ws := pl.st.streamed[m]; ws != nil && p.URL == b.URL {
			j.path = ws[site.Rank(b)].path // the streamed page's, not a copy
		}
	} else {
		o := p.Owner
		o.What = what(m.site, o.What)
		j.owner = &o
	}
	if j.path == "" {
		j.path = site.OutputPath(p.URL)
	}
	if p.Kind == "funding" || p.Kind == "archive" {
		j.cost = len(m.site.Briefings)
	}
	if pl.st.oneShot() {
		pl.add(j) // no base (see job)
		return
	}
	if b := j.own; b != nil {
		j.rebase = func(*shapes) uint64 { return ownBase(seed, kind, tk, m.key, reads, m.header, b) }
	} else if reads.Model {
		j.keyed = true
		j.rebase = func(*shapes) uint64 { return outputBase(seed, kind, j.path, tk, m.key) }
	} else {
		if pl.shapes == nil || pl.shapes.s != m.site {
			pl.shapes = newShapes(seed, m.site)
		}
		// The page as the model's lists hold it now (their totals).
		j.rebase = func(sh *shapes) uint64 {
			return pageBase(seed, kind, j.path, tk, pageKey(seed, m.lists[list-1].Page(n), sh, m.views.Site.Alternates, m.header))
		}
		if reads.Tracker {
			// The tracker may change with any update of a briefing with
			// funding: its base is made again after each (keyed).
			page, models := j.rebase, slices.Clone(pl.st.models) // a plan is kept only for the same models
			j.keyed = true
			j.rebase = func(sh *shapes) uint64 { return newHasher(seed).num(page(sh), trackerKey(seed, models, m)).sum() }
		}
	}
	j.base = j.rebase(pl.shapes)
	pl.add(j)
}

// feeds adds the site's Atom feed (latest briefings in full), one per tag
// and jurisdiction (summaries), a JSON Feed beside each, and the sitemap.
func (pl *planner) feeds() {
	m := pl.m
	s := m.site
	main := feeds.SiteFeed(s)
	j := pl.feed(main, main.Self, pages.Owner{What: what(s, "the site feed")}, func(st *state, w io.Writer) error {
		return feeds.Atom(w, s.Config, main, m.body)
	})
	j.reads = render.Reads{Bodies: render.Listed}
	j = pl.feed(main, feeds.JSONURL(main), pages.Owner{What: what(s, "the site's JSON feed")}, func(st *state, w io.Writer) error {
		return feeds.JSON(w, s.Config, main, m.body, m.cover)
	})
	j.reads = render.Reads{Bodies: render.Listed, Pictures: render.Listed}
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			pl.termFeeds(t)
		}
	}
}

// termFeeds adds the feeds of a tag or jurisdiction: Atom and JSON.
func (pl *planner) termFeeds(t *site.Term) {
	m := pl.m
	s := m.site
	f := feeds.TermFeed(s, t)
	atom, json := pl.termOwner(t), pl.termOwner(t)
	atom.What, json.What = what(s, "the feed of "+t.Name), what(s, "the JSON feed of "+t.Name)
	pl.feed(f, f.Self, atom,
		func(st *state, w io.Writer) error { return feeds.Atom(w, s.Config, f, nil) })
	j := pl.feed(f, feeds.JSONURL(f), json,
		func(st *state, w io.Writer) error { return feeds.JSON(w, s.Config, f, nil, m.cover) })
	j.reads = render.Reads{Pictures: render.Listed}
}

// termOwner names where a term of the planner's model comes from, for
// its feeds (pages.TermOwner, a walk of the term's briefings). A one-shot
// build's model is as new as its lists, which hold each term page's owner:
// their walk is not made again. (An update in place can keep a list and
// change a briefing's lines.)
func (pl *planner) termOwner(t *site.Term) pages.Owner {
	if !pl.st.oneShot() {
		return pages.TermOwner(pl.m.site, t, "")
	}
	if pl.ownersOf != pl.m {
		pl.owners, pl.ownersOf = map[*site.Term]pages.Owner{}, pl.m
		for _, l := range pl.m.lists {
			if p := l.Page(1); p.Term != nil {
				pl.owners[p.Term] = p.Owner
			}
		}
	}
	if o, ok := pl.owners[t]; ok {
		return o
	}
	return pages.TermOwner(pl.m.site, t, "")
}

// feed adds a file made of feed f at url: it reads the entries' headers
// (and what its reads add), not the whole model.
func (pl *planner) feed(f feeds.Feed, url string, owner pages.Owner, render func(st *state, w io.Writer) error) *job {
	j := pl.whole("feed", url, owner, 0, render)
	seed, tk, m := pl.st.bl.seed, pl.tk, pl.m
	j.rebase = func(*shapes) uint64 { return feedBase(seed, j.path, tk, f, m.header) }
	j.base, j.list, j.keyed = j.rebase(nil), f.Entries, false
	return j
}

// sitemap adds the site's one sitemap, of every edition's pages.
func (pl *planner) sitemap() {
	m := pl.m
	s := m.site
	n := 0
	for _, m := range pl.st.models {
		n += len(m.site.Briefings)
	}
	// The file is made of the model, not the planner: a planner holds
	// every job it made, and the sitemap is written late.
	j := pl.whole("sitemap", s.URLs.Sitemap, pages.Owner{What: "the sitemap"}, n,
		func(st *state, w io.Writer) error { return feeds.Sitemap(w, s, m.views.Site.Alternates) })
	j.lazy = true
	if len(pl.st.models) == 1 && !pl.st.oneShot() { // a one-shot build's outputs have no base (see job.base)
		seed, tk := pl.st.bl.seed, pl.tk
		j.rebase = func(*shapes) uint64 { return outputBase(seed, j.kind, j.path, tk, sitemapKey(seed, s)) }
		j.base = j.rebase(nil)
	}
}

// what names an output of an edition other than the default in messages:
// "the site feed (zh-Hant)".
func what(s *site.Site, w string) string {
	if s.Language == nil || s.Language.Default || strings.HasSuffix(w, ")") && strings.Contains(w, "("+s.Language.Code+")") {
		return w
	}
	return w + " (" + s.Language.Code + ")"
}

// aliasPages add a small redirect page at each old path of the edition's
// briefings, for hosts that do not read _redirects.
func (pl *planner) aliasPages() {
	for _, a := range redirects.Aliases(pl.m.site) {
		b := a.Briefing
		al := b.Aliases[a.Index]
		j := pl.whole("alias", a.From, pages.Owner{File: b.Path, Line: al.Line, Field: al.Field, What: "alias " + a.From + " of " + b.Path}, 0,
			func(st *state, w io.Writer) error { return redirects.Page(w, site.AbsURL(st.cfg, b.URL)) })
		j.base, j.rebase, j.keyed = aliasBase(pl.st.bl.seed, j.path, pl.tk, b.URL), nil, false
	}
}

// redirects adds Netlify's _redirects: the site's own rules
// (static/_redirects) and a 301 per alias of every edition.
func (pl *planner) redirects(statics []staticFile) {
	s := pl.m.site
	var rules, notFound []string
	for _, m := range pl.st.models {
		rules = append(rules, redirects.Rules(m.site)...)
		if r, ok := redirects.NotFoundRule(m.site); ok {
			notFound = append(notFound, r)
		}
	}
	own := sources.StaticDir + s.URLs.Redirects
	hasOwn := slices.ContainsFunc(statics, func(f staticFile) bool { return f.src == own })
	if len(rules) == 0 && len(notFound) == 0 && !hasOwn {
		return
	}
	j := pl.whole("redirects", s.URLs.Redirects, pages.Owner{What: "the redirects of aliases"}, 0, func(st *state, w io.Writer) error {
		var data []byte
		if hasOwn {
			var err error
			if data, err = sources.ReadFile(st.fsys, own); err != nil {
				return err
			}
		}
		return redirects.File(w, data, rules, notFound)
	})
	if hasOwn {
		seed, whole, static := pl.st.bl.seed, j.rebase, pl.st.bl.static[own]
		j.rebase = func(*shapes) uint64 { return newHasher(seed).num(whole(nil), static).sum() }
		j.base = j.rebase(nil)
	}
}

// statics copies static/ and the theme's assets. The site's static files
// override the theme's assets of the same name; a static file that would
// overwrite a generated page is an error. static/robots.txt replaces the
// generated robots.txt and static/_redirects is merged into the generated
// one.
func (pl *planner) statics(files []staticFile) {
	seed := pl.st.bl.seed
	s := pl.m.site
	redirectsFile, robotsFile := site.OutputPath(s.URLs.Redirects), site.OutputPath(s.URLs.Robots)
	mine := map[string]bool{}
	var robots *job
	for _, f := range files {
		mine[f.out] = true
		if f.out == redirectsFile {
			if _, ok := pl.byPath[redirectsFile]; ok {
				continue // merged into the generated file
			}
		}
		j := &job{path: f.out, kind: "static", owner: &pages.Owner{File: f.src, What: "static file " + f.src},
			base: staticBase(seed, f.out, pl.tk, f.hash), render: copyFile(f.src)}
		if f.out == robotsFile {
			robots = j // added below, in the generated one's place
			continue
		}
		pl.add(j)
	}
	assets := pl.st.theme.Assets
	for _, p := range slices.Sorted(maps.Keys(assets)) {
		if mine[p] {
			continue
		}
		data := assets[p]
		pl.add(&job{path: p, kind: "static", owner: &pages.Owner{What: "theme asset " + p},
			base: staticBase(seed, p, pl.tk, newHasher(seed).bytes(data).sum()),
			render: func(st *state, w io.Writer) error {
				w.Write(data)
				return nil
			}})
	}
	if robots != nil {
		pl.add(robots)
		return
	}
	j := pl.whole("robots", s.URLs.Robots, pages.Owner{What: "robots.txt"}, 0, func(st *state, w io.Writer) error {
		io.WriteString(w, "User-agent: *\nAllow: /\nSitemap: "+site.AbsURL(st.cfg, s.URLs.Sitemap)+"\n")
		return nil
	})
	j.base, j.rebase, j.keyed = outputBase(seed, j.kind, j.path, pl.tk, 0), nil, false // the configuration's alone
}

// folderClashes reports an output file whose path another output needs as
// a folder: "/old" and "/old/", or a static file "tags" beside the tags
// pages. Memory holds both; a disk cannot, and Netlify serves one path for
// both. The error goes to the side an editor wrote last (an alias), else to
// the one with a source file.
func (pl *planner) folderClashes() {
	// For each file in the way, the output below it with the shortest path
	// (then the smallest) names the clash, whatever the order of the plan.
	under := map[int]int{}
	for k, j := range pl.jobs {
		for dir := pathpkg.Dir(j.path); dir != "."; dir = pathpkg.Dir(dir) {
			i, ok := pl.byPath[dir]
			if !ok {
				continue
			}
			file, o := pl.jobs[i].who(), j.who()
			if !isAlias(file) && isAlias(o) {
				// Each alias is its own mistake: report it at its line.
				pl.diags = append(pl.diags, diag.Errorf(o.File, o.Line, o.Field, clashHint(o),
					"%s needs /%s as a folder, which %s writes as a file", o.What, dir, file))
				break
			}
			if prev, seen := under[i]; !seen || shorter(j.path, pl.jobs[prev].path) {
				under[i] = k
			}
			break
		}
	}
	for _, i := range slices.Sorted(maps.Keys(under)) {
		file, j := pl.jobs[i].who(), pl.jobs[under[i]].who()
		if file.File == "" && j.File != "" && !isAlias(file) {
			pl.diags = append(pl.diags, diag.Errorf(j.File, j.Line, j.Field, clashHint(j),
				"%s needs /%s as a folder, which %s writes as a file", j.What, pl.jobs[i].path, file))
			continue
		}
		pl.diags = append(pl.diags, diag.Errorf(file.File, file.Line, file.Field, clashHint(file),
			"%s would be written to the file /%s, which %s needs as a folder", file.What, pl.jobs[i].path, j))
	}
}

func shorter(a, b string) bool { return len(a) < len(b) || (len(a) == len(b) && a < b) }

func isAlias(o pages.Owner) bool { return strings.HasPrefix(o.Field, "aliases") }

// clashHint says how to give an output its own path.
func clashHint(o pages.Owner) string {
	if isAlias(o) {
		return "remove the alias, or change it so that it is not the path of another page or file"
	}
	return "change a slug, alias or file name so that every page has its own URL"
}

// finish indexes the jobs by what they read.
func (pl *planner) finish(key uint64) *plan {
	p := &plan{key: key, models: pl.st.models, jobs: pl.jobs, byPath: pl.byPath, diags: pl.diags, kinds: map[string]int{}}
	if !pl.st.oneShot() {
		p.readers = map[*site.Briefing][]*job{} // for a later build's edits
	}
	anyBody := false
	n := 0
	for _, m := range pl.st.models {
		n += len(m.site.Briefings)
	}
	counts := make([]int32, n)
	var cards []int32
	anyCard := !pl.st.oneShot()
	if !anyCard {
		cards = make([]int32, n)
	}
	for _, j := range pl.jobs {
		p.kinds[j.kind]++
		r := j.reads
		all := r.Bodies | r.Stats | r.Pictures | r.Cards
		if all.Has(render.Any) {
			p.anyReaders = append(p.anyReaders, j)
		}
		anyBody = anyBody || r.Bodies.Has(render.Any)
		anyCard = anyCard || r.Cards.Has(render.Any)
		if p.readers != nil {
			j.eachRead(all, func(b *site.Briefing) { p.readers[b] = append(p.readers[b], j) })
		}
		j.eachRead(r.Bodies, func(b *site.Briefing) { counts[j.m.first+site.Rank(b)]++ })
		if !anyCard {
			j.eachRead(r.Cards, func(b *site.Briefing) { cards[j.m.first+site.Rank(b)]++ })
		}
	}
	if !anyBody {
		p.bodyReaders = counts
	}
	if !anyCard {
		p.cardReaders = cards
	}
	return p
}

// eachRead calls fn for each briefing whose parts in scope s the job reads
// by name: its own, its neighbours, the ones it lists.
func (j *job) eachRead(s render.Scope, fn func(*site.Briefing)) {
	if b := j.own; b != nil {
		if s.Has(render.Own) {
			fn(b)
		}
		if s.Has(render.Neighbours) {
			for _, n := range []*site.Briefing{b.Newer, b.Older} {
				if n != nil {
					fn(n)
				}
			}
		}
	}
	if s.Has(render.Listed) {
		for _, b := range j.list {
			fn(b)
		}
	}
}
