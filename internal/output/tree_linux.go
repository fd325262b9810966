package output

import (
	"errors"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"

	"brief/internal/dirents"
)

// walkTree calls fn for everything under dir but dir itself, each folder
// before what it holds, with its path relative to dir and whether it is a
// folder; symbolic links are not followed and count as files. fn may
// return fs.SkipAll to stop. Each folder is opened by name in the folder
// already open, and listed without a lookup per entry: filepath.WalkDir
// opens each by its whole path, and sorts and allocates an entry for
// each (a previous output of 10,000 briefings holds 17,800 folders).
func walkTree(dir string, fn func(rel string, isDir bool) error) error {
	fd, err := openFolder(unix.AT_FDCWD, dir)
	if err != nil {
		return &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	w := treeWalker{root: dir, fn: fn, buf: make([]byte, dirents.BufSize)}
	err = w.walk(fd, "")
	unix.Close(fd)
	if errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

type treeWalker struct {
	root string
	fn   func(rel string, isDir bool) error
	buf  []byte // the listing buffer, free again before walking a subfolder
}

// walk lists the open folder fd, at rel, and then walks its folders.
func (w *treeWalker) walk(fd int, rel string) error {
	var dirs []string
	err := dirents.List(fd, w.buf, func(name []byte, typ uint8) error {
		r := string(name)
		if rel != "" {
			r = rel + string(filepath.Separator) + r
		}
		if typ == unix.DT_UNKNOWN {
			var st unix.Stat_t
			if err := retry(func() error { return unix.Fstatat(fd, string(name), &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
				return &fs.PathError{Op: "lstat", Path: filepath.Join(w.root, r), Err: err}
			}
			if st.Mode&unix.S_IFMT == unix.S_IFDIR {
				typ = unix.DT_DIR
			}
		}
		isDir := typ == unix.DT_DIR
		if isDir {
			dirs = append(dirs, r)
		}
		return w.fn(r, isDir)
	})
	if err != nil {
		var pe *fs.PathError
		if errors.Is(err, fs.SkipAll) || errors.As(err, &pe) {
			return err
		}
		return &fs.PathError{Op: "readdirent", Path: filepath.Join(w.root, rel), Err: err}
	}
	for _, d := range dirs {
		sub, err := openFolder(fd, filepath.Base(d))
		if err != nil {
			return &fs.PathError{Op: "open", Path: filepath.Join(w.root, d), Err: err}
		}
		err = w.walk(sub, d)
		unix.Close(sub)
		if err != nil {
			return err
		}
	}
	return nil
}

// openFolder opens the folder name in the folder dirfd for listing, not
// following a symbolic link.
func openFolder(dirfd int, name string) (int, error) {
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		return err
	})
	return fd, err
}

// openRemover returns what removes a file or an empty folder by its path
// relative to dir, which stays open until done is called: one unlinkat
// each, not a walk of dir's whole path.
func openRemover(dir string) (rm func(rel string, folder bool) error, done func(), err error) {
	var fd int
	err = retry(func() (err error) {
		fd, err = unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	rm = func(rel string, folder bool) error {
		flags := 0
		if folder {
			flags = unix.AT_REMOVEDIR
		}
		if err := retry(func() error { return unix.Unlinkat(fd, rel, flags) }); err != nil {
			return &fs.PathError{Op: "remove", Path: filepath.Join(dir, rel), Err: err}
		}
		return nil
	}
	return rm, func() { unix.Close(fd) }, nil
}
