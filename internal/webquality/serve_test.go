package webquality

import (
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/netlify"
)

// netlifyConfig reads the repository's netlify.toml.
func netlifyConfig(t testing.TB) *netlify.Config {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := netlify.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// serve answers as Netlify would for the site in dir: pretty URLs, the
// site's 404.html with status 404, and every response with the headers
// netlify.toml gives its path (Content-Security-Policy included). basePath
// is where the site lives ("/" or "/policy/"). It listens on ln, or on a
// free loopback port when ln is nil.
func serve(t testing.TB, dir, basePath string, headers *netlify.Config, ln net.Listener) *httptest.Server {
	t.Helper()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, strings.TrimSuffix(basePath, "/"))
		if !ok {
			p = "/404.html"
		}
		file := path.Clean("/" + p)
		if strings.HasSuffix(p, "/") {
			file = path.Join(file, "index.html")
		}
		status := http.StatusOK
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			status, file = http.StatusNotFound, "/404.html"
			data, _ = os.ReadFile(filepath.Join(dir, "404.html"))
		}
		for k, v := range headers.Headers(p) {
			w.Header()[k] = v
		}
		ct := mime.TypeByExtension(path.Ext(file))
		if ct == "" {
			ct = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		w.Write(data)
	})
	srv := httptest.NewUnstartedServer(h)
	if ln != nil {
		srv.Listener.Close()
		srv.Listener = ln
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}
