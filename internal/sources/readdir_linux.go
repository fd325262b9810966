package sources

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"brief/internal/dirents"
)

// ReadDir lists folder name as root.FS() does, sorted by name, but takes
// each entry's type from the folder listing itself: os.Root's ReadDir
// looks every entry up (an lstat each: 10,000 for a site of 10,000
// briefings) in case its FileInfo is asked for, which the walk asks only
// of the sources it keeps when the build cache compares them. An entry's
// Info looks it up through os.Root, when asked. A folder the quick way
// does not list (a symbolic link that leads out, an error, a file system
// that does not give types) is listed by root.FS(), so that what is
// refused and the messages stay its own.
func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if out, ok := s.readDir(name, false); ok {
		return out, nil
	}
	return s.rootFS.ReadDir(name)
}

// infoFS is a siteFS whose listings look up each regular file's FileInfo
// as they list it, by name in the folder already open (one fstatat), for
// a walk that asks every file's (WalkInfo): through os.Root, a lookup
// opens each folder of the path again, 5 system calls instead of 1
// (10,000 briefings: about 0.05 s of CPU).
type infoFS struct{ *siteFS }

func (s infoFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if out, ok := s.readDir(name, true); ok {
		return out, nil
	}
	return s.rootFS.ReadDir(name)
}

// withInfo is fsys for a walk that asks every regular file's FileInfo.
func withInfo(fsys fs.FS) fs.FS {
	if s, ok := fsys.(*siteFS); ok {
		return infoFS{s}
	}
	return fsys
}

func (s *siteFS) readDir(name string, info bool) ([]fs.DirEntry, bool) {
	defer runtime.KeepAlive(s) // s.fd stays open until the listing is done
	if !fs.ValidPath(name) || noOpenat2.Load() {
		return nil, false
	}
	fd, ok := s.openBeneath(name, unix.O_DIRECTORY)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	var ents []*dirEntry
	err := dirents.List(fd, make([]byte, dirents.BufSize), func(b []byte, typ uint8) error {
		mode, ok := direntMode(typ)
		if !ok {
			return errUntyped // DT_UNKNOWN: root.FS() looks it up
		}
		entry := string(b)
		d := &dirEntry{fsys: s, dir: name, name: entry, typ: mode}
		if info && mode.IsRegular() {
			// Not following a link: what the entry is, as Lstat says.
			var st unix.Stat_t
			if retry(func() error { return unix.Fstatat(fd, entry, &st, unix.AT_SYMLINK_NOFOLLOW) }) == nil &&
				st.Mode&unix.S_IFMT == unix.S_IFREG {
				d.info = newStatInfo(entry, &st)
			}
		}
		ents = append(ents, d)
		return nil
	})
	if err != nil {
		return nil, false
	}
	// Sorted as entries of this type, not through fs.DirEntry's Name: the
	// listing of content/briefings at 100,000 briefings sorted in 60 ms
	// that way, alone before any source is read.
	slices.SortFunc(ents, func(a, b *dirEntry) int { return strings.Compare(a.name, b.name) })
	var out []fs.DirEntry // nil for an empty folder, as before
	if len(ents) > 0 {
		out = make([]fs.DirEntry, len(ents))
	}
	var names []string
	if s.listed != nil {
		names = make([]string, 0, len(ents))
	}
	for i, d := range ents {
		out[i] = d
		if s.listed != nil && d.typ.IsRegular() {
			names = append(names, d.name)
		}
	}
	if s.listed != nil {
		s.listed.keep(name, names)
	}
	return out, true
}

// errUntyped stops a listing that gives an entry without its type.
var errUntyped = errors.New("a listing entry without its type")

// direntMode is the type bits of a listing's d_type, as fs.FileMode.
func direntMode(t uint8) (fs.FileMode, bool) {
	switch t {
	case unix.DT_REG:
		return 0, true
	case unix.DT_DIR:
		return fs.ModeDir, true
	case unix.DT_LNK:
		return fs.ModeSymlink, true
	case unix.DT_FIFO:
		return fs.ModeNamedPipe, true
	case unix.DT_SOCK:
		return fs.ModeSocket, true
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case unix.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

// dirEntry is an entry of a listing whose FileInfo is looked up, through
// os.Root, when asked for.
type dirEntry struct {
	fsys      *siteFS
	dir, name string
	typ       fs.FileMode
	info      *statInfo // looked up as listed (infoFS), a regular file's
}

func (d *dirEntry) Name() string      { return d.name }
func (d *dirEntry) IsDir() bool       { return d.typ.IsDir() }
func (d *dirEntry) Type() fs.FileMode { return d.typ }
func (d *dirEntry) String() string    { return fs.FormatDirEntry(d) }
func (d *dirEntry) Info() (fs.FileInfo, error) {
	if d.info != nil {
		return d.info, nil
	}
	return d.fsys.Lstat(path.Join(d.dir, d.name))
}

// statInfo is a regular file's FileInfo from fstatat, as os.Lstat makes
// it: Sys is a *syscall.Stat_t.
type statInfo struct {
	name string
	st   syscall.Stat_t
}

func newStatInfo(name string, st *unix.Stat_t) *statInfo {
	ts := func(t unix.Timespec) syscall.Timespec { return syscall.Timespec{Sec: t.Sec, Nsec: t.Nsec} }
	return &statInfo{name: name, st: syscall.Stat_t{Dev: st.Dev, Ino: st.Ino, Nlink: st.Nlink, Mode: st.Mode, Uid: st.Uid, Gid: st.Gid,
		Rdev: st.Rdev, Size: st.Size, Blksize: st.Blksize, Blocks: st.Blocks, Atim: ts(st.Atim), Mtim: ts(st.Mtim), Ctim: ts(st.Ctim)}}
}

func (fi *statInfo) Name() string { return fi.name }
func (fi *statInfo) Size() int64  { return fi.st.Size }
func (fi *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.st.Mode & 0o777)
	if fi.st.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.st.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.st.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
func (fi *statInfo) ModTime() time.Time { return time.Unix(fi.st.Mtim.Unix()) }
func (fi *statInfo) IsDir() bool        { return false }
func (fi *statInfo) Sys() any           { return &fi.st }
