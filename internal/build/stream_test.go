package build

import (
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"slices"
	"testing"
	"time"
	"weak"

	"brief"
	"brief/internal/corpus"
	"brief/internal/feeds"
	"brief/internal/output"
	"brief/internal/search"
	"brief/internal/site"
)

// TestOnceHoldsFewBodies checks that a one-shot build streams: once every
// body is rendered, it holds no Markdown source and no more rendered
// bodies than the site feed shows in full, and it has written every
// briefing's page and search result fragment already; and that it reports
// what it wrote as a normal build does. A build that holds every body at once grows
// with the bodies, not with the model (issue 16: bounded memory). The first
// build with a build cache streams too. A one-shot build holds no record
// of a body it streamed while it writes the other files.
func TestOnceHoldsFewBodies(t *testing.T) {
	const n = 60 // more briefings than a feed holds
	fsys := CorpusFS(t, n, 5)
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	want, err := New(brief.DefaultTheme()).Build(fsys, nil, Options{Now: now}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		once, cache    bool
		sources, htmls int  // at most, once the bodies are rendered
		pages          bool // every briefing page written by then
		records        int  // rendered bodies' records held as the other files are written, at most
	}{
		{name: "one-shot", once: true, sources: 0, htmls: feeds.Size, pages: true, records: feeds.Size},
		// The cache saves the records.
		{name: "one-shot with a cache", once: true, cache: true, sources: 0, htmls: feeds.Size, pages: true, records: n},
		// Watch mode keeps them for the next build: the same check holds
		// every body, which shows that it counts what it should.
		{name: "watch", once: false, sources: n, htmls: n, pages: false, records: n},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bl := New(brief.DefaultTheme())
			sink := output.NewMemory()
			checked, records := false, -1
			bl.stageDone = func(stage string) {
				if stage == "execute" {
					records = 0
					for _, f := range bl.files {
						if f.rendered != nil {
							records++
						}
					}
				}
				if stage != "parts" {
					return
				}
				checked = true
				sources, htmls, pages := 0, 0, 0
				for _, f := range bl.files {
					if f.body != nil {
						sources++
					}
					if f.rendered != nil && f.rendered.html != "" {
						htmls++
					}
				}
				for id, b := range bl.models[0].site.Briefings {
					_, page := sink.Files[site.OutputPath(b.URL)]
					_, fragment := sink.Files["search/"+search.FragmentPath(id)]
					if page && fragment {
						pages++
					}
				}
				published := len(bl.models[0].site.Briefings)
				if sources > tc.sources || htmls > tc.htmls || (tc.pages && pages < published) {
					t.Errorf("once every body is rendered: %d Markdown sources held (want at most %d), %d rendered bodies (at most %d), %d of %d briefing pages written with their search fragments",
						sources, tc.sources, htmls, tc.htmls, pages, published)
				}
				if tc.once && htmls < tc.htmls {
					t.Errorf("%d rendered bodies held, fewer than the site feed's %d", htmls, tc.htmls)
				}
			}
			opt := Options{Now: now, Once: tc.once}
			if tc.cache {
				opt.Cache = &memoryCache{}
			}
			res, err := bl.Build(fsys, nil, opt, sink)
			if err != nil {
				t.Fatal(err)
			}
			if !checked {
				t.Fatal("the parts stage was never reached")
			}
			if published := len(res.Site.Briefings); records < 0 || records > tc.records || !tc.once && records < published {
				t.Errorf("as the other files are written: %d rendered bodies' records held, want at most %d", records, tc.records)
			}
			if !reflect.DeepEqual(res.Pages, want.Pages) || !slices.Equal(res.Written, want.Written) {
				t.Errorf("reports %v and %d files written, a normal build %v and %d", res.Pages, len(res.Written), want.Pages, len(want.Written))
			}
		})
	}
}

// CorpusFS generates a site of n briefings (internal/corpus) for a test,
// opened as brief build opens a site folder.
func CorpusFS(t testing.TB, n int, seed int64) fs.FS {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root.FS()
}

// TestModelDoneBeforeBodies checks that Options.ModelDone is called once,
// when the model is made and before any body is rendered or page written:
// brief build sizes its memory limit on what is live then.
func TestModelDoneBeforeBodies(t *testing.T) {
	fsys := CorpusFS(t, 20, 3)
	bl := New(brief.DefaultTheme())
	sink := output.NewMemory()
	calls := 0
	opt := Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}
	opt.ModelDone = func() {
		calls++
		if len(bl.models) == 0 || len(bl.models[0].site.Briefings) == 0 {
			t.Error("ModelDone was called before the model was made")
		}
		for p, f := range bl.files {
			if f.rendered != nil {
				t.Errorf("ModelDone was called after %s was rendered", p)
			}
		}
		if len(sink.Files) > 0 {
			t.Errorf("ModelDone was called after %d files were written", len(sink.Files))
		}
	}
	if _, err := bl.Build(fsys, nil, opt, sink); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("ModelDone was called %d times, want once", calls)
	}
}

