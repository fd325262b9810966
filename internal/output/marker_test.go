package output

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// readMarker reads back the paths writeMarker wrote, and a marker that an
// editor saved with CRLF line endings or without its last line's newline.
func TestReadMarker(t *testing.T) {
	dir := t.TempDir()
	paths := []string{"index.html", "briefings/x/index.html", "tags/a b/index.html", "search/c/0.json"}
	if err := writeMarker(dir, paths); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, text string }{
		{"as written", ""},
		{"CRLF", "# a comment\r\n/index.html\r\n/briefings/x/index.html\r\n/tags/a b/index.html\r\n\r\n/search/c/0.json\r\n"},
		{"no last newline", "/index.html\n/briefings/x/index.html\n/tags/a b/index.html\n/search/c/0.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text != "" {
				if err := os.WriteFile(filepath.Join(dir, MarkerName), []byte(tc.text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			owned, marked, err := readMarker(dir)
			if err != nil || !marked {
				t.Fatalf("readMarker: %v, marked %v", err, marked)
			}
			got := slices.Sorted(maps.Keys(owned))
			want := slices.Sorted(slices.Values(paths))
			if !slices.Equal(got, want) {
				t.Errorf("read %q, want %q", got, want)
			}
		})
	}
	if _, marked, err := readMarker(t.TempDir()); marked || err != nil {
		t.Errorf("a folder without a marker: marked %v, %v", marked, err)
	}
}

// BenchmarkReadMarker reads the marker of an output of 10,000 briefings'
// shape (27,800 paths).
func BenchmarkReadMarker(b *testing.B) {
	dir := b.TempDir()
	if err := writeMarker(dir, siteLike(10_000)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := readMarker(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// siteLike lists the paths of an output shaped as brief's at n briefings:
// a folder and page per briefing, 0.78 list pages per briefing each in a
// folder of its own, and about one search index file per briefing in a
// few hundred folders (10,000: 27,800 files in 18,000 folders).
func siteLike(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("briefings/briefing-number-%06d/index.html", i))
	}
	for i := range n * 78 / 100 {
		out = append(out, fmt.Sprintf("tags/tag-%04d/page/%d/index.html", i/8, i%8+1))
	}
	for i := range n {
		out = append(out, fmt.Sprintf("search/c/%03d/%05d.json", i/50, i))
	}
	return out
}
