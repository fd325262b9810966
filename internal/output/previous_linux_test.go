package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An update in place that stops half way (a file it cannot move) leaves
// a folder whose marker lists the old files and the new, and no output
// name: the next build replaces it without complaint.
func TestUpdateInPlaceHalfWay(t *testing.T) {
	for _, gone := range []bool{true, false} {
		dir := t.TempDir()
		dest, stage := filepath.Join(dir, "public"), filepath.Join(dir, "stage")
		for p, s := range map[string]string{MarkerName: "/a.html\n/old.html\n", IDName: "x\n", "a.html": "a", "old.html": "o"} {
			writeTestFile(t, filepath.Join(dest, p), s)
		}
		writeTestFile(t, filepath.Join(stage, "b/new.html"), "n")
		root := openRootFD(stage)
		pr := openPrevious(dest, root)
		produced := []string{"a.html", "b/new.html", "c.html"}
		if !gone {
			produced = []string{"a.html", "b/new.html", "c.html", "old.html"}
		}
		tried, err := pr.updateInPlace(dest, root, produced, []string{"b/new.html", "c.html"}, []string{MarkerName, IDName, "a.html", "old.html"})
		pr.close()
		closeRootFD(root)
		if !tried || err == nil {
			t.Fatalf("updateInPlace: %v, %v; want an error moving c.html, which is not staged", tried, err)
		}
		marker, _ := os.ReadFile(filepath.Join(dest, MarkerName))
		if !strings.HasSuffix(string(marker), "\n/a.html\n/b/new.html\n/c.html\n/old.html\n") {
			t.Errorf("old.html gone %v: marker:\n%s", gone, marker)
		}
		if _, err := os.Lstat(filepath.Join(dest, IDName)); !os.IsNotExist(err) {
			t.Errorf("the output name is still there (%v)", err)
		}
		if s, _ := os.ReadFile(filepath.Join(dest, "b/new.html")); string(s) != "n" {
			t.Errorf("b/new.html: %q", s)
		}
		if _, err := NewStaging(dest); err != nil {
			t.Errorf("the next build: %v", err)
		}
	}
}

func writeTestFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
