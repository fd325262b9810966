package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const (
	indexHTML = "<!doctype html><html><head><title>home</title></head><body><p>home</p></body></html>"
	notFound  = "<!doctype html><html><head><title>missing</title></head><body>not here</body></html>"
)

func testSite() map[string][]byte {
	return map[string][]byte{
		"index.html":                  []byte(indexHTML),
		"briefings/x/index.html":      []byte("<html><head></head><body>x</body></html>"),
		"tags/数字资产/index.html":        []byte("<html><head></head><body>数字资产</body></html>"),
		"css/site.css":                []byte("p{color:red}"),
		"404.html":                    []byte(notFound),
		"index.xml":                   []byte("<rss></rss>"),
		"sitemap.xml":                 []byte("<urlset></urlset>"),
		"js/app.js":                   []byte("console.log(1)"),
		"data/search.json":            []byte("[]"),
		"img/logo.svg":                []byte("<svg></svg>"),
		"img/p.png":                   []byte("\x89PNG\r\n\x1a\n"),
		"robots.txt":                  []byte("User-agent: *"),
		"briefings/x/figures.csv":     []byte("a,b\n1,2\n"),
		"fonts/f.woff2":               []byte("wOF2"),
		"favicon.ico":                 []byte("\x00\x00\x01\x00"),
		"nohead/index.html":           []byte("<p>minified, no end tags"),
		"bodyonly/index.html":         []byte("<html><body><p>b</p></body></html>"),
		"upper/index.html":            []byte("<HTML><HEAD><TITLE>u</TITLE></HEAD><BODY>u</BODY></HTML>"),
		"briefings/x/photo.webp":      []byte("RIFF"),
		"briefings/x/photo.jpg":       []byte("\xff\xd8\xff"),
		"feeds/atom.atom":             []byte("<feed></feed>"),
		"_redirects":                  []byte("/old /new 301\n"),
		"briefings/x/report.pdf":      []byte("%PDF-1.7"),
		"manifest.webmanifest":        []byte("{}"),
		"briefings/x/chart-data.json": []byte("{}"),
	}
}

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s := New(Options{Logf: t.Logf})
	s.Apply(testSite(), nil)
	return s
}

func get(t *testing.T, h http.Handler, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRouting(t *testing.T) {
	h := newTestServer(t).Handler()
	tests := []struct {
		target   string
		status   int
		contains string // in the body
		location string // for redirects
	}{
		{"/", 200, "<p>home</p>", ""},
		{"/index.html", 200, "<p>home</p>", ""},
		{"/?q=1", 200, "<p>home</p>", ""},
		{"/briefings/x/", 200, ">x<", ""},
		{"/briefings/x/index.html", 200, ">x<", ""},
		{"/briefings/x", 301, "", "/briefings/x/"},
		{"/briefings/x?utm=1", 301, "", "/briefings/x/?utm=1"},
		{"/tags/%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7/", 200, "数字资产", ""},
		{"/tags/%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7", 301, "", "/tags/%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7/"},
		{"/css/site.css", 200, "p{color:red}", ""},
		{"/css/site.css?brief-reload=123", 200, "p{color:red}", ""},
		{"/css/", 404, "not here", ""},
		{"/missing/", 404, "not here", ""},
		{"/missing", 404, "not here", ""},
		{"/briefings/y/", 404, "not here", ""},
		{"/__brief/reload.js", 200, "EventSource", ""},
		{"/__brief/nothing", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := get(t, h, tt.target)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if b := body(t, resp); !strings.Contains(b, tt.contains) {
				t.Errorf("body %q does not contain %q", b, tt.contains)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
		})
	}
}

func TestNotFoundWithoutSite404IsPlainText(t *testing.T) {
	s := New(Options{})
	s.Apply(map[string][]byte{"index.html": []byte(indexHTML)}, nil)
	resp := get(t, s.Handler(), "/nope/")
	if resp.StatusCode != 404 {
		t.Fatalf("status = %d, want 404", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain", ct)
	}
}

func TestTraversalNeverServes(t *testing.T) {
	h := newTestServer(t).Handler()
	for _, target := range []string{
		"/../etc/passwd",
		"/css/../index.html",
		"/%2e%2e/",
		"/%2E%2E/etc/passwd",
		"/%2e./index.html",
		"/.%2e/index.html",
		"/..%2f",
		"/..%2findex.html",
		"/css/..%2F..%2Fetc/passwd",
		"/./index.html",
		"/a%5cb",
		"/css%5Csite.css",
		"/index.html%00",
		"/%00",
		"//evil.example/",
		"//evil.example",
	} {
		t.Run(target, func(t *testing.T) {
			resp := get(t, h, target)
			if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status = %d, want 400 or 404", resp.StatusCode)
			}
			if loc := resp.Header.Get("Location"); loc != "" {
				t.Fatalf("redirected to %q", loc)
			}
		})
	}
}

// A raw backslash cannot be written through httptest.NewRequest's URL form reliably, so
// the request is built by hand.
func TestRawBackslashRefused(t *testing.T) {
	h := newTestServer(t).Handler()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.URL.Path = `/css\site.css`
	req.URL.RawPath = ""
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", rec.Code)
	}
}

