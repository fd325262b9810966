package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// The previous output is removed from the list its check made, and
// entirely even when it changed since: a file put there or taken away
// after the walk.
func TestRemoveTree(t *testing.T) {
	for _, change := range []string{"none", "added", "removed", "folder added", "many"} {
		t.Run(change, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "old")
			paths := []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c.json", "d/.DS_Store", MarkerName}
			if change == "many" {
				// More than a batch of the workers that remove files and folders.
				for i := range 1000 {
					paths = append(paths, fmt.Sprintf("many/%d/%d/index.html", i%7, i))
				}
			}
			for _, p := range paths {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var seen tree
			if _, err := foreignFiles(dir, func(string) bool { return true }, 0, &seen); err != nil {
				t.Fatal(err)
			}
			files, dirs := 6, 4
			if change == "many" {
				files, dirs = files+1000, dirs+1+7+1000
			}
			if len(seen.files) != files || len(seen.dirs) != dirs {
				t.Fatalf("walk saw %d files and %d folders, want %d and %d", len(seen.files), len(seen.dirs), files, dirs)
			}
			switch change {
			case "added":
				os.WriteFile(filepath.Join(dir, "a", "b", "late.txt"), nil, 0o644)
			case "removed":
				os.Remove(filepath.Join(dir, "a", "b", "c.json"))
			case "folder added":
				os.MkdirAll(filepath.Join(dir, "a", "new", "deeper"), 0o755)
			}
			if err := removeTree(dir, seen); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s still there after removeTree (%v)", dir, err)
			}
		})
	}
}
