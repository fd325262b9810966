// Package build runs the pipeline, one plan and one execution for every
// build, full or incremental:
//
//	load     read the sources that changed (site.toml, layouts, content, static)
//	model    site.New over every file's front matter, when any of it changed
//	parts    render the Markdown bodies, figures and cards that are stale
//	plan     list every output with what it reads (per model, theme and static files)
//	execute  render the outputs whose inputs changed and stream them to a sink
//
// A Builder keeps each stage's results between builds, keyed by what they
// are made from (fingerprint.go), so a rebuild after an edit does the least
// work that gives the same result as a full build.
package build

import (
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"brief/internal/assets"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/funding"
	"brief/internal/i18n"
	"brief/internal/images"
	"brief/internal/markdown"
	"brief/internal/output"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
	"brief/internal/sources"
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
	// rendered body once the last output that shows it is written, so
	// memory stays small on large sites; the caches are dropped afterwards,
	// so a later build on the same Builder is a full one.
	Once bool

	// ImageCache keeps resized copies of images between builds (brief
	// uses a folder, see internal/imagecache); nil resizes every image
	// the Builder has not resized before.
	ImageCache images.Cache

	// Cache, when set, receives the Builder's state after each successful
	// build, for a later process to Restore (cache.go).
	Cache Cache

	// ModelDone, when set, is called once the model is made, before any
	// body is rendered: what the build holds from then on grows with the
	// model (see Once), so brief build sizes its memory limit on it.
	ModelDone func()

	// Steps, when set, is called with "" as a build starts and with each
	// step's name as it ends ("load", "model", "briefing pages", "plan",
	// "search index", "checks", "execute"), so that brief build --steps
	// can time them. A build that stops at errors reports the steps it
	// finished.
	Steps func(step string)
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
	Written  []string       // output paths written in this build, sorted
	Removed  []string       // output paths that are gone since the last build
	Parsed   int            // source files parsed (cache misses)
	Read     int            // content sources read (with a build cache, those whose metadata changed; see fileStat)
	Rendered int            // outputs made (the others were unchanged)
	// ModelUpdated counts the briefings whose front matter this build
	// swapped into the model in place (see updateModels); 0 when it kept
	// the model or made it again.
	ModelUpdated int
	// TermsUpdated counts those of them whose tags or jurisdictions
	// changed: the model's terms and lists were updated in place too.
	TermsUpdated int
	// Deferred are the pages of Written that an incremental build into a
	// sink that makes files on request (output.LazySink) left to be made
	// then: the archive and the funding tracker, which show every
	// briefing. Their makers' errors are this build's, found later. Sorted.
	Deferred []string
	Duration time.Duration
	// OutputID names the output the sink holds now, for Restore; and
	// CacheErr says why Options.Cache could not be saved (the build
	// succeeded all the same).
	OutputID string
	CacheErr error
}

