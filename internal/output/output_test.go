package output_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"brief/internal/output"
)

// tree lists the files under root as slash path -> content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("files %v, want %v", keys(got), keys(want))
	}
	for p, s := range want {
		if got[p] != s {
			t.Errorf("%s = %q, want %q", p, got[p], s)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// built makes dest as a build would: staged, marked and swapped in.
func built(t *testing.T, dest string, files map[string]string) {
	t.Helper()
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range keys(files) {
		if err := st.Put(p, []byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
}

// openDir opens a folder made by built.
func openDir(t *testing.T, root string) *output.Dir {
	t.Helper()
	d, err := output.OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// siblings lists the entries next to dest, to catch leftover staging folders.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestStagingCommitReplaces(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	built(t, dest, map[string]string{"index.html": "old", "briefings/gone/index.html": "stale", "keep.txt": "old"})
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range map[string]string{"index.html": "new", "keep.txt": "old", "tags/web3/index.html": "tag"} {
		if err := st.Put(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got := tree(t, dest); got["index.html"] != "old" {
		t.Error("dest changed before Commit")
	}
	if err := st.Remove("keep.txt"); err != nil {
		t.Errorf("Staging.Remove: %v", err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), map[string]string{"index.html": "new", "keep.txt": "old", "tags/web3/index.html": "tag",
		output.MarkerName: markerOf("index.html", "keep.txt", "tags/web3/index.html")})
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("left beside the output: %v", s)
	}
}

func TestStagingCommitIntoNewFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "a", "b", "public")
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), map[string]string{"index.html": "x", output.MarkerName: markerOf("index.html")})
}

func TestStagingAbort(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	built(t, dest, map[string]string{"index.html": "old", "css/site.css": "body{}"})
	before := tree(t, dest)
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("half a build")); err != nil {
		t.Fatal(err)
	}
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, dest), before)
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("left beside the output: %v", s)
	}
}

func TestDirPut(t *testing.T) {
	root := t.TempDir()
	built(t, root, nil)
	d := openDir(t, root)
	if err := d.Put("a/b/c.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), map[string]string{"a/b/c.html": "one", output.MarkerName: markerOf("a/b/c.html")})
	full := filepath.Join(root, "a", "b", "c.html")
	info, _ := os.Stat(full)
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	// Same bytes: the file is not rewritten (its mtime stays).
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(full, old, old); err != nil {
		t.Fatal(err)
	}
	if err := d.Put("a/b/c.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(full); !info.ModTime().Equal(old) {
		t.Error("same bytes were rewritten")
	}
	// New bytes replace the file by rename: a reader holding the old file
	// still reads it whole, and no temporary file is left.
	f, err := os.Open(full)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := d.Put("a/b/c.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	held, _ := io.ReadAll(f)
	if string(held) != "one" {
		t.Errorf("an open reader saw %q: the file was rewritten in place", held)
	}
	sameTree(t, tree(t, root), map[string]string{"a/b/c.html": "two", output.MarkerName: markerOf("a/b/c.html")})
}

func TestDirRemove(t *testing.T) {
	root := t.TempDir()
	built(t, root, map[string]string{"tags/gone/index.html": "x", "tags/gone/page/2/index.html": "y", "tags/kept/index.html": "z"})
	d := openDir(t, root)
	for _, p := range []string{"tags/gone/page/2/index.html", "tags/gone/index.html", "never/was.html"} {
		if err := d.Remove(p); err != nil {
			t.Fatalf("Remove(%s): %v", p, err)
		}
	}
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), map[string]string{"tags/kept/index.html": "z", output.MarkerName: markerOf("tags/kept/index.html")})
	if _, err := os.Stat(filepath.Join(root, "tags", "gone")); !os.IsNotExist(err) {
		t.Error("the emptied folder tags/gone/ is still there")
	}
	if _, err := os.Stat(filepath.Join(root, "tags")); err != nil {
		t.Error("tags/ was removed though it still holds a file")
	}
	// The root itself stays even when it holds nothing but the marker.
	if err := d.Remove("tags/kept/index.html"); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), map[string]string{output.MarkerName: markerOf()})
}

