package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	return writeSortedMarker(dir, paths)
}

// writeSortedMarker is writeMarker of paths sorted already.
func writeSortedMarker(dir string, paths []string) error {
	size := len(markerHeader)
	for _, p := range paths {
		size += len(p) + 2
	}
	var b bytes.Buffer
	b.Grow(size)
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
	owned, _, marked, err := readMarkerPaths(dir)
	return owned, marked, err
}

// readMarkerPaths is readMarker that also returns the marker's paths in
// order when they are sorted, each once, as writeMarker writes them (nil
// when not): an update that adds and removes a few files writes the list
// again without sorting every path. The paths are slices of one string
// holding the marker, not a string each (28,000 at 10,000 briefings).
func readMarkerPaths(dir string) (owned map[string]bool, sorted []string, marked bool, err error) {
	name := filepath.Join(dir, MarkerName)
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	defer f.Close()
	var b bytes.Buffer
	if fi, err := f.Stat(); err == nil {
		b.Grow(int(fi.Size()) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(f); err != nil {
		return nil, nil, false, fmt.Errorf("reading %s: %w (hint: check that the file is readable)", name, err)
	}
	text := b.String()
	n := strings.Count(text, "\n") + 1
	owned, sorted = make(map[string]bool, n), make([]string, 0, n)
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if p, ok := strings.CutPrefix(line, "/"); ok {
			if sorted != nil && (len(sorted) > 0 && sorted[len(sorted)-1] >= p) {
				sorted = nil
			}
			if sorted != nil {
				sorted = append(sorted, p)
			}
			owned[p] = true
		}
	}
	return owned, sorted, true, nil
}

// mergeSorted is the sorted list of the paths owned holds, from sorted
// (sorted, each once: a superset of owned's paths but for added) and
// added (sorted, none in sorted).
func mergeSorted(sorted, added []string, owned map[string]bool) []string {
	out := make([]string, 0, len(owned))
	for len(sorted) > 0 || len(added) > 0 {
		var p string
		if len(added) == 0 || len(sorted) > 0 && sorted[0] < added[0] {
			p, sorted = sorted[0], sorted[1:]
		} else {
			p, added = added[0], added[1:]
		}
		if owned[p] {
			out = append(out, p)
		}
	}
	return out
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
	all := tree{dirs: []string{"."}}
	err := walkTree(dir, func(rel string, isDir bool) error {
		if isDir {
			all.dirs = append(all.dirs, rel)
			return nil
		}
		all.files = append(all.files, rel)
		rel = filepath.ToSlash(rel)
		name := path.Base(rel)
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
// folder again and tries to unlink it as a file first, on all cores
// (freeing a file is most of the kernel's work, the removal of 10,000
// briefings' output about a third of a second of CPU). Whatever the list
// missed (a file put there since) is left to os.RemoveAll.
func removeTree(dir string, seen tree) error {
	if len(seen.dirs) == 0 {
		return os.RemoveAll(dir)
	}
	rm, done, err := openRemover(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	defer done()
	gone := func(err error) bool { return err == nil || errors.Is(err, fs.ErrNotExist) }
	if !inParallel(seen.files, func(f string) bool { return gone(rm(f, false)) }) {
		return os.RemoveAll(dir)
	}
	// Folders deepest first; those of one depth at once.
	for _, level := range byDepth(seen.dirs) {
		if !inParallel(level, func(d string) bool { return d == "." || gone(rm(d, true)) }) {
			return os.RemoveAll(dir)
		}
	}
	if err := removeDir(dir); !gone(err) {
		return os.RemoveAll(dir)
	}
	return nil
}

// byDepth groups folders (relative paths, "." the top) by their depth,
// deepest first.
func byDepth(dirs []string) [][]string {
	var levels [][]string
	for _, d := range dirs {
		depth := 0
		if d != "." {
			depth = 1 + strings.Count(d, string(filepath.Separator))
		}
		for len(levels) <= depth {
			levels = append(levels, nil)
		}
		levels[depth] = append(levels[depth], d)
	}
	slices.Reverse(levels)
	return levels
}

// inParallel calls do for each item on all cores, and reports whether
// every call returned true; after a false one it starts no more.
func inParallel(items []string, do func(string) bool) bool {
	const batch = 64
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(items)+batch-1)/batch) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(batch)) - batch
				if i >= len(items) {
					return
				}
				for _, it := range items[i:min(i+batch, len(items))] {
					if !do(it) {
						failed.Store(true)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	return !failed.Load()
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
