package watch

import (
	"testing"

	"brief/internal/sources"
)

// Each part of the site gets its kind; other files at the root are ignored,
// and parts created after New are watched.
func TestKinds(t *testing.T) {
	tests := []struct {
		name    string
		initial []string
		act     func(s site)
		want    map[string]sources.Kind
	}{
		{
			name:    "site.toml and ignored root files",
			initial: []string{"site.toml", "content/"},
			act: func(s site) {
				s.write("README.md", "readme")
				s.write("other.toml", "x")
				s.write("public/index.html", "built")
				s.write("site.toml", "title = 'x'")
			},
			want: map[string]sources.Kind{"site.toml": sources.Config},
		},
		{
			name:    "site.toml saved by rename over",
			initial: []string{"site.toml", "content/"},
			act: func(s site) {
				s.write("site.toml.tmp", "title = 'y'")
				s.rename("site.toml.tmp", "site.toml")
			},
			want: map[string]sources.Kind{"site.toml": sources.Config},
		},
		{
			name:    "site.toml removed",
			initial: []string{"site.toml", "content/"},
			act:     func(s site) { s.remove("site.toml") },
			want:    map[string]sources.Kind{"site.toml": sources.Config},
		},
		{
			name:    "site.toml created",
			initial: []string{"content/"},
			act:     func(s site) { s.write("site.toml", "title = 'x'") },
			want:    map[string]sources.Kind{"site.toml": sources.Config},
		},
		{
			name:    "layouts and static",
			initial: []string{"content/", "layouts/_default/", "static/"},
			act: func(s site) {
				s.write("layouts/_default/single.html", "{{.}}")
				s.write("static/css/site.css", "body{}")
			},
			want: map[string]sources.Kind{"layouts/_default/single.html": sources.Layout, "static/css/site.css": sources.Static},
		},
		{
			name: "parts created after New",
			act: func(s site) {
				s.write("content/briefings/x.md", "x")
				s.write("layouts/index.html", "i")
				s.write("static/logo.svg", "<svg/>")
			},
			want: map[string]sources.Kind{"content/briefings/x.md": sources.Content, "layouts/index.html": sources.Layout, "static/logo.svg": sources.Static},
		},
		{
			// The build publishes hidden static files, so the watcher reports
			// them; hidden content and editor droppings it leaves out.
			name:    "hidden files where the build reads them",
			initial: []string{"content/", "static/.well-known/", "layouts/assets/"},
			act: func(s site) {
				s.write("static/.well-known/security.txt", "Contact: x")
				s.write("static/.config/new.txt", "new hidden folder")
				s.write("layouts/assets/.htaccess", "Options -Indexes")
				s.write("static/.git/HEAD", "ref")
				s.write("content/.obsidian/workspace.json", "{}")
				s.write("content/.hidden.md", "x")
				s.write("content/notes.txt", "not a briefing")
				s.write("static/x.css.swp", "swap")
			},
			want: map[string]sources.Kind{"static/.well-known/security.txt": sources.Static, "static/.config/new.txt": sources.Static,
				"layouts/assets/.htaccess": sources.Layout, "content/notes.txt": sources.Resource},
		},
		{
			name: "a file named like a part is not a part",
			act: func(s site) {
				s.write("layouts", "not a folder")
				s.write("content/x.md", "x")
			},
			want: map[string]sources.Kind{"content/x.md": sources.Content},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, tt.initial...)
			r := watchSite(t, s, Options{})
			tt.act(s)
			s.write(sentinel, "done")
			var want []string
			for p := range tt.want {
				want = append(want, p)
			}
			r.waitFor(append(want, sentinel)...)
			r.expectOnly(append(want, sentinel)...)
			for p, k := range tt.want {
				if r.seen[p] != k {
					t.Errorf("kind of %s = %v, want %v", p, r.seen[p], k)
				}
			}
		})
	}
}

// After content/ appears, later writes inside it are seen too, and the
// folder's removal is reported file by file.
func TestContentCreatedAfterNew(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	r := watchSite(t, s, Options{})
	s.write("content/a.md", "a")
	r.waitFor("content/a.md")
	s.write("content/sub/b.md", "b")
	r.waitFor("content/sub/b.md")
	r.seen = map[string]sources.Kind{}
	s.remove("content")
	r.waitFor("content/a.md", "content/sub/b.md")
	s.write("content/c.md", "c")
	r.waitFor("content/c.md")
}
