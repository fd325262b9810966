// Package output writes a built site. Pages stream in from parallel render
// workers; a full build lands in a staging folder that replaces the old
// output only when the whole build succeeded, so a failed build leaves the
// previous site untouched and files of removed briefings never linger.
//
// The output folder is the user's too: brief replaces only a folder it made
// (marked with MarkerName, the list of the files it wrote), and never one
// holding files it did not write, a file, the root, a home folder or the
// site's own sources.
package output

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Sink receives the files of a build. Put is called from many goroutines.
type Sink interface {
	// Put stores a file. It must not keep data, which the caller reuses.
	Put(p string, data []byte) error
	Remove(p string) error
}

// LazySink is a sink that can hold a file made only when it is first read:
// the dev server resizes an image when a page asks for it, not at every
// build. PutLazy keeps make for p and returns true, or returns false when
// the sink wants the file now (Put). make may be called from any
// goroutine, more than once.
type LazySink interface {
	Sink
	PutLazy(p string, make func() ([]byte, error)) bool
}

// StreamSink is a sink that can take a file as it is made, so that the few
// large files of a one-shot build (the data files, the funding tracker,
// the sitemap) go to disk in pieces instead of being held whole. The file
// is part of the output once Close returns nil; Close must be called in
// any case.
type StreamSink interface {
	Sink
	Create(p string) (io.WriteCloser, error)
}

// ReadSink is a sink that gives back the file it holds at a path before
// the build changes it, for an update that makes a large file again by
// splicing new parts into its last bytes. ReadBack returns an error when
// it holds none there.
type ReadSink interface {
	Sink
	ReadBack(p string) ([]byte, error)
}

// Memory keeps a build's files in memory (the dev server's site).
type Memory struct {
	mu      sync.Mutex
	Files   map[string][]byte
	Removed []string
	// Lazy holds the files of a NewLazyMemory that are made on first use.
	Lazy map[string]func() ([]byte, error)
}

// NewMemory makes an empty in-memory sink that makes every file at once.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// NewLazyMemory makes an empty in-memory sink that keeps lazy files as
// their makers, in Lazy, for the dev server to run on first request.
func NewLazyMemory() *Memory {
	return &Memory{Files: map[string][]byte{}, Lazy: map[string]func() ([]byte, error){}}
}

// PutLazy keeps make in Lazy; a sink from NewMemory refuses, and gets the
// file through Put.
func (m *Memory) PutLazy(p string, make func() ([]byte, error)) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Lazy == nil {
		return false
	}
	delete(m.Files, p)
	m.Lazy[p] = make
	return true
}

// Put stores a file.
func (m *Memory) Put(p string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	delete(m.Lazy, p)
	m.Files[p] = data
	m.mu.Unlock()
	return nil
}

// ReadBack returns the file stored at p (not a lazy one), which the
// caller must not change.
func (m *Memory) ReadBack(p string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.Files[p]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return data, nil
}

// Remove records a file that is no longer part of the site.
func (m *Memory) Remove(p string) error {
	m.mu.Lock()
	delete(m.Files, p)
	delete(m.Lazy, p)
	m.Removed = append(m.Removed, p)
	m.mu.Unlock()
	return nil
}

