package build

import (
	"bytes"

	"brief/internal/feeds"
	"brief/internal/site"
	"brief/internal/sources"
)

// feeds adds the site's Atom feed, one per tag and jurisdiction, and the
// sitemap.
func (pl *planner) feeds() {
	st := pl.st
	s := st.site
	pl.mainFeed(feeds.SiteFeed(s))
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			f := feeds.TermFeed(s, t)
			pl.add(job{path: site.OutputPath(f.Self), kind: "feed", owner: pl.termOwner(t, "the feed of "+t.Name),
				fp: st.fp("feed", pl.listFingerprint(f.Entries), termFingerprint(st, t)),
				render: func(w *bytes.Buffer) error {
					return feeds.Atom(w, st.cfg, f, nil)
				}})
		}
	}
	all := pl.listFingerprint(s.Briefings)
	pl.add(job{path: site.OutputPath(s.URLs.Sitemap), kind: "sitemap", owner: owner{what: "the sitemap"}, fp: st.fp("sitemap", all, pl.termsFingerprint()),
		render: func(w *bytes.Buffer) error { return feeds.Sitemap(w, s) }, cost: len(s.Briefings)})
}

// mainFeed adds the site's feed of the latest briefings, with full bodies.
func (pl *planner) mainFeed(f feeds.Feed) {
	st := pl.st
	h := newHasher(st.bl.seed)
	for _, b := range f.Entries {
		h.num(pl.fulls[b])
	}
	pl.add(job{path: site.OutputPath(f.Self), kind: "feed", owner: owner{what: "the site feed"}, fp: st.fp("feed", h.sum()),
		render: func(w *bytes.Buffer) error {
			return feeds.Atom(w, st.cfg, f, func(b *site.Briefing) string { return string(b.Content) })
		}})
}

func (pl *planner) termsFingerprint() uint64 {
	h := newHasher(pl.st.bl.seed)
	for _, terms := range [][]*site.Term{pl.st.site.Tags, pl.st.site.Jurisdictions} {
		for _, t := range terms {
			h.str(t.URL).int(len(t.Briefings))
		}
	}
	for _, y := range pl.st.site.Years {
		h.str(y.URL).int(len(y.Briefings))
	}
	return h.sum()
}

func (st *state) readStatic(f staticFile) ([]byte, error) {
	if f.data != nil {
		return f.data, nil
	}
	return sources.ReadFile(st.fsys, f.src)
}
