package sources

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestIsDropping(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"x.md", false},
		{"4913.md", false},
		{"2024", false},
		{"x#1.md", false},
		{"x.md~", true},
		{".x.md.swp", true},
		{"x.md.swp", true},
		{"x.md.swx", true},
		{"x.md.swpx", true},
		{"x.md.tmp", true},
		{"x.md.bck", true},
		{"x.md___jb_tmp___", true},
		{"x.md___jb_old___", true},
		{".#x.md", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{"#x.md#", true},
		{"#", false},
		{"4913", true},
		{"5036", true}, // vim's next probe name when 4913 exists
		{"4914", false},
		{"04913", false},
	}
	for _, tt := range tests {
		if got := IsDropping(tt.name); got != tt.want {
			t.Errorf("IsDropping(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		rel  string
		kind Kind
		ok   bool
	}{
		{"site.toml", Config, true},
		{"content/briefings/x.md", Content, true},
		{"layouts/_default/single.html", Layout, true},
		{"static/css/site.css", Static, true},
		{"content", Content, true},
		{"README.md", 0, false},
		{"other.toml", 0, false},
		{"public/index.html", 0, false},
		{"content/site.toml", Resource, true}, // a file a bundle publishes, not the configuration
		{"content/notes.txt", Resource, true},
		{"content/briefings/x/chart.png", Resource, true},
		{"content/.obsidian/workspace.json", 0, false},
		{"content/.hidden.md", 0, false},
		{"content/.drafts/x.md", 0, false},
		{"content/x.md~", 0, false},
		{"static/4913", 0, false},
		{"static/x.css.swp", 0, false},
		// Files copied as they are keep hidden names.
		{"static/.well-known/security.txt", Static, true},
		{"static/.htaccess", Static, true},
		{"layouts/assets/.well-known/x.txt", Layout, true},
		{"layouts/.hidden.html", 0, false},
		{"layouts/.cache/x.html", 0, false},
		// Version control is never published.
		{"static/.git/config", 0, false},
		{"static/x/.svn/entries", 0, false},
		{"static/.DS_Store", 0, false},
	}
	for _, tt := range tests {
		kind, ok := Classify(tt.rel)
		if ok != tt.ok || (ok && kind != tt.kind) {
			t.Errorf("Classify(%q) = %v, %v; want %v, %v", tt.rel, kind, ok, tt.kind, tt.ok)
		}
	}
}

// Walk lists exactly the files Classify accepts, so that what the build
// reads and what the watcher reports cannot differ.
func TestWalkAgreesWithClassify(t *testing.T) {
	fsys := fstest.MapFS{}
	all := []string{
		"content/a.md", "content/sub/b.md", "content/.hidden.md", "content/.drafts/c.md", "content/x.md~", "content/img.png",
		"static/.well-known/security.txt", "static/css/x.css", "static/.git/HEAD", "static/x.css.swp", "static/_redirects",
		"layouts/base.html", "layouts/.notes.html", "layouts/assets/.well-known/y.txt",
	}
	for _, p := range all {
		fsys[p] = &fstest.MapFile{Data: []byte("x")}
	}
	var walked []string
	for _, top := range TopFolders {
		got, probs, err := Walk(fsys, top)
		if err != nil || len(probs) > 0 {
			t.Fatal(err, probs)
		}
		walked = append(walked, got...)
	}
	var classified []string
	for _, p := range all {
		if _, ok := Classify(p); ok {
			classified = append(classified, p)
		}
	}
	slices.Sort(walked)
	slices.Sort(classified)
	if !slices.Equal(walked, classified) {
		t.Errorf("Walk found %v\nClassify accepts %v", walked, classified)
	}
	want := []string{"content/a.md", "content/img.png", "content/sub/b.md", "layouts/assets/.well-known/y.txt", "layouts/base.html",
		"static/.well-known/security.txt", "static/_redirects", "static/css/x.css"}
	if !slices.Equal(walked, want) {
		t.Errorf("Walk found %v, want %v", walked, want)
	}
	if got, _, err := Walk(fsys, "missing"); err != nil || got != nil {
		t.Errorf("Walk of a missing folder = %v, %v", got, err)
	}
}

func TestBundles(t *testing.T) {
	files := []string{
		"content/briefings/plain.md",
		"content/briefings/plain-chart.png",
		"content/briefings/x/index.md",
		"content/briefings/x/chart.png",
		"content/briefings/x/data/table.csv",
		"content/briefings/x/notes.md",
		"content/briefings/x/inner/index.md",
		"content/briefings/x/inner/photo.jpg",
		"content/index.md",
		"content/logo.png",
	}
	got := Bundles(files)
	want := map[string]string{
		"content/briefings/x/chart.png":       "content/briefings/x/index.md",
		"content/briefings/x/data/table.csv":  "content/briefings/x/index.md",
		"content/briefings/x/notes.md":        "content/briefings/x/index.md",
		"content/briefings/x/inner/index.md":  "content/briefings/x/index.md",
		"content/briefings/x/inner/photo.jpg": "content/briefings/x/index.md",
	}
	if !maps.Equal(got, want) {
		t.Errorf("Bundles =\n%v\nwant\n%v", got, want)
	}
	for p, want := range map[string]bool{
		"content/briefings/x/index.md": true,
		"content/x/index.md":           true,
		"content/index.md":             false,
		"content/briefings/index.mdx":  false,
		"static/x/index.md":            false,
	} {
		if IsBundleIndex(p) != want {
			t.Errorf("IsBundleIndex(%s) = %v", p, !want)
		}
	}
}

// isBundleIndexBefore is IsBundleIndex as it was before it compared the
// end of the path: the reference it must agree with, as FileLanguage must
// agree with fileLanguage, its full way.
func isBundleIndexBefore(p string) bool {
	_, base, _ := fileLanguage(p)
	dir, name := path.Split(base)
	return name == BundleIndex && dir != ContentDir+"/" && under(p, ContentDir)
}

func TestFileLanguageAgrees(t *testing.T) {
	for _, p := range []string{"", ".md", "md", "x.md", "index.md", "index.en.md", "content/index.md", "content/index.en.md",
		"content/briefings/x.md", "content/briefings/.md", "content/briefings/x.en.md", "content/briefings/x.md.md",
		"content/v1.2/x.md", "content/v1.2/x.en.md", "content/x.md/y.md", "content/x.en/index.md", "content/x/index.md",
		"content/x/index.zh-Hant.md", "content/x/index.mdx", "content/x/index.md.bak", "content/x/myindex.md", "content/x/index.en.md.md",
		"static/x/index.md", "content.md", "contents/x/index.md", "content/.en.md", "content/x/.index.md", "content/x/index..md",
		"content/x/index.zh_Hant.md", "content/x/a.b.c.en.md", "content/x/y.", "content/x/y.m", "./content/x/index.md"} {
		code, base, ok := FileLanguage(p)
		wcode, wbase, wok := fileLanguage(p)
		if code != wcode || base != wbase || ok != wok {
			t.Errorf("FileLanguage(%q) = %q, %q, %v; want %q, %q, %v", p, code, base, ok, wcode, wbase, wok)
		}
		if got, want := IsBundleIndex(p), isBundleIndexBefore(p); got != want {
			t.Errorf("IsBundleIndex(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestFileLanguage(t *testing.T) {
	for _, tc := range []struct{ path, code, base string }{
		{"content/briefings/x.zh-Hant.md", "zh-Hant", "content/briefings/x.md"},
		{"content/briefings/x.en.md", "en", "content/briefings/x.md"},
		{"content/briefings/a.b.zh-Hans.md", "zh-Hans", "content/briefings/a.b.md"},
		{"content/briefings/hk/index.zh-Hant.md", "zh-Hant", "content/briefings/hk/index.md"},
		{"content/briefings/x.md", "", "content/briefings/x.md"},
		{"content/briefings/report.v2.md", "", "content/briefings/report.v2.md"},
		{"content/briefings/notes.final.md", "", "content/briefings/notes.final.md"},
		{"content/briefings/plan.2023.md", "", "content/briefings/plan.2023.md"},
		{"content/briefings/x.zh_Hant.md", "", "content/briefings/x.zh_Hant.md"},
		{"content/briefings/.en.md", "", "content/briefings/.en.md"},
		{"content/briefings/x.zh-Hant.txt", "", "content/briefings/x.zh-Hant.txt"},
	} {
		code, base, ok := FileLanguage(tc.path)
		if code != tc.code || base != tc.base || ok != (tc.code != "") {
			t.Errorf("FileLanguage(%q) = %q, %q, %v; want %q, %q", tc.path, code, base, ok, tc.code, tc.base)
		}
	}
	if !IsBundleIndex("content/briefings/hk/index.zh-Hant.md") || IsBundleIndex("content/briefings/hk/other.zh-Hant.md") {
		t.Error("index.zh-Hant.md is a bundle's index (a translation's), other.zh-Hant.md is not")
	}
	got := Bundles([]string{"content/b/hk/index.md", "content/b/hk/index.zh-Hant.md", "content/b/hk/chart.png"})
	if len(got) != 1 || got["content/b/hk/chart.png"] != "content/b/hk/index.md" {
		t.Errorf("Bundles = %v", got)
	}
}

// TestSkippedAndProbeAgree holds Skipped and vimProbe, which no longer
// split paths or parse every name, to the forms they had: a list of the
// path's names, and a name parsed as a number.
func TestSkippedAndProbeAgree(t *testing.T) {
	splitting := func(rel string, dir bool) bool {
		keepHidden := under(rel, StaticDir) || under(rel, AssetsDir)
		parts := strings.Split(rel, "/")
		for i, name := range parts {
			last := i == len(parts)-1
			switch {
			case name == ".git" || name == ".hg" || name == ".svn":
				return true
			case last && !dir && IsDropping(name):
				return true
			case strings.HasPrefix(name, ".") && !keepHidden && i > 0:
				return true
			}
		}
		return false
	}
	parsing := func(name string) bool {
		n, err := strconv.Atoi(name)
		return err == nil && n >= 4913 && (n-4913)%123 == 0 && name == strconv.Itoa(n)
	}
	names := []string{"", "x.md", ".x", ".git", ".hg", ".svn", "4913", "+4913", "-4913", "04913", "5036", "x.md~", ".DS_Store", "a b", "静态", "static", "assets", "content"}
	for n := range 20000 {
		names = append(names, strconv.Itoa(n))
	}
	for _, name := range names {
		if got, want := vimProbe(name), parsing(name); got != want {
			t.Errorf("vimProbe(%q) = %v, want %v", name, got, want)
		}
	}
	var paths []string
	for _, a := range names[:18] {
		paths = append(paths, a, a+"/", "/"+a)
		for _, b := range names[:18] {
			paths = append(paths, a+"/"+b, a+"//"+b, "static/"+a+"/"+b, "content/"+a+"/"+b+"/4913")
		}
	}
	for _, p := range paths {
		for _, dir := range []bool{false, true} {
			if got, want := Skipped(p, dir), splitting(p, dir); got != want {
				t.Errorf("Skipped(%q, %v) = %v, want %v", p, dir, got, want)
			}
		}
	}
}