// Paths lists the stored files, lazy ones included, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.Files)+len(m.Lazy))
	for p := range m.Files {
		out = append(out, p)
	}
	for p := range m.Lazy {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// dirWriter writes files under a root folder, creating parents once.
// Folders get mode 0755 and files 0644, less the umask, as with any tool.
type dirWriter struct {
	root string
	// plainRoot says that root is joined to a clean output path by a
	// slash between them (see joinsPlainly).
	plainRoot bool
	// rootFD is root held open, or -1: a staging folder makes its files
	// and folders by their paths relative to it (shorter lookups).
	rootFD int
	mu     sync.Mutex
	// shared are the folders found made already when a file was put in
	// them, by output path (path.Dir of a file's): the few that hold
	// several files (search/f holds one per briefing). The keys share
	// the bytes of the paths the build holds anyway.
	shared map[string]bool
}

// joinsPlainly says whether filepath.Join(root, p) is root, a slash and
// p for every p that plainPath accepts: a clean root other than "/" and
// ".", where the separator is a slash.
func joinsPlainly(root string) bool {
	return filepath.Separator == '/' && root != "/" && root != "." && filepath.Clean(root) == root
}

func (w *dirWriter) write(p string, data []byte, atomic bool) error {
	dir, full, err := w.folder(p)
	if err != nil {
		return err
	}
	if !atomic {
		return writeFileAt(w.rootFD, p, full, data)
	}
	return writeAtomic(dir, full, data)
}

// mkdir makes the folder dir, the output path rel, and its parents. Most
// folders hold one file (a page's index.html), so the folder is made
// first, with one mkdir call, and its parent only when that call finds it
// missing: os.MkdirAll looks up each parent first, and remembering every
// folder made (175,000 of them at 100,000 briefings) cost more than the
// calls it saved. A folder found made already is remembered, so that the
// files of the few folders that hold many cost no call. The root (".")
// is made with the writer.
func (w *dirWriter) mkdir(rel, dir string) error {
	if rel == "." {
		return nil
	}
	w.mu.Lock()
	done := w.shared[rel]
	w.mu.Unlock()
	if done {
		return nil
	}
	err := mkdirAt(w.rootFD, rel, dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := w.mkdir(w.parent(rel, dir)); err != nil {
			return err
		}
		err = mkdirAt(w.rootFD, rel, dir)
	}
	if errors.Is(err, fs.ErrExist) {
		w.mu.Lock()
		if w.shared == nil {
			w.shared = map[string]bool{}
		}
		w.shared[rel] = true
		w.mu.Unlock()
		return nil
	}
	return err
}

// parent is the parent of the folder dir, the output path rel (clean,
// as the paths CheckPath accepts and their folders are): path.Dir of rel
// and filepath.Dir of dir, found without cleaning them again where dir is
// the root, a slash and rel.
func (w *dirWriter) parent(rel, dir string) (string, string) {
	if !w.plainRoot || len(dir) != len(w.root)+1+len(rel) || dir[len(w.root)+1:] != rel || dir[:len(w.root)] != w.root {
		return path.Dir(rel), filepath.Dir(dir)
	}
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i], dir[:len(w.root)+1+i]
	}
	return ".", w.root
}

// folder makes the folder of output path p and returns it with the file's
// own path.
func (w *dirWriter) folder(p string) (dir, full string, err error) {
	rel, dir, full, err := w.locate(p)
	if err != nil {
		return "", "", err
	}
	return dir, full, w.mkdir(rel, dir)
}

// locate checks the output path p (CheckPath) and gives its folder as an
// output path and under the root, and the file's own path.
func (w *dirWriter) locate(p string) (rel, dir, full string, err error) {
	if rel, dir, full, ok := w.join(p); ok {
		return rel, dir, full, nil
	}
	if err := CheckPath(p); err != nil {
		return "", "", "", err
	}
	full = filepath.Join(w.root, filepath.FromSlash(p))
	return path.Dir(p), filepath.Dir(full), full, nil
}

// join gives what folder makes of a path that plainPath accepts: its
// folder as an output path and under the root, and the file's own path
// under the root; the root and the path are clean already, so they are
// joined without cleaning them again. For any other path, or root, ok is
// false.
func (w *dirWriter) join(p string) (rel, dir, full string, ok bool) {
	if !w.plainRoot || !plainPath(p) {
		return "", "", "", false
	}
	full = w.root + "/" + p
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i], full[:len(w.root)+1+i], full, true
	}
	return ".", w.root, full, true
}

