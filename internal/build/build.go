// Package build runs the pipeline: read sources, parse briefings in
// parallel, build the site model, render Markdown and pages in parallel, and
// stream the output to a sink. A Builder keeps caches between builds, so a
// rebuild after an edit re-parses only changed files and re-renders only the
// pages whose inputs changed; its result is the same as a full build's.
package build

import (
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"brief/internal/assets"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/funding"
	"brief/internal/images"
	"brief/internal/markdown"
	"brief/internal/output"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
	"brief/internal/sources"
	"brief/internal/vocab"
)

// Options are the per-build switches from the command line.
type Options struct {
	Drafts  bool
	Future  bool
	BaseURL string // overrides site.toml when not empty
	Minify  bool   // minify even if site.toml does not ask
	// Fingerprint publishes CSS and JS minified under content-hashed names
	// and has pages load them with Subresource Integrity (brief build and
	// check). The dev server leaves it off, so that a stylesheet edit is
	// swapped into open pages without re-rendering them.
	Fingerprint bool
	Now         time.Time // the build clock; drafts of the future are judged against it

	// Incremental writes only the outputs whose inputs changed since this
	// Builder's last successful build, and removes the ones that are gone.
	// Leave it off when the sink starts empty (a staging folder).
	Incremental bool

	// BrokenLinksWarn reports broken links in bodies (a missing briefing
	// or #anchor) as warnings instead of errors (--broken-links=warn).
	BrokenLinksWarn bool

	// Once says this is the Builder's only build (brief build without
	// --watch). Each Markdown source is let go once rendered, and each
	// rendered body once its page is written, so memory stays small on
	// large sites; the caches are dropped afterwards, so a later build on
	// the same Builder is a full one.
	Once bool

	// ImageCache keeps resized copies of images between builds (brief
	// uses a folder, see internal/imagecache); nil resizes every image
	// the Builder has not resized before.
	ImageCache images.Cache
}

// Changes lists the sources that changed since the last build, with their
// kinds, as the watcher reports them. A nil *Changes means "unknown":
// re-read everything.
type Changes struct{ Files []sources.Change }

// ChangedPaths classifies paths (relative to the site folder) as the watcher
// would and leaves out those that are not sources.
func ChangedPaths(paths ...string) *Changes {
	ch := &Changes{}
	for _, p := range paths {
		if k, ok := sources.Classify(p); ok {
			ch.Files = append(ch.Files, sources.Change{Path: p, Kind: k})
		}
	}
	return ch
}

// Result describes a successful build.
type Result struct {
	Site     *site.Site
	Warnings diag.List
	Pages    map[string]int // output files by kind
	Written  []string       // output paths rendered in this build, sorted
	Removed  []string       // output paths that are gone since the last build
	Parsed   int            // source files parsed (cache misses)
	Duration time.Duration
}

// Builder holds what survives between builds of one site.
type Builder struct {
	theme fs.FS
	seed  maphash.Seed

	mu      sync.Mutex
	cfgSrc  []byte
	haveCfg bool
	cfg     *config.Config // parsed from cfgSrc with cfgKey's options
	cfgKey  string
	last    *lastBuild             // the last successful build, for the body-edit fast path
	files   map[string]*sourceFile // content path -> parsed file
	static  map[string]uint64      // static path -> content hash
	// resources are the files of content/ that are not Markdown, with
	// their content hashes; bundles maps those in page bundles (and any
	// Markdown file that strayed into one) to the bundle's index.md.
	resources map[string]uint64
	bundles   map[string]string
	probes    map[string]*imageProbe // image path -> what it is
	// walkProblems are the entries the last walk of each top folder left
	// out (a named pipe, a link to a folder...), reported by every build.
	walkProblems map[string]diag.List
	themeData    *render.Theme
	renderers    map[bool]*markdown.Renderer
	pages        map[string]uint64 // output path -> fingerprint of the last successful build
	cards        map[string]cardCache
	assets       assets.Cache
	search       *search.Indexer // keeps the search index between builds
	entries      []*search.Entry // the search index's entries, by id, as last built
}

// cardCache is a briefing's rendered card and the fingerprint it was made from.
type cardCache struct {
	fp, hash uint64
	html     template.HTML
}

