package build_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/output"
)

// A page an edit leaves to be made on request (the archive) fails as a
// full build of the same sources fails: the same error, with the layout's
// file and line, and the build lists the page as deferred, so that the dev
// server can make it at once and report its error.
func TestDeferredPageFailsAsAFullBuild(t *testing.T) {
	doc := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: 2024-01-02\njurisdiction: Hong Kong\n---\n\nBody.\n", title))}
	}
	fsys := fstest.MapFS{
		"site.toml": &fstest.MapFile{Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/\"\n")},
		// Fails on a title shorter than five bytes.
		"layouts/archive.html":   &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{range .Years}}{{range .Briefings}}<p>{{slice .Title 0 5}}</p>{{end}}{{end}}\n{{end}}\n")},
		"content/briefings/a.md": doc("Alpha"),
		"content/briefings/b.md": doc("Bravo"),
	}
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	res, err := bl.Build(fsys, nil, opt, output.NewLazyMemory())
	if err != nil {
		t.Fatal(err)
	}
	if res.Deferred != nil {
		t.Errorf("the first build deferred %v", res.Deferred)
	}
	fsys["content/briefings/a.md"] = doc("Al")
	opt.Incremental = true
	edit := output.NewLazyMemory()
	res, err = bl.Build(fsys, build.ChangedPaths("content/briefings/a.md"), opt, edit)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"archive/index.html", "funding/index.html"}; !slices.Equal(res.Deferred, want) {
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
