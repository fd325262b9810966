// Package server is the development server behind `brief serve`. It serves a site that lives
// in memory (output path -> bytes, as produced by the build), injects a live-reload script
// into HTML, and shows build errors as an overlay while the last good site keeps being served.
//
// Binding is the caller's choice; `brief serve` binds 127.0.0.1 by default so a draft site is
// not exposed to the network, and only requests whose Host names the address served are
// answered, so that a web page cannot read the preview through DNS rebinding. Nothing is ever read from disk: a URL can only reach a key of the
// in-memory map, and paths with "..", backslashes, encoded dots or control bytes are refused.
//
// Browsers allow about six HTTP/1.1 connections per host and each open page holds one event
// stream, so with many tabs open on one server some of them wait for a free connection.
package server

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultAddr is where `brief serve` listens unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:1313"

// Options configures a Server.
type Options struct {
	Logf func(format string, args ...any) // optional request/error log
	// Failed, if set, hears of each file made on request (ApplyLazy)
	// whose maker failed, once, from the request's goroutine.
	Failed func(path string, err error)
}

// Server serves an in-memory site with live reload. Create it with New; it is safe for
// concurrent use.
type Server struct {
	logf   func(format string, args ...any)
	failed func(path string, err error)

	applyMu sync.Mutex // serialises Apply so broadcasts leave in the order sites were installed
	siteMu  sync.RWMutex
	site    map[string][]byte    // output path -> content; replaced entries are never mutated
	lazy    map[string]*lazyFile // output path -> file made on first request (see lazy.go)
	// gen counts Applies; changedAt records the gen of each path's last change, so a
	// page that connects late (just reloaded) learns whether it already missed one.
	gen       uint64
	changedAt map[string]uint64

	hub *hub
}

// New returns a Server with an empty site.
func New(opt Options) *Server {
	logf := opt.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return &Server{logf: logf, failed: opt.Failed, site: map[string][]byte{}, lazy: map[string]*lazyFile{}, changedAt: map[string]uint64{}, hub: newHub()}
}

// Handler returns the HTTP handler serving the site, the reload script and the event stream.
// It answers any Host: ListenAndServe puts the Host check in front of it.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

// Apply installs new or changed files and removes others, atomically for readers, and then
// tells every open page what changed. Keys are output paths ("index.html",
// "briefings/x/index.html", "css/site.css", "404.html"). The server owns put and removed
// afterwards. Files whose bytes did not change are not announced, so pages do not reload
// for nothing.
func (s *Server) Apply(put map[string][]byte, removed []string) {
	s.apply(put, nil, removed)
}

func (s *Server) apply(put map[string][]byte, lazy map[string]func() ([]byte, error), removed []string) {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()

	var changed []string
	s.siteMu.Lock()
	s.gen++
	for _, key := range removed {
		_, made := s.site[key]
		_, pending := s.lazy[key]
		if made || pending {
			delete(s.site, key)
			delete(s.lazy, key)
			changed = append(changed, key)
		}
	}
	for key, data := range put {
		delete(s.lazy, key)
		if old, ok := s.site[key]; ok && string(old) == string(data) {
			continue
		}
		s.site[key] = data
		changed = append(changed, key)
	}
	// A lazy file comes only when its inputs changed: it is a change.
	for key, make := range lazy {
		last, made := s.site[key]
		if old := s.lazy[key]; !made && old != nil {
			last = old.last // not made yet, or made with an error
		}
		delete(s.site, key)
		s.lazy[key] = &lazyFile{make: make, last: last}
		changed = append(changed, key)
	}
	for _, key := range changed {
		s.changedAt[key] = s.gen
	}
	s.siteMu.Unlock()

	// Broadcast only after the new files are visible (gohugoio/hugo#12462: a reload that
	// races the rebuild fetches the old page).
	if ev, ok := changeEvent(changed); ok {
		s.hub.broadcast(ev)
	}
}

// SetError shows msg (multi-line "file:line: message" text; "" clears it) as an overlay on
// every open page and on pages opened later, while the last good site keeps being served.
func (s *Server) SetError(msg string) {
	s.hub.setError(msg)
}

// changedSince reports whether the page at key (or, for a missing page, the 404 page
// shown instead) changed after generation gen.
func (s *Server) changedSince(key string, gen uint64) bool {
	s.siteMu.RLock()
	defer s.siteMu.RUnlock()
	if s.changedAt[key] > gen {
		return true
	}
	_, exists := s.site[key]
	_, pending := s.lazy[key]
	has := func(k string) bool { _, ok := s.site[k]; return ok }
	return !exists && !pending && s.changedAt[notFoundPage(key, has)] > gen
}

// shutdownGrace bounds how long in-flight requests may take once the context is done.
const shutdownGrace = 5 * time.Second

// ListenAndServe binds addr (e.g. "127.0.0.1:1313") and serves until ctx is done, then shuts
// down gracefully, closing open event streams. It reports the bound address (useful with
// port 0) through ready, if non-nil, before serving. Only requests whose Host names the
// address served are answered (see hostCheck).
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(addr net.Addr)) error {
	bind, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	_, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		ln.Close()
		return err
	}
	// Event streams never go idle, so Shutdown alone would wait for them forever:
	// every request context derives from streamsCtx, and cancelling it ends the streams.
	streamsCtx, endStreams := context.WithCancel(context.Background())
	defer endStreams()
	srv := s.httpServer(newHostCheck(bind, port).guard(s.Handler(), s.logf), streamsCtx)
	// Browsers open connections ahead of requests they may never send
	// (preconnect). Shutdown counts such a connection as busy for its
	// first 5 seconds, so stopping would wait out the grace period and
	// report it: they are closed when the server stops instead.
	unused := newUnusedConns()
	srv.ConnState = unused.track
	if ready != nil {
		ready(ln.Addr())
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	endStreams()
	unused.closeAll()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	shutdownErr := srv.Shutdown(shutdownCtx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return shutdownErr
}

// httpServer sets the limits every connection gets: headers must arrive within
// 10 seconds and stay under net/http's 1 MB (else 431), idle connections close
// after a minute.
func (s *Server) httpServer(h http.Handler, base context.Context) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          log.New(logWriter(s.logf), "", 0),
	}
}

// unusedConns are the connections that have not begun a request.
type unusedConns struct {
	mu      sync.Mutex
	conns   map[net.Conn]bool
	closing bool
}

func newUnusedConns() *unusedConns { return &unusedConns{conns: map[net.Conn]bool{}} }

// track is an http.Server's ConnState: once closeAll has run, a new
// connection is closed as soon as it is accepted.
func (u *unusedConns) track(c net.Conn, state http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case state == http.StateNew && u.closing:
		c.Close()
	case state == http.StateNew:
		u.conns[c] = true
	default:
		delete(u.conns, c)
	}
}

// closeAll closes the connections that have not begun a request, and every
// one accepted from now on.
func (u *unusedConns) closeAll() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.closing = true
	for c := range u.conns {
		c.Close()
		delete(u.conns, c)
	}
}

// logWriter adapts Logf to the io.Writer that net/http's error log needs.
type logWriter func(format string, args ...any)

func (w logWriter) Write(p []byte) (int, error) {
	w("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
