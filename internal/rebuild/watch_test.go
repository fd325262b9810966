package rebuild

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// waitFile polls until cond holds for the file's content (nil when missing).
func waitFile(t *testing.T, path string, what string, cond func(data []byte) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err != nil {
			data = nil
		}
		if cond(data) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s: %s", path, what)
}

// reports collects what a loop prints and wakes those waiting for a line.
type reports struct {
	mu      sync.Mutex
	text    strings.Builder
	changed chan struct{} // closed and replaced on every write
}

func newReports() *reports { return &reports{changed: make(chan struct{})} }

// String returns everything reported so far.
func (r *reports) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.text.String()
}

func (r *reports) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.text.Write(p)
	close(r.changed)
	r.changed = make(chan struct{})
	return len(p), nil
}

// wait blocks until the reports hold sub n times, or fails after 10 s.
func (r *reports) wait(t *testing.T, sub string, n int) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		got, changed := strings.Count(r.text.String(), sub), r.changed
		r.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatalf("timed out waiting for %q (%d times) in:\n%s", sub, n, r.text.String())
		}
	}
}

// startWatch runs `brief build --watch`'s loop on the site in dir until the
// test ends, and returns the output folder.
func startWatch(t *testing.T, dir string) string {
	t.Helper()
	dest, _, _ := startWatchReporting(t, dir)
	return dest
}

// startWatchReporting is startWatch that also returns what the loop
// reports: progress lines and errors.
func startWatchReporting(t *testing.T, dir string) (dest string, log, errs *reports) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	log, errs = newReports(), newReports()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	c := Config{Source: dir, FS: root.FS(), Builder: build.New(brief.DefaultTheme()), Options: build.Options{Now: time.Now()},
		Destination: dest, Log: log, Errors: errs}
	go func() { done <- Watch(ctx, c) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch returned %v", err)
		}
		root.Close()
	})
	return dest, log, errs
}

// TestWatchHiddenStatic: a hidden static file is published by the first
// build and by every rebuild after it is added, edited or removed.
func TestWatchHiddenStatic(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	src := filepath.Join(dir, "static", ".well-known", "security.txt")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, []byte("Contact: one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := startWatch(t, dir)
	out := filepath.Join(dest, ".well-known", "security.txt")
	waitFile(t, out, "first build", func(d []byte) bool { return string(d) == "Contact: one\n" })
	if err := os.WriteFile(src, []byte("Contact: two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, out, "the edit", func(d []byte) bool { return string(d) == "Contact: two\n" })
	added := filepath.Join(dir, "static", ".config", "x.txt")
	if err := os.MkdirAll(filepath.Dir(added), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(added, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, filepath.Join(dest, ".config", "x.txt"), "a file in a new hidden folder", func(d []byte) bool { return string(d) == "new" })
	if err := os.Remove(src); err != nil {
		t.Fatal(err)
	}
	waitFile(t, out, "the removal", func(d []byte) bool { return d == nil })
}

// TestWatchWritesChanges runs `brief build --watch`'s loop: edits reach the
// output folder, removed briefings leave it, and a broken edit keeps the
// last good output.
func TestWatchWritesChanges(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	dest, _, errs := startWatchReporting(t, dir)

	page := filepath.Join(dest, "briefings", "hk-jpex-case-2023", "index.html")
	waitFile(t, page, "first build", func(d []byte) bool { return d != nil })

	src := filepath.Join(dir, "content", "briefings", "hk-jpex-case-2023.md")
	orig, _ := os.ReadFile(src)
	edited := strings.Replace(string(orig), "\n## ", "\nWatched edit sentence.\n\n## ", 1)
	if err := os.WriteFile(src, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, page, "the edit", func(d []byte) bool { return strings.Contains(string(d), "Watched edit sentence.") })

	// A broken edit leaves the last good output in place: once the loop
	// has reported the error, the page is as it was.
	if err := os.WriteFile(src, []byte(strings.Replace(edited, "title:", "titel:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	extra := filepath.Join(dir, "content", "briefings", "macau-watch-note.md")
	note := "---\ntitle: \"Macau watch note\"\ndate: " + time.Now().Format("2006-01-02") + "\n---\nBody.\n"
	errs.wait(t, "hk-jpex-case-2023.md:2: titel:", 1)
	if data, _ := os.ReadFile(page); !strings.Contains(string(data), "Watched edit sentence.") {
		t.Fatal("a failed rebuild changed the output")
	}
	if err := os.WriteFile(src, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(extra, []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	notePage := filepath.Join(dest, "briefings", "macau-watch-note", "index.html")
	waitFile(t, notePage, "the new briefing", func(d []byte) bool { return d != nil })
	// The marker lists the page written in place, so that the next full
	// build knows it for brief's own; a file of the user's is left alone.
	marker := filepath.Join(dest, output.MarkerName)
	const listed = "\n/briefings/macau-watch-note/index.html\n"
	waitFile(t, marker, "the marker to list the new page", func(d []byte) bool { return strings.Contains(string(d), listed) })
	mine := filepath.Join(dest, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	waitFile(t, notePage, "the removed briefing's page to go", func(d []byte) bool { return d == nil })
	waitFile(t, marker, "the marker to drop the page", func(d []byte) bool { return d != nil && !strings.Contains(string(d), listed) })
	if data, err := os.ReadFile(mine); string(data) != "mine" {
		t.Fatalf("a file brief did not write was lost: %q, %v", data, err)
	}
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	waitFile(t, filepath.Join(dest, "index.html"), "the home page to drop it", func(d []byte) bool {
		return d != nil && !strings.Contains(string(d), "macau-watch-note")
	})
	if _, err := os.Stat(filepath.Dir(notePage)); !os.IsNotExist(err) {
		t.Errorf("empty folder of the removed briefing lingers: %v", err)
	}
	// Everything in the folder is brief's: a full build may replace it.
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatalf("after watching, the output is not brief's own: %v", err)
	}
	st.Abort()
}

// TestWatchStoppedDuringFirstBuild stops the loop (as Ctrl-C does) while
// its first full build may still be writing: whenever that lands, nothing
// is left beside the output, and the output is absent or complete. Stopped
// before it began, it writes nothing at all.
func TestWatchStoppedDuringFirstBuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, delay := range []time.Duration{-1, 0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond} {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		ctx, cancel := context.WithCancel(context.Background())
		c := Config{Source: dir, FS: root.FS(), Builder: build.New(brief.DefaultTheme()), Options: build.Options{Now: time.Now()},
			Destination: dest, Log: io.Discard, Errors: io.Discard}
		done := make(chan error, 1)
		if delay < 0 {
			cancel()
		}
		go func() { done <- Watch(ctx, c) }()
		time.Sleep(delay)
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("after %v: %v", delay, err)
		}
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "public" {
				t.Errorf("after %v: %s left beside the output", delay, e.Name())
			}
		}
		_, err = os.Stat(dest)
		if delay < 0 && err == nil {
			t.Error("a watch stopped before it began wrote the output")
		}
		if err == nil {
			if _, err := output.OpenDir(dest); err != nil {
				t.Errorf("after %v: the output is there but incomplete: %v", delay, err)
			}
		}
	}
}