// writeAtomic replaces full by renaming a new file over it, so that a reader
// sees the old bytes or the new ones, never a mix.
func writeAtomic(dir, full string, data []byte) error {
	tmp, err := writeTemp(dir, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, full); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data into a new temporary file in dir, whole or not at
// all, and returns its path.
func writeTemp(dir string, data []byte) (string, error) {
	var f *os.File
	tmp, err := unique(dir, tmpPrefix, func(name string) (err error) {
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		return err
	})
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// unique makes a new file or folder named prefix plus a random suffix in
// dir; make must fail with fs.ErrExist when the name is taken.
func unique(dir, prefix string, make func(name string) error) (string, error) {
	for range 1000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		if err := make(name); !errors.Is(err, fs.ErrExist) {
			return name, err
		}
	}
	return "", fmt.Errorf("cannot find a free name for %s* in %s (hint: remove the folders of that name left there)", prefix, dir)
}

// MaxNameBytes is the longest file or folder name that common file systems
// (ext4, APFS, NTFS) accept.
const MaxNameBytes = 255

// LongNameError is CheckPath's error for a name longer than MaxNameBytes.
type LongNameError struct{ Path, Name string }

func (e *LongNameError) Error() string {
	return fmt.Sprintf("output path %q has a name of %d bytes, more than the %d a file system accepts", e.Path, len(e.Name), MaxNameBytes)
}

// CheckPath refuses output paths that could land outside the output folder,
// that could not be listed one per line in the marker, or that a file
// system cannot hold. Every sink that writes to disk checks each path with
// it, and the build checks every path it plans, so that brief check (which
// writes nothing) refuses what brief build would.
func CheckPath(p string) error {
	if plainPath(p) {
		return nil // the usual case, in one pass
	}
	return checkPath(p)
}

// checkPath is CheckPath's every check, one at a time.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") ||
		strings.ContainsFunc(p, unicode.IsControl) {
		return fmt.Errorf("refusing to write unsafe output path %q", p)
	}
	for name := range strings.SplitSeq(p, "/") {
		if len(name) > MaxNameBytes {
			return &LongNameError{Path: p, Name: name}
		}
	}
	return nil
}

// plainPath says, in one pass over its bytes, that CheckPath accepts p:
// relative, its names neither empty nor "." or ".." nor longer than
// MaxNameBytes, without backslashes or control characters (C1 controls are
// the only characters whose UTF-8 begins with 0xC2 and a byte of 0x80 to
// 0x9F: any 0xC2 is left to CheckPath's own checks). False says only that
// those must look.
func plainPath(p string) bool {
	if p == "" || p[0] == '/' {
		return false
	}
	name := 0 // where the current name begins
	for i := 0; i < len(p); i++ {
		switch pathByte[p[i]] {
		case slash:
			if !plainName(p[name:i]) {
				return false
			}
			name = i + 1
		case unplain:
			return false
		}
	}
	return plainName(p[name:])
}

// pathByte sorts bytes for plainPath.
var pathByte = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = unplain
	}
	t[0x7f], t['\\'], t[0xC2], t['/'] = unplain, unplain, unplain, slash
	return t
}()

const (
	slash   = 1
	unplain = 2
)

func plainName(n string) bool {
	return n != "" && n != "." && n != ".." && len(n) <= MaxNameBytes
}

// Staging is a full build being written beside its destination, which it
// replaces on Commit only if that is a folder brief made, holding nothing
// but files brief wrote (see MarkerName). Abort may be called from another
// goroutine at any moment (on an interrupt): it waits for writes in flight,
// and the staging folder is gone when it returns.
type Staging struct {
	dirWriter
	dest  string    // the real destination, symbolic links resolved
	shown string    // the destination as named, for messages
	prev  *previous // the output it replaces, to link unchanged files from

	mu   sync.RWMutex // Put holds it shared, Commit and Abort alone
	done bool         // committed or aborted: nothing more is written

	pathsMu sync.Mutex
	puts    []put // every file written or kept, in order
}

// put is a file of the build: written into the staging folder, or kept
// where the previous output holds it already (see previous).
type put struct {
	p    string
	kept bool
	n    int32 // its place among the puts
}

// record notes the file p of the build.
func (s *Staging) record(p string, kept bool) {
	s.pathsMu.Lock()
	s.puts = append(s.puts, put{p, kept, int32(len(s.puts))})
	s.pathsMu.Unlock()
}

// settle lists the build's files, sorted, each once, and which of them
// are written into the staging folder and which kept in the previous
// output: a file put twice is what it was put last.
func (s *Staging) settle() (produced, staged, kept []string) {
	// Not a stable sort: at 100,000 briefings its merges took a fifth
	// of a second at the end of the build, after every page.
	slices.SortFunc(s.puts, func(a, b put) int {
		if c := strings.Compare(a.p, b.p); c != 0 {
			return c
		}
		return cmp.Compare(a.n, b.n)
	})
	produced = make([]string, 0, len(s.puts))
	for i, f := range s.puts {
		if i+1 < len(s.puts) && s.puts[i+1].p == f.p {
			continue
		}
		produced = append(produced, f.p)
		if f.kept {
			kept = append(kept, f.p)
		}
	}
	if len(kept) == 0 {
		return produced, produced, nil // a build into a new folder
	}
	staged = make([]string, 0, len(produced)-len(kept))
	for i, j := 0, 0; i < len(produced); i++ {
		if j < len(kept) && kept[j] == produced[i] {
			j++
		} else {
			staged = append(staged, produced[i])
		}
	}
	return produced, staged, kept
}