// Builder holds what survives between builds of one site: each stage's
// results, keyed by what they were made from.
type Builder struct {
	theme fs.FS
	seed  hashSeed

	mu sync.Mutex

	// Sources as last read.
	cfgSrc      []byte
	haveCfg     bool
	cfg         *config.Config // parsed from cfgSrc with cfgKey's options
	cfgKey      string
	cfgWarnings diag.List
	themeData   *render.Theme
	files       map[string]*sourceFile // content path -> parsed file
	withDiags   map[string]bool        // the files with problems of their own
	frontSum    uint64                 // sum of the files' sourceEntry: the sources' share of the model's key
	static      map[string]uint64      // static path -> content hash
	// resources are the files of content/ that are not Markdown, with
	// their content hashes; bundles maps those in page bundles (and any
	// Markdown file that strayed into one) to the bundle's index.md.
	resources   map[string]uint64
	bundles     map[string]string
	bundleDiags diag.List              // Markdown files inside bundles; nil until worked out
	probes      map[string]*imageProbe // image path -> what it is
	// walkProblems are the entries the last walk of each top folder left
	// out (a named pipe, a link to a folder...), reported by every build.
	walkProblems map[string]diag.List
	renderers    map[bool]*markdown.Renderer
	assets       assets.Cache
	search       map[string]*search.Indexer // keeps each edition's search index between builds
	searchFiles  map[string][]search.File   // its files, as last made
	searchByPath map[string]*job            // their jobs by path, each marked with the index (searchGen) it is part of
	searchGen    int
	searchJobs   []*job // the index's jobs as last executed, with the plan searchFor
	searchFor    *plan
	// searchKept are the index's compressed files (chunks and filter
	// sets) by edition and path (searchKey), for a build cache to keep.
	searchKept map[string]search.File
	// searchIDs are, by edition, the fingerprints (searchCache.key) of
	// the entries of its index by id, as last made, for a build cache to
	// keep; searchResume are the indexes that Restore resumes from them
	// and the files kept, for the first build (resumeIndex).
	searchIDs    map[string]string
	searchResume map[string]*resumedIndex
	resumed      int // the indexes resumed so (for tests)
	// prewalk is the walk of content/ that Restore starts, to run while it
	// decodes the state, for the next build to take instead of walking.
	prewalk *contentWalk
	// searchDocs counts the documents searchEntry made (for tests).
	searchDocs atomic.Int64
	// entryFiles counts the files of entries that an incremental build
	// with a build cache made again and had a table of, and spliced
	// those made from their last bytes (splice.go; for tests).
	entryFiles, spliced atomic.Int64

	// Derived from the sources.
	models []*model             // each edition's model and what depends on it alone, the default first
	cards  map[string]cardCache // content path -> rendered card
	plan   *plan                // every output and what it reads
	out    map[string]outputLog // output path -> what the sink holds
	// executed is the plan last carried out, and settled says no build
	// failed since: then the sink holds every output of that plan as
	// fingerprinted, and a build need only check the outputs that read
	// what changed.
	executed *plan
	settled  bool
	// lazyBodies says some bodies were restored from a cache without their
	// HTML (cache.go).
	lazyBodies bool
	// statWindow and statZone: see fileStat. Sources' metadata is trusted
	// only in the time zone it was recorded in (a zone changes every
	// parse).
	statWindow time.Duration
	statZone   string
	// largeOutput is the size above which an output's size is kept
	// (outputLog); tests lower it.
	largeOutput int
	// saved is what the build cache's state holds, as last restored or
	// saved, for the next build to append what it changed (cache.go); nil
	// when unknown: the next save writes the whole state.
	saved *savedState
	// onSave, when set (by tests), receives the whole state each save
	// stands for, journal or not.
	onSave func(state []byte)

	// stageDone, when set (by tests), is called after a build's stages
	// ("parts": every body rendered).
	stageDone func(stage string)
	// jobDone, when set (by tests), is called as each job of execute is
	// made.
	jobDone func(j *job)
}

// sourceFile is one content file as last read: its front matter (which the
// model is made of), its Markdown body and what was rendered from it.
type sourceFile struct {
	hash  uint64            // sourceHash: bytes and time zone
	stat  fileStat          // the metadata it had when read, with a build cache
	front uint64            // frontMatter fingerprint
	b     *content.Briefing // front matter only: the body is in body
	// body is the Markdown. A one-shot build does not keep it: it reads
	// the file again to render it, from bodyAt: in the bytes as read when
	// readSize (their length) is set, whose end the body is (nothing in
	// them to normalise: no passes over the file to find that out again,
	// and the second read knows how much to expect), else in
	// content.Normalise's text; 0 when not known (the file is parsed
	// again). Two 32-bit fields keep the record at 176 bytes.
	body     []byte
	bodyAt   int32
	readSize int32
	diags    diag.List

	rendered *renderedBody
	figures  *figures // the funding as readers see it
	// The front matter image: as templates show it, its file, and the
	// problem with it, as last resolved.
	picture      *site.Picture
	image        *imageRef
	imageProblem *diag.Diagnostic
	broken       *brokenBody // for a file with errors of its own

	search *searchCache // the briefing analysed for the search index
}

// figures are a briefing's funding items as readers see them, under a
// configuration, in a language's money, of a front matter (a
// translation's may be its original's). (A model holds a record per
// file: what only some files have, or what only one stage reads, is kept
// apart, so that the record stays small.)
type figures struct {
	list []funding.Figure
	cfg  *config.Config
	in   *i18n.Catalog
	of   *content.Briefing
}

// brokenBody is, for a file with errors of its own, its body's broken
// links, as found with the model of.
type brokenBody struct {
	links     diag.List
	fragments []markdown.Fragment
	of        *model
}

// ok says whether the file is part of the model.
func (f *sourceFile) ok() bool { return f.b != nil && !f.diags.HasErrors() }

