package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/buildcache"
	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/imagecache"
	"brief/internal/output"
	"brief/internal/rebuild"
	"brief/internal/sources"
)

// siteFlags are the flags every building command shares.
type siteFlags struct {
	source   string
	drafts   bool
	future   bool
	baseURL  string
	links    linkPolicy
	cacheDir string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site folder (with content/, and optionally site.toml, layouts/, static/)")
	fs.BoolVar(&f.drafts, "drafts", false, "include briefings marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include briefings dated in the future")
	fs.Var(&f.links, "broken-links", "`error` (the default) or warn: whether a link to a missing briefing or #anchor fails the build")
	fs.StringVar(&f.cacheDir, "cacheDir", "", "keep resized images in `DIR` between builds (default $BRIEF_CACHE_DIR, else SOURCE/.brief-cache; off: no cache)")
}

// linkPolicy is the value of --broken-links.
type linkPolicy struct{ warn bool }

func (p *linkPolicy) String() string {
	if p.warn {
		return "warn"
	}
	return "error"
}

func (p *linkPolicy) Set(s string) error {
	switch s {
	case "error", "warn":
		p.warn = s == "warn"
		return nil
	}
	return errors.New(`want "error" or "warn"`)
}

func (f *siteFlags) options(getenv func(string) string) (build.Options, error) {
	now, err := buildClock(getenv)
	if err != nil {
		return build.Options{}, err
	}
	base := f.baseURL
	if base == "" {
		base = config.NetlifyBaseURL(getenv)
	}
	return build.Options{Drafts: f.drafts, Future: f.future, BaseURL: base, Now: now, BrokenLinksWarn: f.links.warn}, nil
}

// openCache opens the folder that keeps resized images between builds,
// once the site folder is known to exist, and sets it in opt. A cache that
// cannot be made costs time, not the build.
func (f *siteFlags) openCache(opt *build.Options, getenv func(string) string, stderr io.Writer) {
	if c := f.imageCache(getenv, stderr); c != nil {
		opt.ImageCache = c
	}
}

func (f *siteFlags) imageCache(getenv func(string) string, stderr io.Writer) *imagecache.Dir {
	dir := f.cacheDir
	if dir == "" {
		dir = getenv("BRIEF_CACHE_DIR")
	}
	if dir == "" {
		dir = filepath.Join(f.source, ".brief-cache")
	}
	if dir == "off" {
		return nil
	}
	c, err := imagecache.Open(filepath.Join(dir, "images"))
	if err != nil {
		fmt.Fprintf(stderr, "warning: images will be resized without a cache: %v\n", err)
		return nil
	}
	return c
}

// buildClock is the time drafts and future briefings are judged against:
// SOURCE_DATE_EPOCH when set (reproducible builds), else now.
func buildClock(getenv func(string) string) (time.Time, error) {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds (hint: set it to seconds since 1970, e.g. 1685318400, or unset it)", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now(), nil
}

