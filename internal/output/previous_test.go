//go:build linux

package output_test

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"brief/internal/output"
)

// inode is the inode number and link count of the file p.
func inode(t *testing.T, p string) (ino uint64, links uint64) {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return uint64(st.Ino), uint64(st.Nlink)
}

// A rebuild keeps the files it makes again with the same bytes where the
// previous output holds them (the same inode, not written again), writes
// the others, and removes what it no longer makes, with the folders that
// leaves empty; nothing is left beside the output.
func TestStagingKeepsUnchangedFiles(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	built(t, dest, map[string]string{"index.html": "home", "a/index.html": "same", "b/index.html": "old!", "c.html": "short",
		"gone.html": "x", "old/deep/x.html": "x", "f.html": "f", "g.html": "g", "h.html": "h"})
	folder, _ := inode(t, dest)
	before := map[string]uint64{}
	for _, p := range []string{"index.html", "a/index.html", "b/index.html", "c.html"} {
		before[p], _ = inode(t, filepath.Join(dest, p))
	}
	want := map[string]string{"index.html": "home", "a/index.html": "same", "b/index.html": "new!", "c.html": "longer now", "d/e.html": "new",
		"f.html": "f", "g.html": "g", "h.html": "h"}
	built(t, dest, want)
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, want)
	for p, linked := range map[string]bool{"index.html": true, "a/index.html": true, "b/index.html": false, "c.html": false} {
		ino, links := inode(t, filepath.Join(dest, p))
		if (ino == before[p]) != linked {
			t.Errorf("%s: inode %d, before %d: want linked %v", p, ino, before[p], linked)
		}
		if links != 1 {
			t.Errorf("%s has %d links after the build, want 1", p, links)
		}
	}
	if ino, _ := inode(t, dest); ino != folder {
		t.Error("the output was swapped, not updated in place")
	}
	if _, err := os.Lstat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("the folder of a file no longer made is still there (%v)", err)
	}
	if got := siblings(t, parent); len(got) != 1 {
		t.Errorf("beside the output: %v", got)
	}
	if got := strings.Split(readFile(t, filepath.Join(dest, output.MarkerName)), "\n"); !slices.Equal(got[len(got)-9:], []string{
		"/a/index.html", "/b/index.html", "/c.html", "/d/e.html", "/f.html", "/g.html", "/h.html", "/index.html", ""}) {
		t.Errorf("marker ends with %q", got[len(got)-9:])
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A build that makes most files anew, or a file where the previous output
// has a folder or a folder where it has a file, is swapped in: files kept
// unchanged are linked into the staging folder first.
func TestStagingSwapsWhenNotAnUpdate(t *testing.T) {
	for name, c := range map[string]struct{ before, after map[string]string }{
		"most changed":       {map[string]string{"a.html": "a", "b.html": "b", "c.html": "c"}, map[string]string{"a.html": "A", "b.html": "b", "c.html": "C"}},
		"file to folder":     {map[string]string{"a": "a", "b.html": "b", "c.html": "c"}, map[string]string{"a/index.html": "a", "b.html": "b", "c.html": "c"}},
		"folder to file":     {map[string]string{"a/index.html": "a", "b.html": "b", "c.html": "c"}, map[string]string{"a": "a", "b.html": "b", "c.html": "c"}},
		"under a file there": {map[string]string{"a": "a", "b.html": "b", "c.html": "c", "d.html": "d"}, map[string]string{"a/b/c.html": "x", "b.html": "b", "c.html": "c", "d.html": "d"}},
	} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			built(t, dest, c.before)
			kept, _ := inode(t, filepath.Join(dest, "b.html"))
			folder, _ := inode(t, dest)
			built(t, dest, c.after)
			if ino, _ := inode(t, dest); ino == folder {
				t.Error("the output was updated in place, not swapped")
			}
			got := tree(t, dest)
			delete(got, output.MarkerName)
			sameTree(t, got, c.after)
			if ino, links := inode(t, filepath.Join(dest, "b.html")); ino != kept || links != 1 {
				t.Errorf("b.html, unchanged: inode %d (was %d), %d links", ino, kept, links)
			}
			if got := siblings(t, parent); len(got) != 1 {
				t.Errorf("beside the output: %v", got)
			}
		})
	}
}

// Until Commit the previous output is as it was: a kept file that the
// build puts or streams again with other bytes is written into the
// staging folder, never in place, and an abort leaves it all as it was.
func TestStagingPreviousUntilCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	prev := map[string]string{"index.html": "home", "feed.xml": "feed", "a.html": "a"}
	built(t, dest, prev)
	for _, commit := range []bool{false, true} {
		st, err := output.NewStaging(dest)
		if err != nil {
			t.Fatal(err)
		}
		for p, s := range prev {
			if err := st.Put(p, []byte(s)); err != nil { // linked
				t.Fatal(err)
			}
		}
		if err := st.Put("index.html", []byte("HOME")); err != nil {
			t.Fatal(err)
		}
		w, err := st.Create("feed.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "FEED")
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got := tree(t, dest)
		delete(got, output.MarkerName)
		sameTree(t, got, prev)
		if !commit {
			if err := st.Abort(); err != nil {
				t.Fatal(err)
			}
			got := tree(t, dest)
			delete(got, output.MarkerName)
			sameTree(t, got, prev)
			for p := range prev {
				if _, links := inode(t, filepath.Join(dest, p)); links != 1 {
					t.Errorf("after the abort %s has %d links", p, links)
				}
			}
			continue
		}
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		got = tree(t, dest)
		delete(got, output.MarkerName)
		sameTree(t, got, map[string]string{"index.html": "HOME", "feed.xml": "FEED", "a.html": "a"})
	}
}

