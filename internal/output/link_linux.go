package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// previous is the output a staging folder replaces, held open so that a
// file the build makes again with the same bytes is linked into the
// staging folder instead of written: no page is written now and none
// freed when the previous output is removed after the swap (a rebuild of
// 10,000 briefings whose files are unchanged). The previous file is
// linked only when it is a regular file with no other name, the size,
// mode, owner and group a new file would have, and the same bytes, read
// back and compared, and the link is made of the file compared. Until the swap
// the previous output keeps every file as it was: a staged file is never
// written in place (see writeNew), and an aborted build removes only the
// staging folder's names. (A file that someone writes in place in the
// previous output during the build, after it was compared, is published
// as written: the output folder is brief's while it builds.)
type previous struct {
	fd       int         // the previous output (O_PATH), or -1
	off      atomic.Bool // a link failed: the file system may not have them
	byPath   atomic.Bool // the kernel does not link an open file (AT_EMPTY_PATH)
	mode     uint32      // permission bits of a new file (0644 less the umask)
	uid, gid uint32      // owner and group of a new file
}

// openPrevious opens dest, brief's previous output, for linking files of
// a build staged in the folder rootFD from it; fd is -1 when there is
// none, or it cannot be.
func openPrevious(dest string, rootFD int) *previous {
	none := &previous{fd: -1}
	if rootFD < 0 {
		return none
	}
	if fi, err := os.Lstat(filepath.Join(dest, MarkerName)); err != nil || !fi.Mode().IsRegular() {
		return none // not brief's output, or none
	}
	var st unix.Stat_t
	if unix.Fstat(rootFD, &st) != nil {
		return none
	}
	var fd int
	if retry(func() (err error) {
		fd, err = unix.Open(dest, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		return err
	}) != nil {
		return none
	}
	// The staging folder was made 0755 less the umask, with the owner and
	// group its files get.
	return &previous{fd: fd, mode: 0o644 & st.Mode, uid: st.Uid, gid: st.Gid}
}

func (pr *previous) close() {
	if pr.fd >= 0 {
		unix.Close(pr.fd)
		pr.fd = -1
	}
}

// compareBuffers hold pieces of previous files being compared.
var compareBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// link links the previous output's file rel into the folder rootFD at the
// same path, when it holds exactly data; false leaves the file to be
// written.
func (pr *previous) link(rootFD int, rel string, data []byte) bool {
	if pr.fd < 0 || rootFD < 0 || pr.off.Load() {
		return false
	}
	var fd int
	if retry(func() (err error) {
		fd, err = unix.Openat(pr.fd, rel, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
		return err
	}) != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 || st.Size != int64(len(data)) ||
		st.Mode&0o7777 != pr.mode || st.Uid != pr.uid || st.Gid != pr.gid || !sameBytes(fd, data) {
		return false
	}
	// The open file itself (Linux 6.10 lets its opener link it): no
	// lookup, and no other file can have taken its name since.
	if !pr.byPath.Load() {
		err := retry(func() error { return unix.Linkat(fd, "", rootFD, rel, unix.AT_EMPTY_PATH) })
		if err == nil {
			return true
		}
		if err != unix.ENOENT && err != unix.EPERM {
			return pr.failed(err)
		}
		pr.byPath.Store(true) // an older kernel
	}
	if err := retry(func() error { return unix.Linkat(pr.fd, rel, rootFD, rel, 0) }); err != nil {
		return pr.failed(err)
	}
	// The name linked must still be the file compared.
	var linked unix.Stat_t
	if unix.Fstatat(rootFD, rel, &linked, unix.AT_SYMLINK_NOFOLLOW) == nil && linked.Dev == st.Dev && linked.Ino == st.Ino {
		return true
	}
	unix.Unlinkat(rootFD, rel, 0)
	return false
}

// failed is link's false after a link failed with err, turning linking
// off unless the staged file was there already (put twice: written then).
func (pr *previous) failed(err error) bool {
	if err != unix.EEXIST {
		pr.off.Store(true) // a file system without links
	}
	return false
}

// sameBytes reports whether the open file fd, of len(data) bytes, holds
// data.
func sameBytes(fd int, data []byte) bool {
	bp := compareBuffers.Get().(*[]byte)
	defer compareBuffers.Put(bp)
	buf := *bp
	for len(data) > 0 {
		var n int
		err := retry(func() (err error) {
			n, err = unix.Read(fd, buf[:min(len(buf), len(data))])
			return err
		})
		if err != nil || n == 0 || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// writeNew writes data to a new file rel in the folder dirfd, named full
// in errors: a file already there (put twice, or linked from the previous
// output) is removed first, never written in place.
func writeNew(dirfd int, rel, full string, data []byte) error {
	err := writeFileFlags(dirfd, rel, full, data, unix.O_EXCL)
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	if err := retry(func() error { return unix.Unlinkat(at(dirfd), pick(dirfd, rel, full), 0) }); err != nil {
		return &fs.PathError{Op: "remove", Path: full, Err: err}
	}
	return writeFileFlags(dirfd, rel, full, data, unix.O_EXCL)
}
