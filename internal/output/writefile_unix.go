//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// writeFile writes data to the file full, created or truncated, with one
// open, write and close. os.WriteFile costs four calls more per file
// (os.File tries to add every file to the poller, which refuses regular
// files), which tens of thousands of output files feel. The errors are
// those os.WriteFile returns.
func writeFile(full string, data []byte) error {
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Open(full, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = syscall.Write(fd, data)
			return err
		})
		if err == nil && n == 0 {
			err = syscall.EIO // a regular file that takes nothing: never loop
		}
		data = data[max(n, 0):]
	}
	if err != nil {
		syscall.Close(fd)
		return &fs.PathError{Op: "write", Path: full, Err: err}
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
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
