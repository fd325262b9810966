package sources

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// What the site folder may not hold is reported, path and all, and left
// out; everything else is walked as before.
func TestWalkReportsWhatCannotBeASource(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	link := func(to string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(to), Mode: fs.ModeSymlink} }
	fsys := fstest.MapFS{
		"content/ok.md":           file("x"),
		"content/linked.md":       link("ok.md"),
		"content/fifo.md":         {Mode: fs.ModeNamedPipe},
		"content/sock.md":         {Mode: fs.ModeSocket},
		"content/dev.md":          {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"content/pipe-notes.txt":  {Mode: fs.ModeNamedPipe}, // a bundle would publish it: reported too
		"content/folder.md/in.md": file("x"),
		"content/new\nline.md":    file("x"),
		"content/bell\a/b.md":     file("x"),
		"content/dirlink":         link("../other"),
		// A loop is tested on a real folder: fstest.MapFS recurses forever on one.
		"content/missing.md":       link("gone.md"),
		"content/x.md~":            {Mode: fs.ModeNamedPipe}, // an editor's dropping: never a source
		"other/z.md":               file("x"),
		"static/ok.css":            file("x"),
		"static/fifo":              {Mode: fs.ModeNamedPipe},
		"static/tab\tname.txt":     file("x"),
		"static/folder.md/page.md": file("x"), // static/ copies anything: no folder rule
	}
	type result struct {
		files []string
		probs []string
	}
	got := map[string]result{}
	for _, top := range []string{"content", "static"} {
		files, probs, err := Walk(fsys, top)
		if err != nil {
			t.Fatal(err)
		}
		var ps []string
		for _, d := range probs.Sorted() {
			ps = append(ps, d.Error())
		}
		got[top] = result{files, ps}
	}
	want := map[string]result{
		"content": {
			files: []string{"content/folder.md/in.md", "content/linked.md", "content/ok.md"},
			probs: []string{
				`"content/bell\a": folder name contains the control character U+0007 (rename the folder without it)`,
				`"content/new\nline.md": file name contains the control character U+000A (rename the file without it)`,
				`content/dev.md: is a device, not a regular file (replace it with a regular file, or move it out of the site folder)`,
				`content/dirlink: is a symbolic link to a folder, which brief does not follow (move the folder into the site, or link each file instead)`,
				`content/fifo.md: is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)`,
				`content/folder.md: is a folder, not a Markdown file (rename the folder: only files ending in .md are briefings)`,
				`content/missing.md: is a symbolic link to a missing file (restore the file it points to, or remove the link)`,
				`content/pipe-notes.txt: is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)`,
				`content/sock.md: is a socket, not a regular file (replace it with a regular file, or move it out of the site folder)`,
			},
		},
		"static": {
			files: []string{"static/folder.md/page.md", "static/ok.css"},
			probs: []string{
				`"static/tab\tname.txt": file name contains the control character U+0009 (rename the file without it)`,
				`static/fifo: is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)`,
			},
		},
	}
	for top, w := range want {
		g := got[top]
		if !slices.Equal(g.files, w.files) {
			t.Errorf("%s: files %q, want %q", top, g.files, w.files)
		}
		if strings.Join(g.probs, "\n") != strings.Join(w.probs, "\n") {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", top, strings.Join(g.probs, "\n"), strings.Join(w.probs, "\n"))
		}
	}
}

func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":    {Data: []byte("x")},
		"fifo.md": {Mode: fs.ModeNamedPipe},
		"link.md": {Data: []byte("fifo.md"), Mode: fs.ModeSymlink},
	}
	if data, err := ReadFile(fsys, "a.md"); err != nil || string(data) != "x" {
		t.Errorf("a.md: %q, %v", data, err)
	}
	for _, p := range []string{"fifo.md", "link.md"} {
		_, err := ReadFile(fsys, p)
		if err == nil {
			t.Fatalf("%s: read", p)
		}
		want := p + ": is a named pipe (FIFO), not a regular file (replace it with a regular file, or move it out of the site folder)"
		if d := ReadProblem(p, err); d.Error() != want {
			t.Errorf("%s: %s\nwant %s", p, d.Error(), want)
		}
	}
}
