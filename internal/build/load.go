package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/render"
	"brief/internal/sources"
)

// changeSet sorts changed sources by kind; all means re-read everything.
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
		// Unchanged: keep the same object, so caches keyed by it hold.
		st.cfg = bl.cfg
		st.diags = append(st.diags, bl.cfgWarnings...)
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
	bl.cfg, bl.cfgKey, bl.cfgWarnings = cfg, key, ds
	return true
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

// defaultTheme is the theme without the site's layouts, for planning a
// build whose own layouts have errors.
func (st *state) defaultTheme() *render.Theme {
	t, _ := render.Load(st.bl.theme, nil, st.cfg)
	return t
}

// loadContent reads and parses the content files that changed, in
// parallel, and hashes the other files of content/ (resources).
func (st *state) loadContent(cs changeSet) error {
	bl := st.bl
	var todo []string
	// With a build cache, the sources' metadata as the walk found it: a
	// file whose metadata is as last recorded is not read (see fileStat).
	var stats map[string]fs.FileInfo
	var readAt time.Time
	// A folder whose last walk found problems is walked again on any
	// change in it, so that a fixed problem goes away without a restart.
	// So is one where a file arrives whose name the walk would refuse.
	if cs.all || (cs.content && (len(bl.walkProblems[sources.ContentDir]) > 0 || cs.badName(sources.Content))) {
		all, infos, at, err := st.walkInfo(sources.ContentDir, st.opt.Cache != nil)
		if err != nil {
			return err
		}
		readAt, stats = at, infos
		var found, others []string
		for _, p := range all {
			if k, _ := sources.Classify(p); k == sources.Content {
				found = append(found, p)
			} else {
				others = append(others, p)
			}
		}
		st.loadResources(cs, others)
		if len(bl.files) > 0 { // none in a first build: no map of every source
			keep := make(map[string]bool, len(found))
			for _, p := range found {
				keep[p] = true
			}
			for p := range bl.files {
				if !keep[p] {
					st.setFile(p, nil)
				}
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
		slices.Sort(todo)
	}
	type parsed struct {
		f    *sourceFile
		gone bool
		read bool // the file was read, its metadata not trusted
	}
	out := make([]parsed, len(todo))
	loc := st.cfg.Location
	trust := bl.statZone == loc.String()
	oneShot := st.oneShot()
	bl.statZone = loc.String()
	parallel(len(todo), func(i int) {
		p := todo[i]
		var fst fileStat
		if stats != nil {
			fst = statOf(stats[p], readAt, bl.statWindow)
		}
		old := bl.files[p]
		if trust && old != nil && fst.known() && old.stat == fst {
			out[i] = parsed{f: old}
			return
		}
		src, release, err := sources.ReadPooled(st.fsys, p)
		defer release()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				out[i] = parsed{gone: true}
				return
			}
			out[i] = parsed{f: &sourceFile{diags: diag.List{sources.ReadProblem(p, err)}}}
			return
		}
		h := sourceHash(bl.seed, src, loc.String())
		if old != nil && old.hash == h {
			old.stat = fst
			out[i] = parsed{f: old, read: true}
			return
		}
		// A one-shot build's body may stay in src, which goes back to the
		// pool: it keeps a copy only of a body it must hold.
		b, ds := content.Parse(p, src, content.Options{Location: loc, BodyInSource: st.opt.Once})
		f := &sourceFile{hash: h, stat: fst, b: b, diags: ds}
		if b != nil {
			// The model holds front matter only; the body stays here,
			// except in a one-shot build, which reads it again when it
			// renders it, so that no more than a few bodies are held at once.
			f.body, b.Body = b.Body, nil
			if !oneShot {
				// A one-shot build makes its model once: nothing
				// compares the model's key, of which this is a share,
				// nor the briefings' headers (they stay 0: makeModel).
				f.front = frontMatter(bl.seed, b)
			}
			switch {
			case st.opt.Once && f.ok() && len(src) > math.MaxInt32:
				f.body = nil // parsed again when rendered
			case st.opt.Once && f.ok() && endOf(src, f.body):
				f.bodyAt, f.readSize, f.body = int32(len(src)-len(f.body)), int32(len(src)), nil
			case st.opt.Once && f.ok():
				f.bodyAt, f.body = int32(len(content.Normalise(src))-len(f.body)), nil
			case st.opt.Once:
				f.body = bytes.Clone(f.body) // rendered for its links' sake (checkBrokenBodies)
			}
		}
		out[i] = parsed{f: f, read: true}
	})
	for i, r := range out {
		p := todo[i]
		if r.read {
			st.res.Read++
		}
		switch {
		case r.gone:
			st.setFile(p, nil)
		case r.f != bl.files[p]:
			st.setFile(p, r.f)
			st.reread = append(st.reread, p)
			st.res.Parsed++
		}
	}
	return nil
}

