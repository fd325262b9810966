package output_test

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/output"
)

// TestUpdate: an update changes nothing until Commit, which puts the new
// files in place, removes the gone ones and their empty folders, and keeps
// the marker; the output's name is gone from the start, so that a build
// that stops halfway is never taken for the cached one.
func TestUpdate(t *testing.T) {
	root := t.TempDir()
	built(t, root, map[string]string{"index.html": "old", "tags/gone/index.html": "x", "keep.html": "same"})
	if err := output.WriteID(root, "abc"); err != nil {
		t.Fatal(err)
	}
	if id := output.ReadID(root); id != "abc" {
		t.Fatalf("ReadID = %q", id)
	}
	before := tree(t, root)
	u, err := output.NewUpdate(root)
	if err != nil {
		t.Fatal(err)
	}
	if output.ReadID(root) != "" {
		t.Error("the output keeps its name while it is being updated")
	}
	delete(before, output.IDName)
	for p, s := range map[string]string{"index.html": "new", "keep.html": "same", "a/b/new.html": "added"} {
		if err := u.Put(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.Remove("tags/gone/index.html"); err != nil {
		t.Fatal(err)
	}
	if err := u.Remove("never/was.html"); err != nil {
		t.Fatal(err)
	}
	// ReadBack gives the files brief wrote as they were before the update.
	if data, err := u.ReadBack("index.html"); err != nil || string(data) != "old" {
		t.Errorf("ReadBack(index.html) = %q, %v; want the old bytes", data, err)
	}
	if data, err := u.ReadBack(output.MarkerName); err == nil {
		t.Errorf("ReadBack gave a file brief did not write as an output: %q", data)
	}
	// Before Commit the new files wait beside their targets, which are as they were.
	now := tree(t, root)
	for p := range now {
		if strings.HasPrefix(path.Base(p), ".brief-tmp-") {
			delete(now, p)
		}
	}
	sameTree(t, now, before)
	if err := u.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), map[string]string{"index.html": "new", "keep.html": "same", "a/b/new.html": "added",
		output.MarkerName: markerOf("a/b/new.html", "index.html", "keep.html")})
	if _, err := os.Stat(filepath.Join(root, "tags")); !os.IsNotExist(err) {
		t.Error("the emptied folder tags/ is still there")
	}
}

func TestUpdateAbort(t *testing.T) {
	root := t.TempDir()
	built(t, root, map[string]string{"index.html": "old"})
	if err := output.WriteID(root, "abc"); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	u, err := output.NewUpdate(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Put("index.html", []byte("half a build")); err != nil {
		t.Fatal(err)
	}
	if err := u.Put("new/page.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := u.Remove("index.html"); err != nil {
		t.Fatal(err)
	}
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), before) // the output's name back too
	// A file brief did not write is never overwritten.
	if err := os.WriteFile(filepath.Join(root, "mine.txt"), []byte("user"), 0o644); err != nil {
		t.Fatal(err)
	}
	u, _ = output.NewUpdate(root)
	if err := u.Put("mine.txt", []byte("brief")); err == nil {
		t.Error("an update overwrote a file brief did not write")
	}
	// Watch mode changes files in place: it removes the output's name.
	if err := output.WriteID(root, "abc"); err != nil {
		t.Fatal(err)
	}
	if _, err := output.OpenDir(root); err != nil {
		t.Fatal(err)
	}
	if id := output.ReadID(root); id != "" {
		t.Errorf("OpenDir left the output's name %q", id)
	}
}

func TestCheckCache(t *testing.T) {
	site := t.TempDir()
	for _, name := range []string{"content", "layouts", "static"} {
		if err := os.MkdirAll(filepath.Join(site, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(site, "public")
	for _, tc := range []struct {
		cache string
		ok    bool
	}{
		{".brief-cache", true},
		{"../cache", true},
		{"public", false},
		{"public/.cache", false},
		{".", false},
		{"..", false},
		{"content/.cache", false},
		{"static", false},
		{"layouts/c", false},
	} {
		err := output.CheckCache(site, dest, filepath.Join(site, tc.cache))
		if (err == nil) != tc.ok {
			t.Errorf("CheckCache(site, public, %q) = %v, want ok %v", tc.cache, err, tc.ok)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "cache ") {
			t.Errorf("CheckCache(%q): %v does not say it is about the cache", tc.cache, err)
		}
	}
	// A cache that holds the output is refused too.
	if err := output.CheckCache(site, filepath.Join(site, "c", "public"), filepath.Join(site, "c")); err == nil {
		t.Error("a cache holding the output was accepted")
	}
}
