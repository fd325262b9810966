package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"brief"
	"brief/internal/build"
	"brief/internal/buildcache"
	"brief/internal/output"
)

// TestCachedEqualsFull is the incremental property across processes: after
// each random edit a new Builder restores the build cache from disk (as a
// new `brief build --cache DIR` does), builds into the previous output when
// the cache says that output is the one it last wrote, and what it leaves
// equals, byte for byte, a full build by a fresh Builder without a cache.
// Now and then the cache file is damaged (it must be ignored, not fatal) or
// the build clock moves on.
func TestCachedEqualsFull(t *testing.T) {
	steps := 40
	if testing.Short() {
		steps = 15
	}
	if *propSteps > 0 {
		steps = *propSteps
	}
	g := newGenSite(t, *propSeed+1, 40)
	// Every write gets a time of its own, long enough ago for the cache to
	// trust the files' metadata (fileStat) without waiting.
	g.mtime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	theme := brief.DefaultTheme()
	cacheDir := t.TempDir()
	cache, err := buildcache.Open(cacheDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Now: buildClock, Fingerprint: true, Once: true, Cache: cache, ImageCache: cache.Images}
	first := output.NewMemory()
	firstBl := build.New(theme)
	build.SetStatWindow(firstBl, 0)
	res, err := firstBl.Build(g.fsys, nil, opt, first)
	if err != nil {
		t.Fatalf("initial build failed:\n%v", err)
	}
	running, runningID := first.Files, res.OutputID
	var failures, incremental, damaged, lostOutputs, resumed int
	var splicedFiles int64
	fewest := len(running)
	for i := 0; i < steps; i++ {
		desc, changed := g.step()
		if i%5 == 2 {
			if p, ok := g.sameSizeEdit(); ok {
				desc += " + same-size edit of " + p + ", modification time set back"
			}
		}
		g.log = append(g.log, fmt.Sprintf("%3d %s %v", i+1, desc, changed))
		stepOpt := opt
		stepOpt.Now = buildClock.Add(time.Duration(i) * time.Minute)
		if i%7 == 5 {
			lostOutputs++
			g.log = append(g.log, "    (output lost)")
		}
		if i%7 == 3 {
			damaged++
			damage(t, filepath.Join(cacheDir, "build", "state"), i)
			g.log = append(g.log, "    (cache damaged)")
		}

		bl := build.New(theme)
		build.SetStatWindow(bl, 0)
		var whole []byte
		build.OnSave(bl, func(state []byte) { whole = state })
		id, restoreErr := bl.Restore(g.fsys, cache, stepOpt)
		if i%7 == 3 && restoreErr == nil {
			t.Fatalf("step %d: a damaged cache was restored", i+1)
		}
		mem := output.NewMemory()
		if i%7 != 5 && id != "" && id == runningID {
			// The sink holds the output the cache describes, as brief
			// build's update of its destination does: the data files are
			// spliced into their last bytes.
			mem.Files = maps.Clone(running)
		}
		// Now and then the output is lost but the cache is not (a deploy
		// that kept only the cache folder): the state restored builds the
		// whole output, making again what it kept no copy of (bodies'
		// HTML, search result fragments).
		lost := i%7 == 5
		stepOpt.Incremental = id != "" && id == runningID && !lost
		cachedRes, cachedErr := bl.Build(g.fsys, nil, stepOpt, mem)
		fullOpt := stepOpt
		fullOpt.Cache, fullOpt.Incremental, fullOpt.Once = nil, false, false
		full := output.NewMemory()
		fullRes, fullErr := build.New(theme).Build(g.fsys, nil, fullOpt, full)

		switch {
		case (cachedErr == nil) != (fullErr == nil):
			t.Fatalf("step %d: cached error %v, full error %v\nsteps:\n%s", i+1, cachedErr, fullErr, g.history())
		case fullErr != nil:
			failures++
			if cachedErr.Error() != fullErr.Error() {
				t.Fatalf("step %d: errors differ\ncached:\n%v\nfull:\n%v\nsteps:\n%s", i+1, cachedErr, fullErr, g.history())
			}
			continue // the output stays as it was
		}
		if cachedRes.CacheErr != nil {
			t.Fatalf("step %d: saving the cache: %v", i+1, cachedRes.CacheErr)
		}
		// The journal on disk, replayed, is the whole state the build had.
		if back, err := build.RestoredState(theme, g.fsys, cache, stepOpt); err != nil || !bytes.Equal(back, whole) {
			t.Fatalf("step %d: the state restored from the cache (%d bytes, %v) is not the state saved (%d bytes)\nsteps:\n%s", i+1, len(back), err, len(whole), g.history())
		}
		if restoreErr == nil && id != "" {
			resumed += min(build.SearchResumed(bl), 1)
		}
		running = mem.Files
		if stepOpt.Incremental {
			incremental++
			fewest = min(fewest, cachedRes.Rendered)
			made, spliced := build.EntryFiles(bl)
			if made != spliced {
				t.Fatalf("step %d: %d of %d data files made again were not spliced into their last bytes\nsteps:\n%s", i+1, made-spliced, made, g.history())
			}
			splicedFiles += spliced
		}
		runningID = cachedRes.OutputID
		if diff := compareOutputs(running, full.Files); diff != "" {
			t.Fatalf("step %d: output through the cache differs from a full build:\n%s\nsteps:\n%s", i+1, diff, g.history())
		}
		if cw, fw := cachedRes.Warnings.Error(), fullRes.Warnings.Error(); cw != fw {
			t.Fatalf("step %d: warnings differ\ncached:\n%s\nfull:\n%s\nsteps:\n%s", i+1, cw, fw, g.history())
		}
	}
	t.Logf("%d steps: %d incremental through the cache, %d failed builds (both sides), %d with the cache damaged, %d with the output lost, %d with the search index resumed; fewest outputs made %d of %d; %d data files spliced",
		steps, incremental, failures, damaged, lostOutputs, resumed, fewest, len(running), splicedFiles)
	if splicedFiles == 0 {
		t.Errorf("no data file was spliced into its last bytes in %d incremental steps", incremental)
	}
	if resumed*2 < incremental {
		t.Errorf("the search index was resumed from the cache in %d steps of %d incremental ones", resumed, incremental)
	}
	if good := steps - failures - damaged - lostOutputs; incremental*2 < good {
		t.Errorf("only %d of %d good steps with the cache intact built incrementally from it", incremental, good)
	}
	if fewest*10 > len(running) {
		t.Errorf("no step made fewer than a tenth of the outputs (fewest: %d of %d)", fewest, len(running))
	}
}

