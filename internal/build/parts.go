package build

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"sync"

	"brief/internal/diag"
	"brief/internal/funding"
	"brief/internal/markdown"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
)

// renderParts brings every published briefing's rendered parts up to date
// (body, reading time, picture, figures, card) and fills them into the
// views. With a model made in this build, another theme, or files of
// static/ or content/ changed that images may come from, every briefing is
// checked; otherwise
// only those whose files were read again, and the cards around them.
func (st *state) renderParts() {
	st.changed = nil
	if !st.oneShot() {
		// A one-shot build writes every output: nothing reads which
		// briefings' parts changed, and a record of each would stay
		// to the end of the build.
		st.changed = map[*site.Briefing]bool{}
	}
	for _, m := range st.models {
		st.renderPartsOf(m)
	}
}

// renderPartsOf brings the parts of the edition m's briefings up to date.
func (st *state) renderPartsOf(m *model) {
	bl := st.bl
	s := m.site
	m.mu.Lock()
	defer m.mu.Unlock()
	fresh := m.parts == nil
	if fresh {
		m.parts = make([]parts, len(s.Briefings))
		m.images = make([]uint64, len(s.Briefings))
		m.problems = map[int]diag.List{}
	}
	var check []*site.Briefing
	if fresh || len(st.changedFiles) > 0 || m.partsBy != st.theme {
		// Another theme (a layout edited, or loaded again after an
		// error) may word every briefing's figures otherwise.
		check, m.partsBy = s.Briefings, st.theme
	} else {
		for _, p := range st.reread {
			if b, published := s.Lookup(p); published {
				check = append(check, b)
			}
		}
	}
	r := st.renderer()
	lender := r.Lender()
	entries := make([]*search.Entry, len(check))
	errs := make([]error, len(check))
	keep, stream := st.streamPages(m)
	var log streamLog
	if stream {
		log.search = make([]written, 0, len(check)) // a fragment each, not a slice grown a dozen times
	}
	parallel(len(check), func(k int) {
		// Oldest first, in the order of search ids, which the search
		// collector packs postings in.
		i := len(check) - 1 - k
		b := check[i]
		f := bl.files[b.Path]
		if !st.bodyValid(m, b.Path, f.rendered) {
			md, release, err := st.markdownOf(b.Path, f) // restored from a cache: read again
			if err != nil {
				errs[i] = err
				return
			}
			f.body = md
			rr := r
			if stream && !keep[b] {
				rr = lender // streamPage hands the HTML back
			}
			f.rendered = st.renderBody(rr, m, b, f)
			if st.opt.Once {
				f.body = nil // no later build will render it again
				release()    // the rendered body holds copies only
			}
		}
		pic, ref, d := st.frontImage(b)
		f.picture, f.image, f.imageProblem = pic, ref, d
		entries[i], errs[i] = st.searchEntry(m, b, f) // while its text is at hand
		// A translation without funding shows its original's items, from a
		// copy of its front matter that each new model makes again.
		if cat, fg := st.theme.Catalog(b.Language.Code), f.figures; fg == nil || fg.list == nil || fg.cfg != st.cfg || fg.in != cat || fg.of != b.Briefing {
			list, err := funding.FiguresIn(st.cfg, b.Briefing, funding.NewText(cat))
			if err != nil {
				errs[i] = cmp.Or(errs[i], err)
			}
			f.figures = &figures{list: list, cfg: st.cfg, in: cat, of: b.Briefing}
		}
		if errs[i] != nil {
			return
		}
		rb, v := f.rendered, m.views.Briefing(b)
		v.Content = htmlOf(rb) // shares the cached string: no copy ("" while lazy)
		v.Words, v.CJK, v.ReadingMinutes = rb.words, rb.cjk, markdown.ReadingMinutes(rb.words, rb.cjk)
		v.Picture = f.picture
		v.Figures = f.figures.list
		if stream {
			st.streamPage(m, b, f, keep, &log)
			st.streamFragment(m, b, entries[i], &log)
			if st.opt.Cache != nil {
				// The cache saves the entry, whose fragment is written.
				f.search = &searchCache{key: f.search.key, header: f.search.header, entry: entries[i].WithoutFragment()}
			} else {
				f.search = nil // made once: nothing to keep for a next build
			}
			entries[i] = nil
		}
	})
	st.diags = append(st.diags, log.errs...)
	st.searchStreamed = append(st.searchStreamed, log.search...)
	for i, b := range check {
		if errs[i] != nil {
			st.diags = append(st.diags, asDiags(errs[i])...)
			continue
		}
		if id := len(s.Briefings) - 1 - site.Rank(b); m.entries[id] != entries[i] {
			m.entries[id], st.searchChanged = entries[i], true
		}
		f := bl.files[b.Path]
		rb := f.rendered
		p := m.parts[site.Rank(b)]
		p.body, p.stats, p.picture = rb.parts.body, rb.parts.stats, pictureHash(bl.seed, f.picture)
		st.setParts(m, b, p)
		k := &m.images[site.Rank(b)]
		m.imagesSum += imagesKey(bl.seed, f) - *k
		*k = imagesKey(bl.seed, f)
		problems := rb.problems
		if f.imageProblem != nil {
			problems = append(slices.Clip(problems), *f.imageProblem)
		}
		if delete(m.problems, site.Rank(b)); len(problems) > 0 {
			m.problems[site.Rank(b)] = problems
		}
	}
	for _, ds := range m.problems {
		st.diags = append(st.diags, ds...) // sorted when reported
	}
	if st.theme != nil {
		st.renderCards(m, check, fresh)
	}
}

