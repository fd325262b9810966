package build_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/golden"
	"brief/internal/output"
)

// titled is a briefing of the two-briefing sites below.
func titled(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: 2024-01-02\njurisdiction: Hong Kong\ntags: [alpha]\n---\n\nBody.\n", title))}
}

// shortTitleSite is a site of two briefings with one layout of its own,
// which the tests make fail on a title shorter than five bytes.
func shortTitleSite(name, layout string) fstest.MapFS {
	return fstest.MapFS{
		"site.toml":              &fstest.MapFile{Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/\"\n")},
		"layouts/" + name:        &fstest.MapFile{Data: []byte(layout)},
		"content/briefings/a.md": titled("Alpha"),
		"content/briefings/b.md": titled("Bravo"),
	}
}

// A page an edit leaves to be made on request (the archive) fails as a
// full build of the same sources fails: the same error, with the layout's
// file and line, and the build lists the page as deferred, so that the dev
// server can make it at once and report its error.
func TestDeferredPageFailsAsAFullBuild(t *testing.T) {
	fsys := shortTitleSite("archive.html", "{{define \"main\"}}\n{{range .Years}}{{range .Briefings}}<p>{{slice .Title 0 5}}</p>{{end}}{{end}}\n{{end}}\n")
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	res, err := bl.Build(fsys, nil, opt, output.NewLazyMemory())
	if err != nil {
		t.Fatal(err)
	}
	if res.Deferred != nil {
		t.Errorf("the first build deferred %v", res.Deferred)
	}
	fsys["content/briefings/a.md"] = titled("Al")
	opt.Incremental = true
	edit := output.NewLazyMemory()
	res, err = bl.Build(fsys, build.ChangedPaths("content/briefings/a.md"), opt, edit)
	if err != nil {
		t.Fatal(err)
	}
	// The tracker shows no title of a briefing without funding: it is not
	// made again.
	if want := []string{"archive/index.html"}; !slices.Equal(res.Deferred, want) {
		t.Fatalf("deferred %v, want %v", res.Deferred, want)
	}
	_, err = edit.Lazy["archive/index.html"]()
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].File != "layouts/archive.html" || l[0].Line != 2 {
		t.Fatalf("the archive made on request fails with %v, want one error at layouts/archive.html:2", err)
	}
	_, full := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, output.NewMemory())
	if full == nil || err.Error() != full.Error() {
		t.Errorf("made on request:\n%v\na full build:\n%v", err, full)
	}
}

// A build that updated the model in place (a title edit, a tag edit) and
// then failed leaves the model as the last good build left it: that
// build's files still to be made on request are the bytes a full build of
// its sources makes, not the failed edit's; and the build after the fix
// equals a full build.
func TestFailedUpdateInPlaceRolledBack(t *testing.T) {
	for _, tc := range []struct{ name, edit string }{
		{"title", "---\ntitle: Al\ndate: 2024-01-02\njurisdiction: Hong Kong\ntags: [alpha]\n---\n\nBody.\n"},
		{"title and tags", "---\ntitle: Al\ndate: 2024-01-02\njurisdiction: Hong Kong\ntags: [beta]\n---\n\nBody.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := shortTitleSite("briefing.html", "{{define \"main\"}}\n<h1>{{slice .Briefing.Title 0 5}}</h1>\n{{end}}\n")
			_, want := mustBuild(t, fsys, build.Options{Now: buildClock})
			bl := build.New(brief.DefaultTheme())
			opt := build.Options{Now: buildClock}
			good := output.NewLazyMemory()
			if _, err := bl.Build(fsys, nil, opt, good); err != nil {
				t.Fatal(err)
			}
			fsys["content/briefings/a.md"] = &fstest.MapFile{Data: []byte(tc.edit)}
			opt.Incremental = true
			res, err := bl.Build(fsys, build.ChangedPaths("content/briefings/a.md"), opt, output.NewLazyMemory())
			if err == nil {
				t.Fatalf("the edit built (%d updated in place), though the layout fails on it", res.ModelUpdated)
			}
			for _, p := range slices.Sorted(maps.Keys(good.Lazy)) {
				data, err := good.Lazy[p]()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(data, want.Files[p]) {
					t.Errorf("%s of the last good build, made after the failed one, differs from a full build's:\n%s", p, golden.LineDiff(string(want.Files[p]), string(data)))
				}
			}
			// The layout fixed: the edit builds, as a full build would.
			fsys["layouts/briefing.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Briefing.Title}}</h1>\n{{end}}\n")}
			fixed := output.NewMemory()
			if _, err := bl.Build(fsys, build.ChangedPaths("layouts/briefing.html"), opt, fixed); err != nil {
				t.Fatal(err)
			}
			_, full := mustBuild(t, fsys, build.Options{Now: buildClock})
			for p, data := range fixed.Files {
				if !bytes.Equal(data, full.Files[p]) {
					t.Errorf("%s after the fix differs from a full build's:\n%s", p, golden.LineDiff(string(full.Files[p]), string(data)))
				}
			}
		})
	}
}