// sameSizeEdit changes a briefing without changing its size and sets its
// modification time back, as a tool that keeps times might: only the
// file's change time (ctime) tells a build cache that it must read it.
func (g *genSite) sameSizeEdit() (string, bool) {
	p, ok := g.pickGood()
	if !ok {
		return "", false
	}
	full := filepath.Join(g.dir, filepath.FromSlash(p))
	before, err := os.Stat(full)
	if err != nil {
		g.t.Fatal(err)
	}
	d := g.docs[p]
	last := []byte(d.paras[len(d.paras)-1])
	i := bytes.IndexFunc(last, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) })
	if i < 0 {
		return "", false
	}
	last[i] ^= 0x20 // an ASCII letter's other case
	d.paras[len(d.paras)-1] = string(last)
	g.writeDoc(p)
	after, err := os.Stat(full)
	if err != nil {
		g.t.Fatal(err)
	}
	if after.Size() != before.Size() {
		g.t.Fatalf("%s: the same-size edit changed the size", p)
	}
	if err := os.Chtimes(full, before.ModTime(), before.ModTime()); err != nil {
		g.t.Fatal(err)
	}
	return p, true
}

// countingCache counts the states saved whole and the segments appended.
type countingCache struct {
	build.Cache
	saved, appended int
}

func (c *countingCache) Save(state []byte) error {
	c.saved++
	return c.Cache.Save(state)
}

