package build

import (
	"io/fs"
	"time"

	"brief/internal/binenc"
)

// fileStat is what a file's metadata says of its content, trusted the way
// make and git trust it: a build restored from a cache (cache.go) reads
// again only the sources whose size, modification and change times, inode
// or device differ from what they were when last read, and hashes those
// (an unchanged hash still means an unchanged file). The change time
// (ctime) is set by the system on every write and cannot be set back, so
// an edit that keeps the size and restores the modification time is seen
// too. The zero fileStat is unknown: never trusted.
type fileStat struct{ size, mtime, ctime, ino, dev int64 }

func (s fileStat) known() bool { return s != fileStat{} }

// defaultStatWindow is how recent a file's times may be for its metadata to be
// recorded: a file written within the timestamps' granularity of being
// read (coarse on some file systems, 2 s on FAT) might change again with
// the same times, so it is read and hashed again next time ("racily
// clean", in git's words).
const defaultStatWindow = 2 * time.Second

// statOf returns what fi says of a file read after readAt, or the zero
// fileStat when it cannot be trusted: no system metadata, or times within
// window of readAt.
func statOf(fi fs.FileInfo, readAt time.Time, window time.Duration) fileStat {
	if fi == nil || !fi.Mode().IsRegular() {
		return fileStat{}
	}
	ctime, ino, dev, ok := sysStat(fi)
	if !ok {
		return fileStat{}
	}
	limit := readAt.Add(-window).UnixNano()
	mtime := fi.ModTime().UnixNano()
	if mtime >= limit || ctime >= limit {
		return fileStat{}
	}
	return fileStat{size: fi.Size(), mtime: mtime, ctime: ctime, ino: ino, dev: dev}
}

func (s fileStat) encode(w *binenc.Writer) {
	for _, v := range [...]int64{s.size, s.mtime, s.ctime, s.ino, s.dev} {
		w.Uint(uint64(v))
	}
}

func decodeFileStat(r *binenc.Reader) fileStat {
	return fileStat{size: int64(r.Uint()), mtime: int64(r.Uint()), ctime: int64(r.Uint()), ino: int64(r.Uint()), dev: int64(r.Uint())}
}