// TestOnceTrimsRenderedBodies checks that once a one-shot build has
// streamed a briefing's page, it keeps of its rendered body only what the
// rest of the build reads: no resolved links (read to reuse the body in a
// later build) and no headings (their text is read by the search entry,
// made by then), but a hash of every heading's id, for the anchor check.
func TestOnceTrimsRenderedBodies(t *testing.T) {
	fsys := CorpusFS(t, 40, 7)
	bl := New(brief.DefaultTheme())
	checked := false
	bl.stageDone = func(stage string) {
		if stage != "parts" {
			return
		}
		checked = true
		headings := 0
		for p, f := range bl.files {
			if f.rendered == nil {
				continue
			}
			if len(f.rendered.links) > 0 || len(f.rendered.drafts) > 0 {
				t.Errorf("%s: the links its body resolved are still held", p)
			}
			if len(f.rendered.headings) > 0 {
				t.Errorf("%s: its %d headings are still held", p, len(f.rendered.headings))
			}
			headings += len(f.rendered.headingIDs)
		}
		if headings == 0 {
			t.Error("no heading ids are held for the anchor check")
		}
	}
	if _, err := bl.Build(fsys, nil, Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the parts stage was never reached")
	}
}

// memoryCache is a build cache in memory.
type memoryCache struct{ state []byte }

func (c *memoryCache) Load() ([]byte, error) { return c.state, nil }

func (c *memoryCache) Save(state []byte) error {
	c.state = slices.Clone(state)
	return nil
}

func (c *memoryCache) Append(segment []byte) error {
	c.state = append(c.state, segment...)
	return nil
}

// TestOnceLetsGoOfCards checks that a one-shot build lets go of each
// briefing's card once the last list that shows it is written: none is
// held when every file is written. Watch mode, and a build with a cache,
// keep them for the next build: the same count holds every card there,
// which shows that it counts what it should.
func TestOnceLetsGoOfCards(t *testing.T) {
	fsys := CorpusFS(t, 40, 11)
	for _, tc := range []struct {
		name        string
		once, cache bool
		all         bool // every card held, else none
	}{
		{name: "one-shot", once: true},
		{name: "one-shot with a cache", once: true, cache: true, all: true},
		{name: "watch", all: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bl := New(brief.DefaultTheme())
			held, published := -1, 0
			bl.stageDone = func(stage string) {
				if stage != "written" {
					return
				}
				held = 0
				m := bl.models[0]
				published = len(m.site.Briefings)
				for _, b := range m.site.Briefings {
					if m.views.Briefing(b).Card != "" {
						held++
					}
				}
			}
			opt := Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: tc.once}
			if tc.cache {
				opt.Cache = &memoryCache{}
			}
			if _, err := bl.Build(fsys, nil, opt, output.NewMemory()); err != nil {
				t.Fatal(err)
			}
			want := 0
			if tc.all {
				want = published
			}
			if published == 0 || held != want {
				t.Errorf("%d cards of %d held once every file is written, want %d", held, published, want)
			}
		})
	}
}

