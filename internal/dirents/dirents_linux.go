// Package dirents lists an open folder with getdents64, giving each
// entry's name and the type the listing itself holds: one system call per
// buffer of entries and no lookup per entry, where os.ReadDir looks up
// nothing either but allocates an entry each and sorts, and fs.WalkDir
// opens each folder again by its whole path.
package dirents

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// BufSize is a listing buffer's usual size: about 700 entries of 30-byte names.
const BufSize = 32 << 10

// ErrBadRecord is List's error for a listing whose records do not add up.
var ErrBadRecord = errors.New("getdents64 returned a malformed record")

// List calls fn with the name and type (unix.DT_REG, DT_DIR, DT_LNK, ...,
// or DT_UNKNOWN where the file system does not say) of each entry of the
// open folder fd but "." and "..", in the order the file system gives
// them, reading into buf (BufSize bytes is plenty). fn must not keep name
// past its call: it is a view of buf. It stops at fn's first error, which
// it returns.
func List(fd int, buf []byte, fn func(name []byte, typ uint8) error) error {
	for {
		var n int
		var err error
		for {
			n, err = unix.Getdents(fd, buf)
			if err != unix.EINTR {
				break
			}
		}
		if err != nil {
			return err
		}
		if n <= 0 {
			return nil
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: inode, offset, record length, type, name.
			const nameAt = int(unsafe.Offsetof(unix.Dirent{}.Name))
			reclen := int(*(*uint16)(unsafe.Pointer(&b[unsafe.Offsetof(unix.Dirent{}.Reclen)])))
			if reclen < nameAt || reclen > len(b) {
				return ErrBadRecord
			}
			typ := b[unsafe.Offsetof(unix.Dirent{}.Type)]
			name := b[nameAt:reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			b = b[reclen:]
			if string(name) == "." || string(name) == ".." {
				continue
			}
			if err := fn(name, typ); err != nil {
				return err
			}
		}
	}
}
