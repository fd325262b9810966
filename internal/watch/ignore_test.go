package watch

import "testing"

func TestIgnoredName(t *testing.T) {
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
		{".git", true},
		{"#x.md#", true},
		{"#", false},
		{"4913", true},
		{"5036", true}, // vim's next probe name when 4913 exists
		{"4914", false},
		{"04913", false},
	}
	for _, tt := range tests {
		if got := ignoredName(tt.name); got != tt.want {
			t.Errorf("ignoredName(%q) = %v, want %v", tt.name, got, tt.want)
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
		{"content/site.toml", Content, true},
		{"content/.obsidian/workspace.json", 0, false},
		{"content/x.md~", 0, false},
		{"static/4913", 0, false},
	}
	for _, tt := range tests {
		kind, ok := classify(tt.rel)
		if ok != tt.ok || (ok && kind != tt.kind) {
			t.Errorf("classify(%q) = %v, %v; want %v, %v", tt.rel, kind, ok, tt.kind, tt.ok)
		}
	}
}
