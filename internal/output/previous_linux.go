package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// previous is brief's previous output in the destination of a staging
// folder, held open so that a file the build makes again with the same
// bytes is kept where it is instead of written: a rebuild of 10,000
// briefings whose files are unchanged writes, links and removes nothing
// but what changed. A previous file is kept only when it is a regular
// file with no other name, the mode, owner and group a new file would
// have, and the same bytes, read back and compared. Nothing in the
// destination changes before Commit: a failed or interrupted build leaves
// it as it was. (A file that someone writes in the previous output during
// the build, after it was compared, is published as written: the output
// folder is brief's while it builds.)
type previous struct {
	fd       int    // the previous output (O_PATH), or -1
	mode     uint32 // permission bits of a new file (0644 less the umask)
	uid, gid uint32 // owner and group of a new file
}

// openPrevious opens dest, brief's previous output, for keeping files of
// a build staged in the folder rootFD; fd is -1 when there is none, or it
// cannot be.
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

// same reports whether the previous output's file rel holds exactly data,
// and is a file a new one would equal: regular, with no other name, and
// the mode, owner and group a new file would have.
func (pr *previous) same(rel string, data []byte) bool {
	if pr.fd < 0 {
		return false
	}
	fd, err := pr.openBeneath(rel, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_NOCTTY)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	return unix.Fstat(fd, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Nlink == 1 && st.Size == int64(len(data)) &&
		st.Mode&0o7777 == pr.mode && st.Uid == pr.uid && st.Gid == pr.gid && sameBytes(fd, data)
}

// openBeneath opens rel in the previous output through no symbolic link
// (nor out of it): a link there, which brief never writes, is never
// followed to a file or folder elsewhere.
func (pr *previous) openBeneath(rel string, flags uint64) (int, error) {
	how := unix.OpenHow{Flags: flags | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat2(pr.fd, rel, &how)
		return err
	})
	return fd, err
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

// stage puts the kept file rel of the previous output into the staging
// folder w (for a swap after all): linked, or copied where the file
// system has no links.
func (pr *previous) stage(w *dirWriter, rel string) error {
	_, full, err := w.folder(rel)
	if err != nil {
		return err
	}
	if retry(func() error { return unix.Linkat(pr.fd, rel, w.rootFD, rel, 0) }) == nil {
		return nil
	}
	fd, err := pr.openBeneath(rel, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_NOCTTY)
	if err != nil {
		return &fs.PathError{Op: "open", Path: rel, Err: err}
	}
	f := os.NewFile(uintptr(fd), rel)
	data, err := readAll(f)
	f.Close()
	if err != nil {
		return err
	}
	return writeNew(w.rootFD, rel, full, data)
}

func readAll(f *os.File) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(f)
	return b.Bytes(), err
}

// updateInPlace makes the previous output the new one where the build
// kept most files (produced, sorted, each once): it moves the staged
// files (sorted) over their targets and removes the files the build did
// not make (of files, what the check's walk saw: relative paths) and the
// folders they leave empty, and writes the marker. Before it moves
// anything, the marker lists the old files and the new, so that a build
// killed half way leaves a folder the next one replaces. It returns false,
// having changed nothing, when a staged file's path is a folder there or
// lies under a file or a symbolic link (never followed to write
// elsewhere): the build is then swapped in as usual.
func (pr *previous) updateInPlace(dest string, rootFD int, produced, staged, files []string) (bool, error) {
	for _, p := range staged {
		// Its folder must be one there, reached through folders only, or
		// missing (and made); its path must not be a folder.
		if dir := path.Dir(p); dir != "." {
			fd, err := pr.openBeneath(dir, unix.O_PATH|unix.O_DIRECTORY)
			if err == nil {
				unix.Close(fd)
			} else if err != unix.ENOENT {
				return false, nil // a file, or a symbolic link, on the way
			}
		}
		var st unix.Stat_t
		if unix.Fstatat(pr.fd, p, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
			return false, nil
		}
	}
	slices.Sort(files)
	var gone, listed []string
	for i, j := 0, 0; i < len(files); i++ {
		for j < len(produced) && produced[j] < files[i] {
			j++
		}
		if j < len(produced) && produced[j] == files[i] {
			continue
		}
		gone = append(gone, files[i])
		if f := files[i]; f != MarkerName && f != IDName {
			listed = append(listed, f)
		}
	}
	if err := ClearID(dest); err != nil {
		return true, err
	}
	if len(listed) > 0 || len(staged) > 0 {
		listed = append(listed, produced...)
		slices.Sort(listed)
		if err := writeSortedMarker(dest, slices.Compact(listed)); err != nil {
			return true, err
		}
	}
	made := map[string]bool{}
	for _, p := range staged {
		err := retry(func() error { return unix.Renameat(rootFD, p, pr.fd, p) })
		if err == unix.ENOENT {
			if err = pr.mkdirAll(path.Dir(p), made); err == nil {
				err = retry(func() error { return unix.Renameat(rootFD, p, pr.fd, p) })
			}
		}
		if err != nil {
			return true, &fs.PathError{Op: "rename", Path: filepath.Join(dest, p), Err: err}
		}
	}
	emptied := map[string]bool{}
	for _, f := range gone {
		if f == MarkerName {
			continue
		}
		if err := retry(func() error { return unix.Unlinkat(pr.fd, f, 0) }); err != nil && err != unix.ENOENT {
			return true, &fs.PathError{Op: "remove", Path: filepath.Join(dest, f), Err: err}
		}
		for d := path.Dir(f); d != "." && !emptied[d]; d = path.Dir(d) {
			emptied[d] = true
		}
	}
	dirs := slices.Collect(func(yield func(string) bool) {
		for d := range emptied {
			if !yield(d) {
				return
			}
		}
	})
	// Deepest first: a folder's folders go before it.
	slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range dirs {
		unix.Unlinkat(pr.fd, d, unix.AT_REMOVEDIR) // fails when not empty
	}
	return true, writeSortedMarker(dest, produced)
}

// mkdirAll makes the folder rel of the previous output and its parents.
func (pr *previous) mkdirAll(rel string, made map[string]bool) error {
	if rel == "." || made[rel] {
		return nil
	}
	if err := pr.mkdirAll(path.Dir(rel), made); err != nil {
		return err
	}
	if err := retry(func() error { return unix.Mkdirat(pr.fd, rel, 0o755) }); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	made[rel] = true
	return nil
}

// writeNew writes data to a new file rel in the folder dirfd, named full
// in errors: a file already there (put twice) is removed first, never
// written in place.
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
