package sources

import (
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// FS is the site folder root as the build reads it: root.FS(), whose
// symbolic links cannot lead out of the folder, and on Linux a quicker
// ReadFile for sources. os.Root opens each folder of a path in turn and
// hands every file to the poller, which refuses it: 19 system calls to
// stat and read content/briefings/x.md, where openat2 confined beneath
// the folder takes 6. Anything the quick way does not read (a symbolic
// link that leads out, a pipe, an error) is read the usual way, so that
// what is refused and the messages stay root.FS()'s.
func FS(root *os.Root) fs.FS { return newFS(root, false) }

// BuildFS is FS for one build, which lists the site's folders and then
// reads the files it found: a file that a listing of this FS showed as a
// regular file is opened without a stat first (the stat after the open
// still refuses anything else, which is then read the usual way, with the
// usual error). A one-shot build of 10,000 briefings reads each twice:
// 20,000 path lookups fewer. The window in which a file replaced by a
// pipe or a device would be opened (without blocking, O_NONBLOCK) before
// being refused widens from a stat's to the build's; FS, which watch mode
// and the dev server keep for hours, never opens without a stat.
func BuildFS(root *os.Root) fs.FS { return newFS(root, true) }

func newFS(root *os.Root, trustListings bool) fs.FS {
	inner := root.FS()
	rfs, ok := inner.(rootFS)
	if !ok || noOpenat2.Load() {
		return inner
	}
	fd, err := unix.Open(root.Name(), unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return inner
	}
	// The folder opened again must be the root's own.
	var st unix.Stat_t
	fi, err := root.Stat(".")
	if err != nil || unix.Fstat(fd, &st) != nil || !sameFile(fi, &st) {
		unix.Close(fd)
		return inner
	}
	s := &siteFS{rootFS: rfs, fd: fd}
	if trustListings {
		s.listed = &listing{dirs: map[string][]string{}}
	}
	runtime.AddCleanup(s, func(fd int) { unix.Close(fd) }, fd)
	return s
}

// rootFS is what root.FS() offers, all of which siteFS passes on.
type rootFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

// siteFS is root.FS() with the folder open once more for openat2.
type siteFS struct {
	rootFS
	fd     int
	listed *listing // BuildFS's: what its listings showed
}

// listing is what the listings of a BuildFS showed: each folder's regular
// files (not symbolic links: their target's type is not listed), by name,
// sorted. It holds the names of a site's sources once (about 60 bytes a
// source), for as long as the build's FS lives.
type listing struct {
	mu   sync.RWMutex
	dirs map[string][]string
}

// keep records the regular files of the listing of folder dir, sorted.
func (l *listing) keep(dir string, names []string) {
	l.mu.Lock()
	l.dirs[dir] = names
	l.mu.Unlock()
}

// regular reports whether the last listing of p's folder showed p as a
// regular file; false for a nil listing (FS).
func (l *listing) regular(p string) bool {
	if l == nil {
		return false
	}
	l.mu.RLock()
	names := l.dirs[path.Dir(p)]
	l.mu.RUnlock()
	_, ok := slices.BinarySearch(names, path.Base(p))
	return ok
}

// noOpenat2 is set once a kernel says it has no openat2 (before 5.6).
var noOpenat2 atomic.Bool

func sameFile(fi fs.FileInfo, st *unix.Stat_t) bool {
	s, ok := fi.Sys().(*syscall.Stat_t)
	return ok && uint64(s.Dev) == uint64(st.Dev) && uint64(s.Ino) == uint64(st.Ino)
}

// openBeneath opens p for reading, with flags added, confined beneath the
// site folder (no link leads out, no magic links), or returns false for
// the caller to go through root.FS(). A kernel without openat2 turns the
// quick way off for good.
func (s *siteFS) openBeneath(p string, flags uint64) (int, bool) {
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK | unix.O_NOCTTY | flags,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat2(s.fd, p, &how)
		return err
	})
	if err == unix.ENOSYS {
		noOpenat2.Store(true)
	}
	return fd, err == nil
}

// readSource reads the regular file p beneath the site folder, into buf's
// storage when it has room, or returns false for the caller to read it
// through root.FS(). A file that is not regular is never opened for
// reading but for a race with its stat (or, in a BuildFS, with the listing
// that showed it regular), when O_NONBLOCK keeps a pipe from blocking the
// open and fstat refuses it.
func (s *siteFS) readSource(p string, buf []byte) ([]byte, bool) {
	defer runtime.KeepAlive(s) // s.fd stays open until the read is done
	if !fs.ValidPath(p) || noOpenat2.Load() {
		return nil, false
	}
	var st unix.Stat_t
	if !s.listed.regular(p) && (unix.Fstatat(s.fd, p, &st, 0) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG) {
		return nil, false
	}
	fd, ok := s.openBeneath(p, 0)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	// As os.ReadFile: room for the whole file and one byte more, so that
	// the end is seen without growing.
	data := buf[:0]
	if int64(cap(data)) < st.Size+1 {
		data = make([]byte, 0, max(st.Size+1, 512))
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		var n int
		err := retry(func() (err error) {
			n, err = unix.Read(fd, data[len(data):cap(data)])
			return err
		})
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
		if int64(len(data)) == st.Size && len(data) < cap(data) {
			// All that fstat saw, where there was room for more: a
			// regular file reads short only at its end, so the read that
			// would return nothing is not needed (10,000 calls a build).
			return data, true
		}
	}
}

// readAgain reads the file p beneath the site folder, which a listing of
// this BuildFS showed and a read found to be a regular file of size bytes
// (see ReadAgain), into buf's storage when it has room, or returns false
// for the caller to read it the usual way: when it does not read exactly
// size bytes in one read with room for one more. Like readSource's, its
// open cannot block (O_NONBLOCK); FS, which never opens without a stat,
// has no such read.
func (s *siteFS) readAgain(p string, size int, buf []byte) ([]byte, bool) {
	defer runtime.KeepAlive(s) // s.fd stays open until the read is done
	if s.listed == nil || !fs.ValidPath(p) || noOpenat2.Load() {
		return nil, false
	}
	fd, ok := s.openBeneath(p, 0)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	data := buf[:0]
	if cap(data) < size+1 {
		data = make([]byte, 0, max(size+1, 512))
	}
	var n int
	err := retry(func() (err error) {
		n, err = unix.Read(fd, data[:size+1])
		return err
	})
	if err != nil || n != size {
		return nil, false
	}
	return data[:n], true
}

// retry calls f again while a signal interrupts it.
func retry(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}
