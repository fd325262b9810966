//go:build unix

package output_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModesFollowUmask changes the process umask: it must not run in
// parallel with tests that create files.
func TestModesFollowUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	built(t, dest, map[string]string{"index.html": "i", "a/b/c.html": "c"})
	d := openDir(t, dest)
	if err := d.Put("a/b/c.html", []byte("changed")); err != nil {
		t.Fatal(err)
	}
	if err := d.Put("n/new.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dest, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o640)
		if e.IsDir() {
			want = 0o750
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
