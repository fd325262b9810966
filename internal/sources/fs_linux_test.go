package sources

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// FS reads what root.FS() reads, with the same errors, whatever the file:
// the quick way takes regular files beneath the folder, links to them
// included, and leaves everything else to os.Root.
func TestFSReadsAsRoot(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	must := fatalOn(t)
	must(os.MkdirAll(filepath.Join(site, "content/sub"), 0o755))
	must(os.WriteFile(filepath.Join(site, "content/ok.md"), []byte("---\ntitle: x\n---\nbody"), 0o644))
	must(os.WriteFile(filepath.Join(site, "content/empty.md"), nil, 0o644))
	big := make([]byte, 70_000)
	for i := range big {
		big[i] = byte('a' + i%26)
	}
	must(os.WriteFile(filepath.Join(site, "content/sub/big.md"), big, 0o644))
	must(os.WriteFile(filepath.Join(dir, "secret.md"), []byte("secret"), 0o644))
	must(syscall.Mkfifo(filepath.Join(site, "content/fifo.md"), 0o644))
	must(os.Symlink("ok.md", filepath.Join(site, "content/alias.md")))
	must(os.Symlink("../ok.md", filepath.Join(site, "content/sub/up.md")))
	must(os.Symlink("../site/content/ok.md", filepath.Join(site, "content/outin.md")))
	must(os.Symlink(filepath.Join(site, "content/ok.md"), filepath.Join(site, "content/absolute.md")))
	must(os.Symlink("../../secret.md", filepath.Join(site, "content/escape.md")))
	must(os.Symlink("fifo.md", filepath.Join(site, "content/tofifo.md")))
	must(os.Symlink("loop.md", filepath.Join(site, "content/loop.md")))
	must(os.Symlink("nowhere.md", filepath.Join(site, "content/dangling.md")))

	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	quick, usual := FS(root), root.FS()
	q, ok := quick.(quickReader)
	if !ok {
		t.Fatalf("FS(root) is a %T, without the quick reader", quick)
	}
	for _, p := range []string{"content/ok.md", "content/empty.md", "content/sub/big.md", "content/alias.md", "content/sub/up.md"} {
		if _, ok := q.readSource(p, nil); !ok {
			t.Errorf("%s was not read the quick way", p)
		}
	}
	for _, p := range []string{"content/ok.md", "content/empty.md", "content/sub/big.md", "content/alias.md", "content/sub/up.md",
		"content/outin.md", "content/absolute.md", "content/escape.md", "content/fifo.md", "content/tofifo.md", "content/loop.md",
		"content/dangling.md", "content/missing.md", "content/sub", "content", "../site/content/ok.md", "/content/ok.md", "content//ok.md"} {
		got, gerr := ReadFile(quick, p)
		want, werr := ReadFile(usual, p)
		if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: read %d bytes, %v; root.FS() reads %d bytes, %v", p, len(got), gerr, len(want), werr)
		}
	}
}