// renderedBody is a rendered Markdown body and the link and image
// resolutions it used: it stays valid while the file, the settings and
// those resolutions are unchanged.
type renderedBody struct {
	// The flags come first, side by side: a body's record stays to the
	// end of the build, one per briefing, and each bool placed between
	// wider fields would take a word of its own.
	unsafe    bool
	linksWarn bool // made with Options.BrokenLinksWarn: broken links are warnings
	released  bool // the html was let go of in a one-shot build
	// lazy says the body was restored from a cache without its html and
	// text: ensureBodies renders it again when they are needed.
	lazy bool

	links    map[string]string   // .md target -> href it resolved to ("" when missing)
	drafts   map[string]bool     // targets that were not published when rendered
	images   map[string]imageUse // image destination -> what it resolved to
	html     string              // "" once let go of in a one-shot build (released)
	problems diag.List
	words    int
	cjk      int
	headings []markdown.Heading
	// headingIDs are the hashes of the headings' ids, once a one-shot
	// build has let go of the headings (trim).
	headingIDs []uint64
	text       string              // plain text, for the search index; "" once analysed in a one-shot build
	textPlain  bool                // text holds nothing JSON escapes (markdown.Result.TextPlain)
	textSum    uint64              // its fingerprint
	fragments  []markdown.Fragment // links to #anchors, checked once every body is rendered
	parts      parts               // fingerprints of the body and its statistics
}

// cardCache is a briefing's rendered card and the fingerprint of what it
// was made from.
type cardCache struct {
	base, hash uint64
	html       string
}

// outputLog is what the sink holds at one path: the fingerprint of the
// output's inputs and of its bytes, and, for a large file (see
// Builder.largeOutput), how many bytes making it took (before minifying),
// so that the build that makes it again gets a buffer of that size at once
// (see writeJob). Smaller files leave size 0: a one-shot build streams
// briefing pages without counting, and a size that came and went between
// builds would be saved again with nothing else changed.
type outputLog struct {
	inputs, bytes uint64
	size          int
	entries       *entryTable // how a file of entries was cut (splice.go)
}

// New makes a Builder that uses theme (rooted at a layouts folder) as the
// default theme.
func New(theme fs.FS) *Builder {
	bl := &Builder{theme: theme, seed: fingerprintSeed, statWindow: defaultStatWindow, largeOutput: maxPooledBuffer, renderers: map[bool]*markdown.Renderer{}, probes: map[string]*imageProbe{}}
	bl.forget()
	return bl
}

// forget drops every cache but the configuration and theme.
func (bl *Builder) forget() {
	bl.files, bl.withDiags, bl.frontSum, bl.static = map[string]*sourceFile{}, map[string]bool{}, 0, map[string]uint64{}
	bl.resources, bl.bundles, bl.bundleDiags, bl.walkProblems = map[string]uint64{}, map[string]string{}, nil, map[string]diag.List{}
	bl.models, bl.plan, bl.executed, bl.settled = nil, nil, nil, false
	bl.search, bl.searchFiles, bl.searchByPath, bl.searchJobs, bl.searchFor = nil, nil, map[string]*job{}, nil, nil
	bl.searchKept, bl.searchIDs, bl.searchResume = nil, nil, nil
	bl.cards, bl.out = map[string]cardCache{}, map[string]outputLog{}
	bl.lazyBodies = false
	bl.saved = nil
}

// Build builds the site in fsys (rooted at the site folder) into sink. On
// errors it returns a diag.List with every problem found, and the sink may
// hold a partial build that the caller must discard.
func (bl *Builder) Build(fsys fs.FS, ch *Changes, opt Options, sink output.Sink) (*Result, error) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	start := time.Now()
	if opt.Once {
		defer bl.forget()
	}
	st := &state{bl: bl, fsys: fsys, opt: opt, sink: sink, res: &Result{Pages: map[string]int{}}}
	defer func() { bl.prewalk = nil }() // only for the build right after Restore
	if err := st.run(ch); err != nil {
		bl.settled = false
		st.rollBack()
		return nil, err
	}
	if opt.Cache != nil {
		st.res.OutputID = bl.outputID()
		st.res.CacheErr = st.saveCache()
	}
	st.res.Duration = time.Since(start)
	return st.res, nil
}