func (c *countingCache) Append(segment []byte) error {
	c.appended++
	return c.Cache.Append(segment)
}

// damage spoils the cache file in one of three ways.
func damage(t *testing.T, p string, i int) {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	switch i % 3 {
	case 0:
		data = data[:len(data)/2]
	case 1:
		data[len(data)/2] ^= 0x20
	default:
		data = append(data, 'x')
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheUnchanged: a new Builder restored from the cache, with nothing
// changed, makes no output again, even with the clock moved on: the
// fingerprints are the same in every process.
func TestCacheUnchanged(t *testing.T) {
	g := newGenSite(t, *propSeed+2, 30)
	cacheDir := t.TempDir()
	cache, err := buildcache.Open(cacheDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Now: buildClock, Fingerprint: true, Once: true, Cache: cache}
	first := build.New(brief.DefaultTheme())
	build.SetStatWindow(first, 0) // the files were just written
	build.SetLargeOutput(first, 5000)
	made := output.NewMemory()
	res, err := first.Build(g.fsys, nil, opt, made)
	if err != nil {
		t.Fatal(err)
	}
	bl := build.New(brief.DefaultTheme())
	build.SetStatWindow(bl, 0)
	id, err := bl.Restore(g.fsys, cache, opt)
	if err != nil || id != res.OutputID {
		t.Fatalf("restored id %q (want %q), %v", id, res.OutputID, err)
	}
	// The large files (here: of more than 5,000 bytes), made whole or
	// streamed by a one-shot build, keep their sizes for the buffers of the
	// build that makes them again; the others are not counted, nor are the
	// briefing pages a one-shot build writes as it renders their bodies.
	large := 0
	for p, data := range made.Files {
		if strings.HasPrefix(p, "briefings/") {
			continue
		}
		want := len(data)
		if want <= 5000 {
			want = 0
		} else {
			large++
		}
		if got := build.OutputSize(bl, p); got != want {
			t.Errorf("%s: restored size %d, want %d (%d bytes made)", p, got, want, len(data))
		}
	}
	if large < 3 {
		t.Errorf("only %d files of more than 5,000 bytes: the test shows little", large)
	}
	saves := &countingCache{Cache: cache}
	opt.Cache = saves
	opt.Incremental = true
	opt.Now = opt.Now.Add(time.Hour)
	again, err := bl.Build(g.fsys, nil, opt, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	if again.Rendered != 0 || len(again.Written) != 0 || len(again.Removed) != 0 || again.Parsed != 0 || again.Read != 0 {
		t.Fatalf("unchanged site: %d made, %d written, %d removed, %d parsed, %d read; want none", again.Rendered, len(again.Written), len(again.Removed), again.Parsed, again.Read)
	}
	if saves.saved+saves.appended != 0 {
		t.Errorf("the same state was saved again (%d whole, %d appended)", saves.saved, saves.appended)
	}
	if n := build.SearchDocs(bl); n != 0 {
		t.Errorf("%d search documents made again to check the entries the cache kept", n)
	}
	opt.Cache = cache

	// Other options: the state is not trusted.
	other := opt
	other.Drafts = true
	if _, err := build.New(brief.DefaultTheme()).Restore(g.fsys, cache, other); err == nil {
		t.Fatal("a cache saved without --drafts was restored for a build with them")
	}
	other = opt
	other.BaseURL = "https://elsewhere.example/"
	if _, err := build.New(brief.DefaultTheme()).Restore(g.fsys, cache, other); err == nil {
		t.Fatal("a cache saved for another base URL was restored")
	}
	// Another version of brief: the folder refuses its state.
	newer, _ := buildcache.Open(cacheDir, "test2")
	if _, err := build.New(brief.DefaultTheme()).Restore(g.fsys, newer, opt); err == nil {
		t.Fatal("another version's cache was restored")
	}
}

// TestCacheBilingual: through the cache, each edit of a bilingual site (a
// body, a title, a translation removed) leaves what a full build leaves,
// making again only part of the output for a body edit (a front matter
// edit makes a new model, and the lists of this small site are most of it).
func TestCacheBilingual(t *testing.T) {
	fsys := bilingual()
	cache, err := buildcache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Now: buildClock, Fingerprint: true, Once: true, Cache: cache}
	first := output.NewMemory()
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, opt, first)
	if err != nil {
		t.Fatal(err)
	}
	running, id := first.Files, res.OutputID
	edits := []struct {
		name string
		edit func()
	}{
		{"a translation's body", func() {
			p := "content/briefings/hk-policy.zh-Hant.md"
			fsys[p] = file(string(fsys[p].Data) + "\n新的段落。\n")
		}},
		{"an original's title", func() {
			p := "content/briefings/chaoyang-hub.md"
			fsys[p] = file(strings.Replace(string(fsys[p].Data), "title: ", "title: New ", 1))
		}},
		{"a translation removed", func() { delete(fsys, "content/briefings/chaoyang-zh.zh-Hant.md") }},
	}
	for _, e := range edits {
		e.edit()
		bl := build.New(brief.DefaultTheme())
		got, err := bl.Restore(fsys, cache, opt)
		if err != nil || got != id {
			t.Fatalf("%s: restored %q (want %q), %v", e.name, got, id, err)
		}
		stepOpt := opt
		stepOpt.Incremental = true
		mem := output.NewMemory()
		mem.Files = maps.Clone(running) // as brief build's update of its destination
		res, err := bl.Build(fsys, nil, stepOpt, mem)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		running = mem.Files
		if made, spliced := build.EntryFiles(bl); made != spliced {
			t.Errorf("%s: %d of %d data files made again were not spliced into their last bytes", e.name, made-spliced, made)
		}
		full := output.NewMemory()
		if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock, Fingerprint: true}, full); err != nil {
			t.Fatal(err)
		}
		if diff := compareOutputs(running, full.Files); diff != "" {
			t.Fatalf("%s: output through the cache differs from a full build:\n%s", e.name, diff)
		}
		if e.name == "a translation's body" && res.Rendered*4 > len(running) {
			t.Errorf("%s: %d of %d outputs made again", e.name, res.Rendered, len(running))
		}
		id = res.OutputID
	}
}