// ReadPooled reads each file whole into a reused buffer: files of every
// size, one after another, each released before the next, read as
// ReadFile reads them.
func TestReadPooled(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i, n := range []int{0, 1, 511, 512, 513, 5000, 100, 70_000, 3, 4096} {
		name := fmt.Sprintf("f%d.md", i)
		data := make([]byte, n)
		for j := range data {
			data[j] = byte('a' + (i+j)%26)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := FS(root)
	for range 3 {
		for _, name := range append(names, "missing.md") {
			got, release, err := ReadPooled(fsys, name)
			want, werr := ReadFile(root.FS(), name)
			if string(got) != string(want) || fmt.Sprint(err) != fmt.Sprint(werr) {
				t.Errorf("%s: ReadPooled read %d bytes, %v; want %d bytes, %v", name, len(got), err, len(want), werr)
			}
			release()
		}
	}
}

// BuildFS opens without a stat only what its own listing showed as a
// regular file; whatever that file has become since (a pipe, a folder, a
// link out of the site, nothing) is still refused or read as root.FS()
// does, and a pipe does not block the read.
func TestBuildFSTrustsOnlyItsListings(t *testing.T) {
	site := t.TempDir()
	must := fatalOn(t)
	must(os.MkdirAll(filepath.Join(site, "content/sub"), 0o755))
	for _, name := range []string{"a.md", "b.md", "c.md", "d.md", "e.md", "sub/f.md"} {
		must(os.WriteFile(filepath.Join(site, "content", name), []byte("---\ntitle: "+name+"\n---\n"), 0o644))
	}
	must(os.Symlink("a.md", filepath.Join(site, "content/link.md")))
	must(syscall.Mkfifo(filepath.Join(site, "content/fifo.md"), 0o644))
	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	fsys := BuildFS(root)
	s, ok := fsys.(*siteFS)
	if !ok {
		t.Fatalf("BuildFS(root) is a %T", fsys)
	}
	if s.listed.regular("content/a.md") {
		t.Fatal("content/a.md trusted before any listing")
	}
	if _, _, err := Walk(fsys, ContentDir); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"content/a.md": true, "content/sub/f.md": true, "content/link.md": false,
		"content/fifo.md": false, "content/sub": false, "content/missing.md": false, "content/sub/a.md": false} {
		if got := s.listed.regular(p); got != want {
			t.Errorf("listed as regular %s: %v, want %v", p, got, want)
		}
	}
	if FS(root).(*siteFS).listed.regular("content/a.md") {
		t.Error("FS trusts a listing")
	}
	// What the listed files become before they are read.
	must(os.Remove(filepath.Join(site, "content/b.md")))
	must(syscall.Mkfifo(filepath.Join(site, "content/b.md"), 0o644))
	must(os.Remove(filepath.Join(site, "content/c.md")))
	must(os.Mkdir(filepath.Join(site, "content/c.md"), 0o755))
	must(os.Remove(filepath.Join(site, "content/d.md")))
	must(os.Symlink("../../outside.md", filepath.Join(site, "content/d.md")))
	must(os.Remove(filepath.Join(site, "content/e.md")))
	for _, p := range []string{"content/a.md", "content/b.md", "content/c.md", "content/d.md", "content/e.md", "content/sub/f.md", "content/link.md", "content/fifo.md"} {
		got, gerr := ReadFile(fsys, p)
		want, werr := ReadFile(root.FS(), p)
		if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: read %d bytes, %v; root.FS() reads %d bytes, %v", p, len(got), gerr, len(want), werr)
		}
	}
	if _, ok := s.readSource("content/a.md", nil); !ok {
		t.Error("content/a.md was not read the quick way")
	}
}

// ReadAgain reads a listed source that is still as long as it was the
// quick way, without a stat, and whatever else it has become since (a
// longer or a shorter file, an empty one, a pipe, a folder, a link out of
// the site, nothing) it reads or refuses as root.FS() does; a pipe does
// not block it. FS, which never opens without a stat, does not read it so.
func TestReadAgainAsRoot(t *testing.T) {
	site := t.TempDir()
	must := fatalOn(t)
	must(os.MkdirAll(filepath.Join(site, "content"), 0o755))
	text := "---\ntitle: x\n---\nbody\n"
	names := []string{"same.md", "longer.md", "shorter.md", "emptied.md", "fifo.md", "folder.md", "out.md", "gone.md", "big.md"}
	for _, name := range names {
		data := text
		if name == "big.md" {
			data = strings.Repeat(text, 5000)
		}
		must(os.WriteFile(filepath.Join(site, "content", name), []byte(data), 0o644))
	}
	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	fsys := BuildFS(root)
	if _, _, err := Walk(fsys, ContentDir); err != nil {
		t.Fatal(err)
	}
	at := func(name string) string { return filepath.Join(site, "content", name) }
	must(os.WriteFile(at("longer.md"), []byte(text+"more\n"), 0o644))
	must(os.WriteFile(at("shorter.md"), []byte(text[:10]), 0o644))
	must(os.WriteFile(at("emptied.md"), nil, 0o644))
	must(os.Remove(at("fifo.md")))
	must(syscall.Mkfifo(at("fifo.md"), 0o644))
	must(os.Remove(at("folder.md")))
	must(os.Mkdir(at("folder.md"), 0o755))
	must(os.Remove(at("out.md")))
	must(os.WriteFile(filepath.Join(filepath.Dir(site), "outside.md"), []byte(text), 0o644))
	must(os.Symlink("../../outside.md", at("out.md")))
	must(os.Remove(at("gone.md")))
	for _, name := range names {
		p := "content/" + name
		size := len(text)
		if name == "big.md" {
			size *= 5000
		}
		for _, fsys := range []fs.FS{fsys, FS(root)} {
			got, release, gerr := ReadAgain(fsys, p, size)
			want, werr := ReadFile(root.FS(), p)
			if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
				t.Errorf("%s: ReadAgain read %d bytes, %v; root.FS() reads %d bytes, %v", p, len(got), gerr, len(want), werr)
			}
			release()
		}
	}
	s := fsys.(*siteFS)
	for _, name := range []string{"same.md", "big.md"} {
		size := len(text)
		if name == "big.md" {
			size *= 5000
		}
		if _, ok := s.readAgain("content/"+name, size, nil); !ok {
			t.Errorf("%s was not read again the quick way", name)
		}
	}
	if _, ok := FS(root).(*siteFS).readAgain("content/same.md", len(text), nil); ok {
		t.Error("FS read a file without a stat")
	}
}
