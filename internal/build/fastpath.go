package build

import (
	"maps"
	"slices"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/feeds"
	"brief/internal/render"
	"brief/internal/site"
	"brief/internal/sources"
)

// lastBuild is what the fast path needs from the last successful build.
type lastBuild struct {
	opt      Options
	cfg      *config.Config
	theme    *render.Theme
	site     *site.Site
	sited    uint64
	warnings diag.List
	pages    map[string]int
	// anchorTargets are the briefings other bodies link to by #anchor.
	anchorTargets map[string]bool
}

// fastPath handles the commonest edit, a change to the text of published
// briefings and nothing else, without rebuilding the model: when every
// front-matter field is unchanged and the new body renders without errors,
// only the outputs whose fingerprints include bodies can change (the
// briefing's page and the full-content feed), and it renders just those,
// with the fingerprints a full build would give them. Anything else returns
// false and the build takes the normal path.
func (st *state) fastPath(ch *Changes) (*Result, bool) {
	bl := st.bl
	last := bl.last
	if ch == nil || !st.opt.Incremental || last == nil || last.theme.ListsReadBodies || !sameOptions(last.opt, st.opt) || len(ch.Files) == 0 {
		return nil, false
	}
	st.cfg, st.theme, st.site, st.sited = last.cfg, last.theme, last.site, last.sited
	type edit struct {
		b    *site.Briefing
		old  *sourceFile
		next *sourceFile
	}
	var edits []edit
	for _, c := range ch.Files {
		p := c.Path
		old := bl.files[p]
		if c.Kind != sources.Content || old == nil || old.b == nil {
			return nil, false
		}
		b, published := st.site.Lookup(p)
		if !published || b.Briefing != old.b {
			return nil, false
		}
		src, err := sources.ReadFile(st.fsys, p)
		if err != nil {
			return nil, false
		}
		h := newHasher(bl.seed).str(st.cfg.Location.String()).bytes(src).sum()
		if h == old.hash {
			continue
		}
		nb, ds := content.Parse(p, src, content.Options{Location: st.cfg.Location})
		if nb == nil || ds.HasErrors() || !slices.Equal(ds, old.diags) || !sameFrontMatter(old.b, nb) {
			return nil, false
		}
		edits = append(edits, edit{b: b, old: old, next: &sourceFile{hash: h, b: nb, diags: ds, figures: old.figures, figuresFor: old.figuresFor}})
	}
	// Render the new bodies on a copy of each briefing, so that nothing is
	// changed unless every edit qualifies.
	r := st.renderer()
	type rendered struct {
		copy     site.Briefing
		problems diag.List
	}
	out := make([]rendered, len(edits))
	for i, e := range edits {
		out[i].copy = *e.b
		out[i].copy.Briefing = e.next.b
		out[i].problems = st.renderBody(r, &out[i].copy, e.next)
		if out[i].problems.HasErrors() || out[i].copy.ReadingMinutes != e.b.ReadingMinutes ||
			!sameImages(e.old.body, e.next.body) {
			return nil, false
		}
		// Anchors are checked across briefings by the full path: take it
		// when this body links to one, or others link into this body.
		if len(e.next.body.res.Fragments) > 0 || last.anchorTargets[e.b.Path] {
			return nil, false
		}
	}
	warnings := append(diag.List(nil), last.warnings...)
	for i, e := range edits {
		var oldProblems diag.List
		if e.old.body != nil {
			oldProblems = e.old.body.res.Problems
		}
		warnings = slices.DeleteFunc(warnings, func(d diag.Diagnostic) bool {
			return d.File == e.b.Path && slices.Contains(oldProblems.Warnings(), d)
		})
		warnings = append(warnings, out[i].problems.Warnings()...)
	}
	// Commit the edits to the model and caches, then render what they touch.
	for i, e := range edits {
		*e.b = out[i].copy
		bl.files[e.b.Path] = e.next
	}
	st.res.Parsed = len(edits)
	pl := &planner{st: st, byPath: map[string]int{}, metas: map[*site.Briefing]uint64{}, fulls: map[*site.Briefing]uint64{}}
	s := st.site
	feed := feeds.SiteFeed(s)
	need := append([]*site.Briefing(nil), feed.Entries...)
	for _, e := range edits {
		need = append(need, e.b)
	}
	for _, b := range need {
		pl.metas[b] = st.metaFingerprint(b)
	}
	for _, b := range need {
		pl.fulls[b] = st.fullFingerprint(b, pl.metas)
	}
	for _, e := range edits {
		pl.briefing(e.b, false)
	}
	pl.mainFeed(feed)
	edited := make([]*site.Briefing, len(edits))
	for i, e := range edits {
		edited[i] = e.b
	}
	pl.searchIndex(st.searchEntriesAfter(edited))
	if err := st.executeSome(pl.jobs); err != nil {
		bl.last = nil // the caches no longer match the outputs: next build takes the long way
		return nil, false
	}
	// Chunks of the search index are named by their content: the ones an
	// edit replaced are gone.
	index := st.searchFolder()
	for _, p := range slices.Sorted(maps.Keys(bl.pages)) {
		if _, ok := pl.byPath[p]; !ok && strings.HasPrefix(p, index) && p != site.OutputPath(s.URLs.Search) {
			if err := st.sink.Remove(p); err != nil {
				bl.last = nil
				return nil, false
			}
			delete(bl.pages, p)
			st.res.Removed = append(st.res.Removed, p)
		}
	}
	res := st.res
	res.Site = s
	res.Warnings = warnings.Sorted()
	res.Pages = maps.Clone(last.pages)
	res.Pages[searchIndexKind] = 0
	for _, j := range pl.jobs {
		if j.kind == searchIndexKind {
			res.Pages[searchIndexKind]++
		}
	}
	last.pages = res.Pages
	last.warnings = res.Warnings
	return res, true
}

