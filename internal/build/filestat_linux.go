package build

import (
	"io/fs"
	"syscall"
)

// sysStat returns the change time (ns), inode and device of a file.
func sysStat(fi fs.FileInfo) (ctime, ino, dev int64, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0, false
	}
	return st.Ctim.Nano(), int64(st.Ino), int64(st.Dev), true
}
