package build

import (
	"encoding/binary"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/markdown"
	"brief/internal/pages"
	"brief/internal/search"
	"brief/internal/site"
)

// The search index is a part of each briefing (its entry, analysed from
// its body's text as the body is rendered) and a set of files made from
// all of them. Its files are named by their content, so an edit replaces
// a few of them; they are planned per build, beside the plan.

// searchCache is a briefing's search entry and the fingerprint of the
// document it was analysed from.
type searchCache struct {
	key   uint64
	entry *search.Entry
	// The briefing's header, rendered body and configuration it was last
	// found valid with: while they are the same, so is the document it
	// analysed, without making it again (a new model checks every entry).
	// An entry restored from a build cache has no configuration: it is
	// the one the cache's state was saved with (savedConfig).
	header   uint64
	rendered *renderedBody
	cfg      *config.Config
}

// searchIndexKind is the kind of the index's files in Result.Pages.
const searchIndexKind = "search index"

// searchEntry analyses a published briefing for the search index, unless
// the document it makes is the one its cached entry was made from.
func (st *state) searchEntry(m *model, b *site.Briefing, f *sourceFile) (*search.Entry, error) {
	if c := f.search; c != nil && c.header == m.header(b) && c.rendered == f.rendered && (c.cfg == st.cfg || c.cfg == nil && st.savedConfig()) {
		return c.entry, nil
	}
	doc := func() *search.Doc {
		st.bl.searchDocs.Add(1)
		return st.searchDoc(m, b, f.rendered)
	}
	d := doc()
	var key uint64 // a one-shot build keeps no entry for a later one to tell
	if !st.oneShot() {
		key = searchDocKey(st.bl.seed, d, f.rendered.textSum)
	}
	if st.oneShot() || f.search == nil || f.search.key != key {
		if f.rendered.lazy {
			if err := st.renderAgain(st.renderer(), m, b, f); err != nil {
				return nil, err
			}
			d = doc()
		}
		analyse := search.Analyse
		if st.oneShot() {
			analyse = search.AnalyseUnsummed // nothing reads the fragment's hash (see put)
		}
		f.search = &searchCache{key: key, entry: analyse(d)}
	}
	f.search.header, f.search.rendered, f.search.cfg = m.header(b), f.rendered, st.cfg
	if st.opt.Once {
		st.renderer().ReturnText(f.rendered.text) // if lent: see renderPartsOf
		f.rendered.text = ""                      // analysed: nothing else reads it
	}
	return f.search.entry, nil
}

// searchDocKey is the fingerprint of the search document d of a body whose
// text has the fingerprint textSum: a body restored from a cache has no
// text until it is needed.
func searchDocKey(seed hashSeed, d *search.Doc, textSum uint64) uint64 {
	h := newHasher(seed).str(d.URL, d.Title, d.Date, d.Summary).num(textSum).int(len(d.Headings)).str(d.Headings...)
	for _, l := range [][]string{d.Tags, d.Jurisdictions, d.Funding, d.Sources} {
		h.int(len(l)).str(l...)
	}
	for _, fl := range d.Filters {
		h.str(fl.Kind, fl.Value)
	}
	return h.sum()
}

// savedConfig says whether the build's configuration and options are
// those of the build cache's state as last restored or saved (stateKey).
func (st *state) savedConfig() bool {
	st.savedOnce.Do(func() {
		s := st.bl.saved
		st.isSaved = s != nil && st.cfgOK && s.key == stateKey(st.bl.seed, st.opt, st.bl.cfgSrc)
	})
	return st.isSaved
}

// searchDoc is what the search index is made of for a published briefing
// whose body rendered to rb.
func (st *state) searchDoc(m *model, b *site.Briefing, rb *renderedBody) *search.Doc {
	d := search.NewDoc(b.Briefing, &markdown.Result{Text: rb.text, TextPlain: rb.textPlain, Headings: rb.headings})
	d.URL, d.Filters = site.RelURL(st.cfg, b.URL), searchFilters(m.site, m.terms, b)
	d.Tags, d.Jurisdictions = site.Names(b.Tags), site.Names(b.Jurisdictions) // as the site spells them
	return d
}

// searchFilters lists the filter values of b, a briefing of s: its tags,
// its jurisdictions and their parents (as the jurisdiction pages list
// them), each kind in the order of s's terms (order numbers them), and its
// year. They are made when b is analysed, not kept for every briefing.
func searchFilters(s *site.Site, order map[*site.Term]int, b *site.Briefing) []search.Filter {
	// Room for every tag, three levels of jurisdictions and the year.
	out := make([]search.Filter, 0, len(b.Tags)+3*len(b.Jurisdictions)+1)
	add := func(kind string, terms []*site.Term) {
		slices.SortFunc(terms, func(x, y *site.Term) int { return order[x] - order[y] })
		for i, t := range terms {
			if i == 0 || t != terms[i-1] {
				out = append(out, search.Filter{Kind: kind, Value: t.Slug})
			}
		}
	}
	add("tag", slices.Clone(b.Tags))
	var juris []*site.Term
	for _, t := range b.Jurisdictions {
		// A parent cycle is an error of site.toml's; the walk stops at
		// the first term met again all the same.
		for p := t; p != nil && !slices.Contains(juris, p); p = p.Parent {
			juris = append(juris, p)
		}
	}
	add("jurisdiction", juris)
	return append(out, search.Filter{Kind: "year", Value: strconv.Itoa(b.Date.Year())})
}

