package build

import (
	"bytes"
	"path"
	"slices"
	"strconv"
	"strings"

	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
)

// searchCache is a briefing's search entry and the fingerprint of the
// document it was analysed from.
type searchCache struct {
	key   uint64
	entry *search.Entry
}

// searchEntriesAfter is the last build's search entries with those of
// the edited briefings analysed again: a body edit moves no briefing, so
// ids stay.
func (st *state) searchEntriesAfter(edited []*site.Briefing) []*search.Entry {
	bs := st.site.Briefings
	entries := slices.Clone(st.bl.entries)
	filters := searchFilters(st.site)
	for _, b := range edited {
		i := slices.Index(bs, b)
		entries[len(bs)-1-i] = st.searchEntry(b, st.bl.files[b.Path], filters[b])
	}
	return entries
}

// searchEntry analyses a published briefing for the search index, unless
// the document it makes is the one its cached entry was made from.
func (st *state) searchEntry(b *site.Briefing, f *sourceFile, filters []search.Filter) *search.Entry {
	d := search.NewDoc(b.Briefing, &f.body.res)
	d.URL, d.Filters = site.RelURL(st.cfg, b.URL), filters
	d.Tags, d.Jurisdictions = termNames(b.Tags), termNames(b.Jurisdictions) // as the site spells them
	h := newHasher(st.bl.seed).str(d.URL, d.Title, d.Date, d.Summary, d.Body).int(len(d.Headings)).str(d.Headings...)
	for _, l := range [][]string{d.Tags, d.Jurisdictions, d.Funding, d.Sources} {
		h.int(len(l)).str(l...)
	}
	for _, fl := range d.Filters {
		h.str(fl.Kind, fl.Value)
	}
	key := h.sum()
	if f.search == nil || f.search.key != key {
		f.search = &searchCache{key: key, entry: search.Analyse(d)}
	}
	if st.opt.Once {
		f.body.res.Text = "" // analysed: nothing else reads it
	}
	return f.search.entry
}

// searchFilters lists the filter values of each briefing: its tags, its
// jurisdictions and their parents (as the jurisdiction pages list them),
// and its year.
func searchFilters(s *site.Site) map[*site.Briefing][]search.Filter {
	out := make(map[*site.Briefing][]search.Filter, len(s.Briefings))
	for _, terms := range []struct {
		kind  string
		terms []*site.Term
	}{{"tag", s.Tags}, {"jurisdiction", s.Jurisdictions}} {
		for _, t := range terms.terms {
			for _, b := range t.Briefings {
				out[b] = append(out[b], search.Filter{Kind: terms.kind, Value: t.Slug})
			}
		}
	}
	for _, y := range s.Years {
		for _, b := range y.Briefings {
			out[b] = append(out[b], search.Filter{Kind: "year", Value: strconv.Itoa(y.Year)})
		}
	}
	return out
}

// search adds the search page and the index's files. Each file's
// fingerprint is its content's, so an edit rewrites only the chunks,
// sets and fragments whose bytes it changes.
func (pl *planner) search(entries []*search.Entry) {
	st := pl.st
	s := st.site
	page := &render.Page{Kind: "search", Section: "search", Title: "Search", URL: s.URLs.Search,
		Terms: append(append([]*site.Term(nil), s.Tags...), s.Jurisdictions...), Years: s.Years}
	pl.add(job{path: site.OutputPath(page.URL), kind: "search", owner: owner{what: "the search page"},
		fp: st.fp("search", searchPageFingerprint(st)), render: st.pageJob(page)})
	pl.searchIndex(entries)
}

// searchIndexKind is the kind of the index's files in Result.Pages.
const searchIndexKind = "search index"

// searchIndex adds the files of the search index.
func (pl *planner) searchIndex(entries []*search.Entry) {
	st := pl.st
	if st.bl.search == nil {
		st.bl.search = new(search.Indexer)
	}
	st.bl.entries = entries
	folder := st.searchFolder()
	index := st.bl.search.Update(entries)
	if st.opt.Once {
		// The index is made: in a one-shot build, let go of what made it
		// before the pages are rendered, and of each file once written.
		st.bl.search, st.bl.entries, st.searchEntries = nil, nil, nil
		for _, f := range st.bl.files {
			f.search = nil
		}
	}
	for _, f := range index.Files {
		data, p := f.Data, folder+f.Path
		if f.Path == search.ManifestFile {
			p = site.OutputPath(st.site.URLs.SearchIndex) // the URL search.html gives search.js
		}
		pl.add(job{path: p, kind: searchIndexKind, owner: owner{what: "the search index"},
			fp: newHasher(st.bl.seed).str(searchIndexKind).num(f.Sum).sum(),
			render: func(w *bytes.Buffer) error {
				w.Write(data)
				if st.opt.Once {
					data = nil
				}
				return nil
			}})
	}
}

// searchPageFingerprint covers what the search page shows besides the
// theme: the filter options (tag and jurisdiction names and slugs, years).
func searchPageFingerprint(st *state) uint64 {
	h := newHasher(st.bl.seed)
	for _, terms := range [][]*site.Term{st.site.Tags, st.site.Jurisdictions} {
		h.int(len(terms))
		for _, t := range terms {
			h.str(t.Kind, t.Name, t.Slug, t.URL).int(len(t.Briefings))
			if t.Parent != nil {
				h.str(t.Parent.Name)
			}
		}
	}
	for _, y := range st.site.Years {
		h.int(y.Year).int(len(y.Briefings))
	}
	return h.sum()
}

func termNames(ts []*site.Term) []string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return names
}

// searchFolder is the output folder of the search index: the folder of
// its manifest, whose URL site keeps.
func (st *state) searchFolder() string {
	return strings.TrimPrefix(path.Dir(st.site.URLs.SearchIndex), "/") + "/"
}
