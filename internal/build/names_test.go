package build_test

import (
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// A file whose name has a newline is refused by an incremental build as by
// a full one, not published with a made-up URL.
func TestControlCharacterNameIncremental(t *testing.T) {
	fsys := fixture()
	bl, mem := build.New(brief.DefaultTheme()), output.NewMemory()
	if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, mem); err != nil {
		t.Fatal(err)
	}
	name := "content/briefings/new\nline.md"
	fsys[name] = file("---\ntitle: New line\ndate: 2023-05-01\n---\nx\n")
	_, err := bl.Build(fsys, build.ChangedPaths(name), build.Options{Now: buildClock, Incremental: true}, mem)
	l := diagnostics(t, err)
	want := `"content/briefings/new\nline.md": file name contains the control character U+000A (rename the file without it)`
	if len(l) != 1 || l[0].Error() != want {
		t.Errorf("got %v\nwant %s", l, want)
	}
}