// termOrder numbers s's tags and jurisdictions in the site's order.
func termOrder(s *site.Site) map[*site.Term]int {
	order := make(map[*site.Term]int, len(s.Tags)+len(s.Jurisdictions))
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for i, t := range ts {
			order[t] = i
		}
	}
	return order
}

// makeIndex starts bringing the index's files up to date with the
// entries in the background, for searchIndex to wait for. It reads the
// entries and collectors and writes the Builder's indexers and
// searchFiles, none of which the plan reads: at 100,000 briefings the
// index's compression (on every core) then runs while the plan is made
// (on one).
func (st *state) makeIndex() {
	done := make(chan struct{})
	st.indexed = done
	streamed := st.searchCollectors != nil
	go func() { // searchIndex waits for it
		defer close(done)
		st.indexFiles(streamed)
	}()
}

// indexFiles brings the index's files (searchFiles) up to date.
func (st *state) indexFiles(streamed bool) {
	bl := st.bl
	if streamed {
		// A one-shot build collected each edition's entries as it made them.
		bl.search, bl.searchFiles = nil, map[string][]search.File{}
		for _, m := range st.models {
			bl.searchFiles[m.site.Language.Code] = st.searchCollectors[m].Index().Files
		}
		return
	}
	if bl.search == nil || st.searchChanged || len(bl.search) != len(st.models) {
		if bl.search == nil || len(bl.search) != len(st.models) || bl.search[st.model.site.Language.Code] == nil {
			bl.search, bl.searchFiles = map[string]*search.Indexer{}, map[string][]search.File{}
		}
		for _, m := range st.models {
			ix := bl.search[m.site.Language.Code]
			if ix == nil {
				ix = bl.resumedIndex(m.site.Language.Code)
				bl.search[m.site.Language.Code] = ix
			}
			bl.searchFiles[m.site.Language.Code] = ix.Update(m.entries).Files
		}
	}
}

// searchIndex waits for the index's files (makeIndex) and lists them as
// outputs (after the plan's, which they must not clash with). A one-shot
// build lets go of what made the index first.
func (st *state) searchIndex() {
	bl := st.bl
	streamed := st.searchCollectors != nil
	if st.indexed == nil { // not started
		st.indexFiles(streamed)
	} else {
		<-st.indexed
		st.indexed = nil
	}
	if streamed {
		st.searchCollectors, st.searchChanged = nil, true
	}
	bl.searchResume = nil
	if st.opt.Cache != nil && bl.searchFiles != nil {
		bl.keepSearchFiles()
		st.keepSearchIDs()
	}
	if st.opt.Once {
		// The index is made: let go of what made it before the pages are
		// rendered, and of each file once written.
		bl.search = nil
		for _, m := range st.models {
			m.entries = nil
		}
		if st.opt.Cache == nil { // else the cache keeps the entries
			for _, f := range bl.files {
				f.search = nil
			}
		}
	}
	if !st.searchChanged && bl.searchJobs != nil && bl.searchFor == bl.plan {
		// The same files: the same jobs, and none of them changed.
		st.searchJobs = bl.searchJobs
		return
	}
	bl.searchGen++
	st.searchJobs, st.searchNew, st.searchGone = nil, nil, nil
	for _, m := range st.models {
		st.searchJobsOf(m, streamed)
	}
	for p, j := range bl.searchByPath {
		if j.gen != bl.searchGen {
			delete(bl.searchByPath, p)
			st.searchGone = append(st.searchGone, p)
		}
	}
	if st.opt.Once {
		bl.searchFiles = nil
	}
}

// searchKey is the key of an edition's index file in searchKept.
func searchKey(lang, p string) string { return lang + "\x00" + p }

// keepSearchFiles keeps the index's compressed files for the build cache:
// a process that restores them compresses again only the chunks and filter
// sets that changed (search.Indexer.Reuse). Fragments are made again from
// the sources (fragmentAgain), and the manifest is small.
func (bl *Builder) keepSearchFiles() {
	bl.searchKept = map[string]search.File{}
	for lang, files := range bl.searchFiles {
		for _, f := range files {
			if strings.HasPrefix(f.Path, "c/") || strings.HasPrefix(f.Path, "s/") {
				bl.searchKept[searchKey(lang, f.Path)] = f
			}
		}
	}
}

