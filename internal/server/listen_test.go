package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// startServer runs ListenAndServe on a free loopback port and returns its base URL and a
// stop func that cancels it and returns ListenAndServe's result.
func startServer(t *testing.T, s *Server, addr string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, addr, func(a net.Addr) { ready <- a }) }()
	var bound net.Addr
	select {
	case bound = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("ListenAndServe: %v", err)
	}
	stopped := false
	var result error
	stop := func() error {
		if !stopped {
			stopped = true
			cancel()
			result = <-done
		}
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return "http://" + bound.String(), stop
}

// rawStatus sends a request line exactly as written, bypassing client-side URL cleaning.
func rawStatus(t *testing.T, addr, target string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("read status for %q: %v", target, err)
	}
	return strings.TrimSpace(line)
}

func TestRawTraversalOverTCP(t *testing.T) {
	base, _ := startServer(t, newTestServer(t), "127.0.0.1:0")
	addr := strings.TrimPrefix(base, "http://")
	if got := rawStatus(t, addr, "/"); got != "HTTP/1.1 200 OK" {
		t.Fatalf("GET / status line = %q", got)
	}
	for _, target := range []string{
		"/../etc/passwd", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
		`/a\b`, `/..\..\etc\passwd`, "/a%5c..%5cb", "/index.html%00", "/css/../../x",
	} {
		got := rawStatus(t, addr, target)
		if !strings.HasPrefix(got, "HTTP/1.1 400") && !strings.HasPrefix(got, "HTTP/1.1 404") {
			t.Errorf("GET %s -> %q, want 400 or 404", target, got)
		}
	}
}

func TestListenAndServeReportsBindError(t *testing.T) {
	base, _ := startServer(t, New(Options{}), "127.0.0.1:0")
	err := New(Options{}).ListenAndServe(context.Background(), strings.TrimPrefix(base, "http://"), nil)
	if err == nil {
		t.Fatal("second ListenAndServe on a taken address returned nil")
	}
}

func TestShutdownClosesStreamsWithoutLeaks(t *testing.T) {
	before := runtime.NumGoroutine()

	s := newTestServer(t)
	base, stop := startServer(t, s, "127.0.0.1:0")
	transport := &http.Transport{}
	client := &http.Client{Transport: transport}

	resp, err := client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	streams := make([]*http.Response, 3)
	for i := range streams {
		resp, err := client.Get(base + eventsPath)
		if err != nil {
			t.Fatal(err)
		}
		streams[i] = resp
		(&sseReader{t: t, sc: bufio.NewScanner(resp.Body)}).next() // subscribed
	}
	if n := s.hub.count(); n != len(streams) {
		t.Fatalf("hub has %d clients, want %d", n, len(streams))
	}

	if err := stop(); err != nil {
		t.Fatalf("ListenAndServe returned %v after cancel, want nil", err)
	}
	for i, resp := range streams {
		if _, err := io.ReadAll(resp.Body); err != nil {
			t.Errorf("stream %d did not end cleanly: %v", i, err)
		}
		resp.Body.Close()
	}
	if n := s.hub.count(); n != 0 {
		t.Errorf("hub still has %d clients after shutdown", n)
	}
	transport.CloseIdleConnections()

	// Goroutines of closed connections finish asynchronously: wait for them, bounded.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("goroutines: %d before, %d after shutdown\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

func TestServerCanListenAgainAfterShutdown(t *testing.T) {
	s := newTestServer(t)
	base, stop := startServer(t, s, "127.0.0.1:0")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	base2, _ := startServer(t, s, strings.TrimPrefix(base, "http://"))
	stream, first := openEvents(t, base2)
	if first.name != "ok" {
		t.Fatalf("first event after restart = %+v", first)
	}
	s.Apply(map[string][]byte{"index.html": []byte("v2")}, nil)
	if ev := stream.next(); ev != (event{"reload", `["/"]`}) {
		t.Fatalf("event = %+v", ev)
	}
}

// TestStopWithPreconnectedSocket: a browser opens connections ahead of
// requests it may never send (preconnect, a dial race). Stopping the server
// must not wait out the grace period for them and report them as an error
// (Ctrl-C in `brief serve` with a page open).
func TestStopWithPreconnectedSocket(t *testing.T) {
	base, stop := startServer(t, New(Options{}), "127.0.0.1:0")
	addr := strings.TrimPrefix(base, "http://")
	// One connection that has served a request and one that never sends one.
	if status := rawStatus(t, addr, "/"); status == "" {
		t.Fatal("no answer")
	}
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	time.Sleep(50 * time.Millisecond) // let the server accept it
	// Before, Shutdown waited the whole grace period for it and failed.
	if err := stop(); err != nil {
		t.Errorf("stopping with a connection that sent nothing: %v", err)
	}
}
