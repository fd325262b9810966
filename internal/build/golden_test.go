package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/build"
	"brief/internal/golden"
)

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
			golden.Check(t, filepath.Join("testdata", "golden", tc.golden), got)
		})
	}
}
