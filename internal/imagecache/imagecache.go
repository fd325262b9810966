// Package imagecache keeps resized images in a folder between builds, so
// that an image is resized once, not at every build: each copy is a file
// named by images.Key (the source's content hash, the recipe and the
// copy's size), written whole or not at all. The folder can be deleted at
// any time; it is remade as needed.
//
// On Netlify, keep the folder between builds (see the README): a deploy
// then resizes only new and changed images.
package imagecache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// DefaultDir is the cache's folder inside a site folder (git-ignored).
const DefaultDir = ".brief-cache/images"

// Dir is a cache in a folder. It is safe for concurrent use.
type Dir struct {
	root string
	mu   sync.Mutex
	used map[string]bool // keys read or written since Open
	errs int
}

// Open makes the folder if needed.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	return &Dir{root: root, used: map[string]bool{}}, nil
}

// path spreads copies over 256 sub-folders by their first two characters.
func (d *Dir) path(key string) (string, bool) {
	if len(key) < 3 || strings.ContainsAny(key, `/\`) || strings.HasPrefix(key, ".") {
		return "", false
	}
	return filepath.Join(d.root, key[:2], key), true
}

func (d *Dir) use(key string) {
	d.mu.Lock()
	d.used[key] = true
	d.mu.Unlock()
}

// Get returns a stored copy.
func (d *Dir) Get(key string) ([]byte, bool) {
	p, ok := d.path(key)
	if !ok {
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	d.use(key)
	return data, true
}

// Put stores a copy: written to a temporary file, then renamed, so that a
// build stopped halfway never leaves half a copy behind. A copy that
// cannot be stored is counted (see Failures) and the build goes on.
func (d *Dir) Put(key string, data []byte) {
	p, ok := d.path(key)
	if !ok {
		return
	}
	d.use(key)
	if err := WriteFile(p, data); err != nil {
		d.mu.Lock()
		d.errs++
		d.mu.Unlock()
	}
}

// WriteFile writes data (its parts one after the other) to p through a
// temporary file renamed over it, so that p holds the old bytes or the new
// ones, never part of them.
func WriteFile(p string, data ...[]byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	for _, part := range data {
		if err == nil {
			_, err = tmp.Write(part)
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Failures counts the copies that could not be stored.
func (d *Dir) Failures() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.errs
}

// Prune removes the copies no build used since Open, and leftovers of
// interrupted writes, so the folder holds what the site uses and no more.
// Call it only after a complete build, which reads or writes every copy
// the site has.
func (d *Dir) Prune() (removed int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	err = filepath.WalkDir(d.root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if e.IsDir() {
			return nil
		}
		if !d.used[e.Name()] {
			if err := os.Remove(p); err != nil {
				return err
			}
			removed++
		}
		return nil
	})
	return removed, err
}