// setParts records a briefing's parts, noting those that changed.
func (st *state) setParts(m *model, b *site.Briefing, next parts) {
	p := &m.parts[site.Rank(b)]
	if *p != next {
		*p = next
		if st.changed != nil {
			st.changed[b] = true
		}
	}
}

// renderer returns the Markdown renderer for the site's HTML setting.
func (st *state) renderer() *markdown.Renderer {
	unsafe := st.cfg.UnsafeHTML
	r := st.bl.renderers[unsafe]
	if r == nil {
		r = markdown.New(markdown.Options{Unsafe: unsafe})
		st.bl.renderers[unsafe] = r
	}
	return r
}

// renderBody renders one briefing's Markdown, recording how each link to
// another briefing and each image resolved.
func (st *state) renderBody(r *markdown.Renderer, m *model, b *site.Briefing, f *sourceFile) *renderedBody {
	bl := st.bl
	refs := &bodyRefs{st: st, m: m, b: b}
	res := r.Render(f.body, markdown.Context{
		SourcePath: b.Path,
		LineOffset: b.BodyLine - 1,
		IDPrefix:   b.Slug + "-",
		Image:      refs.image,
		PlainText:  true, // for the search index
		Resolve:    refs.resolve,
	})
	links, drafts, uses, ds := refs.links, refs.drafts, refs.uses, refs.ds
	rb := &renderedBody{unsafe: st.cfg.UnsafeHTML, linksWarn: st.opt.BrokenLinksWarn, links: links, drafts: drafts, images: uses,
		html: res.HTML, problems: st.linkSeverity(append(res.Problems, ds...)), words: res.Words, cjk: res.CJK,
		headings: res.Headings, fragments: res.Fragments, text: res.Text, textPlain: res.TextPlain,
		parts: parts{stats: statsHash(bl.seed, res.Words, res.CJK, markdown.ReadingMinutes(res.Words, res.CJK))}}
	if !st.oneShot() {
		// Read by outputs' fingerprints, the search entry's key and the
		// build cache, none of which a one-shot build has: each is a pass
		// over the body's bytes.
		rb.textSum, rb.parts.body = newHasher(bl.seed).str(res.Text).sum(), bodyHash(bl.seed, res.HTML)
	}
	return rb
}

// bodyRefs records how one body's links to other briefings and images
// resolved. Most bodies link to no other briefing and show no image: the
// maps are made on their first entry, since every body's stay until the
// build ends. One value per body holds what each callback needs.
type bodyRefs struct {
	st     *state
	m      *model
	b      *site.Briefing
	links  map[string]string
	drafts map[string]bool
	uses   map[string]imageUse
	ds     diag.List
}