type sourceFile struct {
	hash   uint64
	b      *content.Briefing
	diags  diag.List
	body   *bodyCache
	search *searchCache

	figures    []site.Figure  // the funding as readers see it...
	figuresFor *config.Config // ...under this configuration

	image *imageRef // the front matter image's file, as last resolved
}

// bodyCache is a rendered Markdown body and the link resolutions it used:
// it stays valid while the file and those resolutions are unchanged.
type bodyCache struct {
	unsafe    bool
	linksWarn bool                // made with Options.BrokenLinksWarn: broken links are warnings
	links     map[string]string   // .md target -> href it resolved to ("" when missing)
	drafts    map[string]bool     // targets that were not published when rendered
	images    map[string]imageUse // image destination -> what it resolved to
	res       markdown.Result
	htmlHash  uint64
}

// New makes a Builder that uses theme (rooted at a layouts folder) as the
// default theme.
func New(theme fs.FS) *Builder {
	return &Builder{
		theme:        theme,
		seed:         maphash.MakeSeed(),
		files:        map[string]*sourceFile{},
		static:       map[string]uint64{},
		resources:    map[string]uint64{},
		bundles:      map[string]string{},
		probes:       map[string]*imageProbe{},
		walkProblems: map[string]diag.List{},
		renderers:    map[bool]*markdown.Renderer{},
		pages:        map[string]uint64{},
		cards:        map[string]cardCache{},
	}
}

// Build builds the site in fsys (rooted at the site folder) into sink. On
// errors it returns a diag.List with every problem found, and the sink may
// hold a partial build that the caller must discard.
func (bl *Builder) Build(fsys fs.FS, ch *Changes, opt Options, sink output.Sink) (*Result, error) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	start := time.Now()
	st := &state{bl: bl, fsys: fsys, opt: opt, sink: sink, res: &Result{Pages: map[string]int{}}}
	if res, ok := st.fastPath(ch); ok {
		res.Duration = time.Since(start)
		return res, nil
	}
	bl.last = nil
	if opt.Once {
		defer bl.forget()
	}
	if err := st.run(ch); err != nil {
		return nil, err
	}
	if !opt.Once {
		bl.last = &lastBuild{opt: opt, cfg: st.cfg, theme: st.theme, site: st.site, sited: st.sited,
			warnings: st.res.Warnings, pages: st.res.Pages, anchorTargets: st.anchorTargets}
	}
	st.res.Duration = time.Since(start)
	return st.res, nil
}

// forget drops every cache, after a build that released what they hold.
func (bl *Builder) forget() {
	bl.last = nil
	bl.files = map[string]*sourceFile{}
	bl.pages = map[string]uint64{}
	bl.cards = map[string]cardCache{}
	bl.search, bl.entries = nil, nil
}

// state is one build in progress.
type state struct {
	bl     *Builder
	fsys   fs.FS
	opt    Options
	sink   output.Sink
	res    *Result
	cfg    *config.Config
	site   *site.Site
	theme  *render.Theme
	diags  diag.List
	sited  uint64           // fingerprint of everything every page depends on
	assets *assets.Manifest // what the asset helper resolves
	// anchorTargets are the briefings (content paths) that bodies link to
	// by #anchor: an edit of one may break those links (see fastPath).
	anchorTargets map[string]bool
	// brokenFragments are the #anchor links of briefings with errors of
	// their own, checked against the published briefings all the same.
	brokenFragments []linker

	searchEntries []*search.Entry // the published briefings analysed for search, oldest first
}

