package assets_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"brief/internal/assets"
)

func src(p, data string) assets.Source {
	return assets.Source{Path: p, Hash: uint64(len(data)) ^ uint64(data[0]), Read: func() ([]byte, error) { return []byte(data), nil }}
}

func shrink(_ string, data []byte) []byte { return bytes.ReplaceAll(data, []byte(" "), nil) }

func TestFingerprint(t *testing.T) {
	var cache assets.Cache
	m, err := assets.Build([]assets.Source{
		src("css/brief.css", "body { color: red }"),
		src("js/search.js", "let a = 1"),
		src("favicon.svg", "<svg/>"),
	}, assets.Options{Fingerprint: true, BasePath: "/", Minify: shrink}, &cache)
	if err != nil {
		t.Fatal(err)
	}
	css, err := m.Lookup("/css/brief.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(css.URL, "/_assets/css/brief.") || !strings.HasSuffix(css.URL, ".css") || len(css.URL) != len("/_assets/css/brief.0123456789.css") {
		t.Errorf("css URL %q", css.URL)
	}
	if len(m.Outputs) != 2 {
		t.Fatalf("outputs %v", m.Outputs)
	}
	out := m.Outputs[0]
	if "/"+out.Path != css.URL || string(out.Data) != "body{color:red}" {
		t.Errorf("output %s %q", out.Path, out.Data)
	}
	sum := sha512.Sum384(out.Data)
	if css.Integrity != "sha384-"+base64.StdEncoding.EncodeToString(sum[:]) {
		t.Errorf("integrity %q does not match the served bytes", css.Integrity)
	}
	if svg, _ := m.Lookup("favicon.svg"); svg.URL != "/favicon.svg" || svg.Integrity != "" {
		t.Errorf("svg %+v: only CSS and JS are fingerprinted", svg)
	}
	if _, err := m.Lookup("css/missing.css"); err == nil || !strings.Contains(err.Error(), "static/") {
		t.Errorf("missing asset: %v", err)
	}

	// A change of content changes the name; the same content keeps it.
	m2, _ := assets.Build([]assets.Source{src("css/brief.css", "body { color: blue }"), src("js/search.js", "let a = 1")},
		assets.Options{Fingerprint: true, BasePath: "/", Minify: shrink}, &cache)
	css2, _ := m2.Lookup("css/brief.css")
	js1, _ := m.Lookup("js/search.js")
	js2, _ := m2.Lookup("js/search.js")
	if css2.URL == css.URL || js1 != js2 || m.Hash == m2.Hash {
		t.Errorf("after an edit: css %s -> %s, js %s -> %s", css.URL, css2.URL, js1.URL, js2.URL)
	}
}

func TestPlainWithoutFingerprint(t *testing.T) {
	var cache assets.Cache
	m, err := assets.Build([]assets.Source{src("css/brief.css", "body{}")}, assets.Options{}, &cache)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := m.Lookup("css/brief.css")
	if a.URL != "/css/brief.css" || a.Integrity != "" || len(m.Outputs) != 0 {
		t.Errorf("dev asset %+v, outputs %v", a, m.Outputs)
	}
}

func TestLaterSourceWins(t *testing.T) {
	var cache assets.Cache
	m, _ := assets.Build([]assets.Source{src("css/brief.css", "theme{}"), src("css/brief.css", "site{}")},
		assets.Options{Fingerprint: true}, &cache)
	if string(m.Outputs[0].Data) != "site{}" {
		t.Errorf("static/ should replace the theme's asset: %q", m.Outputs[0].Data)
	}
}

func TestRelativeCSSURLsFollowTheMove(t *testing.T) {
	var cache assets.Cache
	css := `a{background:url(../img/a.png)} b{background:url("fonts/b.woff2?v=1#x")} c{background:url('/abs.png')} d{background:url(data:image/png;base64,AAA)} e{background:url(https://x.org/e.png)}`
	m, _ := assets.Build([]assets.Source{src("css/site.css", css)}, assets.Options{Fingerprint: true, BasePath: "/policy/"}, &cache)
	got := string(m.Outputs[0].Data)
	for _, want := range []string{`url("/policy/img/a.png")`, `url("/policy/css/fonts/b.woff2?v=1#x")`, `url('/abs.png')`, `url(data:image/png;base64,AAA)`, `url(https://x.org/e.png)`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
}

func TestImageSizes(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 12, 7))); err != nil {
		t.Fatal(err)
	}
	var cache assets.Cache
	m, err := assets.Build([]assets.Source{src("images/share.png", buf.String()), src("images/other.png", buf.String())},
		assets.Options{Sizes: []string{"/images/share.png"}}, &cache)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := m.Lookup("images/share.png"); a.Width != 12 || a.Height != 7 {
		t.Errorf("share.png %+v", a)
	}
	if a, _ := m.Lookup("images/other.png"); a.Width != 0 {
		t.Errorf("size read although not asked for: %+v", a)
	}
}

func TestReadError(t *testing.T) {
	var cache assets.Cache
	bad := assets.Source{Path: "js/x.js", Read: func() ([]byte, error) { return nil, errors.New("boom") }}
	if _, err := assets.Build([]assets.Source{bad}, assets.Options{Fingerprint: true}, &cache); err == nil || !strings.Contains(err.Error(), "js/x.js: boom") {
		t.Errorf("err = %v", err)
	}
}
