package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/build"
	"brief/internal/golden"
	"brief/internal/output"
)

// TestGolden compares whole pages of the fixture site with reviewed copies.
// Run `go test ./internal/build -run Golden -update` after an intended
// change to the theme or the pipeline, and review the diff.
func TestGolden(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	checkGoldens(t, mem, []goldenPage{
		{"briefing.html", "briefings/beijing-web3/index.html"},
		{"home.html", "index.html"},
		{"tag.html", "tags/web3/index.html"},
		{"jurisdiction.html", "jurisdictions/beijing/index.html"},
	})
}

// goldenPage names a reviewed copy in testdata/golden and the output it holds.
type goldenPage struct{ golden, output string }

// checkGoldens compares each output with its reviewed copy.
func checkGoldens(t *testing.T, mem *output.Memory, pages []goldenPage) {
	t.Helper()
	for _, tc := range pages {
		t.Run(tc.golden, func(t *testing.T) {
			got, ok := mem.Files[tc.output]
			if !ok {
				t.Fatalf("no output %s; have %s", tc.output, strings.Join(paths(mem.Files), ", "))
			}
			golden.Check(t, filepath.Join("testdata", "golden", tc.golden), got)
		})
	}
}