// run builds the site. It goes as far as it can whatever it finds, so that
// one run reports every error: a broken site.toml, theme or static file
// does not hide the content's errors, nor a broken briefing its body's.
// Only what depends on a broken part is left out: with errors in site.toml,
// the funding checks and the output plan (which depend on rates and
// permalinks); with errors in the site's layouts, the plan is made with
// the default theme, to find clashing URLs.
func (st *state) run(ch *Changes) error {
	bl := st.bl
	changed := classify(ch)
	if changed.config {
		// The time zone and other settings change how every file is read.
		changed = changeSet{all: true}
	}
	cfgOK := st.loadConfig(changed)
	st.loadTheme(changed)
	if err := st.loadContent(changed); err != nil {
		return err
	}
	statics := st.loadStatic(changed)
	bl.dropProbes()
	st.findBundles()
	for _, top := range slices.Sorted(maps.Keys(bl.walkProblems)) {
		st.diags = append(st.diags, bl.walkProblems[top]...)
	}
	st.loadAssets(statics)
	var all []*content.Briefing
	var broken []*content.Briefing
	paths := slices.Sorted(maps.Keys(bl.files))
	for _, p := range paths {
		f := bl.files[p]
		st.diags = append(st.diags, f.diags...)
		switch {
		case st.inBundle(p):
			// A Markdown file inside a page bundle: findBundles reports it.
		case f.b != nil && !f.diags.HasErrors():
			all = append(all, f.b)
		case f.b != nil:
			broken = append(broken, f.b)
		}
	}
	s, ds := site.New(st.cfg, all, site.Options{Drafts: st.opt.Drafts, Future: st.opt.Future, Now: st.opt.Now})
	st.site = s
	st.diags = append(st.diags, ds...)
	st.renderBodies()
	st.checkBrokenBodies(broken)
	if !cfgOK {
		return st.diags.Sorted()
	}
	st.diags = append(st.diags, funding.Check(st.cfg, s.Briefings)...)
	st.diags = append(st.diags, vocab.Check(st.cfg, s.Sources())...)
	themeOK := st.theme != nil
	if !themeOK {
		st.theme = st.defaultTheme()
	}
	st.sited = st.siteFingerprint()
	jobs := st.plan(statics)
	if themeOK {
		st.checkAnchors() // the default theme's ids are not the site's
	}
	if st.diags.HasErrors() {
		if themeOK {
			st.probeTemplates(jobs)
		}
		return dedupe(st.diags).Sorted()
	}
	if err := st.execute(jobs); err != nil {
		return err
	}
	st.res.Site = s
	st.res.Warnings = st.diags.Warnings().Sorted()
	return nil
}

// changeSet sorts changed paths by what they affect; all=true means re-read everything.
type changeSet struct {
	all                      bool
	config, layouts, content bool
	static                   bool
	paths                    map[string]sources.Kind
}

// badName reports whether a changed path of kind k has a name that no walk
// lets through (a control character, bytes that are not UTF-8).
func (cs changeSet) badName(k sources.Kind) bool {
	for p, kind := range cs.paths {
		if kind == k && sources.Display(p) != p {
			return true
		}
	}
	return false
}

func classify(ch *Changes) changeSet {
	if ch == nil {
		return changeSet{all: true}
	}
	cs := changeSet{paths: map[string]sources.Kind{}}
	for _, c := range ch.Files {
		cs.paths[c.Path] = c.Kind
		switch c.Kind {
		case sources.Config:
			cs.config = true
		case sources.Layout:
			cs.layouts = true
		case sources.Content, sources.Resource:
			cs.content = true
		case sources.Static:
			cs.static = true
		}
	}
	return cs
}

// loadConfig reads site.toml and reports whether it is free of errors. With
// errors, st.cfg still holds a usable configuration: the defaults in place
// of what could not be read.
func (st *state) loadConfig(cs changeSet) bool {
	bl := st.bl
	if cs.all || !bl.haveCfg {
		src, err := sources.ReadFile(st.fsys, sources.ConfigFile)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			st.diags = append(st.diags, sources.ReadProblem(sources.ConfigFile, err))
			bl.cfg, st.cfg = nil, config.Default()
			return false
		}
		bl.cfgSrc, bl.haveCfg = src, true
	}
	key := string(bl.cfgSrc) + "\x00" + st.opt.BaseURL + "\x00" + fmt.Sprint(st.opt.Minify)
	if bl.cfg != nil && bl.cfgKey == key {
		st.cfg = bl.cfg // unchanged: keep the same object, so caches keyed by it hold
		return true
	}
	cfg, ds := config.Parse(bl.cfgSrc)
	if st.opt.BaseURL != "" {
		if err := cfg.SetBaseURL(st.opt.BaseURL); err != nil {
			ds = append(ds, diag.Errorf("", 0, "--baseURL", `write a full URL such as "https://example.org/"`, "%v", err))
		}
	}
	if st.opt.Minify {
		cfg.Minify = true
	}
	st.cfg = cfg
	st.diags = append(st.diags, ds...)
	if ds.HasErrors() {
		bl.cfg = nil
		return false
	}
	if len(ds) == 0 {
		bl.cfg, bl.cfgKey = cfg, key
	}
	return true
}

