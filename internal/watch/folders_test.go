package watch

import (
	"os"
	"path/filepath"
	"testing"

	"brief/internal/sources"
)

// inotify is not recursive: files written into a new folder before its watch
// exists must still be reported, and later writes there must be seen too.
func TestNewFolder(t *testing.T) {
	tests := []struct {
		name  string
		make  func(s site)
		want  []string
		later string // written after the first batch, inside the new folder
	}{
		{
			name: "mkdir then write at once",
			make: func(s site) {
				if err := os.Mkdir(s.path("content/new"), 0o755); err != nil {
					s.t.Fatal(err)
				}
				s.write("content/new/x.md", "x")
			},
			want:  []string{"content/new/x.md"},
			later: "content/new/y.md",
		},
		{
			name: "nested MkdirAll then write",
			make: func(s site) {
				s.mkdir("content/a/b/c")
				s.write("content/a/b/c/x.md", "x")
				s.write("content/a/top.md", "top")
			},
			want:  []string{"content/a/b/c/x.md", "content/a/top.md"},
			later: "content/a/b/c/y.md",
		},
		{
			name: "folder moved in from outside",
			make: func(s site) {
				outside := s.t.TempDir()
				for _, f := range []string{"moved/x.md", "moved/sub/y.md", "moved/sub/.hidden.md"} {
					p := filepath.Join(outside, filepath.FromSlash(f))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						s.t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
						s.t.Fatal(err)
					}
				}
				if err := os.Rename(filepath.Join(outside, "moved"), s.path("content/moved")); err != nil {
					s.t.Fatal(err)
				}
			},
			want:  []string{"content/moved/x.md", "content/moved/sub/y.md"},
			later: "content/moved/sub/z.md",
		},
		{
			name: "hidden folder is not watched",
			make: func(s site) {
				s.write("content/.obsidian/workspace.json", "{}")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, "content/old.md")
			r := watchSite(t, s, Options{})
			tt.make(s)
			s.write(sentinel, "done")
			r.waitFor(append(tt.want, sentinel)...)
			r.expectOnly(append(tt.want, sentinel)...)
			if tt.later != "" {
				s.write(tt.later, "later")
				r.waitFor(tt.later)
			}
			r.expectNoRescan()
		})
	}
}

// A folder that disappears is reported file by file; a renamed one is also
// watched under its new name, and never reported under the old one again.
func TestFolderGone(t *testing.T) {
	before := []string{"content/a/1.md", "content/a/sub/2.md"}
	tests := []struct {
		name  string
		act   func(s site)
		want  []string
		later string // written afterwards; must be reported under this name
	}{
		{
			name: "removed",
			act:  func(s site) { s.remove("content/a") },
			want: before,
		},
		{
			name: "moved out",
			act: func(s site) {
				if err := os.Rename(s.path("content/a"), filepath.Join(s.t.TempDir(), "a")); err != nil {
					s.t.Fatal(err)
				}
			},
			want: before,
		},
		{
			name:  "renamed inside content",
			act:   func(s site) { s.rename("content/a", "content/b") },
			want:  append([]string{"content/b/1.md", "content/b/sub/2.md"}, before...),
			later: "content/b/sub/3.md",
		},
		{
			name:  "moved to another part",
			act:   func(s site) { s.rename("content/a", "static/a") },
			want:  append([]string{"static/a/1.md", "static/a/sub/2.md"}, before...),
			later: "static/a/sub/3.md",
		},
		{
			name: "removed and made again",
			act: func(s site) {
				s.remove("content/a")
				s.write("content/a/sub/new.md", "new")
			},
			want:  append([]string{"content/a/sub/new.md"}, before...),
			later: "content/a/sub/3.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, append([]string{"content/keep.md", "static/"}, before...)...)
			r := watchSite(t, s, Options{})
			tt.act(s)
			s.write(sentinel, "done")
			r.waitFor(append(tt.want, sentinel)...)
			r.expectOnly(append(tt.want, sentinel)...)
			if tt.later != "" {
				r.seen = map[string]sources.Kind{}
				s.write(tt.later, "later")
				s.write(sentinel, "again")
				r.waitFor(tt.later, sentinel)
				r.expectOnly(tt.later, sentinel) // not also under the old folder name
			}
			r.expectNoRescan()
		})
	}
}
