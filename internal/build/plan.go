package build

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/feeds"
	"brief/internal/output"
	"brief/internal/redirects"
	"brief/internal/render"
	"brief/internal/site"
	"brief/internal/sources"
)

// job is one output file: where it goes, who made it (for clash messages),
// a fingerprint of everything it is made from, and how to make it. render
// writes the file into a buffer the build reuses for the next file.
type job struct {
	path   string
	kind   string
	owner  owner
	fp     uint64
	render func(w *bytes.Buffer) error
	// cost is, roughly, how many briefings the file shows, for the few
	// that show them all. Those run before the small pages, so that none
	// is left running alone on one core at the end of a large build.
	cost int
	// minified says the file is already minified (fingerprinted assets).
	minified bool
	// lazy files (resized images) may be made on first request, when the
	// sink can hold them that way (the dev server's).
	lazy bool
}

// from adapts a function that makes a whole file to job.render.
func from(make func() ([]byte, error)) func(w *bytes.Buffer) error {
	return func(w *bytes.Buffer) error {
		data, err := make()
		w.Write(data)
		return err
	}
}

// owner names the source of an output, so a clash can point at both.
type owner struct {
	file  string
	line  int
	field string
	what  string
}

func (o owner) String() string {
	if o.file == "" {
		return o.what
	}
	if o.line > 0 {
		return fmt.Sprintf("%s (%s:%d)", o.what, o.file, o.line)
	}
	return fmt.Sprintf("%s (%s)", o.what, o.file)
}

// planner collects jobs and refuses a second claim on a path.
type planner struct {
	st     *state
	jobs   []job
	byPath map[string]int
	metas  map[*site.Briefing]uint64
	fulls  map[*site.Briefing]uint64
	cards  map[*site.Briefing]uint64 // hash of each rendered card

	longNames map[string]bool // names too long for a file system, reported once per source line
}

func (pl *planner) add(j job) {
	if err := output.CheckPath(j.path); err != nil {
		pl.badPath(j, err)
		return
	}
	if i, ok := pl.byPath[j.path]; ok {
		// The error goes to the side an editor can change: an alias,
		// else the one with a source file (not a page of the site's own,
		// such as the search page), else the later one.
		at, other, verb := j.owner, pl.jobs[i].owner, "already makes"
		if (other.isAlias() && !at.isAlias()) || (at.file == "" && other.file != "") {
			at, other, verb = other, at, "also makes"
		}
		pl.st.diags = append(pl.st.diags, diag.Errorf(at.file, at.line, at.field, at.clashHint(),
			"%s would be written to /%s, which %s %s", at.what, j.path, other, verb))
		return
	}
	pl.byPath[j.path] = len(pl.jobs)
	pl.jobs = append(pl.jobs, j)
}

// badPath reports an output path that no output folder can hold: in brief
// build the disk would refuse it, and brief check must say so too.
func (pl *planner) badPath(j job, err error) {
	o := j.owner
	var long *output.LongNameError
	if errors.As(err, &long) {
		// A tag's page and its feed share the folder: one message.
		key := fmt.Sprint(o.file, o.line, long.Name)
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
		pl.st.diags = append(pl.st.diags, diag.Errorf(o.file, o.line, o.field, "shorten the slug, tag, alias or file name it comes from",
			"%s would be written to a file or folder named %q, of %d bytes, more than the %d a file system accepts", o.what, name, len(long.Name), output.MaxNameBytes))
		return
	}
	pl.st.diags = append(pl.st.diags, diag.Errorf(o.file, o.line, o.field, "change the slug, alias or file name it comes from",
		"%s would be written to /%s, which no output folder can hold", o.what, j.path))
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
		for dir := path.Dir(j.path); dir != "."; dir = path.Dir(dir) {
			i, ok := pl.byPath[dir]
			if !ok {
				continue
			}
			file := pl.jobs[i].owner
			if !file.isAlias() && j.owner.isAlias() {
				// Each alias is its own mistake: report it at its line.
				pl.st.diags = append(pl.st.diags, diag.Errorf(j.owner.file, j.owner.line, j.owner.field, j.owner.clashHint(),
					"%s needs /%s as a folder, which %s writes as a file", j.owner.what, dir, file))
				break
			}
			if prev, seen := under[i]; !seen || shorter(j.path, pl.jobs[prev].path) {
				under[i] = k
			}
			break
		}
	}
	for _, i := range slices.Sorted(maps.Keys(under)) {
		file, j := pl.jobs[i].owner, pl.jobs[under[i]].owner
		if file.file == "" && j.file != "" && !file.isAlias() {
			pl.st.diags = append(pl.st.diags, diag.Errorf(j.file, j.line, j.field, j.clashHint(),
				"%s needs /%s as a folder, which %s writes as a file", j.what, pl.jobs[i].path, file))
			continue
		}
		pl.st.diags = append(pl.st.diags, diag.Errorf(file.file, file.line, file.field, file.clashHint(),
			"%s would be written to the file /%s, which %s needs as a folder", file.what, pl.jobs[i].path, j))
	}
}

