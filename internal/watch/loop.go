package watch

import (
	"errors"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"brief/internal/sources"
)

// run is the watcher's only goroutine: it owns fs, tree and queue.
func (w *Watcher) run() {
	defer close(w.done)
	defer close(w.out)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var timerC <-chan time.Time
	// dead is a watcher whose channels closed and that could not be
	// replaced; selecting on its closed channels would spin.
	var dead *fsnotify.Watcher

	for {
		var out chan<- Batch
		if w.queue.hasReady {
			out = w.out
		}
		events, errs := w.fs.Events, w.fs.Errors
		if w.fs == dead {
			events, errs = nil, nil
		}
		select {
		case <-w.quit:
			return
		case ev, ok := <-events:
			if !ok {
				dead = w.restart()
				break
			}
			w.handleEvent(ev)
		case err, ok := <-errs:
			if !ok {
				dead = w.restart()
				break
			}
			w.handleError(err)
		case <-timerC:
			timerC = nil
			if wait := w.emptyWait(time.Now()); wait > 0 {
				// An event (the write) re-arms the debounce before this ends.
				timer.Reset(wait)
				timerC = timer.C
				continue
			}
			w.flush()
			continue
		case out <- w.queue.readyBatch:
			w.queue.taken()
			continue
		}
		if !w.queue.pending.empty() {
			now := time.Now()
			timer.Reset(w.queue.deadline(now, w.opt).Sub(now))
			timerC = timer.C
		}
	}
}

func (w *Watcher) flush() {
	if !w.watchesIntact() {
		w.reset("a moved folder kept a stale watch")
	}
	if w.queue.flush() && w.onFlush != nil {
		w.onFlush(w.queue.readyBatch)
	}
}

// emptyWait returns how much longer to hold the pending changes back
// because a content file among them is empty right now (see
// Options.EmptyWait); zero or less means flush.
func (w *Watcher) emptyWait(now time.Time) time.Duration {
	if w.opt.EmptyWait <= 0 || !w.emptySource() {
		return 0
	}
	if w.queue.emptySince.IsZero() {
		w.queue.emptySince = now
	}
	return w.queue.emptySince.Add(w.opt.EmptyWait).Sub(now)
}

// emptySource reports whether a pending briefing, layout or site.toml
// exists and is empty: none of them is meant to be (an empty site.toml
// would build the whole site with the default settings, an empty layout
// would fail it). Static files and a bundle's files may be.
func (w *Watcher) emptySource() bool {
	for rel, k := range w.queue.pending.paths {
		if k != sources.Content && k != sources.Layout && k != sources.Config {
			continue
		}
		if info, err := os.Lstat(w.abs(rel)); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
			return true
		}
	}
	return false
}

// handleEvent turns one fsnotify event into changes. CREATE, WRITE, RENAME
// and REMOVE all mean "this path changed": the consumer re-reads it.
func (w *Watcher) handleEvent(ev fsnotify.Event) {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return // CHMOD is noise
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "" {
		if ev.Has(fsnotify.Remove | fsnotify.Rename) {
			w.logf("watch: site folder %s was removed or moved; rescanning", w.root)
			w.queue.setRescan()
		}
		return
	}
	if !inSite(rel) {
		return
	}
	if parent := path.Dir(rel); parent != "." && !w.tree.dirs[parent] {
		// Left over from a folder already dropped: a moved folder's watch
		// can still report under the old name until it is removed.
		return
	}
	gone := ev.Has(fsnotify.Remove | fsnotify.Rename)
	if gone && w.tree.dirs[rel] {
		w.dropTree(rel)
		if !ev.Has(fsnotify.Create) {
			return
		}
	}
	if ev.Has(fsnotify.Create) {
		stat := os.Lstat
		if !strings.Contains(rel, "/") {
			stat = os.Stat // a top folder may be a symlink
		}
		if isDir(w.abs(rel), stat) {
			if w.tree.dirs[rel] {
				w.dropTree(rel) // replaced by a new folder of the same name
			}
			w.addTree(rel, true)
			return
		}
	}
	if !strings.Contains(rel, "/") && rel != sources.ConfigFile {
		return // a file named like a top folder is not part of the site
	}
	if w.tree.dirs[rel] {
		return // an event on a watched folder itself
	}
	if _, ok := sources.Classify(rel); !ok {
		return // an editor dropping, or a file content/ does not use
	}
	if gone && !ev.Has(fsnotify.Create) {
		// A removal of a path never known as a file is the echo of a
		// folder already dropped (inotify reports a moved folder both from
		// its parent and from the folder's own watch).
		if !w.tree.files[rel] && rel != sources.ConfigFile {
			return
		}
		delete(w.tree.files, rel)
	} else {
		w.tree.files[rel] = true
	}
	w.report(rel)
}

// inSite reports whether an event's path may concern the site: site.toml,
// or a file or folder in a top folder that the layout does not leave out.
func inSite(rel string) bool {
	if rel == sources.ConfigFile {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	return slices.Contains(sources.TopFolders, top) && !sources.Skipped(rel, true)
}

// restart replaces a watcher whose channels closed on their own. It returns
// the old watcher if it could not be replaced.
func (w *Watcher) restart() *fsnotify.Watcher {
	old := w.fs
	w.reset("event stream ended")
	if w.fs == old {
		w.logf("watch: no longer watching %s", w.root)
		return old
	}
	return nil
}

// handleError treats every watcher error as possible event loss.
func (w *Watcher) handleError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.reset("event queue overflow")
		return
	}
	w.reset("watch error: " + err.Error())
}

// reset starts over with a fresh fsnotify watcher over the whole tree and asks
// the consumer for a full rescan. A fresh watcher rather than re-adding to
// the old one also clears any watch left under a moved folder's old name.
func (w *Watcher) reset(reason string) {
	w.logf("watch: %s; rescanning", reason)
	w.queue.setRescan()
	if fresh, err := fsnotify.NewBufferedWatcher(eventBuffer); err != nil {
		w.logf("watch: cannot restart watcher: %v; keeping the old one", err)
	} else {
		_ = w.fs.Close()
		w.fs = fresh
	}
	w.tree = newTree()
	if err := w.fs.Add(w.root); err != nil {
		w.logf("watch: cannot watch %s: %v", w.root, err)
	}
	w.addTopFolders(false)
	w.tree.added = nil
}