// resumedIndex is an edition's search index that Restore resumes from the
// build cache's state (search.Indexer.Resume), in the background while the
// build reads its sources and makes the model: ix once done is closed, nil
// when the state did not give it back.
type resumedIndex struct {
	done chan struct{}
	ix   *search.Indexer
}

// resumeIndex starts resuming the index of entries (by id) from its kept
// files.
func resumeIndex(entries []*search.Entry, files []search.File) *resumedIndex {
	r := &resumedIndex{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		ix := new(search.Indexer)
		if ix.Resume(entries, files) == nil {
			r.ix = ix
		}
	}()
	return r
}

// resumedIndex makes the Indexer of lang's index in a Builder that a build
// cache restored: resumed from the index the cache describes, or else
// given the compressed files it kept.
func (bl *Builder) resumedIndex(lang string) *search.Indexer {
	if r := bl.searchResume[lang]; r != nil {
		if <-r.done; r.ix != nil {
			bl.resumed++
			return r.ix
		}
	}
	ix := new(search.Indexer)
	ix.Reuse(bl.keptSearchFiles(lang))
	return ix
}

// keepSearchIDs notes, for the build cache, the fingerprints of each
// edition's search entries by id (oldest first: id n-1-rank), for a later
// process to resume the index (resumeIndex).
func (st *state) keepSearchIDs() {
	bl := st.bl
	bl.searchIDs = map[string]string{}
	for _, m := range st.models {
		n := len(m.site.Briefings)
		ids := make([]byte, 8*n)
		for id := range n {
			f := bl.files[m.site.Briefings[n-1-id].Path]
			if f == nil || f.search == nil {
				ids = nil // not kept: the next build makes the index again
				break
			}
			binary.LittleEndian.PutUint64(ids[8*id:], f.search.key)
		}
		if ids != nil {
			bl.searchIDs[m.site.Language.Code] = string(ids)
		}
	}
}

// keptSearchFiles are the files of lang's index that searchKept holds.
func (bl *Builder) keptSearchFiles(lang string) []search.File {
	var out []search.File
	for k, f := range bl.searchKept {
		if l, _, _ := strings.Cut(k, "\x00"); l == lang {
			out = append(out, f)
		}
	}
	return out
}

// searchJobsOf lists the files of the edition m's search index as jobs.
// Files without their bytes are fragments written as their bodies were
// rendered (streamed), or else fragments that a build cache did not keep.
func (st *state) searchJobsOf(m *model, streamed bool) {
	bl := st.bl
	folder := searchFolder(m.site)
	var fragmentOf map[string]*site.Briefing
	for _, f := range bl.searchFiles[m.site.Language.Code] {
		data, p := f.Data, folder+f.Path
		if f.Path == search.ManifestFile {
			p = site.OutputPath(m.site.URLs.SearchIndex) // the URL search.html gives search.js
		}
		if i, ok := bl.plan.byPath[p]; ok {
			// An editor's page took the index's path: report it there.
			o := bl.plan.jobs[i].who()
			st.diags = append(st.diags, diag.Errorf(o.File, o.Line, o.Field, clashHint(o),
				"%s would be written to /%s, which the search index also makes", o.What, p))
			continue
		}
		base := newHasher(bl.seed).str(searchIndexKind).num(f.Sum).sum()
		var from *site.Briefing
		if data == nil {
			if streamed {
				// A fragment written as its body was rendered
				// (streamFragment): the build cache logs it as the
				// job a later build plans for it.
				if st.opt.Cache != nil {
					if st.fragmentInputs == nil {
						st.fragmentInputs = map[string]uint64{}
					}
					st.fragmentInputs[p] = st.fingerprint(&job{base: base}, allParts{})
				}
				continue
			}
			if fragmentOf == nil {
				fragmentOf = fragmentBriefings(m.site)
			}
			from = fragmentOf[f.Path]
		}
		j := bl.searchByPath[p]
		if j == nil || j.base != base || j.fragmentOf != from {
			j = &job{path: p, kind: searchIndexKind, owner: &pages.Owner{What: what(m.site, "the search index")}, base: base, m: m,
				fragmentOf: from,
				render: func(st *state, w io.Writer) error {
					w.Write(data)
					if st.opt.Once {
						data = nil
					}
					return nil
				}}
			if from != nil {
				sum := f.Sum
				j.render = func(st *state, w io.Writer) error {
					data, err := st.fragmentAgain(m, from, sum)
					w.Write(data)
					return err
				}
			}
			bl.searchByPath[p] = j
			st.searchNew = append(st.searchNew, j)
		}
		j.gen = bl.searchGen
		st.searchJobs = append(st.searchJobs, j)
	}
}

// searchFolder is the folder of the search index's files.
func searchFolder(s *site.Site) string {
	return strings.TrimPrefix(path.Dir(s.URLs.SearchIndex), "/") + "/"
}
