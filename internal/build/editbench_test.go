package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"runtime/pprof"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// BenchmarkFrontMatterEdit times incremental rebuilds into the dev
// server's sink after body, title, tag and jurisdiction edits of one briefing of the
// site in BRIEF_EDIT_SITE (a generated corpus: its tags are an open list),
// and after a site.toml edit, beside a cold build, reporting CPU time
// per edit beside wall time:
//
//	BRIEF_EDIT_SITE=<site> go test ./internal/build -run '^$' -bench FrontMatterEdit -benchtime 10x
func BenchmarkFrontMatterEdit(b *testing.B) {
	dir := os.Getenv("BRIEF_EDIT_SITE")
	if dir == "" {
		b.Skip("set BRIEF_EDIT_SITE")
	}
	fsys := fstest.MapFS{}
	src := os.DirFS(dir)
	fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := fs.ReadFile(src, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	})
	entries, _ := fs.ReadDir(fsys, "content/briefings")
	file := "content/briefings/" + entries[len(entries)/2].Name()
	// From the middle on, the first with a list of jurisdictions, so that
	// every kind of edit applies.
	for _, e := range entries[len(entries)/2:] {
		if p := "content/briefings/" + e.Name(); strings.Contains(string(fsys[p].Data), "\njurisdiction: [") {
			file = p
			break
		}
	}
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	mem := output.NewLazyMemory() // the dev server's sink
	if _, err := bl.Build(fsys, nil, opt, mem); err != nil {
		b.Fatal(err)
	}
	opt.Incremental = true
	// BRIEF_EDIT_PROFILE names a file for a CPU profile of the edits alone.
	if out := os.Getenv("BRIEF_EDIT_PROFILE"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	for _, edit := range []struct{ name, file, old, new string }{
		{"body", file, "\n## ", "\nmarker%d\n\n## "},
		{"title", file, "title: \"", "title: \"Marker%d "},
		{"tag", file, "tags: [", "tags: [marker%d, "},
		{"jurisdiction", file, "\njurisdiction: [", "\njurisdiction: [Marker%d, "},
		{"config", "site.toml", "title = \"", "title = \"Marker%d "},
	} {
		orig := string(fsys[edit.file].Data)
		b.Run(edit.name, func(b *testing.B) {
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				i++
				fsys[edit.file] = &fstest.MapFile{Data: []byte(strings.Replace(orig, edit.old, fmt.Sprintf(edit.new, i), 1))}
				res, err := bl.Build(fsys, build.ChangedPaths(edit.file), opt, mem)
				if err != nil {
					b.Fatal(err)
				}
				if i == 1 {
					b.Logf("%s: rendered %d, written %d, %s", edit.name, res.Rendered, len(res.Written), res.Duration)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			fsys[edit.file] = &fstest.MapFile{Data: []byte(orig)}
			if _, err := bl.Build(fsys, build.ChangedPaths(edit.file), opt, mem); err != nil {
				b.Fatal(err)
			}
		})
	}
	// A cold build of the same site, as brief build makes it, to compare
	// a site.toml edit with.
	b.Run("cold", func(b *testing.B) {
		cpu0 := cpuTime()
		for b.Loop() {
			if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock, Once: true}, output.NewMemory()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
}