func shorter(a, b string) bool { return len(a) < len(b) || (len(a) == len(b) && a < b) }

func (o owner) isAlias() bool { return strings.HasPrefix(o.field, "aliases") }

// clashHint says how to give an output its own path.
func (o owner) clashHint() string {
	if o.isAlias() {
		return "remove the alias, or change it so that it is not the path of another page or file"
	}
	return "change a slug, alias or file name so that every page has its own URL"
}

// plan lists every output of the site with its fingerprint.
func (st *state) plan(statics []staticFile) []job {
	if st.theme == nil {
		return nil // template errors are already reported
	}
	pl := &planner{st: st, byPath: map[string]int{}, metas: map[*site.Briefing]uint64{}, fulls: map[*site.Briefing]uint64{}}
	s := st.site
	for _, b := range s.Briefings {
		pl.metas[b] = st.metaFingerprint(b)
	}
	for _, b := range s.Briefings {
		pl.fulls[b] = st.fullFingerprint(b, pl.metas)
	}
	pl.cards = st.renderCards(pl)
	for i, b := range s.Briefings {
		pl.briefing(b, st.releasesBody(i))
	}
	pl.paginate("home", "", s.URLs.Home, "", s.Briefings, owner{what: "the home page"}, func(p *render.Page) {})
	for _, t := range s.Tags {
		pl.term(t)
	}
	for _, t := range s.Jurisdictions {
		pl.term(t)
	}
	pl.termIndex(site.TagsKind, "Tags", s.Tags)
	pl.termIndex(site.JurisdictionsKind, "Jurisdictions", s.Jurisdictions)
	pl.archive()
	pl.funding()
	pl.fixed("404", s.URLs.NotFound, "Page not found", "", true)
	pl.search(st.searchEntries)
	pl.feeds()
	pl.aliases()
	pl.statics(statics)
	pl.fingerprinted()
	pl.images()
	pl.folderClashes()
	return pl.jobs
}

// briefing adds a briefing's own page. With release, the page is the last
// reader of the rendered body, which it lets go once rendered.
func (pl *planner) briefing(b *site.Briefing, release bool) {
	st := pl.st
	pl.add(job{
		path: site.OutputPath(b.URL), kind: "briefing",
		owner: owner{file: b.Path, line: b.Line("slug"), field: "slug", what: "briefing " + b.Path},
		fp:    st.fp("briefing", pl.fulls[b]),
		render: func(w *bytes.Buffer) error {
			err := st.writePage(w, briefingPage(b))
			if release {
				b.Content = ""
				st.bl.files[b.Path].body = nil
			}
			return err
		},
	})
}

// briefingPage is the page of a briefing.
func briefingPage(b *site.Briefing) *render.Page {
	return &render.Page{Kind: "briefing", Title: b.Title, Description: b.Summary, URL: b.URL, Briefing: b}
}

// releasesBody reports whether the page of the i-th briefing may let go of
// its rendered body: only in a one-shot build, when no list template reads
// bodies, and when the site feed (the latest briefings, in full) does not.
func (st *state) releasesBody(i int) bool {
	return st.opt.Once && !st.theme.ListsReadBodies && i >= feeds.Size
}

// fp mixes the site-wide fingerprint into a page's own.
func (st *state) fp(kind string, parts ...uint64) uint64 {
	h := newHasher(st.bl.seed).str(kind).num(st.sited)
	return h.num(parts...).sum()
}

