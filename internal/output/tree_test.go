//go:build unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"brief/internal/golden"
)

// walkTree sees what filepath.WalkDir sees, each folder before what it
// holds: files, empty folders, a folder of more entries than one read of
// a listing holds, and links (to files, to folders, dangling) and a pipe
// as files, never followed.
func TestWalkTreeAsWalkDir(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) string {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		return full
	}
	for _, p := range []string{"index.html", "a/index.html", "a/b/c/d.json", ".brief-output"} {
		if err := os.WriteFile(mk(p), []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 1500 {
		if err := os.WriteFile(mk(fmt.Sprintf("many/a-long-name-for-a-page-%04d.html", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(mk("empty/inner/"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"a/tofile": "index.html", "a/todir": "b", "a/dangling": "nowhere", "outside": t.TempDir()} {
		if err := os.Symlink(to, mk(link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(mk("a/pipe"), 0o644); err != nil {
		t.Fatal(err)
	}

	var want []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		want = append(want, fmt.Sprintf("%s dir=%v", rel, d.IsDir()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	seen := map[string]bool{}
	err = walkTree(dir, func(rel string, isDir bool) error {
		if parent := filepath.Dir(rel); parent != "." && !seen[parent] {
			t.Errorf("%s seen before its folder", rel)
		}
		if isDir {
			seen[rel] = true
		}
		got = append(got, fmt.Sprintf("%s dir=%v", rel, isDir))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("walkTree saw %d entries, WalkDir %d:\n%s", len(got), len(want), golden.LineDiff(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}

	// Stopped by fs.SkipAll, it ends without an error.
	n := 0
	if err := walkTree(dir, func(string, bool) error { n++; return fs.SkipAll }); err != nil || n != 1 {
		t.Errorf("walkTree stopped after %d entries with %v, want 1 and nil", n, err)
	}
	// A folder that is not there is an error naming it.
	missing := filepath.Join(dir, "missing")
	if err := walkTree(missing, func(string, bool) error { return nil }); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("walkTree of a missing folder: %v", err)
	}
}