// setFile replaces (or with nil removes) a file and keeps the sources'
// share of the model's key up to date.
func (st *state) setFile(p string, f *sourceFile) {
	bl := st.bl
	old := bl.files[p]
	if (old == nil) != (f == nil) {
		st.contentListed = true
	}
	if old != nil {
		bl.frontSum -= sourceEntry(bl.seed, p, old.front, old.ok())
		delete(bl.files, p)
		delete(bl.withDiags, p)
	}
	if f != nil {
		bl.frontSum += sourceEntry(bl.seed, p, f.front, f.ok())
		bl.files[p] = f
		if len(f.diags) > 0 {
			bl.withDiags[p] = true
		}
	}
}

// staticFile is one file of static/, copied as is to the same path under
// the output root.
type staticFile struct {
	src  string // "static/css/x.css"
	out  string // "css/x.css"
	hash uint64
}

// loadStatic lists static/ and hashes the files that changed. Files that
// cannot be read are reported and left out.
func (st *state) loadStatic(cs changeSet) []staticFile {
	bl := st.bl
	if cs.all || cs.static {
		found, err := st.walk(sources.StaticDir)
		if err != nil {
			st.diags = append(st.diags, err...)
			st.noteFiles(bl.static, nil)
			bl.static = map[string]uint64{}
			return nil
		}
		fresh, ds := st.hashFiles(found, cs, bl.static)
		st.diags = append(st.diags, ds...)
		st.noteFiles(bl.static, fresh)
		if len(ds) > 0 {
			// Read them all again next time; the build fails meanwhile.
			fresh = map[string]uint64{}
		}
		bl.static = fresh
	}
	out := make([]staticFile, 0, len(bl.static))
	for _, p := range slices.Sorted(maps.Keys(bl.static)) {
		out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, sources.StaticDir+"/"), hash: bl.static[p]})
	}
	return out
}

// noteFiles records which files of static/ or content/ (resources) were
// added, changed or removed: the images and outputs that use them must be
// checked.
func (st *state) noteFiles(old, fresh map[string]uint64) {
	for p, h := range fresh {
		if o, had := old[p]; !had || o != h {
			st.changedFiles[p] = true
			st.contentListed = st.contentListed || !had
		}
	}
	for p := range old {
		if _, ok := fresh[p]; !ok {
			st.changedFiles[p] = true
			st.contentListed = true
		}
	}
}

// walk lists the sources of a top folder and keeps the problems of what it
// left out for every build to report, until the next walk of that folder.
func (st *state) walk(top string) ([]string, diag.List) {
	found, _, _, err := st.walkInfo(top, false)
	return found, err
}

// walkInfo is walk with, when withInfo is set, what the walk saw of each
// file (sources.WalkInfo) and when it was done. The walk of content/ that
// Restore started is taken (once) rather than walking again.
func (st *state) walkInfo(top string, withInfo bool) ([]string, map[string]fs.FileInfo, time.Time, diag.List) {
	var found []string
	var infos map[string]fs.FileInfo
	var probs diag.List
	var err error
	var at time.Time
	if w := st.bl.prewalk; w != nil && withInfo && top == sources.ContentDir {
		st.bl.prewalk = nil
		<-w.done
		found, infos, probs, err, at = w.found, w.infos, w.probs, w.err, w.at
	} else if withInfo {
		found, infos, probs, err = sources.WalkInfo(st.fsys, top)
		at = time.Now()
	} else {
		found, probs, err = sources.Walk(st.fsys, top)
	}
	if err != nil {
		return nil, nil, at, diag.List{diag.Errorf(top, 0, "", "make the folder readable", "cannot read: %v", err)}
	}
	if len(probs) > 0 {
		st.bl.walkProblems[top] = probs
	} else {
		delete(st.bl.walkProblems, top)
	}
	return found, infos, at, nil
}

// contentWalk is a walk of content/ with what it saw of each file
// (sources.WalkInfo), done in the background: done is closed once it is,
// at the time at.
type contentWalk struct {
	done  chan struct{}
	found []string
	infos map[string]fs.FileInfo
	probs diag.List
	err   error
	at    time.Time
}

// walkContent starts walking content/ in fsys.
func walkContent(fsys fs.FS) *contentWalk {
	w := &contentWalk{done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.found, w.infos, w.probs, w.err = sources.WalkInfo(fsys, sources.ContentDir)
		w.at = time.Now()
	}()
	return w
}

// endOf reports whether body is the end of src itself, not of a copy:
// Parse made none, so src needs no normalising and the body is found
// again in the same bytes without it.
func endOf(src, body []byte) bool {
	return len(body) > 0 && len(body) <= len(src) && &src[len(src)-len(body)] == &body[0]
}