// TestCacheLazyBodies: bodies restored without their HTML are made again
// wherever something shows them, not only on their own page: the page of
// another briefing that a link's #anchor points into (a footnote, not a
// heading, so the page is rendered to find it), and a card that shows the
// body (a site's own card template, edited so that every card is made
// again).
func TestCacheLazyBodies(t *testing.T) {
	site := func() fstest.MapFS {
		return fstest.MapFS{
			"site.toml":              file("title = \"T\"\nbaseURL = \"https://x.example/\"\n"),
			"content/briefings/a.md": file("---\ntitle: A\ndate: 2024-01-01\n---\n\nSee [the note](b.md#b-fn:1).\n"),
			"content/briefings/b.md": file("---\ntitle: B\ndate: 2024-01-02\n---\n\nText.[^1]\n\n[^1]: A note.\n"),
			"content/briefings/c.md": file("---\ntitle: C\ndate: 2024-01-03\n---\n\nThird.\n"),
		}
	}
	t.Run("anchor", func(t *testing.T) {
		fsys := site()
		cachedEdits(t, fsys, func() {
			fsys["content/briefings/a.md"] = file(string(fsys["content/briefings/a.md"].Data) + "\nMore.\n")
		})
	})
	t.Run("card", func(t *testing.T) {
		fsys := site()
		fsys["layouts/partials/card.html"] = file(`<article><h2>{{.Title}}</h2>{{.Content}}</article>`)
		cachedEdits(t, fsys, func() {
			fsys["layouts/partials/card.html"] = file(`<article><h3>{{.Title}}</h3>{{.Content}}</article>`)
		})
	})
}