func TestUnsafePathsRefused(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "public")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, parent, map[string]string{"secret.txt": "keep"})
	built(t, root, nil)
	d := openDir(t, root)
	st, err := output.NewStaging(filepath.Join(parent, "staged"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, p := range []string{"../secret.txt", "a/../../secret.txt", "/etc/x", "", "a//b", "./a", `a\b`, "..", "a\nb", "a\x00b"} {
		if err := d.Put(p, []byte("x")); err == nil {
			t.Errorf("Dir.Put(%q) accepted", p)
		}
		if err := st.Put(p, []byte("x")); err == nil {
			t.Errorf("Staging.Put(%q) accepted", p)
		}
		if err := d.Remove(p); err == nil {
			t.Errorf("Dir.Remove(%q) accepted", p)
		}
	}
	if got := tree(t, parent)["secret.txt"]; got != "keep" {
		t.Errorf("secret.txt = %q", got)
	}
}

func TestCheckDestination(t *testing.T) {
	site := t.TempDir()
	for _, tc := range []struct {
		dest string
		ok   bool
	}{
		{"public", true},
		{"public/en", true},
		{"../elsewhere", true},
		{"contents", true}, // only a prefix of content
		{".", false},
		{"", false},
		{"..", false},
		{"content", false},
		{"content/out", false},
		{"layouts", false},
		{"static/x", false},
	} {
		err := output.CheckDestination(site, filepath.Join(site, tc.dest))
		if (err == nil) != tc.ok {
			t.Errorf("CheckDestination(site, %q) = %v, want ok %v", tc.dest, err, tc.ok)
		}
	}
}

func TestMemory(t *testing.T) {
	m := output.NewMemory()
	_ = m.Put("b.html", []byte("b"))
	_ = m.Put("a.html", []byte("a"))
	_ = m.Remove("b.html")
	if !slices.Equal(m.Paths(), []string{"a.html"}) || !slices.Equal(m.Removed, []string{"b.html"}) {
		t.Errorf("paths %v removed %v", m.Paths(), m.Removed)
	}
}

func TestMinifier(t *testing.T) {
	m := output.NewMinifier()
	page := []byte(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A   page</title>
</head>
<body>
  <form name="contact" data-netlify="true" method="post">
    <input type="text" name="q">
  </form>
  <p>Some   text</p>
</body>
</html>
`)
	got := string(m.Into(new(bytes.Buffer), "x/index.html", page))
	if len(got) >= len(page) {
		t.Errorf("HTML not minified: %q", got)
	}
	for _, s := range []string{"<html", "<head>", "<body>", "</body>", "</html>", `name="contact"`, `data-netlify="true"`, `name="q"`, "</p>"} {
		if !strings.Contains(got, s) {
			t.Errorf("minified HTML lost %s: %q", s, got)
		}
	}

	feed := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>T</title>
  <entry>
    <title>Entry</title>
    <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
  </entry>
</feed>
`)
	out := m.Into(new(bytes.Buffer), "feed.xml", feed)
	if len(out) >= len(feed) || bytes.Contains(out, []byte("<html")) {
		t.Errorf("feed not minified as XML: %q", out)
	}
	var parsed struct {
		Entry struct {
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &parsed); err != nil || parsed.Entry.Content != "<p>Body</p>" {
		t.Errorf("minified feed: %v, content %q", err, parsed.Entry.Content)
	}

	for _, p := range []string{"robots.txt", "_redirects", "img/logo.png"} {
		in := []byte("  keep   as is  \n")
		if got := m.Into(new(bytes.Buffer), p, in); !bytes.Equal(got, in) {
			t.Errorf("%s changed: %q", p, got)
		}
	}
	if got := string(m.Into(new(bytes.Buffer), "a.css", []byte("body {  color : red ; }"))); got != "body{color:red}" {
		t.Errorf("css: %q", got)
	}
	if got := string(m.Into(new(bytes.Buffer), "a.json", []byte("{ \"a\" : [ 1, 2 ] }"))); got != `{"a":[1,2]}` {
		t.Errorf("json: %q", got)
	}
}

// CSS and JavaScript that someone else minified (a library's bundle) come
// back as they are; hand-written files are minified.
func TestMinifierLeavesMinifiedBundles(t *testing.T) {
	m := output.NewMinifier()
	bundle := []byte("(()=>{var t=function(e){return e};" + strings.Repeat("var a=1,b=2;", 100) + "})();\n")
	if got := m.Into(new(bytes.Buffer), "admin/decap/decap-cms.js", bundle); !bytes.Equal(got, bundle) {
		t.Errorf("a minified bundle was rewritten: %d bytes -> %d", len(bundle), len(got))
	}
	css := []byte(strings.Repeat(".a{color:red}", 60))
	if got := m.Into(new(bytes.Buffer), "lib.min.css", css); !bytes.Equal(got, css) {
		t.Error("minified CSS was rewritten")
	}
	src := []byte("// hand-written\nfunction add(first, second) {\n  return first + second;\n}\n")
	if got := m.Into(new(bytes.Buffer), "js/site.js", src); len(got) >= len(src) {
		t.Errorf("hand-written JS not minified: %q", got)
	}
}

// Files put from many goroutines at once, deepest first and in no order,
// each make the folders they need once, parents included, and land whole.
func TestStagingPutsInParallel(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	want := map[string]string{}
	for i := range 400 {
		want[fmt.Sprintf("tags/t%d/page/%d/index.html", i%13, i)] = fmt.Sprint("page ", i)
		want[fmt.Sprintf("briefings/b%03d/index.html", i)] = fmt.Sprint("briefing ", i)
		want[fmt.Sprintf("search/c/%d/%d.json", i%3, i)] = fmt.Sprint("chunk ", i)
	}
	want["index.html"] = "home"
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	paths := keys(want)
	slices.Reverse(paths)
	var wg sync.WaitGroup
	errs := make(chan error, len(paths))
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 8 {
				errs <- st.Put(paths[i], []byte(want[paths[i]]))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, want)
}

// A file put where an earlier put made a file of that folder's name fails,
// naming the folder, however deep under it the file goes, and the files
// of folders that hold many land, the first of them put in the deepest.
func TestStagingFoldersOfFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	want := map[string]string{}
	for _, p := range []string{"a/b/c/index.html", "a/b/index.html", "a/b/c/feed.xml", "a/b/c/d/index.html", "a/b/c/x.json", "a/index.html", "tags"} {
		want[p] = "file " + p
		if err := st.Put(p, []byte(want[p])); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"tags/x/index.html", "tags/index.html", "a/index.html/y.html"} {
		err := st.Put(p, []byte("no"))
		var pe *fs.PathError
		if !errors.As(err, &pe) || !errors.Is(err, syscall.ENOTDIR) {
			t.Fatalf("Put(%q) = %v, want a path error: not a directory", p, err)
		}
		if msg, folder := err.Error(), path.Dir(p); !strings.Contains(msg, filepath.FromSlash(folder)) {
			t.Errorf("Put(%q) = %q, want it to name %s", p, msg, folder)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, want)
}
