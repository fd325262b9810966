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
