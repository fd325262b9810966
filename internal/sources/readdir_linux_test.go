package sources

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// describeEntries is what a listing says of its entries, their FileInfo
// included.
func describeEntries(t *testing.T, es []fs.DirEntry) []string {
	var out []string
	for _, e := range es {
		fi, err := e.Info()
		line := fmt.Sprintf("%s dir=%v type=%v", e.Name(), e.IsDir(), e.Type())
		if err != nil {
			line += fmt.Sprint(" info error ", err)
		} else {
			st := fi.Sys().(*syscall.Stat_t)
			line += fmt.Sprint(" info ", fi.Name(), fi.Mode(), fi.Size(), fi.ModTime().UnixNano(), fi.IsDir(), st.Ino)
		}
		out = append(out, line)
	}
	return out
}

// FS lists folders as root.FS() does (names, sorted; types; what Info
// says; errors), without looking each entry up: files, folders, links
// inside and out, a pipe, a folder of more entries than one read of the
// listing holds, and paths that are not folders or not valid.
func TestFSReadDirAsRoot(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	must := fatalOn(t)
	must(os.MkdirAll(filepath.Join(site, "content/sub"), 0o755))
	must(os.MkdirAll(filepath.Join(site, "content/many"), 0o755))
	must(os.MkdirAll(filepath.Join(dir, "outside"), 0o755))
	must(os.WriteFile(filepath.Join(site, "content/ok.md"), []byte("x"), 0o644))
	must(os.WriteFile(filepath.Join(site, "content/Zed.md"), []byte("xyz"), 0o600))
	for i := range 1500 {
		must(os.WriteFile(filepath.Join(site, "content/many", fmt.Sprintf("briefing-with-a-long-name-%04d.md", 1499-i)), nil, 0o644))
	}
	must(syscall.Mkfifo(filepath.Join(site, "content/fifo.md"), 0o644))
	must(os.Symlink("ok.md", filepath.Join(site, "content/alias.md")))
	must(os.Symlink("sub", filepath.Join(site, "content/linkdir")))
	must(os.Symlink("../../outside", filepath.Join(site, "content/out")))
	must(os.Symlink("nowhere", filepath.Join(site, "content/dangling")))

	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	quick, usual := FS(root), root.FS()
	if _, ok := quick.(*siteFS); !ok {
		t.Fatalf("FS(root) is a %T, without the quick listing", quick)
	}
	if _, ok := quick.(*siteFS).readDir("content", false); !ok {
		t.Error("content was not listed the quick way")
	}
	for _, p := range []string{".", "content", "content/sub", "content/many", "content/linkdir", "content/out", "content/dangling",
		"content/ok.md", "content/missing", "..", "/content", "content/", "content/../content"} {
		got, gerr := fs.ReadDir(quick, p)
		want, werr := fs.ReadDir(usual, p)
		g, w := describeEntries(t, got), describeEntries(t, want)
		if fmt.Sprint(g) != fmt.Sprint(w) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: listed %d entries, %v; root.FS() lists %d, %v\n%v\nwant\n%v", p, len(g), gerr, len(w), werr, g, w)
		}
	}
	files, probs, err := Walk(quick, "content")
	wfiles, wprobs, werr := Walk(usual, "content")
	if fmt.Sprint(files, probs, err) != fmt.Sprint(wfiles, wprobs, werr) {
		t.Errorf("Walk: %v %v %v\nwant %v %v %v", files, probs, err, wfiles, wprobs, werr)
	}
	// WalkInfo's listings look up each regular file as they list it:
	// the same files and FileInfos as through os.Root.
	if _, ok := withInfo(quick).(infoFS); !ok {
		t.Fatalf("withInfo(FS(root)) is a %T, without the quick lookups", withInfo(quick))
	}
	for _, p := range []string{"content", "content/sub", "content/many", "content/linkdir", "content/out", "content/ok.md"} {
		got, gerr := fs.ReadDir(withInfo(quick), p)
		want, werr := fs.ReadDir(usual, p)
		if g, w := describeEntries(t, got), describeEntries(t, want); fmt.Sprint(g) != fmt.Sprint(w) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s with info: listed %v, %v; root.FS() lists %v, %v", p, g, gerr, w, werr)
		}
	}
	files, infos, probs, err := WalkInfo(quick, "content")
	wfiles, winfos, wprobs, werr := WalkInfo(usual, "content")
	if fmt.Sprint(files, probs, err) != fmt.Sprint(wfiles, wprobs, werr) || len(infos) != len(winfos) || len(infos) < 1500 {
		t.Fatalf("WalkInfo: %d files, %d infos, %v %v\nwant %d, %d, %v %v", len(files), len(infos), probs, err, len(wfiles), len(winfos), wprobs, werr)
	}
	for p, w := range winfos {
		g := infos[p]
		if _, ok := g.(*statInfo); !ok {
			t.Errorf("%s: FileInfo %T, not looked up as listed", p, g)
			continue
		}
		gs, ws := g.Sys().(*syscall.Stat_t), w.Sys().(*syscall.Stat_t)
		if g.Name() != w.Name() || g.Size() != w.Size() || g.Mode() != w.Mode() || !g.ModTime().Equal(w.ModTime()) || g.IsDir() != w.IsDir() ||
			gs.Ino != ws.Ino || gs.Dev != ws.Dev || gs.Ctim.Nano() != ws.Ctim.Nano() {
			t.Errorf("%s: FileInfo %s %d %v %v, want %s %d %v %v", p, g.Name(), g.Size(), g.Mode(), g.ModTime(), w.Name(), w.Size(), w.Mode(), w.ModTime())
		}
	}
}
