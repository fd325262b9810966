package sources

import (
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
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
	if out, ok := s.readDir(name); ok {
		return out, nil
	}
	return s.rootFS.ReadDir(name)
}

func (s *siteFS) readDir(name string) ([]fs.DirEntry, bool) {
	defer runtime.KeepAlive(s) // s.fd stays open until the listing is done
	if !fs.ValidPath(name) || noOpenat2.Load() {
		return nil, false
	}
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC | unix.O_NOCTTY | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat2(s.fd, name, &how)
		return err
	})
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var out []fs.DirEntry
	buf := make([]byte, 32<<10)
	for {
		var n int
		err := retry(func() (err error) {
			n, err = unix.Getdents(fd, buf)
			return err
		})
		if err != nil {
			return nil, false
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: inode, offset, record length, type, name.
			const nameAt = int(unsafe.Offsetof(unix.Dirent{}.Name))
			reclen := int(*(*uint16)(unsafe.Pointer(&b[unsafe.Offsetof(unix.Dirent{}.Reclen)])))
			if reclen < nameAt || reclen > len(b) {
				return nil, false
			}
			typ := b[unsafe.Offsetof(unix.Dirent{}.Type)]
			entry, _, _ := strings.Cut(string(b[nameAt:reclen]), "\x00")
			b = b[reclen:]
			if entry == "." || entry == ".." {
				continue
			}
			mode, ok := direntMode(typ)
			if !ok {
				return nil, false // DT_UNKNOWN: root.FS() looks it up
			}
			out = append(out, &dirEntry{fsys: s, dir: name, name: entry, typ: mode})
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, true
}

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
}

func (d *dirEntry) Name() string               { return d.name }
func (d *dirEntry) IsDir() bool                { return d.typ.IsDir() }
func (d *dirEntry) Type() fs.FileMode          { return d.typ }
func (d *dirEntry) String() string             { return fs.FormatDirEntry(d) }
func (d *dirEntry) Info() (fs.FileInfo, error) { return d.fsys.Lstat(path.Join(d.dir, d.name)) }
