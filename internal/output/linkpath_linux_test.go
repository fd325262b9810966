package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A kernel that does not link an open file (before 6.10, without
// CAP_DAC_READ_SEARCH) has the file linked by its name, and the link
// checked: both ways link the unchanged file.
func TestLinkByName(t *testing.T) {
	for _, byPath := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		var inodes []uint64
		for range 2 {
			s, err := NewStaging(dest)
			if err != nil {
				t.Fatal(err)
			}
			s.prev.byPath.Store(byPath)
			if err := s.Put("a/index.html", []byte("same")); err != nil {
				t.Fatal(err)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(filepath.Join(dest, "a/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			inodes = append(inodes, fi.Sys().(*syscall.Stat_t).Ino)
		}
		if inodes[0] != inodes[1] {
			t.Errorf("by name %v: the unchanged file was written again", byPath)
		}
	}
}
