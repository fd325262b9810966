package build

import (
	"html/template"
	"slices"
	"sync"

	"github.com/cespare/xxhash/v2"

	"brief/internal/diag"
	"brief/internal/feeds"
	"brief/internal/markdown"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
)

// A one-shot build (Options.Once) streams each briefing from its source to
// its written page: it reads the Markdown again when it renders it (the
// model holds front matter only), writes the briefing's page as soon as the
// body is rendered, and lets go of the body at once, but for the few that
// other outputs show (the site feed's, in full). So memory grows with the
// model, not with the bodies. The page is the one the plan would make: it
// reads no more than its own briefing's parts and the model, which is
// complete before any body is rendered. A build that fails later discards
// the sink (a staging folder), as it does any partial build.

// oneShot says that nothing reads this build's records of what it made:
// no later build of this Builder (Options.Once), no build cache, and
// nothing from an earlier build to compare with. Such a build keeps no
// fingerprints of its outputs, nor who reads which briefing's parts.
func (st *state) oneShot() bool {
	return st.opt.Once && !st.opt.Incremental && st.opt.Cache == nil
}

// streamPages says whether this build streams briefing pages, and which
// briefings' bodies it keeps for other outputs. Themes whose other pages
// or cards show bodies, or whose briefing pages show other briefings'
// parts, are built as in watch mode, from bodies held to the end.
//
// A build with a cache streams too, but for one that restored a state
// (whose bodies' HTML and search fragments are made again only where
// needed, cache.go): it keeps what the cache saves of each body and
// search entry.
func (st *state) streamPages(m *model) (keep map[*site.Briefing]bool, ok bool) {
	if !st.opt.Once || st.opt.Incremental || st.bl.saved != nil || st.theme == nil || !st.cfgOK {
		return nil, false
	}
	if st.theme.CardReads.Bodies != 0 {
		return nil, false
	}
	for kind, r := range st.theme.Reads {
		if kind != "briefing" {
			if r.Bodies != 0 {
				return nil, false
			}
			continue
		}
		if (r.Bodies|r.Stats|r.Pictures)&^render.Own != 0 || r.Cards != 0 {
			return nil, false
		}
	}
	keep = map[*site.Briefing]bool{}
	for _, b := range feeds.SiteFeed(m.site).Entries {
		keep[b] = true // the edition's feed (Atom and JSON) shows them in full
	}
	if st.streamed == nil {
		st.streamed = map[*model][]written{}
	}
	st.streamed[m] = make([]written, len(m.site.Briefings))
	if st.searchCollectors == nil {
		st.searchCollectors = map[*model]*search.Collector{}
	}
	st.searchCollectors[m] = search.NewCollector(len(m.site.Briefings))
	return keep, true
}

// streamPage writes b's page, whose view holds its rendered parts, and
// lets go of its body unless keep holds it. A page whose path no disk can
// hold is left to the plan, which reports it.
func (st *state) streamPage(m *model, b *site.Briefing, f *sourceFile, keep map[*site.Briefing]bool, log *streamLog) {
	// The job lives only while its page is made: it is given back for the
	// next (100,000 of them, 17 MB, at 100,000 briefings).
	j, _ := st.pageJobs.Get().(*job)
	if j == nil {
		j = new(job)
	}
	*j = job{path: site.OutputPath(pages.Briefing(b).URL), kind: "briefing", own: b, m: m}
	defer func() {
		*j = job{} // it names the briefing and model
		st.pageJobs.Put(j)
	}()
	if output.CheckPath(j.path) != nil {
		return
	}
	w, d := st.writeJob(j, func(*job) {})
	st.streamed[m][site.Rank(b)] = w
	log.add(w, d, false)
	if !keep[b] {
		m.views.Briefing(b).Content = ""
		st.renderer().ReturnHTML(f.rendered.html) // lent: see renderPartsOf
		f.rendered.html = ""
		f.rendered.released = true
	}
	if st.opt.Cache == nil { // else the cache saves them
		f.rendered.trim()
	}
}