// A streamed file can be taken back and written again from its start (a
// page the template executor gave back to html/template halfway): the
// committed file holds only what was written after, and the previous
// output's file is untouched until Commit.
func TestStagedFileRewinds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	prev := map[string]string{"funding/index.html": "old tracker", "index.html": "home"}
	built(t, dest, prev)
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("home")); err != nil {
		t.Fatal(err)
	}
	w, err := st.Create("funding/index.html")
	if err != nil {
		t.Fatal(err)
	}
	r, ok := w.(interface{ Rewind() error })
	if !ok {
		t.Fatalf("%T cannot be taken back", w)
	}
	io.WriteString(w, "a page made halfway, longer than the page")
	if err := r.Rewind(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "new tracker")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, prev)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got = tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, map[string]string{"funding/index.html": "new tracker", "index.html": "home"})
}

// Only a previous file that a new one would equal in every way is kept:
// not one with another name elsewhere (it would change with it), not a
// symbolic link (nor what it points to), not one with other permissions.
func TestStagingKeepsOnlyPlainFiles(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	files := map[string]string{"shared.html": "s", "link.html": "l", "private.html": "p", "plain.html": "x"}
	built(t, dest, files)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(dir, "outside.html")
	must(os.Link(filepath.Join(dest, "shared.html"), outside))
	must(os.WriteFile(filepath.Join(dir, "target.html"), []byte("l"), 0o644))
	must(os.Remove(filepath.Join(dest, "link.html")))
	must(os.Symlink(filepath.Join(dir, "target.html"), filepath.Join(dest, "link.html")))
	must(os.Chmod(filepath.Join(dest, "private.html"), 0o600))
	outIno, _ := inode(t, outside)
	plainIno, _ := inode(t, filepath.Join(dest, "plain.html"))

	st, err := output.NewStaging(dest)
	must(err)
	for _, p := range keys(files) {
		must(st.Put(p, []byte(files[p])))
	}
	must(st.Commit())
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, files)
	for _, p := range keys(files) {
		if _, links := inode(t, filepath.Join(dest, p)); links != 1 {
			t.Errorf("%s has %d links", p, links)
		}
	}
	if ino, _ := inode(t, filepath.Join(dest, "plain.html")); ino != plainIno {
		t.Error("plain.html, unchanged, was not kept")
	}
	if ino, _ := inode(t, filepath.Join(dest, "shared.html")); ino == outIno {
		t.Error("shared.html, which has another name, was kept")
	}
	if fi, err := os.Stat(filepath.Join(dest, "private.html")); err != nil || fi.Mode().Perm() == 0o600 {
		t.Errorf("private.html: %v, mode %v: the file with other permissions was kept", err, fi.Mode())
	}
	if _, links := inode(t, outside); links != 1 {
		t.Errorf("the file linked outside has %d links, want 1", links)
	}
	if fi, err := os.Lstat(filepath.Join(dest, "link.html")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("link.html: %v, mode %v, want a regular file", err, fi.Mode())
	}
	if _, links := inode(t, filepath.Join(dir, "target.html")); links != 1 {
		t.Errorf("the symbolic link's target has %d links, want 1", links)
	}
}

// A symbolic link put where the previous output had a file is never
// followed: neither to keep what it leads to nor to write there.
func TestStagingNeverFollowsLinksOut(t *testing.T) {
	dir := t.TempDir()
	dest, outside := filepath.Join(dir, "public"), filepath.Join(dir, "outside")
	built(t, dest, map[string]string{"d": "a file", "b.html": "b", "c.html": "c", "e.html": "e"})
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "x.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dest, "d")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "d")); err != nil {
		t.Fatal(err)
	}
	outIno, _ := inode(t, filepath.Join(outside, "x.html"))
	want := map[string]string{"d/x.html": "x", "d/y.html": "y", "b.html": "b", "c.html": "c", "e.html": "e"}
	built(t, dest, want)
	got := tree(t, dest)
	delete(got, output.MarkerName)
	sameTree(t, got, want)
	if fi, err := os.Lstat(filepath.Join(dest, "d")); err != nil || !fi.IsDir() {
		t.Errorf("d: %v, %v; want a folder", err, fi)
	}
	if got := tree(t, outside); len(got) != 1 || got["x.html"] != "x" {
		t.Errorf("the folder the link led to now holds %v", got)
	}
	if ino, links := inode(t, filepath.Join(outside, "x.html")); ino != outIno || links != 1 {
		t.Errorf("the file the link led to: inode %d (was %d), %d links", ino, outIno, links)
	}
}