// siteFingerprint covers what every page reads: config, options, theme,
// and, when the theme reads site-wide lists, every briefing's metadata.
func (st *state) siteFingerprint() uint64 {
	h := newHasher(st.bl.seed).bytes(st.bl.cfgSrc).str(st.cfg.BaseURL).bool(st.cfg.Minify).bool(st.opt.Drafts).bool(st.opt.Future)
	if st.assets != nil {
		h.num(st.assets.Hash) // every page links the stylesheet
	}
	if st.theme != nil {
		h.num(st.theme.Hash)
		if st.theme.ReadsSiteLists {
			for _, b := range st.site.Briefings {
				h.num(st.metaFingerprint(b))
			}
			for _, t := range st.site.Tags {
				h.str(t.Name, t.URL).int(len(t.Briefings))
			}
			for _, t := range st.site.Jurisdictions {
				h.str(t.Name, t.URL).int(len(t.Briefings))
			}
		}
	}
	return h.sum()
}

// metaFingerprint covers what lists show of a briefing: everything but the body.
func (st *state) metaFingerprint(b *site.Briefing) uint64 {
	h := newHasher(st.bl.seed).str(b.Path, b.URL, b.Title, b.Summary).time(b.Date).time(b.Updated).bool(b.Draft).int(b.ReadingMinutes)
	for _, t := range b.Tags {
		h.str("t", t.Name, t.URL)
	}
	for _, t := range b.Jurisdictions {
		h.str("j", t.Name, t.URL)
	}
	for _, f := range b.Funding {
		h.str("f", f.Amount.String(), f.Currency, f.USDText, f.Purpose)
		if f.USD != nil {
			h.str(f.USD.String())
		}
	}
	h.str(b.Authors...)
	if im := b.Picture; im != nil {
		h.str("i", im.Alt, im.Original, im.Srcset, im.Sizes, im.Large.URL, im.Large.Type, im.Small.URL, im.Small.Type).
			int(im.Large.Width).int(im.Large.Height).int(im.Small.Width).int(im.Small.Height)
	}
	return h.sum()
}

// fullFingerprint covers a briefing's own page: the whole file, its rendered
// body, and the neighbours it links to.
func (st *state) fullFingerprint(b *site.Briefing, metas map[*site.Briefing]uint64) uint64 {
	f := st.bl.files[b.Path]
	h := newHasher(st.bl.seed).num(metas[b], f.hash, f.body.htmlHash)
	for _, n := range []*site.Briefing{b.Newer, b.Older} {
		if n != nil {
			h.str(n.URL, n.Title)
		} else {
			h.str("")
		}
	}
	return h.sum()
}

// listFingerprint covers a list of briefings as lists show them: their
// cards, plus their metadata (or whole pages, when the theme's list
// templates read bodies) for templates that reach past the card.
func (pl *planner) listFingerprint(bs []*site.Briefing) uint64 {
	h := newHasher(pl.st.bl.seed)
	byBody := pl.st.theme.ListsReadBodies
	for _, b := range bs {
		if byBody {
			h.num(pl.fulls[b])
		} else {
			h.num(pl.metas[b])
		}
		h.num(pl.cards[b])
	}
	return h.sum()
}

// paginate adds the pages of a list: base, base/page/2/, ...
func (pl *planner) paginate(kind, section, base, title string, bs []*site.Briefing, o owner, fill func(*render.Page)) {
	st := pl.st
	per := st.cfg.Paginate
	total := max(1, (len(bs)+per-1)/per)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(bs))
		window := bs[lo:hi]
		page := &render.Page{Kind: kind, Section: section, Title: title, URL: site.PageURL(base, n), List: window,
			Pager: render.Pager{Number: n, Total: total}}
		if n > 1 {
			page.Pager.Prev = site.PageURL(base, n-1)
			if title != "" {
				page.Title = fmt.Sprintf("%s (page %d)", title, n)
			}
		}
		if n < total {
			page.Pager.Next = site.PageURL(base, n+1)
		}
		fill(page)
		extra := newHasher(st.bl.seed).str(page.Title, page.Feed).int(n).int(total).int(len(bs)).str(page.Totals...)
		if page.Term != nil {
			extra.num(termFingerprint(st, page.Term))
		}
		pl.add(job{
			path: site.OutputPath(page.URL), kind: kind, owner: o,
			fp:     st.fp(kind, pl.listFingerprint(window), extra.sum()),
			render: st.pageJob(page),
		})
	}
}