// errStopped is what writes get once a staging folder is committed or aborted.
var errStopped = errors.New("the build was stopped")

// NewStaging prepares a fresh folder beside dest, after removing what an
// interrupted build left there and refusing a dest that is the root, a home
// folder, a file, or a folder brief did not make. Commit swaps it in.
func NewStaging(dest string) (*Staging, error) {
	real, err := realPath(dest)
	if err != nil {
		return nil, destError(dest, err)
	}
	if err := checkSpecial(dest, real); err != nil {
		return nil, err
	}
	if err := tidyLeftovers(real); err != nil {
		return nil, err
	}
	if err := checkFolder(dest, real, nil, nil); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		return nil, err
	}
	root, err := unique(filepath.Dir(real), stagingPrefix(real), func(name string) error { return os.Mkdir(name, 0o755) })
	if err != nil {
		return nil, err
	}
	fd := openRootFD(root)
	return &Staging{dirWriter: dirWriter{root: root, plainRoot: joinsPlainly(root), rootFD: fd}, dest: real, shown: dest, prev: openPrevious(real, fd)}, nil
}

// Put writes a file into the staging folder.
func (s *Staging) Put(p string, data []byte) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.done {
		return errStopped
	}
	rel, dir, full, err := s.locate(p)
	if err != nil {
		return err
	}
	if s.prev.same(p, data) {
		s.record(p, true)
		return nil
	}
	if err := s.mkdir(rel, dir); err != nil {
		return err
	}
	if err := writeNew(s.rootFD, p, full, data); err != nil {
		return err
	}
	s.record(p, false)
	return nil
}

// Create opens a file of the staging folder for writing. Until it is
// closed, the build can be neither committed nor aborted.
func (s *Staging) Create(p string) (io.WriteCloser, error) {
	s.mu.RLock()
	if s.done {
		s.mu.RUnlock()
		return nil, errStopped
	}
	_, full, err := s.folder(p)
	var f *os.File
	if err == nil {
		f, err = createNew(full)
	}
	if err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	return &stagedFile{File: f, s: s, p: p}, nil
}

// createNew creates the file full for writing, removing first a file
// already there (put twice), never writing it in place.
func createNew(full string) (*os.File, error) {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if !errors.Is(err, fs.ErrExist) {
		return f, err
	}
	if err := os.Remove(full); err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// stagedFile is a file being written into a staging folder.
type stagedFile struct {
	*os.File
	s *Staging
	p string
}

// Rewind takes back all that was written to the file, for a page that is
// made again from its start (render.Rewinder).
func (f *stagedFile) Rewind() error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return f.Truncate(0)
}

func (f *stagedFile) Close() error {
	defer f.s.mu.RUnlock()
	if err := f.File.Close(); err != nil {
		return err
	}
	f.s.record(f.p, false)
	return nil
}

// Remove is a no-op: a staging folder only ever holds the new site.
func (s *Staging) Remove(string) error { return nil }

// Commit marks the staged site as brief's and replaces dest with it, after
// checking dest once more: a file put there during the build is not lost.
// Where the build kept most of the previous output's files, that output
// is brought up to date in place; otherwise the staging folder is swapped
// in. On error the staged files are gone and dest is as it was (but for a
// failure half way through an update in place: see updateInPlace).
func (s *Staging) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errStopped
	}
	s.done = true
	defer s.prev.close()
	produced, staged, kept := s.settle()
	// The files written, needed only to replace an output without a
	// marker, which an older brief made.
	written := func() map[string]bool {
		m := make(map[string]bool, len(produced))
		for _, p := range produced {
			m[p] = true
		}
		return m
	}
	var seen tree
	err := checkFolder(s.shown, s.dest, written, &seen)
	if err == nil && len(kept) > 0 && 2*len(staged) <= len(produced) {
		var tried bool
		tried, err = s.prev.updateInPlace(s.dest, s.rootFD, produced, staged, seen.files)
		if tried {
			closeRootFD(s.rootFD)
			if rerr := os.RemoveAll(s.root); err == nil {
				err = rerr
			}
			return err
		}
	}
	for _, p := range kept {
		if err == nil {
			err = s.prev.stage(&s.dirWriter, p)
		}
	}
	closeRootFD(s.rootFD)
	if err == nil {
		err = writeSortedMarker(s.root, produced)
	}
	if err == nil {
		err = s.swap(seen)
	}
	if err != nil {
		os.RemoveAll(s.root)
	}
	return err
}