// TestOnceLetsGoOfCardsAsItGoes: a one-shot build lets go of each card
// after the last page that shows it, and makes the pages of lists by
// their newest briefing, every list's at once (renderOrder), so that cards
// go as those pages are made: on average fewer than 70% of the cards are
// held while they are made (58% here). Made list by list, almost every card
// was held until the last lists (94% on average here; 52 MB at 100,000
// briefings).
func TestOnceLetsGoOfCardsAsItGoes(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // jobDone reads the views as they are made
	fsys := CorpusFS(t, 300, 11)
	bl := New(brief.DefaultTheme())
	pages, done, held, published := 0, 0, 0, 0
	bl.stageDone = func(stage string) {
		if stage != "execute" {
			return
		}
		for _, j := range bl.plan.jobs {
			if j.kind != "briefing" && j.reads.Cards != 0 {
				pages++
			}
		}
	}
	bl.jobDone = func(j *job) {
		if j.kind == "briefing" || j.reads.Cards == 0 {
			return
		}
		done++
		m := bl.models[0]
		published = len(m.site.Briefings)
		for _, b := range m.site.Briefings {
			if m.views.Briefing(b).Card != "" {
				held++
			}
		}
	}
	if _, err := bl.Build(fsys, nil, Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	if pages < 20 || done != pages {
		t.Fatalf("%d pages show cards, %d made: the test proves nothing", pages, done)
	}
	if mean := float64(held) / float64(done); mean > 0.7*float64(published) {
		t.Errorf("%.0f cards of %d held on average as the %d pages that show them are made", mean, published, pages)
	}
}

// TestOnceLetsGoOfSourceRecords: as a one-shot build starts writing the
// files other than the briefing pages, it holds no record of a source
// whose page it streamed and whose body it let go of (about 200 bytes a
// briefing, held to the end of the build before), only those of the
// bodies some other file shows (the site feed's); a build with a cache
// keeps them all, for the next.
func TestOnceLetsGoOfSourceRecords(t *testing.T) {
	fsys := CorpusFS(t, 60, 12)
	for _, tc := range []struct {
		name  string
		cache bool
	}{{name: "one-shot"}, {name: "one-shot with a cache", cache: true}} {
		t.Run(tc.name, func(t *testing.T) {
			bl := New(brief.DefaultTheme())
			held, published := -1, 0
			bl.stageDone = func(stage string) {
				if stage != "execute" {
					return
				}
				held, published = 0, len(bl.models[0].site.Briefings)
				for _, b := range bl.models[0].site.Briefings {
					if bl.files[b.Path] != nil {
						held++
					}
				}
			}
			opt := Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}
			if tc.cache {
				opt.Cache = &memoryCache{}
			}
			if _, err := bl.Build(fsys, nil, opt, output.NewMemory()); err != nil {
				t.Fatal(err)
			}
			switch {
			case published < 40:
				t.Fatalf("%d briefings published: the test proves nothing", published)
			case tc.cache && held != published:
				t.Errorf("%d records of %d held with a cache, want all", held, published)
			case !tc.cache && held > 20:
				t.Errorf("%d records of %d held as the other files are written, want the feed's 20 at most", held, published)
			}
		})
	}
}

// TestOnceWritesTheSearchIndexFirst: the search index's files are made,
// compressed, before execute, and a one-shot build lets go of each once
// written: they are written first, not after the pages of lists.
func TestOnceWritesTheSearchIndexFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // jobs made in order
	fsys := CorpusFS(t, 40, 14)
	bl := New(brief.DefaultTheme())
	var kinds []string
	bl.jobDone = func(j *job) {
		if j.kind != "briefing" {
			kinds = append(kinds, j.kind)
		}
	}
	if _, err := bl.Build(fsys, nil, Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	last := slices.Index(kinds, searchIndexKind)
	for i, k := range kinds {
		if k == searchIndexKind {
			last = i
		}
	}
	if last < 0 || slices.ContainsFunc(kinds[:last], func(k string) bool { return k != searchIndexKind }) {
		t.Errorf("files made in the order %v: the search index's are not first", kinds)
	}
}

// TestOnceLetsGoOfThePlan checks that a one-shot build lets go of the jobs
// of the briefing pages it streamed as it writes the other files: nothing
// holds them once the plan forgets them, when the sitemap, one of the
// last, is written (a closure of the sitemap's job held the planner, and
// so every job, until the build's end); nor the jobs of the files it has
// made (the list pages, made before the sitemap).
func TestOnceLetsGoOfThePlan(t *testing.T) {
	fsys := CorpusFS(t, 30, 13)
	bl := New(brief.DefaultTheme())
	var jobs, lists []weak.Pointer[job]
	bl.stageDone = func(stage string) {
		if stage == "execute" {
			for _, j := range bl.plan.jobs {
				switch {
				case j.kind == "briefing":
					jobs = append(jobs, weak.Make(j))
				case j.reads.Cards != 0:
					lists = append(lists, weak.Make(j))
				}
			}
		}
	}
	alive, listed := -1, -1
	count := func(ws []weak.Pointer[job]) (n int) {
		for _, w := range ws {
			if w.Value() != nil {
				n++
			}
		}
		return n
	}
	sink := &putHook{Memory: output.NewMemory(), path: "sitemap.xml", fn: func() {
		runtime.GC()
		alive, listed = count(jobs), count(lists)
	}}
	if _, err := bl.Build(fsys, nil, Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Once: true}, sink); err != nil {
		t.Fatal(err)
	}
	if len(jobs) == 0 || alive != 0 {
		t.Errorf("%d of %d briefing pages' jobs held as the sitemap is written, want none", alive, len(jobs))
	}
	// The pages that show cards are made before the sitemap; each other
	// core may be finishing one.
	if most := runtime.GOMAXPROCS(0) - 1; len(lists) <= most || listed < 0 || listed > most {
		t.Errorf("%d of %d list pages' jobs held as the sitemap is written, want at most %d", listed, len(lists), most)
	}
}

// putHook calls fn as the file at path is put.
type putHook struct {
	*output.Memory
	path string
	fn   func()
}

func (h *putHook) Put(p string, data []byte) error {
	if p == h.path {
		h.fn()
	}
	return h.Memory.Put(p, data)
}