// resolve is the body's markdown.Context.Resolve.
func (r *bodyRefs) resolve(target string) (string, bool) {
	st, b := r.st, r.b
	if r.links == nil {
		r.links = map[string]string{}
	}
	tb, published := st.lookup(r.m, target)
	if tb == nil {
		r.links[target] = ""
		if _, exists := st.bl.files[target]; exists {
			// The target has errors of its own, already reported;
			// the build fails, so the link's href does not matter.
			return "", true
		}
		return "", false
	}
	href := site.RelURL(st.cfg, tb.URL)
	r.links[target] = href
	if !published {
		if r.drafts == nil {
			r.drafts = map[string]bool{}
		}
		r.drafts[target] = true
		r.ds = append(r.ds, diag.Warnf(b.Path, b.BodyLine, "", "publish it, or remove the link until it is", "links to %s, which is not published in this build (draft or future-dated)", target))
	}
	return href, true
}

// image is the body's markdown.Context.Image.
func (r *bodyRefs) image(dest string) (markdown.Picture, error) {
	if r.uses == nil {
		r.uses = map[string]imageUse{}
	}
	return r.st.bodyImage(r.b.Path, dest, r.uses)
}

// bodyValid reports whether a rendered body still renders the same: same
// settings, and every .md link and image resolves as it did.
func (st *state) bodyValid(m *model, from string, c *renderedBody) bool {
	if c == nil || c.unsafe != st.cfg.UnsafeHTML || c.linksWarn != st.opt.BrokenLinksWarn || !st.imagesValid(from, c.images) {
		return false
	}
	for target, url := range c.links {
		tb, published := st.lookup(m, target)
		switch {
		case tb == nil && url != "":
			return false
		case tb != nil && (site.RelURL(st.cfg, tb.URL) != url || published == c.drafts[target]):
			return false
		}
	}
	return true
}

// checkBrokenBodies renders the bodies of briefings whose front matter has
// errors, for their links' errors only, so that those come in the same run
// as the front matter's rather than after it is fixed.
func (st *state) checkBrokenBodies() {
	var broken []*sourceFile
	for p := range st.bl.withDiags {
		if f := st.bl.files[p]; f.b != nil && !f.ok() && f.body != nil {
			if f.broken == nil || f.broken.of != st.model {
				broken = append(broken, f)
			} else {
				st.diags = append(st.diags, f.broken.links...)
			}
		}
	}
	r := st.renderer()
	problems := make([]diag.List, len(broken))
	fragments := make([][]markdown.Fragment, len(broken))
	parallel(len(broken), func(i int) {
		f := broken[i]
		b := f.b
		res := r.Render(f.body, markdown.Context{
			SourcePath: b.Path,
			LineOffset: b.BodyLine - 1,
			Resolve: func(target string) (string, bool) {
				if tb, _ := st.lookup(st.model, target); tb != nil {
					return site.RelURL(st.cfg, tb.URL), true
				}
				_, exists := st.bl.files[target] // with errors of its own
				return "", exists
			},
		})
		problems[i] = st.linkSeverity(res.Problems.Errors())
		fragments[i] = res.Fragments
	})
	for i, f := range broken {
		f.broken = &brokenBody{links: problems[i], fragments: fragments[i], of: st.model}
		st.diags = append(st.diags, problems[i]...)
	}
}

// linkSeverity turns broken links into warnings when the build asks for it.
func (st *state) linkSeverity(ds diag.List) diag.List {
	if st.opt.BrokenLinksWarn {
		return ds.LinksAsWarnings()
	}
	return ds
}

// shownImages lists the image files the published briefings show (in
// bodies or as their front matter image): the plan holds their outputs.
func (st *state) shownImages() map[string]imageRef {
	bl := st.bl
	shown := map[string]imageRef{}
	for _, m := range st.models {
		for _, b := range m.site.Briefings {
			f := bl.files[b.Path]
			for _, u := range f.rendered.images {
				if u.err == "" {
					shown[u.ref.src] = u.ref
				}
			}
			if f.image != nil {
				shown[f.image.src] = *f.image
			}
		}
	}
	return shown
}