// cachedBuild is a first build of a site with a cache, as `brief build
// --cache` makes it: later builds restore a new Builder from the cache.
type cachedBuild struct {
	opt   build.Options
	files map[string][]byte // the output the cache describes
	id    string            // its output id
}

// buildCached builds fsys with a new cache.
func buildCached(t *testing.T, fsys fstest.MapFS) cachedBuild {
	t.Helper()
	cache, err := buildcache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Now: buildClock, Once: true, Cache: cache}
	first := output.NewMemory()
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, opt, first)
	if err != nil {
		t.Fatal(err)
	}
	return cachedBuild{opt: opt, files: first.Files, id: res.OutputID}
}

// restore makes a new Builder from the cache, as a new process does, and
// returns it with the options of an update through the cache.
func (c cachedBuild) restore(t *testing.T, fsys fstest.MapFS, step string) (*build.Builder, build.Options) {
	t.Helper()
	bl := build.New(brief.DefaultTheme())
	if got, err := bl.Restore(fsys, c.opt.Cache, c.opt); err != nil || got != c.id {
		t.Fatalf("%s: restored %q (want %q), %v", step, got, c.id, err)
	}
	opt := c.opt
	opt.Incremental = true
	return bl, opt
}

// cachedEdits builds fsys with a cache, makes each edit, builds through
// the cache in a new Builder and compares with a full build.
func cachedEdits(t *testing.T, fsys fstest.MapFS, edits ...func()) {
	t.Helper()
	c := buildCached(t, fsys)
	for i, edit := range edits {
		edit()
		bl, stepOpt := c.restore(t, fsys, fmt.Sprintf("edit %d", i))
		mem := output.NewMemory()
		mem.Files = maps.Clone(c.files) // as brief build's update of its destination
		res, err := bl.Build(fsys, nil, stepOpt, mem)
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		c.files = mem.Files
		if made, spliced := build.EntryFiles(bl); made != spliced {
			t.Errorf("edit %d: %d of %d data files made again were not spliced into their last bytes", i, made-spliced, made)
		}
		full := output.NewMemory()
		if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, full); err != nil {
			t.Fatal(err)
		}
		if diff := compareOutputs(c.files, full.Files); diff != "" {
			t.Fatalf("edit %d: output through the cache differs from a full build:\n%s", i, diff)
		}
		c.id = res.OutputID
	}
}

// TestCacheJournal: a build after one edit appends what it changed to the
// state instead of writing it whole, and the state is written whole again
// once the journal has grown by a quarter, so that it stays in bounds.
func TestCacheJournal(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": file("title = \"T\"\nbaseURL = \"https://x.example/\"\n")}
	for i := range 20 {
		fsys[fmt.Sprintf("content/briefings/b%02d.md", i)] = file(fmt.Sprintf("---\ntitle: B%d\ndate: 2024-01-%02d\ntags: [t%d]\n---\n\nBody %d.\n", i, i+1, i%3, i))
	}
	dir := t.TempDir()
	folder, err := buildcache.Open(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	cache := &countingCache{Cache: folder}
	opt := build.Options{Now: buildClock, Once: true, Cache: cache}
	if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, opt, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	size := func() int64 { return stateSize(t, dir) }
	whole, last, rewrites := size(), size(), 0
	for i := 0; i < 30; i++ {
		p := fmt.Sprintf("content/briefings/b%02d.md", i%20)
		fsys[p] = file(string(fsys[p].Data) + fmt.Sprintf("\nEdit %d.\n", i))
		cache.saved, cache.appended = 0, 0
		bl := build.New(brief.DefaultTheme())
		if _, err := bl.Restore(fsys, cache, opt); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if _, err := bl.Build(fsys, nil, opt, output.NewMemory()); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if cache.saved+cache.appended != 1 {
			t.Fatalf("edit %d: %d saves, %d appends; want one of them", i, cache.saved, cache.appended)
		}
		now := size()
		switch {
		case i == 0 && cache.appended != 1:
			t.Fatalf("the first edit wrote the whole state, not what it changed")
		case cache.saved == 1:
			rewrites++
			if (last-whole)*4 < whole {
				t.Fatalf("edit %d: the state was written whole with a journal of %d bytes after %d", i, last-whole, whole)
			}
			whole = now
		case (last-whole)*4 >= whole:
			t.Fatalf("edit %d: appended to a journal of %d bytes after a whole state of %d", i, last-whole, whole)
		case now-last > whole/2:
			t.Fatalf("edit %d: one body edit appended %d bytes to a state of %d", i, now-last, whole)
		}
		last = now
	}
	if rewrites == 0 {
		t.Fatalf("30 edits and the state was never written whole again: %d bytes after %d", last, whole)
	}
}

