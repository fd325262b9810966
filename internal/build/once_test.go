package build_test

import (
	"os"
	"strings"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/corpus"
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
		layout string // a site layout override, or ""
	}{
		{name: "default theme"},
		// A list that reads bodies must still see them all.
		{name: "list reads bodies", layout: `{{define "main"}}{{range .Site.Briefings}}<div>{{.Content}}</div>{{end}}{{end}}`},
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
				if err := os.WriteFile(site+"/layouts/home.html", []byte(tc.layout), 0o644); err != nil {
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
			if tc.layout != "" && !strings.Contains(string(want.Files["index.html"]), "<div><h2") {
				t.Fatal("the override does not show bodies on the home page; the test proves nothing")
			}

			bl := build.New(brief.DefaultTheme())
			once := output.NewMemory()
			if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock, Once: true}, once); err != nil {
				t.Fatal(err)
			}
			if diff := compareOutputs(once.Files, want.Files); diff != "" {
				t.Fatalf("one-shot build differs from a normal build:\n%s", diff)
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
