package build

import (
	"bytes"

	"brief/internal/export"
	"brief/internal/funding"
	"brief/internal/render"
	"brief/internal/site"
)

// funding adds the funding tracker page and the data exports. They read
// every published briefing's metadata (funding included) and the currency
// settings, which the site-wide fingerprint covers through site.toml.
func (pl *planner) funding() {
	st := pl.st
	s := st.site
	all := pl.listFingerprint(s.Briefings)
	pl.add(job{path: site.OutputPath(s.URLs.Funding), kind: "funding", owner: owner{what: "the funding tracker"},
		fp: st.fp("funding", all, pl.termsFingerprint()),
		render: func(w *bytes.Buffer) error {
			return st.writePage(w, &render.Page{Kind: "funding", Section: "funding", Title: "Funding tracker",
				Description: "Every funding figure in the briefings, with totals by jurisdiction, year and tag.",
				URL:         s.URLs.Funding, Funding: funding.NewTracker(st.cfg, s)})
		}, cost: len(s.Briefings)})
	pl.add(job{path: site.OutputPath(s.URLs.BriefingsData), kind: "data", owner: owner{what: "the briefings data file"},
		fp:     st.fp("data-json", pl.dataFingerprint()),
		render: func(w *bytes.Buffer) error { return export.JSON(w, st.cfg, s.Briefings) }, cost: len(s.Briefings)})
	pl.add(job{path: site.OutputPath(s.URLs.FundingData), kind: "data", owner: owner{what: "the funding data file"},
		fp:     st.fp("data-csv", all),
		render: func(w *bytes.Buffer) error { return export.CSV(w, st.cfg, s.Briefings) }, cost: len(s.Briefings)})
}

// dataFingerprint covers what briefings.json shows: the metadata of every
// briefing and its sources, which are not part of the metadata fingerprint.
func (pl *planner) dataFingerprint() uint64 {
	h := newHasher(pl.st.bl.seed)
	for _, b := range pl.st.site.Briefings {
		h.num(pl.metas[b])
		for _, src := range b.Sources {
			h.str("s", src.Title, src.URL)
		}
	}
	return h.sum()
}

// totals formats the funding of a list page's briefings (all of them, not
// one page's window) for render.Page.Totals.
func (pl *planner) totals(bs []*site.Briefing) []string {
	return funding.Total(pl.st.cfg, bs).Strings()
}
