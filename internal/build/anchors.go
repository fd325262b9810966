package build

import (
	"bytes"
	"maps"
	"slices"

	"brief/internal/diag"
	"brief/internal/linkcheck"
	"brief/internal/markdown"
	"brief/internal/site"
)

// checkAnchors reports the links written in bodies to a #anchor that the
// target page lacks, in another briefing or on the same page: like a link
// to a missing briefing, it is an error at its line (a warning with
// Options.BrokenLinksWarn). Most anchors are headings, known from the
// rendered bodies; for any other (the theme's own ids, footnotes) the
// target page is rendered once and its ids read, so the check agrees with
// what readers get. It also records which briefings are linked to by
// anchor, for the fast path.
func (st *state) checkAnchors() {
	st.anchorTargets = map[string]bool{}
	if st.theme == nil {
		return // template errors are reported; no page can be rendered
	}
	linkers := make([]linker, 0, len(st.site.Briefings)+len(st.brokenFragments))
	for _, b := range st.site.Briefings {
		if f := st.bl.files[b.Path]; f != nil && f.body != nil && len(f.body.res.Fragments) > 0 {
			linkers = append(linkers, linker{path: b.Path, self: b, fragments: f.body.res.Fragments})
		}
	}
	linkers = append(linkers, st.brokenFragments...)
	pageIDs := map[*site.Briefing]map[string]bool{}
	var buf bytes.Buffer
	var ds diag.List
	for _, l := range linkers {
		for _, fr := range l.fragments {
			target, where := l.self, "this briefing"
			if target == nil && fr.Target == "" {
				continue // a briefing with errors has no page to hold its anchors
			}
			if fr.Target != "" {
				tb, published := st.site.Lookup(fr.Target)
				if tb == nil || !published {
					continue // reported where the link was resolved
				}
				target, where = tb, tb.Path
			}
			st.anchorTargets[target.Path] = true
			headings := st.bl.files[target.Path].body.res.Headings
			if slices.ContainsFunc(headings, func(h markdown.Heading) bool { return h.ID == fr.ID }) {
				continue
			}
			ids := pageIDs[target]
			if ids == nil {
				buf.Reset()
				if err := st.writePage(&buf, briefingPage(target)); err != nil {
					continue // the page's own job reports it
				}
				ids = linkcheck.IDs(buf.Bytes())
				pageIDs[target] = ids
			}
			if ids[fr.ID] {
				continue
			}
			hint := `link to a heading by its id: "## Fees" has the id fees`
			if s := diag.Suggest(fr.ID, slices.Sorted(maps.Keys(ids))); s != "" {
				hint = `did you mean "#` + s + `"?`
			}
			d := diag.Errorf(l.path, fr.Line, "", hint, "link to %q: %s has no anchor #%s", fr.Written, where, fr.ID)
			d.Link = true
			ds = append(ds, d)
		}
	}
	st.diags = append(st.diags, st.linkSeverity(ds)...)
}

// linker is a body with links to anchors; self is its briefing when it is
// published.
type linker struct {
	path      string
	self      *site.Briefing
	fragments []markdown.Fragment
}

// linkSeverity turns broken links into warnings when the build asks for it.
func (st *state) linkSeverity(ds diag.List) diag.List {
	if st.opt.BrokenLinksWarn {
		return ds.LinksAsWarnings()
	}
	return ds
}
