package rebuild

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
)

// holdRead is a site folder whose file at path, once armed, is not opened
// until release is closed: a rebuild that takes long.
type holdRead struct {
	fs.FS
	path    string
	armed   atomic.Bool
	release chan struct{}
}

func (h *holdRead) Open(name string) (fs.File, error) {
	if name == h.path && h.armed.Load() {
		<-h.release
	}
	return h.FS.Open(name)
}

// save writes a file as editors do, whole: into a temporary file beside it,
// renamed over it (a write in place truncates the file first, and on a
// loaded machine a build may read it empty).
func save(t *testing.T, file string, data []byte) {
	t.Helper()
	tmp := file + "~"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// TestServeReportsEachRebuild: brief serve prints one line per rebuild,
// which names what changed as soon as the rebuild starts (before it
// ends), and ends with what it made: the files changed, that nothing
// changed (a file saved as it was), or that it failed, with the errors
// after it. (Saves during a rebuild make one more: the watcher merges
// them, TestSlowConsumerGetsMergedBatches.)
func TestServeReportsEachRebuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	const rel = "content/briefings/hk-jpex-case-2023.md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	hold := &holdRead{path: rel, release: make(chan struct{})}
	log, errs := newReports(), newReports()
	startServeWith(t, dir, func(c *Config) {
		hold.FS = c.FS
		c.FS = hold
		c.Log, c.Errors = log, errs
	})
	log.wait(t, "built ", 1)

	// The start of the line shows while the rebuild waits for the file.
	hold.armed.Store(true)
	edited := strings.Replace(string(orig), "\n## ", "\nA sentence added.\n\n## ", 1)
	save(t, file, []byte(edited))
	log.wait(t, "\n"+rel+" changed: ", 1)
	if got := log.String(); strings.Contains(got, "rebuilt") {
		t.Fatalf("the rebuild ended while its file could not be read:\n%s", got)
	}
	hold.armed.Store(false)
	close(hold.release)
	log.wait(t, "rebuilt in", 1)

	// The same bytes saved again: nothing to write.
	save(t, file, []byte(edited))
	log.wait(t, "rebuilt in", 2)

	// A broken edit: the count of errors, then the errors.
	save(t, file, []byte(strings.Replace(edited, "title:", "titel:", 1)))
	log.wait(t, "failed in", 1)
	errs.wait(t, rel+":2: titel: unknown field", 1)

	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^building the site: built \d+ briefings into \d+ files in \S+$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(rel) + ` changed: rebuilt in [0-9.]+(µs|ms|s): \d+ files changed(, \d+ removed)?$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(rel) + ` changed: rebuilt in [0-9.]+(µs|ms|s): no output changed$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(rel) + ` changed: failed in [0-9.]+(µs|ms|s) with \d+ errors?; the last good output stays$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), log.String())
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d: %q does not match %s", i+1, lines[i], re)
		}
	}
}

// A line the watcher writes while a rebuild's line is open closes it; the
// end of the rebuild's line repeats its start.
func TestProgressInterrupted(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b}
	p.begin("a.md changed: ")
	p.end("rebuilt in 1ms: 1 file changed")
	p.begin("b.md changed: ")
	p.Write([]byte("watch: overflow; rescanning\n"))
	p.end("rebuilt in 2ms: no output changed")
	want := "a.md changed: rebuilt in 1ms: 1 file changed\n" +
		"b.md changed: \nwatch: overflow; rescanning\n" +
		"b.md changed: rebuilt in 2ms: no output changed\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestFirstBuildSaysItStarted: the first build of a large site takes
// seconds; brief serve says it has begun before it ends, and ends the same
// line with what it built.
func TestFirstBuildSaysItStarted(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	const rel = "content/briefings/hk-jpex-case-2023.md"
	hold := &holdRead{path: rel, release: make(chan struct{})}
	hold.armed.Store(true)
	log := newReports()
	go func() {
		// Released whatever happens, so that a failure does not hang serve.
		defer close(hold.release)
		defer hold.armed.Store(false)
		for end := time.Now().Add(10 * time.Second); !strings.Contains(log.String(), "building the site: "); time.Sleep(time.Millisecond) {
			if time.Now().After(end) {
				t.Errorf("nothing said the first build had begun:\n%s", log.String())
				return
			}
		}
		if got := log.String(); strings.Contains(got, "built ") {
			t.Errorf("the first build ended while its file could not be read:\n%s", got)
		}
	}()
	startServeWith(t, dir, func(c *Config) {
		hold.FS = c.FS
		c.FS = hold
		c.Log = log
	})
	log.wait(t, "built ", 1)
	re := regexp.MustCompile(`^building the site: built \d+ briefings into \d+ files in \S+\n$`)
	if got := log.String(); !re.MatchString(got) {
		t.Errorf("first build's line = %q, want it to match %s", got, re)
	}
}

// TestFirstBuildStoppedEndsItsLine: stopping brief build --watch during
// its first build ends the line it began, so the shell's prompt does not
// follow "building the site: ".
func TestFirstBuildStoppedEndsItsLine(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	hold := &holdRead{FS: root.FS(), path: "content/briefings/hk-jpex-case-2023.md", release: make(chan struct{})}
	hold.armed.Store(true)
	log := newReports()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	c := Config{Source: dir, FS: hold, Builder: build.New(brief.DefaultTheme()), Options: build.Options{Now: time.Now()},
		Destination: filepath.Join(t.TempDir(), "public"), Log: log, Errors: io.Discard}
	go func() { done <- Watch(ctx, c) }()
	log.wait(t, "building the site: ", 1)
	cancel()
	close(hold.release)
	if err := <-done; err != nil {
		t.Fatalf("watch returned %v", err)
	}
	if got := log.String(); !strings.HasSuffix(got, "\n") {
		t.Errorf("the first build's line was left open: %q", got)
	}
}
