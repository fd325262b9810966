// Package watch reports changes under a site folder: recursive, debounced and
// tolerant of the odd ways editors save files.
//
// It watches folders, never single files (an editor's rename-over save would
// drop a file watch), adds watches for new folders as they appear and scans
// them at once (inotify is not recursive, so files written before the watch
// existed would otherwise be missed), ignores editor droppings, and coalesces
// bursts of events into batches.
package watch

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"brief/internal/sources"
)

// Change is one source file that was created, written, renamed or
// removed, with the part of the site it belongs to. The consumer re-reads
// Path to learn whether it still exists.
type Change = sources.Change

// Batch is a set of changes sent after a quiet period.
type Batch struct {
	// Changes is sorted by Path and deduplicated; files only, never folders.
	// When a folder appears, every file inside is listed; when one disappears,
	// every file known under it is listed.
	Changes []Change
	// Rescan is true when events may have been lost (queue overflow, watch
	// errors, a folder that could not be watched or read): the caller should
	// re-read the whole tree. Changes may still list what was seen.
	Rescan bool
}

// Options tune a Watcher. The zero value is usable.
type Options struct {
	Debounce time.Duration // quiet period before a batch is sent; default 20ms
	MaxDelay time.Duration // a continuous stream of events still flushes after this; default 500ms
	// EmptyWait holds a batch back while one of its briefings, layouts or
	// site.toml is empty, for up to this long: `cp` over a file truncates
	// it, then writes, and a build between the two would see a broken
	// briefing, a broken layout or a site with default settings. A file
	// still empty after the wait is sent as it is. Zero means no wait.
	EmptyWait time.Duration
	Logf      func(format string, args ...any) // optional, for "watch: overflow, rescanning" style messages; called from the watcher's goroutine
}

const (
	defaultDebounce = 20 * time.Millisecond
	defaultMaxDelay = 500 * time.Millisecond

	// eventBuffer lets fsnotify keep reading the kernel queue while we scan
	// a new folder, which makes a queue overflow during a big checkout less likely.
	eventBuffer = 4096
)

// Watcher watches a site folder. Create it with New, read Batches, Close it.
//
// Batches has a buffer of one batch. If the consumer is slow, later batches
// are merged into one pending batch (never dropped) that is sent as soon as
// the consumer reads again; the watcher itself never blocks on the consumer.
type Watcher struct {
	root string // absolute, cleaned
	opt  Options
	out  chan Batch

	quit      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error

	// Everything below is owned by the run goroutine once New returns.
	fs       *fsnotify.Watcher
	tree     tree
	queue    queue
	starting bool  // New is scanning: errors go to startErr, not to a batch
	startErr error // the first folder New could not watch or read
	// hooks for tests; nil in production.
	onFlush func(Batch)
}

// New starts watching root/content, root/layouts and root/static recursively
// (each may be missing and may appear later) and root/site.toml (through a
// non-recursive watch on root itself). The root folder must exist, and
// every folder in it must be watchable (the inotify watch limit may say no).
func New(root string, opt Options) (*Watcher, error) {
	return newWatcher(root, opt, nil)
}

func newWatcher(root string, opt Options, onFlush func(Batch)) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w (hint: run brief from a folder that exists)", err)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = defaultDebounce
	}
	if opt.MaxDelay <= 0 {
		opt.MaxDelay = defaultMaxDelay
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	fs, err := fsnotify.NewBufferedWatcher(eventBuffer)
	if err != nil {
		return nil, fmt.Errorf("watch: %w (hint: stop other programs that watch files, or raise fs.inotify.max_user_instances)", err)
	}
	w := &Watcher{
		root:    abs,
		opt:     opt,
		out:     make(chan Batch, 1),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
		fs:      fs,
		tree:    newTree(),
		queue:   newQueue(),
		onFlush: onFlush,
	}
	if err := fs.Add(abs); err != nil {
		_ = fs.Close()
		return nil, fmt.Errorf("watch: %s: %w (hint: check that the site folder exists and is readable)", root, err)
	}
	// Startup is not a change: the caller builds everything anyway, so the
	// initial scan only records what exists.
	w.starting = true
	w.addTopFolders(false)
	w.starting = false
	if w.startErr != nil {
		_ = fs.Close()
		return nil, w.startErr
	}
	go w.run()
	return w, nil
}

// Batches returns the channel of batches. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching and closes the Batches channel. A batch still waiting
// in the channel's buffer is discarded, so none is received after Close
// returns. Calling Close again returns the first result.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.quit)
		<-w.done
		w.closeErr = w.fs.Close()
		for range w.out { // discard a buffered batch; run closed the channel
		}
	})
	return w.closeErr
}

func (w *Watcher) logf(format string, args ...any) { w.opt.Logf(format, args...) }
