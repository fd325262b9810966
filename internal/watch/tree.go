package watch

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"brief/internal/sources"
)

// tree is what the watcher knows of the site: the folders it watches and the
// files under them, as slash-separated paths relative to the root. Knowing
// the files lets a removed or moved-out folder be reported file by file.
type tree struct {
	dirs  map[string]bool
	files map[string]bool
	// added lists folders watched since the last flush, to check that
	// fsnotify registered them under their current name.
	added []string
}

func newTree() tree { return tree{dirs: map[string]bool{}, files: map[string]bool{}} }

func (w *Watcher) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel turns an event path into a slash-separated path relative to the root;
// "" is the root itself.
func (w *Watcher) rel(name string) (string, bool) {
	if name == w.root {
		return "", true
	}
	r, ok := strings.CutPrefix(name, w.root+string(filepath.Separator))
	return filepath.ToSlash(r), ok
}

// addTopFolders watches content/, layouts/ and static/ where they exist.
func (w *Watcher) addTopFolders(report bool) {
	for _, top := range sources.TopFolders {
		if isDir(w.abs(top), os.Stat) { // a top folder may be a symlink
			w.addTree(top, report)
		}
	}
}

// addTree watches folder rel and every folder below it, then lists their
// files (reporting them as changed when report is set). The watch comes
// first so that a file written meanwhile is either listed or seen as an event.
func (w *Watcher) addTree(rel string, report bool) {
	abs := w.abs(rel)
	if err := w.fs.Add(abs); err != nil {
		w.lost(rel, "cannot watch", err)
		return
	}
	if !w.tree.dirs[rel] {
		w.tree.dirs[rel] = true
		w.tree.added = append(w.tree.added, rel)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.lost(rel, "cannot read", err)
		return
	}
	for _, e := range entries {
		child := rel + "/" + e.Name()
		if e.IsDir() { // symlinked folders are not followed: they count as files
			if !sources.Skipped(child, true) {
				w.addTree(child, report)
			}
			continue
		}
		if _, ok := sources.Classify(child); !ok {
			continue
		}
		w.tree.files[child] = true
		if report {
			w.report(child)
		}
	}
}

// lost handles a folder that could not be watched or read. A folder that
// vanished meanwhile is fine: its removal is an event of its own. Anything
// else (such as the inotify watch limit) means changes may go unseen.
func (w *Watcher) lost(rel, what string, err error) {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, os.ErrClosed) {
		return
	}
	hint := "check that the folder is readable"
	if errors.Is(err, syscall.ENOSPC) {
		hint = "too many folders for the inotify watch limit: raise fs.inotify.max_user_watches"
	}
	if w.starting {
		w.startErr = cmp.Or(w.startErr, fmt.Errorf("watch: %s %s: %w (hint: %s)", what, rel, err, hint))
		return
	}
	w.logf("watch: %s %s: %v (hint: %s); rescanning", what, rel, err, hint)
	w.queue.setRescan()
}

// dropTree forgets folder rel and everything below it, removes their watches
// and reports every file known under it as changed.
func (w *Watcher) dropTree(rel string) {
	prefix := rel + "/"
	for d := range w.tree.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			// The kernel may have dropped the watch already; an error here
			// only says so. Removing it matters for a moved folder, whose
			// watch would otherwise live on under the old name.
			_ = w.fs.Remove(w.abs(d))
			delete(w.tree.dirs, d)
		}
	}
	for f := range w.tree.files {
		if strings.HasPrefix(f, prefix) {
			w.report(f)
			delete(w.tree.files, f)
		}
	}
}

// watchesIntact checks that every folder added since the last call is known
// to fsnotify under its current name. fsnotify keeps a watch's original
// name when its folder is moved, so if a stale watch survived, events would
// carry the old path; a reset is the only cure.
func (w *Watcher) watchesIntact() bool {
	added := w.tree.added
	w.tree.added = nil
	if len(added) == 0 {
		return true
	}
	watched := map[string]bool{}
	for _, p := range w.fs.WatchList() {
		watched[p] = true
	}
	for _, rel := range added {
		if w.tree.dirs[rel] && !watched[w.abs(rel)] && isDir(w.abs(rel), os.Lstat) {
			return false
		}
	}
	return true
}

// report queues rel as changed if it belongs to the site.
func (w *Watcher) report(rel string) {
	if k, ok := sources.Classify(rel); ok {
		w.queue.add(rel, k)
	}
}

func isDir(path string, stat func(string) (os.FileInfo, error)) bool {
	info, err := stat(path)
	return err == nil && info.IsDir()
}
