//go:build !unix

package output

import "os"

// writeFile writes data to the file full, created or truncated.
func writeFile(full string, data []byte) error { return os.WriteFile(full, data, 0o644) }

// removeDir removes the empty folder dir.
func removeDir(dir string) error { return os.Remove(dir) }