func termFingerprint(st *state, t *site.Term) uint64 {
	h := newHasher(st.bl.seed).str(t.Kind, t.Name, t.URL).int(len(t.Briefings))
	if t.Parent != nil {
		h.str(t.Parent.Name, t.Parent.URL)
	}
	for _, c := range t.Children {
		h.str(c.Name, c.URL)
	}
	return h.sum()
}

func (pl *planner) term(t *site.Term) {
	what := fmt.Sprintf("the page of %s %q", strings.TrimSuffix(t.Kind, "s"), t.Name)
	if t.Kind == site.JurisdictionsKind {
		what = fmt.Sprintf("the page of jurisdiction %q", t.Name)
	}
	title := t.Name
	totals := pl.totals(t.Briefings)
	pl.paginate("list", t.Kind, t.URL, title, t.Briefings, pl.termOwner(t, what), func(p *render.Page) {
		p.Term = t
		p.Totals = totals
		p.Feed = t.Feed
	})
}

// termOwner names where a tag or jurisdiction comes from, for messages about
// its pages: the first briefing (by path) that names it, at its line, or
// for a jurisdiction named only as a parent, its line in site.toml.
func (pl *planner) termOwner(t *site.Term, what string) owner {
	field := "tags"
	if t.Kind == site.JurisdictionsKind {
		field = "jurisdiction"
	}
	var first *site.Briefing
	for _, b := range t.Briefings {
		terms := b.Tags
		if t.Kind == site.JurisdictionsKind {
			terms = b.Jurisdictions
		}
		if slices.Contains(terms, t) && (first == nil || b.Path < first.Path) {
			first = b
		}
	}
	if first != nil {
		return owner{file: first.Path, line: first.Line(field), field: field, what: what}
	}
	cfg := pl.st.cfg
	for _, child := range slices.Sorted(maps.Keys(cfg.Parents)) {
		if strings.EqualFold(cfg.Parents[child], t.Name) {
			key := "jurisdictions." + child
			return owner{file: config.File, line: cfg.Lines[key], field: key + ".parent", what: what}
		}
	}
	return owner{what: what}
}

func (pl *planner) termIndex(kind, title string, terms []*site.Term) {
	st := pl.st
	h := newHasher(st.bl.seed).int(len(st.site.Briefings)) // the description counts them
	for _, t := range terms {
		h.num(termFingerprint(st, t))
	}
	page := &render.Page{Kind: "terms", Section: kind, Title: title, URL: st.site.URLs.TermsURL(kind), Terms: terms}
	pl.add(job{path: site.OutputPath(page.URL), kind: "terms", owner: owner{what: "the " + kind + " index"},
		fp: st.fp("terms", h.sum()), render: st.pageJob(page)})
}

func (pl *planner) archive() {
	st := pl.st
	years := st.site.Years
	page := &render.Page{Kind: "archive", Section: "archive", Title: "Archive", URL: st.site.URLs.Archive, Years: years}
	pl.add(job{path: site.OutputPath(page.URL), kind: "archive", owner: owner{what: "the archive"},
		fp: st.fp("archive", pl.listFingerprint(st.site.Briefings)), render: st.pageJob(page)})
	for _, y := range years {
		totals := pl.totals(y.Briefings)
		pl.paginate("list", "archive", y.URL, fmt.Sprintf("Briefings of %d", y.Year), y.Briefings, owner{what: fmt.Sprintf("the archive of %d", y.Year)},
			func(p *render.Page) { p.Year = y; p.Totals = totals })
	}
}

func (pl *planner) fixed(kind, url, title, section string, noindex bool) {
	st := pl.st
	page := &render.Page{Kind: kind, Section: section, Title: title, URL: url, NoIndex: noindex}
	// The description counts the briefings.
	pl.add(job{path: site.OutputPath(url), kind: kind, owner: owner{what: "the " + kind + " page"},
		fp: st.fp(kind, uint64(len(st.site.Briefings))), render: st.pageJob(page)})
}

