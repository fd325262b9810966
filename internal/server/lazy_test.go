package server

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// A lazy file is made on its first request, once, however many readers
// ask at the same time, and served like any other file after that.
func TestLazyFileMadeOnFirstRequest(t *testing.T) {
	s := newTestServer(t)
	var made atomic.Int32
	png := []byte("\x89PNG\r\n\x1a\nfake")
	s.ApplyLazy(nil, map[string]func() ([]byte, error){
		"briefings/x/chart-480w.png": func() ([]byte, error) { made.Add(1); return png, nil },
	}, nil)
	if made.Load() != 0 {
		t.Fatal("made before anyone asked")
	}
	h := s.Handler()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := get(t, h, "/briefings/x/chart-480w.png")
			if resp.StatusCode != http.StatusOK || body(t, resp) != string(png) || resp.Header.Get("Content-Type") != "image/png" {
				t.Errorf("got %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		}()
	}
	wg.Wait()
	if n := made.Load(); n != 1 {
		t.Errorf("made %d times, want once", n)
	}
	// HEAD answers from the made file too.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/briefings/x/chart-480w.png", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Length") != "12" || made.Load() != 1 {
		t.Errorf("HEAD: %d, length %s", rec.Code, rec.Header().Get("Content-Length"))
	}
}

func TestLazyFileReplacedAndRemoved(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	one := func(data string) map[string]func() ([]byte, error) {
		return map[string]func() ([]byte, error){"img/a-480w.jpg": func() ([]byte, error) { return []byte(data), nil }}
	}
	s.ApplyLazy(nil, one("old"), nil)
	if got := body(t, get(t, h, "/img/a-480w.jpg")); got != "old" {
		t.Fatalf("got %q", got)
	}
	s.ApplyLazy(nil, one("new"), nil) // the image changed: the next request makes the new copy
	if got := body(t, get(t, h, "/img/a-480w.jpg")); got != "new" {
		t.Errorf("after a rebuild got %q, want the new copy", got)
	}
	s.ApplyLazy(nil, one("pending"), nil)
	s.Apply(nil, []string{"img/a-480w.jpg"}) // removed before anyone asked
	if resp := get(t, h, "/img/a-480w.jpg"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a removed lazy file answers %d", resp.StatusCode)
	}
}

func TestLazyFileError(t *testing.T) {
	s := newTestServer(t)
	s.ApplyLazy(nil, map[string]func() ([]byte, error){
		"img/broken-480w.jpg": func() ([]byte, error) { return nil, errors.New("static/img/broken.jpg: unexpected EOF") },
	}, nil)
	resp := get(t, s.Handler(), "/img/broken-480w.jpg")
	if b := body(t, resp); resp.StatusCode != http.StatusInternalServerError || b != "500 cannot make this file: static/img/broken.jpg: unexpected EOF\n" {
		t.Errorf("got %d %q", resp.StatusCode, b)
	}
}

// A file whose new version cannot be made keeps its last good version, as
// a failed build keeps the whole site: through several failed versions,
// until one is made; Make reports the error for the overlay.
func TestLazyFileErrorKeepsLastGood(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	const key = "data/briefings.json"
	failing := map[string]func() ([]byte, error){key: func() ([]byte, error) { return nil, errors.New("layouts/archive.html:2: slice") }}
	s.Apply(map[string][]byte{key: []byte("good")}, nil)
	for i := range 2 {
		s.ApplyLazy(nil, failing, nil)
		if err := s.Make(key); err == nil || err.Error() != "layouts/archive.html:2: slice" {
			t.Errorf("Make: %v", err)
		}
		if resp := get(t, h, "/"+key); resp.StatusCode != http.StatusOK || body(t, resp) != "good" {
			t.Errorf("after %d failed versions: %d", i+1, resp.StatusCode)
		}
	}
	s.ApplyLazy(nil, map[string]func() ([]byte, error){key: func() ([]byte, error) { return []byte("fixed"), nil }}, nil)
	if err := s.Make(key); err != nil {
		t.Errorf("Make: %v", err)
	}
	if got := body(t, get(t, h, "/"+key)); got != "fixed" {
		t.Errorf("got %q", got)
	}
	s.ApplyLazy(nil, failing, nil)
	if got := body(t, get(t, h, "/"+key)); got != "fixed" {
		t.Errorf("got %q, want the last good version", got)
	}
}

// Options.Failed hears once of a file made on request that failed, and not
// of one that Make made (its caller has the error).
func TestLazyFileFailureTold(t *testing.T) {
	var told []string
	var mu sync.Mutex
	s := New(Options{Failed: func(p string, err error) { mu.Lock(); told = append(told, p+": "+err.Error()); mu.Unlock() }})
	fail := func() ([]byte, error) { return nil, errors.New("cut short") }
	s.ApplyLazy(nil, map[string]func() ([]byte, error){"a-480w.png": fail, "b-480w.png": fail}, nil)
	h := s.Handler()
	for range 2 {
		if resp := get(t, h, "/a-480w.png"); resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("got %d", resp.StatusCode)
		}
	}
	if err := s.Make("b-480w.png"); err == nil {
		t.Error("Make: no error")
	}
	get(t, h, "/b-480w.png")
	mu.Lock()
	defer mu.Unlock()
	if len(told) != 1 || told[0] != "a-480w.png: cut short" {
		t.Errorf("told %q, want a-480w.png's error once", told)
	}
}
