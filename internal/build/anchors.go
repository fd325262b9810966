package build

import (
	"bytes"
	"maps"
	"slices"

	"brief/internal/diag"
	"brief/internal/linkcheck"
	"brief/internal/markdown"
	"brief/internal/pages"
	"brief/internal/site"
)

// checkAnchors reports the links written in bodies to a #anchor that the
// target page lacks, in another briefing or on the same page: like a link
// to a missing briefing, it is an error at its line (a warning with
// Options.BrokenLinksWarn). Most anchors are headings, known from the
// rendered bodies; for any other (the theme's own ids, footnotes) the
// target page is rendered once and its ids read, so the check agrees with
// what readers get. With the same model and theme as the last check, only
// the bodies that changed are checked again, with those that link into
// them.
func (st *state) checkAnchors() {
	if st.theme == nil {
		return // template errors are reported; no page can be rendered
	}
	pageIDs := map[*site.Briefing]map[string]bool{}
	for _, m := range st.models {
		st.checkAnchorsOf(m, pageIDs)
	}
}

// checkAnchorsOf checks the anchors of the edition m's bodies.
func (st *state) checkAnchorsOf(m *model, pageIDs map[*site.Briefing]map[string]bool) {
	key := newHasher(st.bl.seed).num(themeKey(st.bl.seed, st.bl.cfgKey, st.theme, st.assets)).bool(st.opt.BrokenLinksWarn).sum()
	var todo []*site.Briefing
	if m.anchors == nil || m.anchorsFor != key {
		m.anchors, m.linkedFrom, m.anchorsFor = map[*site.Briefing]diag.List{}, map[*site.Briefing][]*site.Briefing{}, key
		todo = m.site.Briefings
	} else {
		// The briefings updated in place may show other ids on their pages.
		again := map[*site.Briefing]bool{}
		for _, b := range append(slices.Collect(maps.Keys(st.changed)), st.updated...) {
			again[b] = true
			for _, from := range m.linkedFrom[b] {
				again[from] = true
			}
		}
		todo = slices.Collect(maps.Keys(again))
	}
	for _, b := range todo {
		delete(m.anchors, b)
		// Most bodies link to no #anchor (10,000 briefings: a model made
		// again looked each one's file up for nothing).
		if f := st.bl.files[b.Path]; f != nil && f.rendered != nil && len(f.rendered.fragments) > 0 {
			if ds := st.anchorsOf(m, b.Path, b, f.rendered.fragments, pageIDs); len(ds) > 0 {
				m.anchors[b] = ds
			}
		}
	}
	for _, ds := range m.anchors {
		st.diags = append(st.diags, ds...) // sorted when reported
	}
	// The bodies of briefings with errors of their own are checked all
	// the same, so that one run reports their links too.
	for p := range st.bl.withDiags {
		if f := st.bl.files[p]; f.broken != nil && f.broken.of == m && len(f.broken.fragments) > 0 {
			st.diags = append(st.diags, st.anchorsOf(m, p, nil, f.broken.fragments, pageIDs)...)
		}
	}
}

// anchorsOf checks the #anchor links of the body of the file at path (the
// briefing self, nil when it has errors of its own), noting whose pages
// they point into.
func (st *state) anchorsOf(m *model, path string, self *site.Briefing, fragments []markdown.Fragment, pageIDs map[*site.Briefing]map[string]bool) diag.List {
	var buf bytes.Buffer
	var ds diag.List
	for _, fr := range fragments {
		target, where := self, "this briefing"
		if target == nil && fr.Target == "" {
			continue // a briefing with errors has no page to hold its anchors
		}
		if fr.Target != "" {
			tb, published := st.lookup(m, fr.Target)
			if tb == nil || !published {
				continue // reported where the link was resolved
			}
			target, where = tb, tb.Path
			if self != nil {
				m.linkedFrom[tb] = append(m.linkedFrom[tb], self)
			}
		}
		if st.bl.files[target.Path].rendered.hasHeading(fr.ID) {
			continue
		}
		ids := pageIDs[target]
		if ids == nil {
			m.mu.Lock()
			err := st.ensureBodies(m, []*site.Briefing{target})
			m.mu.Unlock()
			if err != nil {
				continue // reported by the page's own job
			}
			buf.Reset()
			restore := st.heldBody(target)
			err = st.theme.Render(&buf, st.modelOf(target).views.Page(pages.Briefing(target)))
			restore()
			if err != nil {
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
		d := diag.Errorf(path, fr.Line, "", hint, "link to %q: %s has no anchor #%s", fr.Written, where, fr.ID)
		d.Link = true
		ds = append(ds, d)
	}
	return st.linkSeverity(ds)
}
