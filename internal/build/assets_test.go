package build_test

import (
	"crypto/sha512"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"brief/internal/build"
)

var stylesheet = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"(?: integrity="([^"]+)")?>`)

// TestFingerprintedAssets: a published build links the stylesheet under a
// hashed name in _assets/ with the integrity of the bytes served there; the
// plain copy stays for anything that names it; the dev build links it as is.
func TestFingerprintedAssets(t *testing.T) {
	site := with(fixture(), map[string]string{"static/css/brief.css": "body {\n  color: red;\n}\n"})
	_, mem := mustBuild(t, site, build.Options{Fingerprint: true, BaseURL: "https://x.example/policy/"})
	m := stylesheet.FindStringSubmatch(string(mem.Files["index.html"]))
	if m == nil {
		t.Fatalf("no stylesheet link in:\n%s", mem.Files["index.html"])
	}
	href, integrity := m[1], html.UnescapeString(m[2])
	if !regexp.MustCompile(`^/policy/_assets/css/brief\.[0-9a-f]{10}\.css$`).MatchString(href) {
		t.Errorf("href %q", href)
	}
	served, ok := mem.Files[strings.TrimPrefix(href, "/policy/")]
	if !ok {
		t.Fatalf("%s is not in the output", href)
	}
	if string(served) != "body{color:red}" {
		t.Errorf("served %q, want the static/ file minified", served)
	}
	sum := sha512.Sum384(served)
	if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); integrity != want {
		t.Errorf("integrity %q, want %q", integrity, want)
	}
	if string(mem.Files["css/brief.css"]) != "body {\n  color: red;\n}\n" {
		t.Errorf("plain copy %q", mem.Files["css/brief.css"])
	}
	for p, data := range mem.Files {
		if strings.HasSuffix(p, ".html") && strings.Contains(string(data), `href="/policy/css/brief.css"`) {
			t.Errorf("%s links the plain stylesheet", p)
		}
	}

	_, dev := mustBuild(t, site, build.Options{})
	if m := stylesheet.FindStringSubmatch(string(dev.Files["index.html"])); m == nil || m[1] != "/css/brief.css" || m[2] != "" {
		t.Errorf("dev stylesheet link %q", m)
	}
	for p := range dev.Files {
		if strings.HasPrefix(p, "_assets/") {
			t.Errorf("dev build wrote %s", p)
		}
	}
}

func TestMissingShareImage(t *testing.T) {
	err := buildErr(t, with(fixture(), map[string]string{"site.toml": "title = \"T\"\n[seo]\nimage = \"/img/card.png\"\n"}))
	if !strings.Contains(err, "site.toml:3: seo.image: no file /img/card.png in static/") {
		t.Errorf("error %s", err)
	}
	_, mem := mustBuild(t, with(fixture(), map[string]string{"site.toml": "title = \"T\"\nbaseURL = \"https://x.example/\"\n[seo]\nimage = \"https://cdn.example/card.png\"\n"}), build.Options{})
	if !strings.Contains(string(mem.Files["index.html"]), `<meta property="og:image" content="https://cdn.example/card.png">`) {
		t.Errorf("absolute image URL not used")
	}
}

func buildErr(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	_, _, err := buildFS(t, fsys, build.Options{})
	return diagnostics(t, err).Error()
}
