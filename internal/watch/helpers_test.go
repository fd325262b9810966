package watch

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief/internal/sources"
)

// patience bounds every wait for an expected batch; nothing asserts timing.
const patience = 5 * time.Second

// sentinel is written after a sequence under test: events arrive in order,
// so once it is reported, everything the sequence caused has been too.
const sentinel = "content/zz-sentinel.md"

// site is a site folder on disk for one test.
type site struct {
	t    *testing.T
	root string
}

func newSite(t *testing.T, files ...string) site {
	t.Helper()
	s := site{t: t, root: t.TempDir()}
	for _, f := range files {
		if strings.HasSuffix(f, "/") {
			s.mkdir(f)
		} else {
			s.write(f, "initial")
		}
	}
	return s
}

func (s site) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s site) write(rel, text string) {
	s.t.Helper()
	s.mkdir(filepath.ToSlash(filepath.Dir(rel)))
	if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// writeFile is safe to call from any goroutine.
func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

func (s site) mkdir(rel string) {
	s.t.Helper()
	if err := os.MkdirAll(s.path(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

func (s site) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

// logs collects Logf output safely across goroutines.
type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, format)
	for _, a := range args {
		if err, ok := a.(error); ok {
			l.lines = append(l.lines, err.Error())
		} else if s, ok := a.(string); ok {
			l.lines = append(l.lines, s)
		}
	}
}

func (l *logs) contains(sub string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.lines, func(s string) bool { return strings.Contains(s, sub) })
}

// recorder reads a watcher's batches and remembers all of them.
type recorder struct {
	t       *testing.T
	w       *Watcher
	batches []Batch
	seen    map[string]sources.Kind
	logs    *logs
}

func watchSite(t *testing.T, s site, opt Options) *recorder {
	t.Helper()
	return watchSiteHooked(t, s, opt, nil)
}

func watchSiteHooked(t *testing.T, s site, opt Options, onFlush func(Batch)) *recorder {
	t.Helper()
	r := &recorder{t: t, seen: map[string]sources.Kind{}, logs: &logs{}}
	if opt.Logf == nil {
		opt.Logf = r.logs.logf
	}
	w, err := newWatcher(s.root, opt, onFlush)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	r.w = w
	return r
}

func (r *recorder) take(b Batch) {
	r.batches = append(r.batches, b)
	for _, c := range b.Changes {
		r.seen[c.Path] = c.Kind
	}
}

// waitFor reads batches until every path has been reported.
func (r *recorder) waitFor(paths ...string) {
	r.t.Helper()
	r.waitUntil(func() bool {
		for _, p := range paths {
			if _, ok := r.seen[p]; !ok {
				return false
			}
		}
		return true
	}, "paths %q", paths)
}

// waitRescan reads batches until one asks for a rescan.
func (r *recorder) waitRescan() {
	r.t.Helper()
	r.waitUntil(func() bool {
		return slices.ContainsFunc(r.batches, func(b Batch) bool { return b.Rescan })
	}, "a rescan")
}

func (r *recorder) waitUntil(done func() bool, what string, args ...any) {
	r.t.Helper()
	deadline := time.After(patience)
	for !done() {
		select {
		case b, ok := <-r.w.Batches():
			if !ok {
				r.t.Fatalf("channel closed while waiting for "+what, args...)
			}
			r.take(b)
		case <-deadline:
			r.t.Fatalf("no batch with "+what+" within %v; got %v", append(args, patience, r.paths())...)
		}
	}
}

// paths is every path reported so far, sorted.
func (r *recorder) paths() []string { return slices.Sorted(maps.Keys(r.seen)) }

// expectOnly fails unless exactly want has been reported.
func (r *recorder) expectOnly(want ...string) {
	r.t.Helper()
	slices.Sort(want)
	if got := r.paths(); !slices.Equal(got, want) {
		r.t.Errorf("reported %q, want exactly %q", got, want)
	}
}

// expectNoRescan fails if any batch asked for a full rescan: ordinary edits
// and folder moves must be reported precisely.
func (r *recorder) expectNoRescan() {
	r.t.Helper()
	for _, b := range r.batches {
		if b.Rescan {
			r.t.Errorf("unexpected rescan in %+v (log %q)", b, r.logs.lines)
		}
	}
}
