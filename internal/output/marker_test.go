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

// BenchmarkWriteMarker writes the marker of an output of 10,000 briefings'
// shape from paths in no order, as an update's set of files gives them.
func BenchmarkWriteMarker(b *testing.B) {
	dir := b.TempDir()
	owned := map[string]bool{}
	for _, p := range siteLike(10_000) {
		owned[p] = true
	}
	paths := slices.Collect(maps.Keys(owned))
	for b.Loop() {
		if err := writeMarker(dir, paths); err != nil {
			b.Fatal(err)
		}
	}
}

// An update that adds and removes files writes the marker a full write of
// its files would: sorted, each path once; also when the marker it read
// was not sorted (edited by hand).
func TestUpdateMarkerSorted(t *testing.T) {
	for _, unsorted := range []bool{false, true} {
		t.Run(fmt.Sprint("unsorted=", unsorted), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			s, err := NewStaging(dest)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]bool{}
			for _, p := range []string{"b/index.html", "d/index.html", "f/index.html", "index.html"} {
				if err := s.Put(p, []byte(p)); err != nil {
					t.Fatal(err)
				}
				files[p] = true
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			if unsorted {
				text := markerHeader + "/index.html\n/f/index.html\n/b/index.html\n/d/index.html\n"
				if err := os.WriteFile(filepath.Join(dest, MarkerName), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			u, err := NewUpdate(dest)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"a/index.html", "c/index.html", "z.html", "d/index.html"} {
				if err := u.Put(p, []byte("new "+p)); err != nil {
					t.Fatal(err)
				}
				files[p] = true
			}
			for _, p := range []string{"b/index.html", "f/index.html"} {
				if err := u.Remove(p); err != nil {
					t.Fatal(err)
				}
				delete(files, p)
			}
			if err := u.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dest, MarkerName))
			if err != nil {
				t.Fatal(err)
			}
			want := t.TempDir()
			if err := writeMarker(want, slices.Collect(maps.Keys(files))); err != nil {
				t.Fatal(err)
			}
			wantText, err := os.ReadFile(filepath.Join(want, MarkerName))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(wantText) {
				t.Errorf("marker after the update:\n%s\nwant:\n%s", got, wantText)
			}
		})
	}
}

// BenchmarkUpdateMarker times the marker's part of an update of an output
// of 10,000 briefings' shape that adds a file and removes another (as a
// body edit renames a search index file): reading it and writing it again.
func BenchmarkUpdateMarker(b *testing.B) {
	dir := b.TempDir()
	if err := writeMarker(dir, siteLike(10_000)); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		owned, sorted, _, err := readMarkerPaths(dir)
		if err != nil || sorted == nil {
			b.Fatalf("read %d sorted paths: %v", len(sorted), err)
		}
		delete(owned, fmt.Sprintf("search/c/new-%d.json", i))
		i++
		added := fmt.Sprintf("search/c/new-%d.json", i)
		owned[added] = true
		if err := writeSortedMarker(dir, mergeSorted(sorted, []string{added}, owned)); err != nil {
			b.Fatal(err)
		}
	}
}
