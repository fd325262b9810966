//go:build !linux

package sources

import (
	"io/fs"
	"os"
)

// FS is the site folder root as the build reads it: root.FS(), whose
// symbolic links cannot lead out of the folder.
func FS(root *os.Root) fs.FS { return root.FS() }

// BuildFS is FS for one build (see the Linux version).
func BuildFS(root *os.Root) fs.FS { return root.FS() }

// withInfo is fsys for a walk that asks every regular file's FileInfo.
func withInfo(fsys fs.FS) fs.FS { return fsys }
