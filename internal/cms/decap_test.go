package cms

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dlclark/regexp2"
	"go.yaml.in/yaml/v3"

	"brief/internal/content"
	"brief/internal/money"
)

// Every type has a Decap widget or is left out on purpose.
func TestDecapCoversEveryType(t *testing.T) {
	for _, typ := range content.Types() {
		decapField(content.Field{Name: "x", Type: typ, Fields: []content.Field{{Name: "y", Type: content.Text}}}, Site{})
	}
}

func TestDecapConfig(t *testing.T) {
	raw, err := Decap(Site{Title: "Test", BaseURL: "https://example.org/",
		Vocabularies: map[string][]string{"jurisdictions": {"Beijing", "China"}}, Currencies: []string{"USD", "CNY"}})
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	if cfg["backend"].(map[string]any)["name"] != "git-gateway" || cfg["local_backend"] != true || cfg["site_url"] != "https://example.org/" {
		t.Errorf("backend %v, local %v, site %v", cfg["backend"], cfg["local_backend"], cfg["site_url"])
	}
	if s := cfg["slug"].(map[string]any); s["encoding"] != "unicode" || s["clean_accents"] != false {
		t.Errorf("slug %v: Chinese titles must keep their characters", s)
	}
	col := cfg["collections"].([]any)[0].(map[string]any)
	if col["folder"] != "content/briefings" || col["format"] != "yaml-frontmatter" || col["extension"] != "md" || col["slug"] != "{{slug}}" {
		t.Errorf("collection %v", col)
	}
	fields := map[string]map[string]any{}
	for _, f := range col["fields"].([]any) {
		m := f.(map[string]any)
		fields[m["name"].(string)] = m
	}
	for _, f := range content.Fields() {
		_, ok := fields[f.Name]
		if want := f.Type != content.Slug && f.Type != content.Paths; ok != want {
			t.Errorf("%s in the form: %v", f.Name, ok)
		}
	}
	if d := fields["date"]; d["widget"] != "datetime" || d["format"] != "YYYY-MM-DD" || d["time_format"] != false || d["default"] != "{{now}}" {
		t.Errorf("date %v", d)
	}
	if d := fields["updated"]; d["default"] != nil || d["required"] != false {
		t.Errorf("updated %v: left empty, it must not be written", d)
	}
	if j := fields["jurisdiction"]; j["widget"] != "select" || j["multiple"] != true || len(j["options"].([]any)) != 2 {
		t.Errorf("jurisdiction %v", j)
	}
	if tg := fields["tags"]; tg["widget"] != "list" || tg["field"] == nil {
		t.Errorf("tags %v", tg)
	}
	if fields["body"]["widget"] != "markdown" || fields["title"]["required"] != true {
		t.Error("body or title")
	}
	funding := fields["funding"]["fields"].([]any)
	cur := funding[1].(map[string]any)
	if opts := cur["options"].([]any); cur["widget"] != "select" || opts[0] != "USD" || opts[1] != "CNY" || len(opts) != len(money.Codes()) {
		t.Errorf("currency %v", cur)
	}
	// The amount pattern, run as JavaScript runs it, agrees with the parser.
	pat := funding[0].(map[string]any)["pattern"].([]any)[0].(string)
	if strings.ContainsFunc(pat, func(r rune) bool { return r > 0x7f && r != '万' && r != '萬' && r != '亿' && r != '億' }) {
		t.Errorf("invisible runes left in the pattern: %q", pat)
	}
	re := regexp2.MustCompile(pat, regexp2.ECMAScript)
	for s, want := range map[string]bool{"100m": true, "1,500,000": true, "3亿": true, "\u3000100m": true, "1,00,000": false, "$1m": false} {
		if got, _ := re.MatchString(s); got != want {
			t.Errorf("amount pattern on %q: %v", s, got)
		}
		if _, err := money.ParseAmount(s); (err == nil) != want {
			t.Errorf("ParseAmount(%q) disagrees with the test", s)
		}
	}
}

func TestIndexHTML(t *testing.T) {
	page := string(IndexHTML(`A & B <site>`))
	if !strings.Contains(page, `<script src="decap/decap-cms.js"></script>`) || !strings.Contains(page, "A &amp; B &lt;site&gt;") {
		t.Errorf("page:\n%s", page)
	}
	if n := len(regexp.MustCompile(`<script`).FindAllString(page, -1)); n != 1 || strings.Contains(page, "http") {
		t.Errorf("want one local script and nothing from elsewhere:\n%s", page)
	}
}

// tarball writes an npm package tarball holding files.
func tarball(t *testing.T, files map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for name, text := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(text)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(text))
	}
	tw.Close()
	gz.Close()
	p := filepath.Join(t.TempDir(), "decap-cms-"+DecapVersion+".tgz")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBundle(t *testing.T) {
	pkg := map[string]string{
		"package/package.json":                     `{"name": "decap-cms", "version": "` + DecapVersion + `"}`,
		"package/dist/decap-cms.js":                "bundle",
		"package/dist/7.decap-cms.js":              "chunk",
		"package/dist/abc123.wasm":                 "wasm",
		"package/dist/decap-cms.js.LICENSE.txt":    "licences",
		"package/dist/decap-cms.js.map":            "map",
		"package/dist/cms.js":                      "other build",
		"package/dist/sub/decap-cms.js":            "not in dist",
		"package/README.md":                        "readme",
		"package/dist/../../escape/decap-cms.js":   "outside",
		"package/dist/7.decap-cms.js.LICENSE.txt":  "chunk licence",
		"package/dist/9999.decap-cms.js":           "chunk two",
		"package/dist/decap-cms.min.js":            "other name",
		"package/dist/x.decap-cms.js":              "not a chunk name",
		"package/dist/decap-cms.js.LICENSE.txt.gz": "archive",
	}
	b, err := ReadBundle(tarball(t, pkg))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range b.Files {
		names = append(names, n)
	}
	if len(b.Files) != 5 || b.Version != DecapVersion || string(b.Files["decap-cms.js"]) != "bundle" || b.Files["9999.decap-cms.js"] == nil || b.Files["abc123.wasm"] == nil {
		t.Errorf("bundle %s %q", b.Version, names)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "1.decap-cms.js"), []byte("an old chunk"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := b.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "1.decap-cms.js")); err == nil {
		t.Error("an old chunk was left")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("a file of the user's was removed")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "7.decap-cms.js")); string(data) != "chunk" {
		t.Error("chunk not written")
	}
	// The same from an installed package folder.
	folder := filepath.Join(t.TempDir(), "node_modules", "decap-cms")
	os.MkdirAll(filepath.Join(folder, "dist"), 0o755)
	os.WriteFile(filepath.Join(folder, "package.json"), []byte(`{"name":"decap-cms","version":"3.0.0"}`), 0o644)
	os.WriteFile(filepath.Join(folder, "dist", "decap-cms.js"), []byte("bundle"), 0o644)
	if b, err := ReadBundle(folder); err != nil || b.Version != "3.0.0" || len(b.Files) != 1 {
		t.Errorf("folder: %v %+v", err, b)
	}
	if found, ok := FindBundle(filepath.Dir(filepath.Dir(folder))); !ok || found != folder {
		t.Errorf("FindBundle %q %v", found, ok)
	}
	// Another package is refused.
	if _, err := ReadBundle(tarball(t, map[string]string{"package/package.json": `{"name": "left-pad", "version": "1.0.0"}`, "package/dist/decap-cms.js": "x"})); err == nil {
		t.Error("a package that is not decap-cms was read")
	}
}
