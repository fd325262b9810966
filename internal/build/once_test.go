package build_test

import (
	"cmp"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/corpus"
	"brief/internal/lending"
	"brief/internal/output"
)

// TestOnceMatchesFull checks that a one-shot build, which lets go of
// sources and rendered bodies as it goes, writes exactly what a normal
// build writes, and that its Builder still builds correctly afterwards.
func TestOnceMatchesFull(t *testing.T) {
	dir := t.TempDir()
	// More briefings than a feed holds, so that some bodies are released.
	if err := corpus.Generate(dir, corpus.Options{N: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		file   string // the site layout overridden (home.html if unset)
		layout string // its text, or ""
		shows  string // what the override shows on the page at file's output
	}{
		{name: "default theme"},
		// A list that reads bodies must still see them all.
		{name: "list reads bodies", layout: `{{define "main"}}{{range .Site.Briefings}}<div>{{.Content}}</div>{{end}}{{end}}`, shows: "<div><h2"},
		// Cards let go of after their last list must still be there for
		// the pages that show a neighbour's card, and for those that
		// show any briefing's.
		{name: "pages read neighbours' cards", file: "briefing.html", shows: `<nav><article class="card"`,
			layout: `{{define "main"}}{{with .Briefing}}<nav>{{with .Newer}}{{.Card}}{{end}}{{with .Older}}{{.Card}}{{end}}</nav>{{end}}{{end}}`},
		{name: "list reads every card", layout: `{{define "main"}}<nav>{{range .Site.Briefings}}{{.Card}}{{end}}</nav>{{end}}`, shows: `<nav><article class="card"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := dir
			if tc.layout != "" {
				site = t.TempDir()
				if err := os.CopyFS(site, os.DirFS(dir)); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(site+"/layouts", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(site+"/layouts/"+cmp.Or(tc.file, "home.html"), []byte(tc.layout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			root, err := os.OpenRoot(site)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			fsys := root.FS()

			want := output.NewMemory()
			if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, want); err != nil {
				t.Fatal(err)
			}
			if tc.layout != "" && !shows(want.Files, tc.shows) {
				t.Fatalf("no page shows %q: the override shows nothing and the test proves nothing", tc.shows)
			}

			bl := build.New(brief.DefaultTheme())
			once := output.NewMemory()
			if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock, Once: true}, once); err != nil {
				t.Fatal(err)
			}
			if diff := compareOutputs(once.Files, want.Files); diff != "" {
				t.Fatalf("one-shot build differs from a normal build:\n%s", diff)
			}
			// Both builds lend buffers (a page's structured data, and more
			// in one shot): in tests a buffer handed back is spoiled, so a
			// reader after its return would show here.
			for _, files := range []map[string][]byte{want.Files, once.Files} {
				for _, p := range slices.Sorted(maps.Keys(files)) {
					if lending.Spoiled(files[p]) {
						t.Fatalf("%s holds a buffer read after it was handed back (%q)", p, lending.Pattern)
					}
				}
			}

			// The Builder forgot its released caches: building again is a
			// full, correct build, not one from half-emptied caches.
			again := output.NewMemory()
			if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, again); err != nil {
				t.Fatal(err)
			}
			if diff := compareOutputs(again.Files, want.Files); diff != "" {
				t.Fatalf("a build after a one-shot build differs:\n%s", diff)
			}
		})
	}
}

// countingStage counts the files a build streams into a staging folder.
type countingStage struct {
	*output.Staging
	mu      sync.Mutex
	created []string
}

func (c *countingStage) Create(p string) (io.WriteCloser, error) {
	c.mu.Lock()
	c.created = append(c.created, p)
	c.mu.Unlock()
	return c.Staging.Create(p)
}

// TestOnceStreamsLargeFiles checks that a one-shot build writes its large
// files (data files, the funding tracker, the archive, the sitemap) into
// the output folder in pieces rather than whole, and that the folder then
// holds exactly what a normal build makes, marker aside.
func TestOnceStreamsLargeFiles(t *testing.T) {
	fsys := build.CorpusFS(t, 60, 9)
	want := output.NewMemory()
	wantRes, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, want)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	stage, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	sink := &countingStage{Staging: stage}
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock, Once: true}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(sink.created)
	for _, p := range []string{"archive/index.html", "data/briefings.json", "data/funding.csv", "funding/index.html", "sitemap.xml"} {
		if _, ok := slices.BinarySearch(sink.created, p); !ok {
			t.Errorf("%s was not streamed (streamed: %v)", p, sink.created)
		}
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.MarkerName {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := compareOutputs(got, want.Files); diff != "" {
		t.Fatalf("the output folder differs from a normal build:\n%s", diff)
	}
	// The pages streamed before the plan was made are reported with the
	// others, once each, and counted as made.
	if !slices.Equal(res.Written, slices.Sorted(maps.Keys(want.Files))) {
		t.Errorf("%d files reported written, %d made: %v", len(res.Written), len(want.Files), res.Written)
	}
	if res.Rendered != wantRes.Rendered || !maps.Equal(res.Pages, wantRes.Pages) {
		t.Errorf("one-shot build made %d files %v, a normal build %d %v", res.Rendered, res.Pages, wantRes.Rendered, wantRes.Pages)
	}
}

// writeLog records the writes into a streamed file, keeping it one that
// can be taken back.
type writeLog struct {
	io.WriteCloser
	size, largest int
}

func (w *writeLog) Write(p []byte) (int, error) {
	w.size += len(p)
	w.largest = max(w.largest, len(p))
	return w.WriteCloser.Write(p)
}

func (w *writeLog) Rewind() error {
	w.size = 0
	return w.WriteCloser.(interface{ Rewind() error }).Rewind()
}

// loggingStage logs the writes into the files a build streams.
type loggingStage struct {
	*output.Staging
	mu   sync.Mutex
	logs map[string]*writeLog
}

func (l *loggingStage) Create(p string) (io.WriteCloser, error) {
	f, err := l.Staging.Create(p)
	if err != nil {
		return nil, err
	}
	w := &writeLog{WriteCloser: f}
	l.mu.Lock()
	l.logs[p] = w
	l.mu.Unlock()
	return w, nil
}

// TestOnceStreamsFoldedPages: the funding tracker and the archive, the
// first pages of their kinds, fold their sets as they are made (render's
// fold.go), and were made whole in memory for that, then written at once
// (96 MB and 48 MB of buffer at 100,000 briefings). A one-shot build now
// writes them into their files in pieces as they are made, with the bytes
// of a normal build.
func TestOnceStreamsFoldedPages(t *testing.T) {
	fsys := build.CorpusFS(t, 600, 9)
	want := output.NewMemory()
	if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, want); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	stage, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	sink := &loggingStage{Staging: stage, logs: map[string]*writeLog{}}
	if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock, Once: true}, sink); err != nil {
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"archive/index.html", "funding/index.html"} {
		got, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want.Files[p]) {
			t.Fatalf("%s differs from a normal build's (%d bytes, want %d)", p, len(got), len(want.Files[p]))
		}
		w := sink.logs[p]
		if w == nil {
			t.Fatalf("%s was not streamed", p)
		}
		if w.size != len(got) || len(got) <= streamBuffer {
			t.Fatalf("%s: %d bytes written, %d in the file: too small to tell", p, w.size, len(got))
		}
		if w.largest > streamBuffer {
			t.Errorf("%s (%d bytes) was written whole: its largest write is %d bytes", p, len(got), w.largest)
		}
	}
}

// streamBuffer is the buffer a streamed file is written through.
const streamBuffer = 64 << 10

// TestOnceBilingual: each edition streams its own pages, search fragments
// and index, and keeps its own feed's bodies: a one-shot build of a
// bilingual site writes what a normal build writes.
func TestOnceBilingual(t *testing.T) {
	fsys := bilingual()
	_, want := mustBuild(t, fsys, build.Options{})
	_, got := mustBuild(t, fsys, build.Options{Once: true})
	if diff := compareOutputs(got.Files, want.Files); diff != "" {
		t.Fatalf("one-shot build differs from a normal build:\n%s", diff)
	}
}

// shows says whether some HTML page of files holds s.
func shows(files map[string][]byte, s string) bool {
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && strings.Contains(string(data), s) {
			return true
		}
	}
	return false
}

// TestOnceReadsBodiesAgainAsParsed checks that a one-shot build, which
// reads a source again to render its body, renders the same body as a
// normal build whether or not the file needed normalising: plain, with a
// byte-order mark, with CRLF line endings, with both.
func TestOnceReadsBodiesAgainAsParsed(t *testing.T) {
	body := "---\ntitle: \"T\"\ndate: 2023-03-01\ntags: [Web3]\n---\n\n## A heading\n\nSome *text* with a [link](hk-policy.md).\n\n- one\n- two\n"
	files := map[string]string{
		"content/briefings/plain.md": body,
		"content/briefings/bom.md":   "\uFEFF" + body,
		"content/briefings/crlf.md":  strings.ReplaceAll(body, "\n", "\r\n"),
		"content/briefings/both.md":  "\uFEFF" + strings.ReplaceAll(body, "\n", "\r\n"),
	}
	fsys := with(fixture(), files)
	_, want := mustBuild(t, fsys, build.Options{})
	_, once := mustBuild(t, fsys, build.Options{Once: true})
	if diff := compareOutputs(once.Files, want.Files); diff != "" {
		t.Fatalf("one-shot build differs from a normal build:\n%s", diff)
	}
	for name := range files {
		page := string(want.Files["briefings/"+strings.TrimSuffix(strings.TrimPrefix(name, "content/briefings/"), ".md")+"/index.html"])
		if !strings.Contains(page, `<em>text</em> with a <a href="/briefings/hk-policy/">link</a>.</p>`) || !strings.Contains(page, "<li>two</li>") {
			t.Fatalf("%s: the page does not show the body:\n%s", name, page)
		}
	}
}