// swap renames the staged folder into place, moving the previous output
// aside first and removing it after. A build stopped between the two renames
// leaves the previous output beside dest, where the next one finds it.
// seen is what the check before the swap saw in dest.
func (s *Staging) swap(seen tree) error {
	old := ""
	if _, err := os.Lstat(s.dest); err == nil {
		old = s.root + ".old"
		if err := os.Rename(s.dest, old); err != nil {
			return fmt.Errorf("moving the previous output aside: %w (hint: check that the folder that holds it is writable)", err)
		}
	}
	if err := os.Rename(s.root, s.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, s.dest)
		}
		return fmt.Errorf("installing the new output: %w (hint: check that the folder that holds it is writable)", err)
	}
	if old != "" {
		return removeTree(old, seen)
	}
	return nil
}

// Abort throws the staged files away; dest is untouched. After Commit it
// does nothing.
func (s *Staging) Abort() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	closeRootFD(s.rootFD)
	s.prev.close()
	return os.RemoveAll(s.root)
}

// Dir updates brief's output folder in place, file by file, each write
// atomic (watch mode, after a full build). It never overwrites or removes a
// file brief did not write, and keeps the folder's marker up to date: call
// Sync after each build.
type Dir struct {
	dirWriter
	mu    sync.Mutex
	owned map[string]bool
	dirty bool
}

// OpenDir opens an output folder that brief made.
func OpenDir(root string) (*Dir, error) {
	real, owned, _, err := openOwned(root)
	if err != nil {
		return nil, err
	}
	// Files change in place from now on: the build cache's record of
	// this output no longer holds.
	if err := ClearID(real); err != nil {
		return nil, err
	}
	return &Dir{dirWriter: dirWriter{root: real, plainRoot: joinsPlainly(real), rootFD: -1}, owned: owned}, nil
}

// openOwned resolves an output folder that brief made and reads the files
// it wrote there from its marker (and their sorted list: readMarkerPaths).
func openOwned(root string) (string, map[string]bool, []string, error) {
	real, err := realPath(root)
	if err != nil {
		return "", nil, nil, destError(root, err)
	}
	owned, sorted, marked, err := readMarkerPaths(real)
	if err != nil {
		return "", nil, nil, err
	}
	if !marked {
		return "", nil, nil, fmt.Errorf("%s was not made by brief (it has no %s file) (hint: choose an empty or new folder, or one brief built)", root, MarkerName)
	}
	return real, owned, sorted, nil
}

// Put replaces a file atomically, skipping the write when the bytes are the same.
func (d *Dir) Put(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	d.mu.Lock()
	mine := d.owned[p]
	d.mu.Unlock()
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if old, err := os.ReadFile(full); err == nil {
		if !mine {
			return fmt.Errorf("refusing to overwrite %s, which brief did not write (hint: move it out of the output folder)", full)
		}
		if bytes.Equal(old, data) {
			return nil
		}
	}
	if err := d.write(p, data, true); err != nil {
		return err
	}
	if !mine {
		d.mu.Lock()
		d.owned[p], d.dirty = true, true
		d.mu.Unlock()
	}
	return nil
}

// Remove deletes a file brief wrote and any folders it leaves empty.
func (d *Dir) Remove(p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	d.mu.Lock()
	mine := d.owned[p]
	if mine {
		delete(d.owned, p)
		d.dirty = true
	}
	d.mu.Unlock()
	if !mine {
		return nil
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

// Sync rewrites the marker when files were added or removed since the
// last Sync.
func (d *Dir) Sync() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.dirty {
		return nil
	}
	if err := writeMarker(d.root, slices.Collect(maps.Keys(d.owned))); err != nil {
		return err
	}
	d.dirty = false
	return nil
}
