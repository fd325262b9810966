package server

import (
	_ "embed"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// The server's own endpoints live under a prefix no build writes to.
const (
	internalPrefix   = "/__brief/"
	reloadScriptPath = internalPrefix + "reload.js"
	eventsPath       = internalPrefix + "events"
)

//go:embed assets/reload.js
var reloadScript []byte

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")

	if err := checkPath(r.URL.EscapedPath(), r.URL.Path); err != nil {
		s.logf("%s %q: refused: %v", r.Method, r.RequestURI, err)
		http.Error(w, "400 bad request: path not allowed", http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}

	switch {
	case r.URL.Path == eventsPath:
		s.serveEvents(w, r)
		return
	case r.URL.Path == reloadScriptPath:
		write(w, r, http.StatusOK, "text/javascript; charset=utf-8", reloadScript)
		return
	case strings.HasPrefix(r.URL.Path, internalPrefix):
		http.NotFound(w, r)
		return
	}

	res := resolve(r.URL.Path, s.exists)
	if res.redirect != "" {
		target := (&url.URL{Path: res.redirect, RawQuery: r.URL.RawQuery}).String()
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	status, key := http.StatusOK, res.key
	data, gen, ok, err := s.lookupGen(key)
	if err != nil {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		if data == nil {
			http.Error(w, "500 cannot make this file: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	if !ok {
		// The file may have been removed since resolve looked; either way it is a 404 now.
		status, key = http.StatusNotFound, notFoundPage(strings.TrimPrefix(r.URL.Path, "/"), s.exists)
		if data, gen, ok, _ = s.lookupGen(key); !ok {
			s.logf("%s %s: 404", r.Method, r.URL.Path)
			http.Error(w, "404 page not found (the site has no 404.html)", http.StatusNotFound)
			return
		}
		s.logf("%s %s: 404", r.Method, r.URL.Path)
	}
	ct := contentType(key, data)
	if isHTML(ct) {
		data = injectReload(data, gen)
	}
	write(w, r, status, ct, data)
}

// write sends a complete in-memory body; HEAD gets the headers only.
func write(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notFoundPage is the page shown for the missing output path key: the
// nearest 404.html in its folder or above, so that a missing page under
// /zh-hant/ gets the Chinese edition's 404 page, as Netlify does with the
// rules brief writes in _redirects; else the site's 404.html.
func notFoundPage(key string, exists func(string) bool) string {
	for dir := path.Dir(key); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if p := dir + "/404.html"; exists(p) {
			return p
		}
	}
	return "404.html"
}
