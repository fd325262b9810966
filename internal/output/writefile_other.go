//go:build !unix

package output

import "os"

// writeFile writes data to the file full, created or truncated.
func writeFile(full string, data []byte) error { return os.WriteFile(full, data, 0o644) }

// writeFileAt is writeFile of full: folders are not held open here.
func writeFileAt(_ int, _, full string, data []byte) error { return writeFile(full, data) }

// mkdirAt makes the folder full.
func mkdirAt(_ int, _, full string) error { return os.Mkdir(full, 0o755) }

// openRootFD holds no folder open here.
func openRootFD(string) int { return -1 }

func closeRootFD(int) {}

// removeDir removes the empty folder dir.
func removeDir(dir string) error { return os.Remove(dir) }
