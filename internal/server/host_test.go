package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHostCheck(t *testing.T) {
	for _, tc := range []struct {
		bind  string
		allow []string
		deny  []string
	}{
		{"127.0.0.1",
			[]string{"127.0.0.1:1313", "localhost:1313", "LocalHost:1313", "[::1]:1313"},
			[]string{"evil.example:1313", "evil.example", "127.0.0.1:1314", "localhost", "127.0.0.1", "[::1]",
				"localhost.evil.example:1313", "127.0.0.1.nip.io:1313", "192.168.1.5:1313", "", ":1313", "[::1]:1314",
				"localhost:1313.evil.example", "2130706433:1313", "127.1:1313"}},
		{"192.168.1.5",
			[]string{"192.168.1.5:1313", "localhost:1313", "127.0.0.1:1313"},
			[]string{"192.168.1.6:1313", "evil.example:1313"}},
		{"0.0.0.0",
			[]string{"192.168.1.5:1313", "10.0.0.2:1313", "[fe80::1]:1313", "localhost:1313"},
			[]string{"evil.example:1313", "my-laptop.local:1313", "192.168.1.5:80"}},
		{"::",
			[]string{"[2001:db8::1]:1313", "127.0.0.1:1313"},
			[]string{"evil.example:1313"}},
		{"",
			[]string{"192.168.1.5:1313"},
			[]string{"evil.example:1313"}},
		{"My-Laptop.local",
			[]string{"my-laptop.local:1313", "MY-LAPTOP.LOCAL:1313", "localhost:1313"},
			[]string{"other.local:1313", "192.168.1.5:1313"}},
		{"::1",
			[]string{"[::1]:1313", "localhost:1313"},
			[]string{"evil.example:1313"}},
	} {
		c := newHostCheck(tc.bind, "1313")
		for _, h := range tc.allow {
			if !c.allows(h) {
				t.Errorf("bind %q: Host %q refused", tc.bind, h)
			}
		}
		for _, h := range tc.deny {
			if c.allows(h) {
				t.Errorf("bind %q: Host %q allowed", tc.bind, h)
			}
		}
	}
	// Port 80 is the default: a Host without a port means it.
	if c := newHostCheck("127.0.0.1", "80"); !c.allows("localhost") || !c.allows("127.0.0.1:80") || c.allows("evil.example") {
		t.Error("port 80: a Host without a port is not read as port 80")
	}
}

// rawRequest sends a request exactly as written and returns the status line and body.
func rawRequest(t *testing.T, addr, request string) (string, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer to %q: %v", request[:min(len(request), 80)], err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d", resp.StatusCode), string(b)
}

// TestDNSRebindingRefused serves over TCP as brief serve does: a request
// whose Host is another name (a rebinding page's) gets 421 and no byte of
// the site, on every path, the event stream and the reload script included.
func TestDNSRebindingRefused(t *testing.T) {
	base, _ := startServer(t, newTestServer(t), "127.0.0.1:0")
	addr := strings.TrimPrefix(base, "http://")
	_, port, _ := net.SplitHostPort(addr)
	req := func(method, target, host string) string {
		hostLine := ""
		if host != "-" {
			hostLine = "Host: " + host + "\r\n"
		}
		return method + " " + target + " HTTP/1.1\r\n" + hostLine + "Connection: close\r\n\r\n"
	}
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port} {
		if status, b := rawRequest(t, addr, req("GET", "/", host)); status != "200" || !strings.Contains(b, "<p>home</p>") {
			t.Errorf("Host %s: %s %q", host, status, b)
		}
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1:1", "localhost", "attacker.127.0.0.1.nip.io:" + port} {
		for _, target := range []string{"/", "/briefings/x/", "/css/site.css", eventsPath, reloadScriptPath, "/missing/", "/../etc/passwd"} {
			status, b := rawRequest(t, addr, req("GET", target, host))
			if status != "421" || strings.Contains(b, "home") || !strings.Contains(b, "answers only for 127.0.0.1:"+port) {
				t.Errorf("GET %s for Host %s: %s %q, want 421 with a short message", target, host, status, b)
			}
		}
	}
	// HTTP/1.0 allows no Host at all: refused too.
	if status, _ := rawRequest(t, addr, "GET / HTTP/1.0\r\n\r\n"); status != "421" {
		t.Errorf("HTTP/1.0 without Host: %s, want 421", status)
	}

	// The other limits still hold for the right host: 405 for other methods
	// (421 first for another host), 431 for oversized headers.
	if status, _ := rawRequest(t, addr, req("POST", "/", "127.0.0.1:"+port)); status != "405" {
		t.Errorf("POST: %s, want 405", status)
	}
	if status, _ := rawRequest(t, addr, req("POST", "/", "evil.example:"+port)); status != "421" {
		t.Errorf("POST for another host: %s, want 421", status)
	}
	big := "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Big: " + strings.Repeat("a", 2<<20) + "\r\nConnection: close\r\n\r\n"
	if status, _ := rawRequest(t, addr, big); status != "431" {
		t.Errorf("2 MB of headers: %s, want 431", status)
	}
}

func TestHeaderTimeout(t *testing.T) {
	srv := New(Options{}).httpServer(http.NotFoundHandler(), t.Context())
	if srv.ReadHeaderTimeout != 10*time.Second {
		t.Errorf("ReadHeaderTimeout = %v, want 10s", srv.ReadHeaderTimeout)
	}
	if srv.MaxHeaderBytes != 0 && srv.MaxHeaderBytes > http.DefaultMaxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
}
