//go:build !linux

package output

import (
	"io/fs"
	"os"
	"path/filepath"
)

// walkTree calls fn for everything under dir but dir itself, each folder
// before what it holds, with its path relative to dir and whether it is a
// folder; symbolic links are not followed and count as files. fn may
// return fs.SkipAll to stop.
func walkTree(dir string, fn func(rel string, isDir bool) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return fn(rel, d.IsDir())
	})
}

// openRemover returns what removes a file or an empty folder by its path
// relative to dir.
func openRemover(dir string) (rm func(rel string, folder bool) error, done func(), err error) {
	rm = func(rel string, folder bool) error {
		if folder {
			return removeDir(filepath.Join(dir, rel))
		}
		return os.Remove(filepath.Join(dir, rel))
	}
	return rm, func() {}, nil
}
