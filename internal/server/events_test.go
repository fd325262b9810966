package server

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// sseReader parses a text/event-stream response, skipping comments.
type sseReader struct {
	t  *testing.T
	sc *bufio.Scanner
}

func (r *sseReader) next() event {
	r.t.Helper()
	var ev event
	var data []string
	for r.sc.Scan() {
		line := r.sc.Text()
		switch {
		case line == "":
			if ev.name == "" && data == nil {
				continue // end of a comment-only block
			}
			ev.data = strings.Join(data, "\n")
			return ev
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
	r.t.Fatalf("event stream ended: %v", r.sc.Err())
	return event{}
}

// openEvents connects to the event stream and consumes the initial state event, after
// which the connection is known to be subscribed.
func openEvents(t *testing.T, baseURL string) (*sseReader, event) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	target := baseURL + eventsPath
	if i := strings.Index(baseURL, "?"); i >= 0 {
		target = baseURL[:i] + eventsPath + baseURL[i:]
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type = %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("Cache-Control = %q", cc)
	}
	r := &sseReader{t: t, sc: bufio.NewScanner(resp.Body)}
	return r, r.next()
}

func TestEventStream(t *testing.T) {
	s := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)

	stream, first := openEvents(t, ts.URL)
	if first != (event{name: "ok"}) {
		t.Fatalf("first event = %+v, want ok", first)
	}

	many := map[string][]byte{}
	for i := range maxListedChanges + 1 {
		many[fmt.Sprintf("p/%d/index.html", i)] = []byte("x")
	}
	steps := []struct {
		name  string
		do    func()
		wants event
	}{
		{"changed page", func() {
			s.Apply(map[string][]byte{"briefings/x/index.html": []byte("<p>x2</p>")}, nil)
		}, event{"reload", `["/briefings/x/"]`}},
		{"pages added and removed, sorted", func() {
			s.Apply(map[string][]byte{"tags/数字资产/index.html": []byte("new"), "index.html": []byte("new")}, []string{"robots.txt"})
		}, event{"reload", `["/","/robots.txt","/tags/数字资产/"]`}},
		{"stylesheets only", func() {
			s.Apply(map[string][]byte{"css/site.css": []byte("p{color:blue}"), "css/print.css": []byte("")}, nil)
		}, event{"css", `["/css/print.css","/css/site.css"]`}},
		{"stylesheet and page", func() {
			s.Apply(map[string][]byte{"css/site.css": []byte("p{color:green}"), "404.html": []byte("gone")}, nil)
		}, event{"reload", `["/404.html","/css/site.css"]`}},
		{"many changes", func() { s.Apply(many, nil) }, event{"reload", `["*"]`}},
		{"error", func() { s.SetError("content/a.md:3: bad date\r\nsite.toml:1: <b>oops</b>") },
			event{"error", "content/a.md:3: bad date\nsite.toml:1: <b>oops</b>"}},
		{"ok", func() { s.SetError("") }, event{"ok", ""}},
	}
	for _, step := range steps {
		step.do()
		if got := stream.next(); got != step.wants {
			t.Fatalf("%s: event = %+v, want %+v", step.name, got, step.wants)
		}
	}
}

func TestEventStreamSkipsNoChanges(t *testing.T) {
	s := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	stream, _ := openEvents(t, ts.URL)

	s.Apply(map[string][]byte{"index.html": []byte(indexHTML)}, []string{"never/existed.html"}) // identical, absent
	s.Apply(nil, nil)
	s.SetError("")                                                         // already clear
	s.Apply(map[string][]byte{"js/app.js": []byte("console.log(2)")}, nil) // the first real change
	if got, want := stream.next(), (event{"reload", `["/js/app.js"]`}); got != want {
		t.Fatalf("event = %+v, want %+v (no-op changes must not be announced)", got, want)
	}
}

func TestNewConnectionGetsCurrentError(t *testing.T) {
	s := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.SetError("content/a.md:1: broken")
	if _, first := openEvents(t, ts.URL); first != (event{"error", "content/a.md:1: broken"}) {
		t.Fatalf("first event = %+v, want the current error", first)
	}
	// The last good site is still served while the error stands.
	if resp := get(t, s.Handler(), "/"); resp.StatusCode != 200 {
		t.Fatalf("GET / during error = %d", resp.StatusCode)
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	h := newHub()
	c := h.subscribe()
	for range clientQueue - 1 { // the initial state event takes one slot
		h.broadcast(event{name: "reload", data: `["/"]`})
	}
	select {
	case <-c.dropped:
		t.Fatal("dropped before its queue was full")
	default:
	}
	h.broadcast(event{name: "reload", data: `["/"]`})
	select {
	case <-c.dropped:
	default:
		t.Fatal("a client with a full queue was not dropped")
	}
	if n := h.count(); n != 0 {
		t.Fatalf("hub still has %d clients", n)
	}
}

func TestEncodeEvent(t *testing.T) {
	got := string(encodeEvent(event{name: "error", data: "a\nb\r\nc"}))
	if want := "event: error\ndata: a\ndata: b\ndata: c\n\n"; got != want {
		t.Fatalf("encodeEvent = %q, want %q", got, want)
	}
	if got := string(encodeEvent(event{name: "ok"})); got != "event: ok\ndata: \n\n" {
		t.Fatalf("encodeEvent(ok) = %q", got)
	}
}

// A page that reloads while a change is announced connects after the event went out;
// it says which generation it was served from, and is told at once that it is stale.
func TestLateConnectionLearnsItMissedAChange(t *testing.T) {
	s := newTestServer(t) // generation 1
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.Apply(map[string][]byte{"index.html": []byte("<html><head></head><body>v2</body></html>")}, nil) // generation 2

	stale, _ := openEvents(t, ts.URL+"?since=1&page=%2F")
	if ev := stale.next(); ev != (event{"reload", `["/"]`}) {
		t.Fatalf("stale page got %+v, want a reload of /", ev)
	}
	// A page served at generation 2 is current: its next event is the next real change.
	current, _ := openEvents(t, ts.URL+"?since=2&page=%2F")
	s.Apply(map[string][]byte{"other/index.html": []byte("<p>x</p>")}, nil)
	if ev := current.next(); ev != (event{"reload", `["/other/"]`}) {
		t.Fatalf("current page got %+v first, want only the later change", ev)
	}
}