// TestCacheNewMetadata: after a fresh checkout every source has new
// metadata (times, inode) and the same bytes. The build reads and hashes
// each again, parses none and makes nothing again, and appends only the
// files' new metadata to the state, not their records again (which
// doubled the state at 10,000 briefings, and every restore after it); the
// build after it reads nothing.
func TestCacheNewMetadata(t *testing.T) {
	g := newGenSite(t, *propSeed+3, 30)
	g.mtime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	folder, err := buildcache.Open(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	cache := &countingCache{Cache: folder}
	opt := build.Options{Now: buildClock, Fingerprint: true, Once: true, Cache: cache}
	first := build.New(brief.DefaultTheme())
	build.SetStatWindow(first, 0)
	res, err := first.Build(g.fsys, nil, opt, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	before := stateSize(t, dir)
	// Check out again: each source written anew (a new inode) with the
	// same bytes, at a later time.
	var sources int
	checkout := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	err = filepath.WalkDir(filepath.Join(g.dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			err = os.Remove(p)
		}
		if err == nil {
			err = os.WriteFile(p, data, 0o644)
		}
		if err == nil {
			err = os.Chtimes(p, checkout, checkout)
		}
		sources++
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	opt.Incremental = true
	for i, wantRead := range []int{sources, 0} {
		bl := build.New(brief.DefaultTheme())
		build.SetStatWindow(bl, 0)
		id, err := bl.Restore(g.fsys, cache, opt)
		if err != nil || id != res.OutputID {
			t.Fatalf("build %d: restored id %q (want %q), %v", i+1, id, res.OutputID, err)
		}
		cache.saved, cache.appended = 0, 0
		again, err := bl.Build(g.fsys, nil, opt, output.NewMemory())
		if err != nil {
			t.Fatal(err)
		}
		if again.Read != wantRead || again.Parsed != 0 || again.Rendered != 0 || len(again.Written) != 0 {
			t.Fatalf("build %d after a checkout: %d read (want %d), %d parsed, %d made, %d written; want none", i+1, again.Read, wantRead, again.Parsed, again.Rendered, len(again.Written))
		}
		if i > 0 {
			continue
		}
		if cache.appended != 1 {
			t.Fatalf("the build after a checkout saved the whole state (%d) instead of appending the new metadata", cache.saved)
		}
		if grown := stateSize(t, dir) - before; grown > int64(sources)*64+1024 {
			t.Errorf("new metadata of %d sources grew the state by %d bytes (from %d)", sources, grown, before)
		}
	}
}

// stateSize is the size of the state of the build cache in dir.
func stateSize(t *testing.T, dir string) int64 {
	fi, err := os.Stat(filepath.Join(dir, "build", "state"))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
