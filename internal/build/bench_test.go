package build_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/corpus"
	"brief/internal/markdown"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/site"
)

// BenchmarkBuild measures the stages of a build (parse, markdown,
// taxonomies, templates, minify, write) and whole builds of a generated
// site of 1,000 briefings, and of 10,000 with BRIEF_BENCH_LARGE=1. Put
// TMPDIR on a tmpfs, or write and full-staging measure the disk:
//
//	TMPDIR=/dev/shm go test ./internal/build -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000}
	if os.Getenv("BRIEF_BENCH_LARGE") == "1" {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchStages(b, n) })
	}
}

func benchStages(b *testing.B, n int) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	fsys := root.FS()
	theme := brief.DefaultTheme()
	opt := build.Options{Now: buildClock}

	type source struct {
		path string
		data []byte
	}
	var sources []source
	err = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		sources = append(sources, source{p, data})
		return err
	})
	if err != nil || len(sources) != n {
		b.Fatalf("read %d sources: %v", len(sources), err)
	}
	// Check once that the corpus builds, so a broken corpus fails loudly.
	if _, err := build.New(theme).Build(fsys, nil, opt, output.NewMemory()); err != nil {
		b.Fatalf("the generated site does not build:\n%v", err)
	}

	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range sources {
				if _, ds := content.Parse(s.path, s.data, content.Options{}); ds.HasErrors() {
					b.Fatal(ds)
				}
			}
		}
	})

	b.Run("markdown", func(b *testing.B) {
		var bodies []*content.Briefing
		for _, s := range sources {
			br, _ := content.Parse(s.path, s.data, content.Options{})
			bodies = append(bodies, br)
		}
		r := markdown.New(markdown.Options{})
		resolve := func(p string) (string, bool) {
			return "/briefings/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/", true
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, br := range bodies {
				r.Render(br.Body, markdown.Context{SourcePath: br.Path, LineOffset: br.BodyLine - 1, Resolve: resolve, IDPrefix: "x-"})
			}
		}
	})

	b.Run("taxonomies", func(b *testing.B) {
		cfg := siteConfig(b, fsys)
		var all []*content.Briefing
		for _, s := range sources {
			br, _ := content.Parse(s.path, s.data, content.Options{Location: cfg.Location})
			all = append(all, br)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, ds := site.New(cfg, all, site.Options{Now: buildClock}); ds.HasErrors() {
				b.Fatal(ds)
			}
		}
	})

	// The later stages start from a built site and its output.
	files := output.NewMemory()
	res, err := build.New(theme).Build(fsys, nil, opt, files)
	if err != nil {
		b.Fatal(err)
	}
	paths := slices.Sorted(maps.Keys(files.Files))

	b.Run("templates", func(b *testing.B) {
		// Every briefing page and the first page of every term, through
		// the default theme: the template work of a build, without lists'
		// pagination repeats.
		th, ds := render.Load(theme, nil, siteConfig(b, fsys))
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		s := res.Site
		views := render.NewViews(s)
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, br := range s.Briefings {
				buf.Reset()
				if err := th.Render(&buf, views.Page(pages.Briefing(br))); err != nil {
					b.Fatal(err)
				}
			}
			for _, t := range append(slices.Clone(s.Tags), s.Jurisdictions...) {
				buf.Reset()
				list := t.Briefings[:min(10, len(t.Briefings))]
				p := pages.Page{Kind: "list", Title: t.Name, URL: t.URL, Term: t, List: list}
				if err := th.Render(&buf, views.Page(p)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})

	b.Run("minify", func(b *testing.B) {
		m := output.NewMinifier()
		var out bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range paths {
				out.Reset()
				m.Into(&out, p, files.Files[p])
			}
		}
	})

	b.Run("write", func(b *testing.B) {
		dest := filepath.Join(b.TempDir(), "public") // under TMPDIR
		b.ReportAllocs()
		for b.Loop() {
			st, err := output.NewStaging(dest)
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range paths {
				if err := st.Put(p, files.Files[p]); err != nil {
					b.Fatal(err)
				}
			}
			if err := st.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("full-memory", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := build.New(theme).Build(fsys, nil, opt, output.NewMemory()); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("full-minify", func(b *testing.B) {
		minify := opt
		minify.Minify = true
		b.ReportAllocs()
		for b.Loop() {
			if _, err := build.New(theme).Build(fsys, nil, minify, output.NewMemory()); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("full-staging", func(b *testing.B) {
		// What brief build does: a one-shot build streamed to a staging folder.
		dest := filepath.Join(b.TempDir(), "public") // under TMPDIR
		once := opt
		once.Once = true
		b.ReportAllocs()
		for b.Loop() {
			st, err := output.NewStaging(dest)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := build.New(theme).Build(fsys, nil, once, st); err != nil {
				st.Abort()
				b.Fatal(err)
			}
			if err := st.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("incremental-body-edit", func(b *testing.B) {
		bl := build.New(theme)
		if _, err := bl.Build(fsys, nil, opt, output.NewMemory()); err != nil {
			b.Fatal(err)
		}
		edited := sources[len(sources)/2]
		full := filepath.Join(dir, filepath.FromSlash(edited.path))
		defer os.WriteFile(full, edited.data, 0o644)
		inc := opt
		inc.Incremental = true
		ch := build.ChangedPaths(edited.path)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			// A new word at the end of the body each time, as a writer types.
			i++
			if err := os.WriteFile(full, append(append([]byte(nil), edited.data...), "\nEdit "+strconv.Itoa(i)+".\n"...), 0o644); err != nil {
				b.Fatal(err)
			}
			res, err := bl.Build(fsys, ch, inc, output.NewMemory())
			if err != nil {
				b.Fatal(err)
			}
			if res.Parsed != 1 {
				b.Fatalf("parsed %d files, want 1", res.Parsed)
			}
		}
	})
}

// siteConfig parses the generated site's site.toml.
func siteConfig(b *testing.B, fsys fs.FS) *config.Config {
	src, err := fs.ReadFile(fsys, config.File)
	if err != nil {
		b.Fatal(err)
	}
	cfg, ds := config.Parse(src)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	return cfg
}
