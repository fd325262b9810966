package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// IDName is the file in which brief build --cache names the output it
// left in a folder (build.Result.OutputID): the next build with the cache
// updates the folder in place only when the name is the one its cache
// recorded. Anything else that writes the folder removes it first.
const IDName = ".brief-output-id"

// ReadID returns the name of the output in dest, or "" when it has none.
func ReadID(dest string) string {
	real, err := realPath(dest)
	if err != nil {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(real, IDName))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// WriteID names the output in dest, which brief made.
func WriteID(dest, id string) error {
	real, err := realPath(dest)
	if err != nil {
		return err
	}
	return writeAtomic(real, filepath.Join(real, IDName), []byte(id+"\n"))
}

// ClearID removes dest's output name, before its files change.
func ClearID(dest string) error {
	if err := os.Remove(filepath.Join(dest, IDName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Update applies an incremental build to brief's output folder in place
// (brief build --cache). Each file is written beside its target, and only
// Commit renames them over their targets and removes the files that are
// gone: a build that fails leaves the folder as it was. Like Dir, it never
// overwrites or removes a file brief did not write.
type Update struct {
	dirWriter
	shown string
	id    string // the output's name, given back on Abort

	mu      sync.Mutex
	owned   map[string]bool
	listed  []string          // the marker's paths, sorted, or nil (see readMarkerPaths)
	pending map[string]string // output path -> the temporary file holding it
	gone    []string
	done    bool
}

// NewUpdate opens dest, a folder brief made, for an update, and removes
// its output name (IDName) until the update is committed.
func NewUpdate(dest string) (*Update, error) {
	real, owned, listed, err := openOwned(dest)
	if err != nil {
		return nil, err
	}
	id := ReadID(real)
	if err := ClearID(real); err != nil {
		return nil, err
	}
	return &Update{dirWriter: dirWriter{root: real, plainRoot: joinsPlainly(real), rootFD: -1}, shown: dest, id: id, owned: owned, listed: listed, pending: map[string]string{}}, nil
}

// Put writes a file beside its target, unless the target holds these bytes.
func (u *Update) Put(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	u.mu.Lock()
	mine, done := u.owned[p], u.done
	u.mu.Unlock()
	if done {
		return errStopped
	}
	full := filepath.Join(u.root, filepath.FromSlash(p))
	// A file of brief's whose size differs holds other bytes: it is not
	// read to be compared (the data files and the pages of every briefing
	// are megabytes, and change with any title).
	if fi, err := os.Stat(full); err == nil && (!mine || fi.Size() == int64(len(data))) {
		if old, err := os.ReadFile(full); err == nil {
			if !mine {
				return fmt.Errorf("refusing to overwrite %s, which brief did not write (hint: move it out of the output folder)", full)
			}
			if bytes.Equal(old, data) {
				return nil
			}
		}
	}
	dir := filepath.Dir(full)
	if err := u.mkdir(path.Dir(p), dir); err != nil {
		return err
	}
	tmp, err := writeTemp(dir, data)
	if err != nil {
		return err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if old, ok := u.pending[p]; ok {
		os.Remove(old)
	}
	u.pending[p] = tmp
	return nil
}

// ReadBack returns the file at p as the folder holds it before the update
// is committed, when brief wrote it.
func (u *Update) ReadBack(p string) ([]byte, error) {
	if err := CheckPath(p); err != nil {
		return nil, err
	}
	u.mu.Lock()
	mine := u.owned[p]
	u.mu.Unlock()
	if !mine {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(u.root, filepath.FromSlash(p)))
}

// Remove notes a file that Commit removes, if brief wrote it.
func (u *Update) Remove(p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.owned[p] {
		u.gone = append(u.gone, p)
	}
	return nil
}

// Commit renames the new files over their targets, removes the files that
// are gone (and the folders they leave empty) and brings the marker up to
// date.
func (u *Update) Commit() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.done {
		return errStopped
	}
	u.done = true
	changed := false
	var added []string // sorted
	for _, p := range slices.Sorted(maps.Keys(u.pending)) {
		if err := os.Rename(u.pending[p], filepath.Join(u.root, filepath.FromSlash(p))); err != nil {
			u.abort()
			return err
		}
		delete(u.pending, p)
		if !u.owned[p] {
			u.owned[p], changed = true, true
			added = append(added, p)
		}
	}
	for _, p := range u.gone {
		full := filepath.Join(u.root, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		delete(u.owned, p)
		changed = true
		for dir := filepath.Dir(full); dir != u.root && strings.HasPrefix(dir, u.root); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
	if !changed {
		return nil
	}
	if u.listed == nil {
		return writeMarker(u.root, slices.Collect(maps.Keys(u.owned)))
	}
	return writeSortedMarker(u.root, mergeSorted(u.listed, added, u.owned))
}

// Abort throws the new files away: the folder is as it was, and gets its
// output name back. After Commit it does nothing.
func (u *Update) Abort() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.done {
		return nil
	}
	u.done = true
	u.abort()
	if u.id != "" {
		return WriteID(u.root, u.id)
	}
	return nil
}

func (u *Update) abort() {
	for p, tmp := range u.pending {
		os.Remove(tmp)
		delete(u.pending, p)
	}
}
