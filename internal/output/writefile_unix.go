//go:build unix

package output

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// writeFile writes data to the file full, created or truncated, with one
// open, write and close. os.WriteFile costs four calls more per file
// (os.File tries to add every file to the poller, which refuses regular
// files), which tens of thousands of output files feel. The errors are
// those os.WriteFile returns.
func writeFile(full string, data []byte) error { return writeFileAt(-1, full, full, data) }

// writeFileAt is writeFile of the file rel in the folder dirfd (or, when
// dirfd is -1, of full), named full in errors.
func writeFileAt(dirfd int, rel, full string, data []byte) error {
	return writeFileFlags(dirfd, rel, full, data, unix.O_TRUNC)
}

// writeFileFlags is writeFileAt opening with O_TRUNC or O_EXCL (how).
func writeFileFlags(dirfd int, rel, full string, data []byte, how int) error {
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat(at(dirfd), pick(dirfd, rel, full), unix.O_WRONLY|unix.O_CREAT|how|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = unix.Write(fd, data)
			return err
		})
		if err == nil && n == 0 {
			err = syscall.EIO // a regular file that takes nothing: never loop
		}
		data = data[max(n, 0):]
	}
	if err != nil {
		unix.Close(fd)
		return &fs.PathError{Op: "write", Path: full, Err: err}
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
}

// mkdirAt makes the folder rel in the folder dirfd (or, when dirfd is -1,
// full), named full in errors, as os.Mkdir does.
func mkdirAt(dirfd int, rel, full string) error {
	if err := retry(func() error { return unix.Mkdirat(at(dirfd), pick(dirfd, rel, full), 0o755) }); err != nil {
		return &fs.PathError{Op: "mkdir", Path: full, Err: err}
	}
	return nil
}

// openRootFD opens the folder dir for making files in it by their paths
// relative to it, or returns -1. Once a build has made tens of thousands,
// the few lookups each saves on the way to the folder add up.
func openRootFD(dir string) int {
	var fd int
	if retry(func() (err error) {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		return err
	}) != nil {
		return -1
	}
	return fd
}

// closeRootFD closes what openRootFD opened.
func closeRootFD(fd int) {
	if fd >= 0 {
		unix.Close(fd)
	}
}

// at is the folder a *at call starts from: dirfd, or the working folder.
func at(dirfd int) int {
	if dirfd < 0 {
		return unix.AT_FDCWD
	}
	return dirfd
}

// pick is the path a *at call takes: rel in dirfd, or full.
func pick(dirfd int, rel, full string) string {
	if dirfd < 0 {
		return full
	}
	return rel
}

// retry calls f again while a signal interrupts it.
func retry(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}

// removeDir removes the empty folder dir with one call (os.Remove tries
// to unlink it as a file first).
func removeDir(dir string) error {
	if err := retry(func() error { return syscall.Rmdir(dir) }); err != nil {
		return &fs.PathError{Op: "remove", Path: dir, Err: err}
	}
	return nil
}