// defaultTheme is the theme without the site's layouts, for planning a
// build whose own layouts have errors.
func (st *state) defaultTheme() *render.Theme {
	t, _ := render.Load(st.bl.theme, nil, st.cfg)
	return t
}

func (st *state) loadTheme(cs changeSet) {
	bl := st.bl
	if bl.themeData == nil || cs.all || cs.layouts || cs.config {
		var siteLayouts fs.FS
		if fi, err := fs.Stat(st.fsys, sources.LayoutsDir); err == nil && fi.IsDir() {
			siteLayouts, _ = fs.Sub(st.fsys, sources.LayoutsDir)
		}
		t, ds := render.Load(bl.theme, siteLayouts, st.cfg)
		st.diags = append(st.diags, ds...)
		if ds.HasErrors() {
			bl.themeData = nil
			return
		}
		bl.themeData = t
	}
	st.theme = bl.themeData
}

// loadContent reads and parses the content files that changed, in parallel.
func (st *state) loadContent(cs changeSet) error {
	bl := st.bl
	var todo []string
	// A folder whose last walk found problems is walked again on any
	// change in it, so that a fixed problem goes away without a restart.
	// So is one where a file arrives whose name the walk would refuse.
	if cs.all || (cs.content && (len(bl.walkProblems[sources.ContentDir]) > 0 || cs.badName(sources.Content))) {
		all, err := st.walk(sources.ContentDir)
		if err != nil {
			return err
		}
		var found, others []string
		for _, p := range all {
			if k, _ := sources.Classify(p); k == sources.Content {
				found = append(found, p)
			} else {
				others = append(others, p)
			}
		}
		st.loadResources(cs, others)
		keep := map[string]bool{}
		for _, p := range found {
			keep[p] = true
		}
		for p := range bl.files {
			if !keep[p] {
				delete(bl.files, p)
			}
		}
		todo = found
	} else {
		st.loadResources(cs, nil)
		for p, k := range cs.paths {
			if k == sources.Content {
				todo = append(todo, p)
			}
		}
		sort.Strings(todo)
	}
	type parsed struct {
		path string
		f    *sourceFile
		gone bool
	}
	out := make([]parsed, len(todo))
	loc := st.cfg.Location
	parallel(len(todo), func(i int) {
		p := todo[i]
		src, err := sources.ReadFile(st.fsys, p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				out[i] = parsed{path: p, gone: true}
				return
			}
			out[i] = parsed{path: p, f: &sourceFile{diags: diag.List{sources.ReadProblem(p, err)}}}
			return
		}
		h := newHasher(bl.seed).str(loc.String()).bytes(src).sum()
		if old := bl.files[p]; old != nil && old.hash == h {
			out[i] = parsed{path: p, f: old}
			return
		}
		b, ds := content.Parse(p, src, content.Options{Location: loc})
		out[i] = parsed{path: p, f: &sourceFile{hash: h, b: b, diags: ds}}
	})
	for _, r := range out {
		switch {
		case r.gone:
			delete(bl.files, r.path)
		case r.f != bl.files[r.path]:
			bl.files[r.path] = r.f
			st.res.Parsed++
		}
	}
	return nil
}

// renderBodies renders the Markdown of every published briefing whose body
// cache is stale, in parallel, and copies the results onto the model.
func (st *state) renderBodies() {
	r := st.renderer()
	bs := st.site.Briefings
	problems := make([]diag.List, len(bs))
	filters := searchFilters(st.site)
	st.searchEntries = make([]*search.Entry, len(bs))
	parallel(len(bs), func(i int) {
		b := bs[i]
		f := st.bl.files[b.Path]
		problems[i] = st.renderBody(r, b, f)
		st.searchEntries[len(bs)-1-i] = st.searchEntry(b, f, filters[b]) // while its text is at hand
	})
	for _, p := range problems {
		st.diags = append(st.diags, p...)
	}
}