// writePage renders one page with the theme into w.
func (st *state) writePage(w *bytes.Buffer, p *render.Page) error {
	p.Site = st.site
	return st.theme.Render(w, p.Kind, p)
}

// pageJob is job.render for a page.
func (st *state) pageJob(p *render.Page) func(w *bytes.Buffer) error {
	return func(w *bytes.Buffer) error { return st.writePage(w, p) }
}

// aliases emit Netlify 301 rules, plus a small redirect page at each old
// path for hosts that do not read _redirects.
func (pl *planner) aliases() {
	st := pl.st
	s := st.site
	h := newHasher(st.bl.seed)
	for _, a := range redirects.Aliases(s) {
		b, target := a.Briefing, a.Briefing.URL
		h.str(a.From, target)
		line, field := b.Aliases[a.Index].Line, b.Aliases[a.Index].Field
		pl.add(job{
			path: site.OutputPath(a.From), kind: "alias",
			owner: owner{file: b.Path, line: line, field: field, what: "alias " + a.From + " of " + b.Path},
			fp:    st.fp("alias", newHasher(st.bl.seed).str(a.From, target).sum()),
			render: func(w *bytes.Buffer) error {
				return redirects.Page(w, site.AbsURL(st.cfg, target))
			},
		})
	}
	rules := redirects.Rules(s)
	own := sources.StaticDir + s.URLs.Redirects
	if len(rules) > 0 || pl.hasStatic(own) {
		pl.add(job{path: site.OutputPath(s.URLs.Redirects), kind: "redirects", owner: owner{what: "the redirects of aliases"},
			fp: st.fp("redirects", h.sum(), st.bl.static[own]),
			render: func(w *bytes.Buffer) error {
				var data []byte
				if pl.hasStatic(own) {
					var err error
					if data, err = sources.ReadFile(st.fsys, own); err != nil {
						return err
					}
				}
				return redirects.File(w, data, rules)
			}})
	}
}

func (pl *planner) hasStatic(p string) bool { _, ok := pl.st.bl.static[p]; return ok }

// statics copies static/ and the theme's assets. The site's static files
// override the theme's assets of the same name; a static file that would
// overwrite a generated page is an error.
func (pl *planner) statics(files []staticFile) {
	st := pl.st
	redirectsFile, robotsFile := site.OutputPath(st.site.URLs.Redirects), site.OutputPath(st.site.URLs.Robots)
	mine := map[string]bool{}
	for _, f := range files {
		mine[f.out] = true
		if f.out == redirectsFile {
			if _, ok := pl.byPath[redirectsFile]; ok {
				continue // merged into the generated file
			}
		}
		if f.out == robotsFile {
			continue // added below, replacing the generated one
		}
		pl.add(job{path: f.out, kind: "static", owner: owner{file: f.src, what: "static file " + f.src},
			fp: st.fp("static", f.hash), render: from(func() ([]byte, error) { return st.readStatic(f) })})
	}
	for _, p := range slices.Sorted(maps.Keys(st.theme.Assets)) {
		if mine[p] {
			continue
		}
		data := st.theme.Assets[p]
		pl.add(job{path: p, kind: "static", owner: owner{what: "theme asset " + p},
			fp: st.fp("asset", newHasher(st.bl.seed).bytes(data).sum()), render: from(func() ([]byte, error) { return data, nil })})
	}
	robots := staticFile{src: sources.StaticDir + "/" + robotsFile, out: robotsFile}
	if h, ok := st.bl.static[robots.src]; ok {
		for _, f := range files {
			if f.src == robots.src {
				robots = f
			}
		}
		pl.add(job{path: robotsFile, kind: "static", owner: owner{file: robots.src, what: "static file " + robots.src},
			fp: st.fp("static", h), render: from(func() ([]byte, error) { return st.readStatic(robots) })})
	} else {
		pl.add(job{path: robotsFile, kind: "robots", owner: owner{what: "robots.txt"}, fp: st.fp("robots"),
			render: func(w *bytes.Buffer) error {
				w.WriteString("User-agent: *\nAllow: /\nSitemap: " + site.AbsURL(st.cfg, st.site.URLs.Sitemap) + "\n")
				return nil
			}})
	}
}
