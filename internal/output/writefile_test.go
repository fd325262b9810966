package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// writeFile, which the staging writes every output with, does what
// os.WriteFile does: the same file, contents and mode, and the same
// errors for what cannot be written.
func TestWriteFileAsOSWriteFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(dir string) string // the path to write
	}{
		{"new", func(dir string) string { return filepath.Join(dir, "a.html") }},
		{"longer before", func(dir string) string {
			p := filepath.Join(dir, "a.html")
			os.WriteFile(p, make([]byte, 100_000), 0o600)
			return p
		}},
		{"empty", func(dir string) string { return filepath.Join(dir, "empty") }},
		{"folder", func(dir string) string {
			p := filepath.Join(dir, "sub")
			os.Mkdir(p, 0o755)
			return p
		}},
		{"no parent", func(dir string) string { return filepath.Join(dir, "missing", "a.html") }},
		{"parent is a file", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
			return filepath.Join(dir, "f", "a.html")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte("<p>page</p>")
			if tc.name == "empty" {
				data = nil
			}
			p, q := tc.prepare(t.TempDir()), tc.prepare(t.TempDir())
			gotErr := writeFile(p, data)
			wantErr := os.WriteFile(q, data, 0o644)
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("writeFile: %v; os.WriteFile: %v", gotErr, wantErr)
			}
			if wantErr != nil {
				var g, w *fs.PathError
				if !errors.As(gotErr, &g) || !errors.As(wantErr, &w) || g.Op != w.Op || !errors.Is(g.Err, w.Err) ||
					filepath.Base(g.Path) != filepath.Base(w.Path) {
					t.Errorf("writeFile: %#v; os.WriteFile: %#v", gotErr, wantErr)
				}
				return
			}
			got, err1 := os.ReadFile(p)
			want, err2 := os.ReadFile(q)
			if err1 != nil || err2 != nil || string(got) != string(want) {
				t.Errorf("contents %d bytes %.40q (%v), want %d bytes %.40q (%v)", len(got), got, err1, len(want), want, err2)
			}
			gi, err1 := os.Stat(p)
			wi, err2 := os.Stat(q)
			if err1 != nil || err2 != nil || gi.Mode() != wi.Mode() {
				t.Errorf("mode %v, want %v", gi.Mode(), wi.Mode())
			}
		})
	}
}