// checkBrokenBodies renders the bodies of briefings whose front matter has
// errors, for their links' errors only, so that those come in the same run
// as the front matter's rather than after it is fixed.
func (st *state) checkBrokenBodies(broken []*content.Briefing) {
	r := st.renderer()
	problems := make([]diag.List, len(broken))
	fragments := make([][]markdown.Fragment, len(broken))
	parallel(len(broken), func(i int) {
		b := broken[i]
		res := r.Render(b.Body, markdown.Context{
			SourcePath: b.Path,
			LineOffset: b.BodyLine - 1,
			Resolve: func(target string) (string, bool) {
				if tb, _ := st.site.Lookup(target); tb != nil {
					return site.RelURL(st.cfg, tb.URL), true
				}
				_, exists := st.bl.files[target] // with errors of its own
				return "", exists
			},
		})
		problems[i] = st.linkSeverity(res.Problems.Errors())
		fragments[i] = res.Fragments
	})
	for i, p := range problems {
		st.diags = append(st.diags, p...)
		if len(fragments[i]) > 0 {
			st.brokenFragments = append(st.brokenFragments, linker{path: broken[i].Path, fragments: fragments[i]})
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

// renderBody renders one briefing's Markdown unless its cache is still
// valid, copies the results onto the model, and returns the body's problems.
func (st *state) renderBody(r *markdown.Renderer, b *site.Briefing, f *sourceFile) diag.List {
	bl := st.bl
	unsafe := st.cfg.UnsafeHTML
	if !st.bodyValid(b.Path, f.body, unsafe) {
		links := map[string]string{}
		drafts := map[string]bool{}
		uses := map[string]imageUse{}
		var ds diag.List
		res := r.Render(b.Body, markdown.Context{
			SourcePath: b.Path,
			LineOffset: b.BodyLine - 1,
			IDPrefix:   b.Slug + "-",
			Image:      st.bodyImage(b.Path, uses),
			PlainText:  true, // for the search index
			Resolve: func(target string) (string, bool) {
				tb, published := st.site.Lookup(target)
				if tb == nil {
					links[target] = ""
					if _, exists := bl.files[target]; exists {
						// The target has errors of its own, already reported;
						// the build fails, so the link's href does not matter.
						return "", true
					}
					return "", false
				}
				href := site.RelURL(st.cfg, tb.URL)
				links[target] = href
				if !published {
					drafts[target] = true
					ds = append(ds, diag.Warnf(b.Path, b.BodyLine, "", "publish it, or remove the link until it is", "links to %s, which is not published in this build (draft or future-dated)", target))
				}
				return href, true
			},
		})
		res.Problems = st.linkSeverity(append(res.Problems, ds...))
		f.body = &bodyCache{unsafe: unsafe, linksWarn: st.opt.BrokenLinksWarn, links: links, drafts: drafts, images: uses, res: res, htmlHash: newHasher(bl.seed).str(res.HTML).sum()}
	}
	res := f.body.res
	problems := res.Problems
	img, ref, d := st.frontImage(b)
	b.Picture, f.image = img, ref
	b.Cover = img.Share()
	if d != nil {
		problems = append(slices.Clip(problems), *d)
	}
	b.Content = template.HTML(res.HTML) // shares the cached string: no copy
	if st.opt.Once {
		b.Body = nil // rendered, and no later build will render it again
	}
	b.Words, b.CJK = res.Words, res.CJK
	b.ReadingMinutes = markdown.ReadingMinutes(res.Words, res.CJK)
	if f.figures == nil || f.figuresFor != st.cfg {
		f.figures = make([]site.Figure, len(b.Funding))
		for i, fu := range b.Funding {
			f.figures[i] = funding.FigureOf(st.cfg, fu)
		}
		f.figuresFor = st.cfg
	}
	b.Figures = f.figures
	return problems
}

// bodyValid reports whether a cached body still renders the same: same
// unsafe setting, and every .md link and image resolves as it did.
func (st *state) bodyValid(from string, c *bodyCache, unsafe bool) bool {
	if c == nil || c.unsafe != unsafe || c.linksWarn != st.opt.BrokenLinksWarn || !st.imagesValid(from, c.images) {
		return false
	}
	for target, url := range c.links {
		tb, published := st.site.Lookup(target)
		switch {
		case tb == nil && url != "":
			return false
		case tb != nil && (site.RelURL(st.cfg, tb.URL) != url || published == c.drafts[target]):
			return false
		}
	}
	return true
}

// parallel runs fn(0..n-1) on all cores.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if int(i) >= n {
					return
				}
				fn(int(i))
			}
		}()
	}
	wg.Wait()
}