// openSite opens the site folder so that nothing outside it can be read,
// even through a symbolic link.
func openSite(dir string) (*os.Root, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open site folder: %w (hint: run brief in the site folder, or pass --source DIR)", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder (hint: pass --source the folder that holds content/)", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		return nil, fmt.Errorf("%s has no content/ folder (hint: run brief in the site folder, or pass --source DIR)", dir)
	}
	return os.OpenRoot(dir)
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlags("build", "build [flags]", stderr)
	sf.register(fs)
	dest := fs.String("destination", "", "output folder (default SOURCE/public)")
	fs.StringVar(&sf.baseURL, "baseURL", "", "override site.toml's baseURL (and Netlify's URL / DEPLOY_PRIME_URL)")
	minify := fs.Bool("minify", false, "minify HTML, CSS, JS, SVG, XML and JSON")
	watch := fs.Bool("watch", false, "keep running and rebuild on every change")
	quiet := fs.Bool("quiet", false, "print errors only")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile after the build to `file`")
	steps := fs.Bool("steps", false, "print each step of the build (load, model, briefing pages, plan, search index, checks, execute) with its wall-clock and CPU time to stderr")
	cacheDir := fs.String("cache", "", "keep what a later build can reuse in `DIR` (parsed front matter, what bodies rendered to, search entries, the output's fingerprints, resized images), so that it redoes only what changed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, stderr)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "brief build: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *dest == "" {
		*dest = filepath.Join(sf.source, "public")
	}
	if err := output.CheckDestination(sf.source, *dest); err != nil {
		return err
	}
	opt, err := sf.options(os.Getenv)
	if err != nil {
		return err
	}
	opt.Minify = *minify
	opt.Fingerprint = true
	if *steps {
		opt.Steps = newStepTimer(stderr).step
	}
	if *watch {
		if *cacheDir != "" {
			fmt.Fprintln(stderr, "brief build: --cache is for one-shot builds (hint: --watch keeps what it built in memory; leave out one of them)")
			return errUsage
		}
		opt.BaseURL = sf.baseURL // Netlify's URLs are for deploys, not local watching
	}
	root, err := openSite(sf.source)
	if err != nil {
		return err
	}
	defer root.Close()
	sf.openCache(&opt, os.Getenv, stderr)
	b := build.New(brief.DefaultTheme())
	var folder *buildcache.Folder
	if *cacheDir != "" {
		if folder, err = openBuildCache(sf.source, *dest, *cacheDir, stderr); err != nil {
			return err
		}
		if folder != nil {
			opt.ImageCache, opt.Cache = folder.Images, folder
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watch {
		return rebuild.Watch(ctx, rebuild.Config{Source: sf.source, FS: sources.FS(root), Builder: b, Options: opt, Destination: *dest, Log: stdout, Errors: stderr})
	}
	opt.Once = true
	// One build: its reads may trust its own listings (sources.BuildFS).
	fsys := sources.BuildFS(root)
	if os.Getenv("GOGC") == "" {
		// A one-shot build holds little (see build.Options.Once): spend
		// some of that headroom on fewer collections, about 10% faster
		// at 10,000 briefings for about a quarter more memory.
		debug.SetGCPercent(150)
	}
	if folder == nil {
		// The build streams, so what it holds grows with the model only.
		// With --cache it streams too, but keeps each body's record and
		// search entry for the state: a limit set from the model made
		// the first such build's collector run all the time (7.5 s CPU
		// against 5.1 s at 10,000 briefings, for 190 MB against 330-360).
		opt.ModelDone = func() { limitMemory(os.Getenv) }
	}
	var stage outputTx
	if folder != nil {
		// The state of the last build with this cache, and its output
		// when the destination still holds it: then only what changed is
		// made again and written, in place.
		gogc := os.Getenv("GOGC") == ""
		if gogc {
			// Decoding the state only adds to what is live (its strings
			// share the state's memory), about 150 MB at 10,000
			// briefings: each collection meanwhile would mark the
			// records decoded so far, for nothing to free.
			debug.SetGCPercent(-1)
		}
		id, err := b.Restore(fsys, folder, opt)
		if err != nil && !*quiet {
			fmt.Fprintf(stderr, "note: the build cache in %s is not used (%v); this build replaces it\n", *cacheDir, err)
		}
		if id != "" && id == output.ReadID(*dest) {
			if u, err := output.NewUpdate(*dest); err == nil {
				stage, opt.Incremental = u, true
			}
		}
		switch {
		case gogc && opt.Incremental:
			collectAfterModel(&opt, os.Getenv)
		case gogc:
			debug.SetGCPercent(150)
		}
	}
	if stage == nil {
		if stage, err = output.NewStaging(*dest); err != nil {
			return err
		}
	}
	// Interrupted at any moment, the build ends at once and leaves the
	// output as it was (or as committed) with nothing beside it: Abort waits
	// for a commit in flight.
	// The handler and the build itself may both see the interrupt first (an
	// aborted stage makes the build fail with write errors): either way the
	// exit status is 130 and the message is printed once.
	var interruptOnce sync.Once
	interrupted := func() {
		interruptOnce.Do(func() {
			stage.Abort()
			fmt.Fprintln(stderr, "brief build: interrupted")
		})
	}
	defer context.AfterFunc(ctx, func() {
		interrupted()
		os.Exit(130)
	})()
	res, err := b.Build(fsys, nil, opt, stage)
	if ctx.Err() != nil {
		interrupted()
		return errInterrupted
	}
	if err != nil {
		stage.Abort()
		return buildFailed(err)
	}
	printWarnings(stderr, res.Warnings)
	if err := stage.Commit(); err != nil {
		return err
	}
	if folder != nil {
		err := res.CacheErr
		if err == nil {
			err = output.WriteID(*dest, res.OutputID)
		}
		if err != nil {
			fmt.Fprintf(stderr, "warning: the build cache in %s is not up to date: %v\n", *cacheDir, err)
		}
	}
	if c, ok := opt.ImageCache.(*imagecache.Dir); ok && !opt.Incremental {
		// A whole build used every copy the site has: the rest are stale.
		if _, err := c.Prune(); err != nil || c.Failures() > 0 {
			fmt.Fprintf(stderr, "warning: the image cache is not up to date (%d copies not stored): %v\n", c.Failures(), err)
		}
	}
	if !*quiet {
		fmt.Fprintln(stdout, Summary(res, *dest))
		if folder != nil {
			fmt.Fprintf(stdout, "build cache: %d files made again, %d written, %d removed; %d sources read\n", res.Rendered, len(res.Written), len(res.Removed), res.Read)
		}
	}
	return nil
}

// outputTx is where a one-shot build writes: a staging folder, or an
// update of the output in place (with --cache); either changes the
// destination only on Commit.
type outputTx interface {
	output.Sink
	Commit() error
	Abort() error
}

// openBuildCache checks and opens the folder of --cache. A cache that
// cannot be made costs time, not the build: it is nil, with a warning.
func openBuildCache(source, dest, dir string, stderr io.Writer) (*buildcache.Folder, error) {
	if err := output.CheckCache(source, dest, dir); err != nil {
		return nil, err
	}
	f, err := buildcache.Open(dir, buildcache.Version())
	if err != nil {
		fmt.Fprintf(stderr, "warning: building without a cache: %v\n", err)
		return nil, nil
	}
	return f, nil
}

// buildFailed prints every diagnostic and a count; the output is untouched.
func buildFailed(err error) error {
	var l diag.List
	if errors.As(err, &l) {
		return fmt.Errorf("%s\nbuild failed: %s; nothing was written", l.Error(), diag.Count(len(l.Errors()), "error"))
	}
	return err
}

func printWarnings(w io.Writer, ws diag.List) {
	for _, d := range ws {
		fmt.Fprintln(w, d.Error())
	}
}

// Summary is the one-line report after a build: files by kind and time.
func Summary(res *build.Result, dest string) string {
	kinds := make([]string, 0, len(res.Pages))
	total := 0
	for k, n := range res.Pages {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		total += n
	}
	sort.Strings(kinds)
	s := res.Site
	skipped := s.AllSkipped()
	return fmt.Sprintf("built %s (%s, %d future skipped) into %s in %s: %s\n-> %s",
		diag.Count(s.Published(), "briefing"), diag.Count(skipped.Drafts, "draft"), skipped.Future, diag.Count(total, "file"),
		res.Duration.Round(time.Millisecond), strings.Join(kinds, ", "), dest)
}

// collectAfterModel keeps the collector off, as it was while the state was
// decoded, until an update in place has made its model, which only adds
// to what is live too: then it collects once over the state and the model
// rather than once after each. Meanwhile a memory limit of twice what is
// in use (and 64 MiB) bounds the heap, since an update after an edit of
// many sources parses each, and what parsing leaves must still be
// collected. Once the model is made, a limit of three times what the
// state held (and 64 MiB) stays: an update after an edit of every source
// renders every body again and holds them until its outputs are written
// (about 250 MB live at 10,000 briefings), which GOGC 150 alone let grow
// to 540-640 MB of RSS; with the limit it peaks at 290-460 MB (the first
// build with the cache streams, at about 280 MB), for 0.3-1.0 s more CPU
// (3.7-4.3 s against 3.2-3.4 s), while an update after one edit stays
// well below it. A limit of the user's (GOMEMLIMIT) is left alone, and
// collection turned on at once.
func collectAfterModel(opt *build.Options, getenv func(string) string) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if getenv("GOMEMLIMIT") != "" || s[0].Value.Kind() != metrics.KindUint64 {
		debug.SetGCPercent(150)
		return
	}
	inUse := int64(s[0].Value.Uint64())
	debug.SetMemoryLimit(inUse*2 + 64<<20)
	opt.ModelDone = func() {
		debug.SetMemoryLimit(inUse*3 + 64<<20)
		debug.SetGCPercent(150)
	}
}
