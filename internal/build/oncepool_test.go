package build_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
	"brief/internal/sources"
)

// A one-shot build reads sources into pooled buffers and keeps no copy of
// the bodies it reads again to render; it keeps the body of a briefing
// whose front matter has errors, to report its links in the same run, and
// that body is still the briefing's own when other sources have been read
// into the buffer it came from.
func TestOnceKeepsBrokenBodies(t *testing.T) {
	files := with(fixture(), nil)
	const n = 40
	for i := range n {
		files[fmt.Sprintf("content/briefings/broken-%02d.md", i)] = &fstest.MapFile{
			Data: fmt.Appendf(nil, "---\ntitle: Broken %d\ndate: 2024-13-01\n---\nSee [x](missing-%02d.md).\n", i, i)}
		files[fmt.Sprintf("content/briefings/fine-%02d.md", i)] = &fstest.MapFile{
			Data: fmt.Appendf(nil, "---\ntitle: Fine %d\ndate: 2024-01-01\n---\n%s\n", i, strings.Repeat("Words of a longer body. ", 40))}
	}
	site := t.TempDir()
	if err := os.CopyFS(site, files); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = build.New(brief.DefaultTheme()).Build(sources.FS(root), nil, build.Options{Once: true, Now: buildClock}, output.NewMemory())
	all := diagnostics(t, err).Error()
	for i := range n {
		want := fmt.Sprintf(`content/briefings/broken-%02d.md:5: link to missing briefing "missing-%02d.md"`, i, i)
		if !strings.Contains(all, want) {
			t.Errorf("no error %s ...; the build said:\n%s", want, all)
			break
		}
	}
}
