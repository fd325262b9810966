package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MarkerName is the file brief writes into every output folder it makes:
// the list of the files it wrote there. The next build replaces that folder
// only when it holds nothing else. Netlify does not publish dot files.
const MarkerName = ".brief-output"

const markerHeader = `# This folder was made by brief (brief build). The next build replaces it,
# and refuses to when it holds files other than these, which brief wrote.
`

// tmpPrefix starts the names of the files an in-place update writes before
// renaming them over their targets; one left by a killed build is ours.
const tmpPrefix = ".brief-tmp-"

// writeMarker writes the list of paths (slash-separated, relative) into
// dir's marker, one "/path" a line, sorted, through a temporary file so that
// a reader never sees half a list.
func writeMarker(dir string, paths []string) error {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, p := range paths {
		b.WriteByte('/')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return writeAtomic(dir, filepath.Join(dir, MarkerName), b.Bytes())
}

// readMarker returns the files dir's marker lists, and false when dir has
// no marker (it was not made by brief, or by a brief older than markers).
func readMarker(dir string) (map[string]bool, bool, error) {
	f, err := os.Open(filepath.Join(dir, MarkerName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	owned := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if p, ok := strings.CutPrefix(sc.Text(), "/"); ok {
			owned[p] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("reading %s: %w (hint: check that the file is readable)", filepath.Join(dir, MarkerName), err)
	}
	return owned, true, nil
}

// clutter names files that operating systems drop into any folder a user
// looks at; they are nobody's work and never stop a build.
var clutter = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// foreignFiles lists, sorted, the files under dir that owned does not claim:
// everything but folders, the marker, clutter and our own temporary files.
// Symbolic links count as files and are never followed. With limit > 0 it
// stops after finding that many. A walk of the whole folder (limit 0)
// records what it saw in seen, when not nil, so that the folder can be
// removed later without walking it again.
func foreignFiles(dir string, owned func(string) bool, limit int, seen *tree) ([]string, error) {
	var out []string
	var all tree
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			all.dirs = append(all.dirs, rel)
			return nil
		}
		all.files = append(all.files, rel)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if rel == MarkerName || rel == IDName || clutter[name] || strings.HasPrefix(name, tmpPrefix) || owned(rel) {
			return nil
		}
		out = append(out, rel)
		if len(out) == limit {
			return fs.SkipAll
		}
		return nil
	})
	slices.Sort(out)
	if err == nil && limit == 0 && seen != nil {
		*seen = all
	}
	return out, err
}

// tree is what a walk of a folder saw in it: its files and its folders
// (itself as "."), relative to it in the platform's form, each folder
// before what it holds.
type tree struct{ files, dirs []string }

// removeTree removes the folder dir, which held what seen lists when it
// was walked: one call per file and folder, where os.RemoveAll lists every
// folder again and tries to unlink it as a file first. Whatever the list
// missed (a file put there since) is left to os.RemoveAll.
func removeTree(dir string, seen tree) error {
	if len(seen.dirs) == 0 {
		return os.RemoveAll(dir)
	}
	for _, f := range seen.files {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return os.RemoveAll(dir)
		}
	}
	for _, d := range slices.Backward(seen.dirs) {
		if err := removeDir(filepath.Join(dir, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return os.RemoveAll(dir)
		}
	}
	return nil
}

// sample names the first few of many paths for a message.
func sample(paths []string) string {
	const shown = 5
	if len(paths) <= shown {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:shown], ", "), len(paths)-shown)
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
