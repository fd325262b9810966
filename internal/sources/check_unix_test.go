//go:build unix

package sources

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The same rules on a real folder read through os.Root, as the command
// line reads a site: a named pipe is refused without opening it (which
// would block), loops and links to folders or out of the site are named.
func TestWalkRealFolder(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	must := fatalOn(t)
	for _, d := range []string{"content/sub", "static", "other"} {
		must(os.MkdirAll(filepath.Join(site, d), 0o755))
	}
	must(os.WriteFile(filepath.Join(site, "content/ok.md"), []byte("x"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "secret.md"), []byte("x"), 0o644))
	must(syscall.Mkfifo(filepath.Join(site, "content/fifo.md"), 0o644))
	must(syscall.Mkfifo(filepath.Join(site, "static/pipe"), 0o644))
	must(os.Symlink("loop.md", filepath.Join(site, "content/loop.md")))
	must(os.Symlink("b.md", filepath.Join(site, "content/a.md")))
	must(os.Symlink("a.md", filepath.Join(site, "content/b.md")))
	must(os.Symlink("../other", filepath.Join(site, "content/dirlink")))
	must(os.Symlink("sub", filepath.Join(site, "content/sublink.md")))
	must(os.Symlink("../../secret.md", filepath.Join(site, "content/escape.md")))
	must(os.Symlink("fifo.md", filepath.Join(site, "content/tofifo.md")))
	must(os.Symlink("ok.md", filepath.Join(site, "content/alias.md")))

	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	// root.FS() as the tests hand it, and FS(root) as brief reads a site.
	for _, fsys := range []fs.FS{root.FS(), FS(root)} {
		files, probs, err := Walk(fsys, "content")
		must(err)
		if want := []string{"content/alias.md", "content/ok.md"}; !slices.Equal(files, want) {
			t.Errorf("files %q, want %q", files, want)
		}
		var got []string
		for _, d := range probs.Sorted() {
			got = append(got, d.Error())
		}
		want := []string{
			`content/a.md: is a symbolic link loop (point the link at a file, or remove it)`,
			`content/b.md: is a symbolic link loop (point the link at a file, or remove it)`,
			`content/dirlink: is a symbolic link to a folder, which brief does not follow (move the folder into the site, or link each file instead)`,
			`content/escape.md: is a symbolic link to outside the site folder (copy the file into the site folder instead of linking to it)`,
			`content/fifo.md: is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)`,
			`content/loop.md: is a symbolic link loop (point the link at a file, or remove it)`,
			`content/sublink.md: is a symbolic link to a folder, which brief does not follow (move the folder into the site, or link each file instead)`,
			`content/tofifo.md: is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Reading a pipe directly is refused too, without blocking.
		if _, err := ReadFile(fsys, "static/pipe"); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("ReadFile of a pipe: %v", err)
		}
	}
}

// fatalOn returns a check that ends the test t at an error.
func fatalOn(t *testing.T) func(error) {
	return func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}
