package watch

import (
	"errors"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Any watcher error, and above all a queue overflow, means events were lost:
// the consumer is told to rescan and the whole tree is watched afresh.
func TestErrorsAskForRescan(t *testing.T) {
	tests := []struct {
		err error
		log string
	}{
		{fsnotify.ErrEventOverflow, "overflow"},
		{errors.New("no space left on device"), "no space left on device"},
	}
	for _, tt := range tests {
		t.Run(tt.log, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, "content/sub/a.md", "layouts/")
			r := watchSite(t, s, Options{})
			// Lose a watch, as events are lost on overflow, then fail the
			// way fsnotify would: the reset must watch the whole tree again.
			if err := r.w.fs.Remove(s.path("content/sub")); err != nil {
				t.Fatal(err)
			}
			r.w.fs.Errors <- tt.err
			r.waitRescan()
			if !r.logs.contains(tt.log) || !r.logs.contains("rescanning") {
				t.Errorf("log %q does not mention %q and rescanning", r.logs.lines, tt.log)
			}
			// The new watches cover existing and new folders.
			s.write("content/sub/b.md", "b")
			s.write("layouts/new/x.html", "x")
			r.waitFor("content/sub/b.md", "layouts/new/x.html")
		})
	}
}

func TestNewNeedsExistingRoot(t *testing.T) {
	if _, err := New(t.TempDir()+"/missing", Options{}); err == nil {
		t.Fatal("New on a missing folder succeeded")
	}
}

func TestClose(t *testing.T) {
	s := newSite(t, "content/")
	w, err := New(s.root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Nobody reads: the watcher must not block, and Close must not hang.
	for i := range 20 {
		s.write("content/x.md", string(rune('a'+i)))
		time.Sleep(5 * time.Millisecond)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case b, ok := <-w.Batches():
		if ok {
			t.Fatalf("received %+v after Close", b)
		}
	case <-time.After(patience):
		t.Fatal("Batches not closed by Close")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	s.write("content/y.md", "after close") // must not panic or send
}

// Close leaves no goroutine behind (ours or fsnotify's), also after a reset.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 5 {
		s := newSite(t, "content/sub/")
		w, err := New(s.root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		w.fs.Errors <- fsnotify.ErrEventOverflow
		s.write("content/sub/x.md", "x")
		<-w.Batches()
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A folder that cannot be watched is reported: at startup as New's error,
// later as a rescan with a hint about the inotify limit. A folder that
// vanished before it could be watched is no error: its removal is an event.
func TestUnwatchableFolder(t *testing.T) {
	tests := []struct {
		name     string
		starting bool
		err      error
		rescan   bool
		startErr bool
	}{
		{"limit while running", false, syscall.ENOSPC, true, false},
		{"limit at startup", true, syscall.ENOSPC, false, true},
		{"vanished", false, syscall.ENOENT, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &logs{}
			w := &Watcher{queue: newQueue(), starting: tt.starting, opt: Options{Logf: l.logf}}
			w.lost("content/big", "cannot watch", tt.err)
			if w.queue.pending.rescan != tt.rescan {
				t.Errorf("rescan = %v, want %v", w.queue.pending.rescan, tt.rescan)
			}
			if (w.startErr != nil) != tt.startErr {
				t.Errorf("startErr = %v, want an error: %v", w.startErr, tt.startErr)
			}
			if tt.rescan && !l.contains("max_user_watches") {
				t.Errorf("log %q lacks the hint", l.lines)
			}
			if tt.startErr && !strings.Contains(w.startErr.Error(), "max_user_watches") {
				t.Errorf("startErr %v lacks the hint", w.startErr)
			}
		})
	}
}