// imagesKey covers the image files one briefing shows, for the plan's key.
func imagesKey(seed hashSeed, f *sourceFile) uint64 {
	var refs []imageRef
	for _, u := range f.rendered.images {
		if u.err == "" {
			refs = append(refs, u.ref)
		}
	}
	if f.image != nil {
		refs = append(refs, *f.image)
	}
	slices.SortFunc(refs, func(a, b imageRef) int { return strings.Compare(a.src, b.src) })
	h := newHasher(seed).str(f.b.Path)
	for _, r := range refs {
		h.str(r.src, r.url).num(r.hash).bool(r.own)
	}
	return h.sum()
}

// renderCards renders the cards whose inputs changed (partials/card.html
// for one briefing; lists paste them), in parallel. With all set every card
// is checked, else those of the briefings checked and their neighbours.
func (st *state) renderCards(m *model, checked []*site.Briefing, all bool) {
	bl := st.bl
	reads := st.theme.CardReads
	if reads.Cards != 0 {
		st.diags = append(st.diags, diag.Errorf("layouts/"+render.CardTemplate, 0, "", "show a briefing's fields instead", "a card cannot show cards"))
		return
	}
	tk := themeKey(bl.seed, bl.cfgKey, st.theme, st.assets)
	if m.cardsFor != tk {
		all, m.cardsFor = true, tk
	}
	todo := m.site.Briefings
	if !all {
		seen := map[*site.Briefing]bool{}
		todo = nil
		for _, b := range checked {
			for _, x := range []*site.Briefing{b, b.Newer, b.Older} {
				if x != nil && !seen[x] {
					seen[x] = true
					todo = append(todo, x)
				}
			}
		}
	}
	made := make([]cardCache, len(todo))
	bases := make([]uint64, len(todo))
	keep := !st.oneShot() // for a later build to reuse
	parallel(len(todo), func(i int) {
		if !keep {
			return // every card is new
		}
		b := todo[i]
		h := newHasher(bl.seed).num(ownBase(bl.seed, "card", tk, m.key, reads, m.header, b))
		st.mixOwn(m, h, b, reads)
		bases[i] = h.sum()
		made[i] = bl.cards[b.Path]
	})
	var stale []int // cards to render: new ones (base 0) and changed ones
	for i, c := range made {
		if !keep || c.base != bases[i] {
			stale = append(stale, i)
		}
	}
	if reads.Bodies != 0 && len(stale) > 0 {
		// Cards that show bodies: those restored without HTML are needed.
		var shown []*site.Briefing
		for _, i := range stale {
			b := todo[i]
			shown = append(shown, b)
			if b.Newer != nil {
				shown = append(shown, b.Newer)
			}
			if b.Older != nil {
				shown = append(shown, b.Older)
			}
		}
		if err := st.ensureBodies(m, shown); err != nil {
			st.diags = append(st.diags, asDiags(err)...)
			return
		}
	}
	var mu sync.Mutex
	parallel(len(stale), func(k int) {
		i := stale[k]
		b := todo[i]
		html, err := st.theme.Card(m.views.Briefing(b))
		if err != nil {
			mu.Lock()
			st.diags = append(st.diags, render.ExecDiag("card", err))
			mu.Unlock()
		}
		made[i] = cardCache{base: bases[i], html: string(html)}
		if keep { // else nothing reads it (see renderBody)
			made[i].hash = cardHash(bl.seed, made[i].html)
		}
	})
	if all && m == st.model && keep {
		bl.cards = make(map[string]cardCache, len(todo)) // forget the cards of briefings gone
	}
	for i, b := range todo {
		c := made[i]
		if keep {
			bl.cards[b.Path] = c
		}
		m.views.Briefing(b).Card = template.HTML(c.html)
		p := m.parts[site.Rank(b)]
		p.card = c.hash
		st.setParts(m, b, p)
	}
	st.diags = dedupe(st.diags)
}

// mixOwn adds the rendered parts of b and its neighbours that r reads.
func (st *state) mixOwn(m *model, h *hasher, b *site.Briefing, r render.Reads) {
	mixParts(h, m.parts[site.Rank(b)], r, render.Own)
	for _, n := range []*site.Briefing{b.Newer, b.Older} {
		if n != nil {
			mixParts(h, m.parts[site.Rank(n)], r, render.Neighbours)
		}
	}
}