// sameImages reports whether two renders of a body show the same image
// files, so that no copy has to be made or dropped.
func sameImages(a, b *bodyCache) bool {
	if a == nil || b == nil {
		return false
	}
	files := func(c *bodyCache) []string {
		var out []string
		for _, u := range c.images {
			out = append(out, u.ref.src)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(files(a), files(b))
}

// sameOptions reports whether two builds select and render the same site.
func sameOptions(a, b Options) bool {
	return a.Drafts == b.Drafts && a.Future == b.Future && a.BrokenLinksWarn == b.BrokenLinksWarn && a.BaseURL == b.BaseURL && a.Minify == b.Minify && a.Fingerprint == b.Fingerprint && a.Now.Equal(b.Now)
}

// sameFrontMatter reports whether two parses of a file differ in their body only.
func sameFrontMatter(a, b *content.Briefing) bool {
	sameTime := func(x, y time.Time) bool { return x.Format(time.RFC3339Nano) == y.Format(time.RFC3339Nano) }
	if a.Path != b.Path || a.Title != b.Title || !sameTime(a.Date, b.Date) || !sameTime(a.Updated, b.Updated) ||
		a.Summary != b.Summary || a.Draft != b.Draft || a.Slug != b.Slug || a.BodyLine != b.BodyLine ||
		a.Image != b.Image || a.ImageAlt != b.ImageAlt ||
		!slices.Equal(a.Jurisdictions, b.Jurisdictions) || !slices.Equal(a.Tags, b.Tags) || !slices.Equal(a.Aliases, b.Aliases) ||
		!slices.Equal(a.Sources, b.Sources) || !slices.Equal(a.Authors, b.Authors) || !maps.Equal(a.Lines, b.Lines) ||
		!slices.Equal(a.JurisdictionLines, b.JurisdictionLines) || !slices.Equal(a.TagLines, b.TagLines) ||
		len(a.Funding) != len(b.Funding) {
		return false
	}
	for i := range a.Funding {
		x, y := a.Funding[i], b.Funding[i]
		if x.Amount.Cmp(y.Amount) != 0 || x.AmountText != y.AmountText || x.Currency != y.Currency || x.USDText != y.USDText ||
			x.Purpose != y.Purpose || x.Line != y.Line || (x.USD == nil) != (y.USD == nil) || (x.USD != nil && x.USD.Cmp(*y.USD) != 0) {
			return false
		}
	}
	return true
}

// executeSome renders the given jobs whose fingerprints changed and records
// them, leaving every other output as it is.
func (st *state) executeSome(jobs []job) error {
	bl := st.bl
	var todo []job
	for _, j := range jobs {
		if bl.pages[j.path] != j.fp {
			todo = append(todo, j)
		}
	}
	if err := st.renderJobs(todo); err != nil {
		return err
	}
	for _, j := range todo {
		bl.pages[j.path] = j.fp
		st.res.Written = append(st.res.Written, j.path)
	}
	slices.Sort(st.res.Written)
	return nil
}
