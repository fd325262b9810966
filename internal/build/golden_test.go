package build_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/build"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares whole pages of the fixture site with reviewed copies.
// Run `go test ./internal/build -run Golden -update` after an intended
// change to the theme or the pipeline, and review the diff.
func TestGolden(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	for _, tc := range []struct{ golden, output string }{
		{"briefing.html", "briefings/beijing-web3/index.html"},
		{"home.html", "index.html"},
		{"tag.html", "tags/web3/index.html"},
		{"jurisdiction.html", "jurisdictions/beijing/index.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got, ok := mem.Files[tc.output]
			if !ok {
				t.Fatalf("no output %s; have %s", tc.output, strings.Join(paths(mem.Files), ", "))
			}
			path := filepath.Join("testdata", "golden", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update if intended):\n%s", tc.output, path, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			shown++
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}