func TestContentTypes(t *testing.T) {
	h := newTestServer(t).Handler()
	tests := map[string]string{
		"/":                             "text/html; charset=utf-8",
		"/css/site.css":                 "text/css; charset=utf-8",
		"/js/app.js":                    "text/javascript; charset=utf-8",
		"/data/search.json":             "application/json; charset=utf-8",
		"/index.xml":                    "application/xml; charset=utf-8",
		"/sitemap.xml":                  "application/xml; charset=utf-8",
		"/feeds/atom.atom":              "application/atom+xml; charset=utf-8",
		"/img/logo.svg":                 "image/svg+xml",
		"/img/p.png":                    "image/png",
		"/briefings/x/photo.jpg":        "image/jpeg",
		"/briefings/x/photo.webp":       "image/webp",
		"/favicon.ico":                  "image/x-icon",
		"/fonts/f.woff2":                "font/woff2",
		"/robots.txt":                   "text/plain; charset=utf-8",
		"/briefings/x/figures.csv":      "text/csv; charset=utf-8",
		"/briefings/x/report.pdf":       "application/pdf",
		"/manifest.webmanifest":         "application/manifest+json; charset=utf-8",
		"/_redirects":                   "text/plain; charset=utf-8",
		"/__brief/reload.js":            "text/javascript; charset=utf-8",
		"/briefings/x/chart-data.json":  "application/json; charset=utf-8",
		"/missing-page-served-404.html": "text/html; charset=utf-8",
	}
	for target, want := range tests {
		t.Run(target, func(t *testing.T) {
			resp := get(t, h, target)
			if got := resp.Header.Get("Content-Type"); got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
		})
	}
}

func TestReloadScriptInjectedIntoHTMLOnly(t *testing.T) {
	h := newTestServer(t).Handler()
	tag := reloadTag(1) // newTestServer applies its site once
	tests := []struct {
		target string
		want   string // body must equal this; "" means: must not contain the tag
	}{
		{"/", strings.Replace(indexHTML, "</head>", tag+"</head>", 1)},
		{"/upper/", "<HTML><HEAD><TITLE>u</TITLE>" + tag + "</HEAD><BODY>u</BODY></HTML>"},
		{"/bodyonly/", "<html><body><p>b</p>" + tag + "</body></html>"},
		{"/nohead/", "<p>minified, no end tags" + tag},
		{"/missing/", strings.Replace(notFound, "</head>", tag+"</head>", 1)},
		{"/css/site.css", ""},
		{"/js/app.js", ""},
		{"/index.xml", ""},
		{"/img/logo.svg", ""},
		{"/data/search.json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := get(t, h, tt.target)
			got := body(t, resp)
			if tt.want == "" {
				if strings.Contains(got, reloadScriptPath) {
					t.Fatalf("reload script injected into %s: %q", tt.target, got)
				}
				return
			}
			if got != tt.want {
				t.Fatalf("body = %q\nwant   %q", got, tt.want)
			}
			if cl := resp.Header.Get("Content-Length"); cl != itoa(len(got)) {
				t.Errorf("Content-Length = %s, body is %d bytes", cl, len(got))
			}
		})
	}
}

func TestReloadTagIsTheDocumentedOne(t *testing.T) {
	if got := reloadTag(7); got != `<script src="/__brief/reload.js" data-brief-gen="7" defer></script>` {
		t.Fatalf("reloadTag = %q", got)
	}
}

func TestHeadAndMethods(t *testing.T) {
	h := newTestServer(t).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/", nil))
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD / = %d with %d body bytes, want 200 and none", rec.Code, rec.Body.Len())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", rec.Code)
	}
}

func TestApplyAndRemoveVisible(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()

	s.Apply(map[string][]byte{"briefings/new/index.html": []byte("<p>fresh</p>")}, nil)
	if resp := get(t, h, "/briefings/new/"); resp.StatusCode != 200 || !strings.Contains(body(t, resp), "fresh") {
		t.Fatalf("new page not served after Apply: %d", resp.StatusCode)
	}
	s.Apply(map[string][]byte{"index.html": []byte("<p>changed home</p>")}, nil)
	if b := body(t, get(t, h, "/")); !strings.Contains(b, "changed home") {
		t.Fatalf("changed page not served: %q", b)
	}
	s.Apply(nil, []string{"briefings/new/index.html", "css/site.css"})
	for _, target := range []string{"/briefings/new/", "/briefings/new", "/css/site.css"} {
		if resp := get(t, h, target); resp.StatusCode != 404 {
			t.Errorf("%s after removal = %d, want 404", target, resp.StatusCode)
		}
	}
}

// A missing page gets the nearest 404.html in its folder or above: under
// /zh-hant/ the Chinese edition's, as Netlify does with the _redirects
// rules brief writes for each edition.
func TestNotFoundOfAnEdition(t *testing.T) {
	s := New(Options{Logf: t.Logf})
	site := testSite()
	site["zh-hant/index.html"] = []byte(indexHTML)
	site["zh-hant/404.html"] = []byte("<html><head></head><body>找不到</body></html>")
	s.Apply(site, nil)
	h := s.Handler()
	for target, want := range map[string]string{
		"/zh-hant/missing/":              "找不到",
		"/zh-hant/briefings/y/":          "找不到",
		"/zh-hant/briefings/y/chart.png": "找不到",
		"/missing/":                      "not here",
		"/zh-hans/missing/":              "not here",
		"/zh-hantx/":                     "not here",
	} {
		resp := get(t, h, target)
		if b := body(t, resp); resp.StatusCode != 404 || !strings.Contains(b, want) {
			t.Errorf("%s: %d %q, want 404 with %q", target, resp.StatusCode, b, want)
		}
	}
}