// state is one build in progress.
type state struct {
	bl     *Builder
	fsys   fs.FS
	opt    Options
	sink   output.Sink
	res    *Result
	cfg    *config.Config
	cfgOK  bool // site.toml has no errors
	theme  *render.Theme
	assets *assets.Manifest // what the asset helper resolves
	// models are the editions' models, the default first; model is the
	// default's.
	models []*model
	model  *model
	byLang map[*site.Language]*model
	diags  diag.List
	// reread lists the content files read again in this build; changed,
	// the briefings whose rendered parts (body, statistics, card) changed
	// (nil in a one-shot build, which writes every output).
	reread  []string
	changed map[*site.Briefing]bool
	// updated are the briefings whose front matter the model took in
	// place (updateModels).
	updated []*site.Briefing
	// undo puts back, in reverse order, what updateModels changed
	// (rollBack); false when it cannot.
	undo    []func() bool
	funded  map[*model]bool // the models whose funding amounts changed with them
	rebased []*job          // the jobs of a kept plan whose bases changed (patchPlan)
	// relisted is the change of terms an update in place made, for the
	// plan (relist); planGone, the outputs the plan no longer has.
	relisted *relisted
	planGone []string
	reshaped map[*job]bool // jobs of a kept plan whose terms' families changed (relist)
	// changedFiles lists the files of static/ and content/ (not
	// Markdown) added, changed or removed in this build; contentListed
	// says files of content/ came or went.
	changedFiles  map[string]bool
	contentListed bool
	// searchChanged says a briefing's search entry changed; searchJobs
	// are the search index's files, planned in each build.
	searchChanged bool
	searchJobs    []*job
	searchNew     []*job   // those of searchJobs made in this build: new or changed files
	searchGone    []string // the paths of the files the index no longer has
	// indexed is closed once the index's files are made (makeIndex).
	indexed chan struct{}

	// isSaved: see savedConfig.
	savedOnce sync.Once
	isSaved   bool

	bufs    buffers // for output files
	minOnce sync.Once
	min     *output.Minifier
	// streamed are, by edition and rank, the briefing pages a one-shot build wrote as
	// soon as their bodies were rendered (see streamPages).
	streamed map[*model][]written
	// searchStreamed are the search index's files written with them, and
	// searchCollectors what each edition's index is made from.
	searchStreamed []written
	// fragmentInputs are, with a build cache, the fingerprints of the
	// inputs of the fragments streamed, by path, to log them as outputs.
	fragmentInputs   map[string]uint64
	searchCollectors map[*model]*search.Collector
	// tables are how the files of entries made in this build were cut,
	// by path (splice.go).
	tablesMu sync.Mutex
	tables   map[string]*entryTable
	// pageJobs are the jobs of streamed briefing pages, given back once
	// their pages are written (streamPage).
	pageJobs sync.Pool
	// worded are a one-shot build's lists' funding totals as their pages
	// word them (wordedTotals): the same for every page of a list.
	wordedMu sync.Mutex
	worded   map[wordedKey]worded
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
	st.changedFiles = map[string]bool{}
	st.step("")
	cfgOK := st.loadConfig(changed)
	st.cfgOK = cfgOK
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
	st.step("load")
	st.makeModel()
	if st.opt.ModelDone != nil {
		st.opt.ModelDone()
	}
	st.step("model")
	st.renderParts()
	st.step("briefing pages")
	if bl.stageDone != nil {
		bl.stageDone("parts")
	}
	st.checkBrokenBodies()
	if !cfgOK {
		return dedupe(st.diags).Sorted()
	}
	// The checks of the names and amounts read the model only, as the
	// plan and the search index do: they run meanwhile (on a large site
	// after one edit they are a tenth of the build).
	checks := make([]diag.List, len(st.models))
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		for i, m := range st.models {
			checks[i] = m.configChecks(m.site.Config)
		}
	}()
	themeOK := st.theme != nil
	if !themeOK {
		st.theme = st.defaultTheme()
	}
	at := len(st.diags) // where the checks' problems go, as before the plan's
	st.makeIndex()
	st.planOutputs(statics)
	st.step("plan")
	st.searchIndex()
	st.step("search index")
	<-checked
	st.diags = slices.Insert(st.diags, at, slices.Concat(checks...)...)
	if themeOK {
		st.checkAnchors() // the default theme's ids are not the site's
	}
	if st.diags.HasErrors() {
		if themeOK {
			st.probeTemplates()
		}
		return dedupe(st.diags).Sorted()
	}
	st.dropReleased()
	st.step("checks")
	if bl.stageDone != nil {
		bl.stageDone("execute") // about to write the other files
	}
	if err := st.execute(); err != nil {
		return err
	}
	st.step("execute")
	if bl.stageDone != nil {
		bl.stageDone("written")
	}
	st.res.Site = st.model.site
	st.res.Warnings = dedupe(st.diags.Warnings()).Sorted()
	return nil
}

// step tells Options.Steps that a step of the build has ended.
func (st *state) step(name string) {
	if st.opt.Steps != nil {
		st.opt.Steps(name)
	}
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
