// Package output writes a built site. Pages stream in from parallel render
// workers; a full build lands in a staging folder that replaces the old
// output only when the whole build succeeded, so a failed build leaves the
// previous site untouched and files of removed briefings never linger.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Put is called from many goroutines.
type Sink interface {
	// Put stores a file. It must not keep data, which the caller reuses.
	Put(p string, data []byte) error
	Remove(p string) error
}

// Memory keeps a build's files in memory (the dev server's site).
type Memory struct {
	mu      sync.Mutex
	Files   map[string][]byte
	Removed []string
}

// NewMemory makes an empty in-memory sink.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// Put stores a file.
func (m *Memory) Put(p string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	m.Files[p] = data
	m.mu.Unlock()
	return nil
}

// Remove records a file that is no longer part of the site.
func (m *Memory) Remove(p string) error {
	m.mu.Lock()
	delete(m.Files, p)
	m.Removed = append(m.Removed, p)
	m.mu.Unlock()
	return nil
}

// Paths lists the stored files, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.Files))
	for p := range m.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// dirWriter writes files under a root folder, creating parents once.
type dirWriter struct {
	root string
	dirs sync.Map
}

func (w *dirWriter) write(p string, data []byte, atomic bool) error {
	if err := checkRel(p); err != nil {
		return err
	}
	full := filepath.Join(w.root, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, ok := w.dirs.Load(dir); !ok {
		// Most folders are new, with a parent made already: one mkdir call
		// instead of MkdirAll's stat, stat and mkdir.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		w.dirs.Store(dir, true)
	}
	if !atomic {
		return os.WriteFile(full, data, 0o644)
	}
	tmp, err := os.CreateTemp(dir, ".brief-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), full)
}

// checkRel refuses output paths that could land outside the output folder.
func checkRel(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("refusing to write unsafe output path %q", p)
	}
	return nil
}

// Staging is a full build being written next to its destination.
type Staging struct {
	dirWriter
	dest string
}

// NewStaging prepares a fresh folder beside dest. Commit swaps it in.
func NewStaging(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, err
	}
	return &Staging{dirWriter: dirWriter{root: tmp}, dest: dest}, nil
}

// Put writes a file into the staging folder.
func (s *Staging) Put(p string, data []byte) error { return s.write(p, data, false) }

// Remove is a no-op: a staging folder only ever holds the new site.
func (s *Staging) Remove(string) error { return nil }

// Commit replaces dest with the staged site.
func (s *Staging) Commit() error {
	old := ""
	if _, err := os.Stat(s.dest); err == nil {
		old = s.root + ".old"
		if err := os.Rename(s.dest, old); err != nil {
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(s.root, s.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, s.dest)
		}
		return fmt.Errorf("installing the new output: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort throws the staged files away; dest is untouched.
func (s *Staging) Abort() error { return os.RemoveAll(s.root) }

// Dir updates an existing output folder in place, file by file, each write
// atomic. Used by watch mode after the first full build.
type Dir struct{ dirWriter }

// NewDir writes into root.
func NewDir(root string) *Dir { return &Dir{dirWriter{root: filepath.Clean(root)}} }

// Put replaces a file atomically, skipping the write when the bytes are the same.
func (d *Dir) Put(p string, data []byte) error {
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return d.write(p, data, true)
}

// Remove deletes a file and any folders it leaves empty.
func (d *Dir) Remove(p string) error {
	if err := checkRel(p); err != nil {
		return err
	}
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(full); dir != d.root && strings.HasPrefix(dir, d.root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}

// CheckDestination refuses output folders that would destroy sources: the
// site root itself, a folder containing it, or one of its source folders.
func CheckDestination(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if dst == src || strings.HasPrefix(src+string(filepath.Separator), dst+string(filepath.Separator)) {
		return fmt.Errorf("destination %s would replace the site itself; choose a folder such as public/", dest)
	}
	for _, s := range []string{"content", "layouts", "static"} {
		d := filepath.Join(src, s)
		if dst == d || strings.HasPrefix(dst, d+string(filepath.Separator)) {
			return fmt.Errorf("destination %s is inside the source folder %s/", dest, s)
		}
	}
	return nil
}