// dropReleased lets go, in a one-shot build about to write its other
// files, of the records of the sources whose pages it streamed and whose
// bodies' HTML it let go of: they were kept for the anchor check and the
// plan's images, and no other file reads them (views hold what templates
// show; the model, the front matter). With their rendered bodies they
// were a tenth of what such a build holds beside its model as it writes
// the rest (about 250 bytes a briefing for the body, 200 for the record
// and its place in the index of files). The index is made again with the
// records left: one that let go of most of its entries keeps its size.
func (st *state) dropReleased() {
	if !st.oneShot() || len(st.streamed) == 0 {
		return
	}
	// Only streamed pages' bodies are released. The records left are
	// few: one pass over the index copies them, where looking up and
	// deleting each briefing's reached into the heap five times a
	// briefing (0.15 s of CPU at 100,000 briefings, on one core).
	left := map[string]*sourceFile{}
	for p, f := range st.bl.files {
		if f.rendered == nil || !f.rendered.released {
			left[p] = f
		}
	}
	st.bl.files = left
}

// trim lets go of what only a later build reads of a rendered body, for a
// one-shot build that streamed its page: the links it resolved (kept to
// tell whether it can be reused) and its headings (the search entry is
// made). The anchor check reads the headings' ids: it keeps their hashes,
// a tenth of their size.
func (rb *renderedBody) trim() {
	rb.links, rb.drafts = nil, nil
	if len(rb.images) == 0 {
		rb.images = nil
	}
	if len(rb.headings) > 0 {
		rb.headingIDs = make([]uint64, len(rb.headings))
		for i, h := range rb.headings {
			rb.headingIDs[i] = xxhash.Sum64String(h.ID)
		}
		rb.headings = nil
	}
}

// hasHeading says whether the body has a heading with the given id. For a
// trimmed body a hash stands for the id: two ids of one body that share a
// 64-bit hash are too unlikely to matter.
func (rb *renderedBody) hasHeading(id string) bool {
	if rb.headingIDs != nil {
		return slices.Contains(rb.headingIDs, xxhash.Sum64String(id))
	}
	return slices.ContainsFunc(rb.headings, func(h markdown.Heading) bool { return h.ID == id })
}

// streamedPage is what streamPage did with the page of job j, if it wrote it.
func (st *state) streamedPage(j *job) (written, bool) {
	if st.streamed == nil || j.kind != "briefing" || j.own == nil || j.page != 0 || j.render != nil {
		return written{}, false
	}
	ws := st.streamed[st.modelOf(j.own)]
	if ws == nil {
		return written{}, false
	}
	w := ws[site.Rank(j.own)]
	return w, w.path != "" && w.path == j.path
}

// streamLog collects what streamPage and streamFragment did in parallel:
// their problems, and the search index's files written.
type streamLog struct {
	mu     sync.Mutex
	errs   diag.List
	search []written
}

func (l *streamLog) add(w written, d diag.Diagnostic, search bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d.Msg != "" {
		l.errs = append(l.errs, d)
	}
	if search {
		l.search = append(l.search, w)
	}
}

// streamFragment writes b's search result fragment, the largest part of
// its search entry, and hands the rest to its edition's collector, which
// makes the index once every body is rendered.
func (st *state) streamFragment(m *model, b *site.Briefing, e *search.Entry, log *streamLog) {
	s := m.site
	id := len(s.Briefings) - 1 - site.Rank(b)
	j := &job{path: searchFolder(s) + search.FragmentPath(id), kind: searchIndexKind, m: m}
	if output.CheckPath(j.path) == nil { // else the index's job reports it
		w, d := st.put(j, e.FragmentFile()) // made already: handed over, not copied
		log.add(w, d, true)
		e = e.Written() // written: its buffer serves the next entry (the caller lets go of e)
	}
	st.searchCollectors[m].Add(id, e)
}

// heldBody puts b's rendered body back into its view if a streamed build
// let go of it, rendering it again, and returns what lets go of it again:
// the anchor check reads the ids of a few pages that other bodies link
// into (footnotes, the theme's own ids).
func (st *state) heldBody(b *site.Briefing) (restore func()) {
	f := st.bl.files[b.Path]
	if f.rendered == nil || !f.rendered.released {
		return func() {}
	}
	md, release, err := st.markdownOf(b.Path, f)
	if err != nil {
		return func() {} // the page is checked without its body
	}
	f.body = md
	m := st.modelOf(b)
	v := m.views.Briefing(b)
	v.Content = template.HTML(st.renderBody(st.renderer(), m, b, f).html)
	f.body = nil
	release()
	return func() { v.Content = "" }
}
