//go:build unix

package rebuild

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
)

// lockedBuffer collects what the loop writes from its goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A named pipe saved into content/ while `brief build --watch` runs is an
// error of that rebuild, not a loop stuck forever reading it: the next
// change still rebuilds, and removing the pipe brings the site back.
func TestWatchSurvivesNamedPipe(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	dest := filepath.Join(t.TempDir(), "public")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	errs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	c := Config{Source: dir, FS: root.FS(), Builder: build.New(brief.DefaultTheme()), Options: build.Options{Now: time.Now()},
		Destination: dest, Log: &lockedBuffer{}, Errors: errs}
	go func() { done <- Watch(ctx, c) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch returned %v", err)
		}
	}()
	waitFile(t, filepath.Join(dest, "index.html"), "first build", func(d []byte) bool { return d != nil })

	pipe := filepath.Join(dir, "content", "briefings", "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errs.String(), "content/briefings/pipe.md: is a named pipe (FIFO), not a regular file") {
		if time.Now().After(deadline) {
			t.Fatalf("no error for the pipe; errors so far:\n%s", errs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := os.Remove(pipe); err != nil {
		t.Fatal(err)
	}
	added := filepath.Join(dir, "content", "briefings", "after-the-pipe.md")
	if err := os.WriteFile(added, []byte("---\ntitle: After the pipe\ndate: 2023-05-29\n---\nBack.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, filepath.Join(dest, "briefings", "after-the-pipe", "index.html"), "the rebuild after the pipe", func(d []byte) bool { return d != nil })
}
