//go:build !linux

package output

// previous keeps nothing here: every file of a build is written, and
// swapped in.
type previous struct{ fd int }

func openPrevious(string, int) *previous { return &previous{fd: -1} }

func (*previous) close() {}

func (*previous) same(string, []byte) bool { return false }

func (*previous) stage(*dirWriter, string) error { return nil }

func (*previous) updateInPlace(string, int, []string, []string, []string) (bool, error) {
	return false, nil
}

// writeNew writes data to the file full, created or truncated: nothing
// in a staging folder is kept from a previous output here.
func writeNew(dirfd int, rel, full string, data []byte) error {
	return writeFileAt(dirfd, rel, full, data)
}
