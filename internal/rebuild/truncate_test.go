package rebuild

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// writeAfterRead is a site folder whose file at path, once armed and read
// while empty, gets data written right after the read: a `cp` over the
// file (truncate, then write) whose write lands while the build that saw
// the empty file is still running.
type writeAfterRead struct {
	fs.FS
	path, file string
	data       []byte
	armed      atomic.Bool
	once       sync.Once
	wrote      chan struct{} // closed once data is written
}

func (w *writeAfterRead) Open(name string) (fs.File, error) {
	f, err := w.FS.Open(name)
	if err != nil || name != w.path || !w.armed.Load() {
		return f, err
	}
	h := &readHook{File: f}
	h.done = func() {
		// A Stat opens the file too, without reading it.
		if h.reads > 0 && h.n == 0 {
			w.once.Do(func() {
				if err := os.WriteFile(w.file, w.data, 0o644); err == nil {
					close(w.wrote)
				}
			})
		}
	}
	return h, nil
}

// readHook counts what is read from a file and calls done when it is closed.
type readHook struct {
	fs.File
	reads, n int
	done     func()
}

func (r *readHook) Read(p []byte) (int, error) {
	n, err := r.File.Read(p)
	r.reads++
	r.n += n
	return n, err
}

func (r *readHook) Close() error {
	r.done()
	return r.File.Close()
}

// TestServeCopyOverDuringBuild: a briefing overwritten in place (cp
// truncates, then writes) whose rebuild read the empty file fails with
// "no front matter", and the write that lands during that build brings a
// rebuild that serves the new text, whatever the copy changed: the body,
// front matter the model takes in place (title), front matter that makes
// a new model (tags), or nothing (the same file copied back).
func TestServeCopyOverDuringBuild(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replaced in the briefing
		page     string // what it must show
		home     string // what the home page must show
	}{
		{"body", "\n## ", "\nA sentence copied over the file.\n\n## ", "A sentence copied over the file.", ""},
		{"title", "\ntitle: \"", "\ntitle: \"Copied ", "Copied JPEX collapse", "Copied JPEX collapse"},
		{"tags", "\ntags: [", "\ntags: [mining, ", "/tags/mining/", ""},
		{"same", "", "", "JPEX collapse", "JPEX collapse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, dir, "content", "static", "site.toml")
			rel := "content/briefings/hk-jpex-case-2023.md"
			file := filepath.Join(dir, filepath.FromSlash(rel))
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			copied := string(orig)
			if tc.old != "" {
				copied = strings.Replace(copied, tc.old, tc.new, 1)
				if copied == string(orig) {
					t.Fatalf("%q is not in %s", tc.old, rel)
				}
			}
			hook := &writeAfterRead{path: rel, file: file, data: []byte(copied), wrote: make(chan struct{})}
			log, errs := newReports(), newReports()
			base := startServeWith(t, dir, func(c *Config) {
				hook.FS = c.FS
				c.FS = hook
				c.Log, c.Errors = log, errs
			})
			log.wait(t, "built ", 1)
			if got := servedPage(t, base+"/briefings/hk-jpex-case-2023/"); tc.old != "" && strings.Contains(got, tc.page) {
				t.Fatalf("the briefing shows %q before the copy", tc.page)
			}
			hook.armed.Store(true)
			if err := os.Truncate(file, 0); err != nil {
				t.Fatal(err)
			}
			errs.wait(t, "no front matter", 1)
			<-hook.wrote // the failed build read the empty file, then the write landed
			log.wait(t, "rebuilt in", 1)
			if got := servedPage(t, base+"/briefings/hk-jpex-case-2023/"); !strings.Contains(got, tc.page) {
				t.Errorf("the briefing does not show %q:\n%s", tc.page, got)
			}
			if got := servedPage(t, base+"/"); !strings.Contains(got, tc.home) {
				t.Errorf("the home page does not show %q:\n%s", tc.home, got)
			}
		})
	}
}

// servedPage returns the body of a page the dev server serves.
func servedPage(t *testing.T, url string) string {
	t.Helper()
	status, data := fetch(t, url)
	if status != http.StatusOK {
		t.Fatalf("%s: status %d", url, status)
	}
	return string(data)
}

// TestServeCopyOverWaitsForWrite: a briefing truncated and then written
// (`cp` over it, with the write a little late) is built once, with the new
// text and no "no front matter" error in between; one left empty is still
// reported, and the last good page stays served.
func TestServeCopyOverWaitsForWrite(t *testing.T) {
	const rel = "content/briefings/hk-jpex-case-2023.md"
	setup := func(t *testing.T, wait time.Duration) (file, base string, orig []byte, log, errs *reports) {
		dir := t.TempDir()
		copyTree(t, dir, "content", "static", "site.toml")
		file = filepath.Join(dir, filepath.FromSlash(rel))
		orig, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		log, errs = newReports(), newReports()
		base = startServeWith(t, dir, func(c *Config) {
			c.Log, c.Errors, c.EmptyWait = log, errs, wait
		})
		log.wait(t, "built ", 1)
		return file, base, orig, log, errs
	}
	t.Run("written", func(t *testing.T) {
		// A wait far longer than the gap, so a loaded machine cannot flake;
		// the gap is ten debounces, so without the wait the empty file is built.
		file, base, orig, log, errs := setup(t, 5*time.Second)
		copied := strings.Replace(string(orig), "\n## ", "\nA sentence copied over the file.\n\n## ", 1)
		if err := os.Truncate(file, 0); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * debounce)
		if err := os.WriteFile(file, []byte(copied), 0o644); err != nil {
			t.Fatal(err)
		}
		log.wait(t, "rebuilt in", 1)
		if got := errs.String(); got != "" {
			t.Errorf("the empty file was built before its write:\n%s", got)
		}
		if got := servedPage(t, base+"/briefings/hk-jpex-case-2023/"); !strings.Contains(got, "A sentence copied over the file.") {
			t.Errorf("the briefing does not show the copied text:\n%s", got)
		}
	})
	t.Run("left empty", func(t *testing.T) {
		file, base, _, log, errs := setup(t, 50*time.Millisecond)
		if err := os.Truncate(file, 0); err != nil {
			t.Fatal(err)
		}
		errs.wait(t, "no front matter", 1)
		if got := log.String(); strings.Contains(got, "rebuilt in") {
			t.Errorf("the empty briefing built without an error:\n%s", got)
		}
		if got := servedPage(t, base+"/briefings/hk-jpex-case-2023/"); !strings.Contains(got, "JPEX collapse") {
			t.Errorf("the last good page is not served:\n%s", got)
		}
	})
}
