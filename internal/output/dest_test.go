package output_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"brief/internal/output"
)

// markerOf is the marker a build writing paths leaves.
func markerOf(paths ...string) string {
	var b strings.Builder
	b.WriteString("# This folder was made by brief (brief build). The next build replaces it,\n" +
		"# and refuses to when it holds files other than these, which brief wrote.\n")
	slices.Sort(paths)
	for _, p := range paths {
		b.WriteString("/" + p + "\n")
	}
	return b.String()
}

// refused checks that err is a DestinationError whose message has want.
func refused(t *testing.T, err error, want string) {
	t.Helper()
	var de *output.DestinationError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a DestinationError saying %q", err, want)
	}
	if !strings.Contains(err.Error(), want) || de.Hint == "" {
		t.Errorf("err = %q, want it to say %q and give a hint", err, want)
	}
}

func TestCheckDestinationResolvesLinks(t *testing.T) {
	work := t.TempDir()
	site := filepath.Join(work, "real", "site")
	writeTree(t, site, map[string]string{"content/a.md": "a", "site.toml": ""})
	writeTree(t, work, map[string]string{"shared/static/logo.txt": "logo"})
	for _, l := range [][2]string{
		{"link", "real/site"},
		{"c", "real/site/content"},
		{"real/site/static", "../../shared/static"},
	} {
		if err := os.Symlink(l[1], filepath.Join(work, l[0])); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ source, dest, want string }{
		{"link", "real/site", "the site folder itself"},
		{"link", "real", "contains the site folder"},
		{"real/site", "link", "the site folder itself"},
		{"link", "c/out", "inside the site's content/ folder"},
		{"link", "shared", "contains the site's static/ folder"},
		{"link", "shared/static/x", "inside the site's static/ folder"},
		{"link", "link/../..", "contains the site folder"}, // .. after a link is taken literally by the OS
		{"link", "real/site/public", ""},
		{"link", "link/public", ""},
		{"link", "elsewhere/new", ""},
	} {
		err := output.CheckDestination(filepath.Join(work, tc.source), filepath.Join(work, tc.dest))
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s -> %s: %v", tc.source, tc.dest, err)
			}
			continue
		}
		refused(t, err, tc.want)
	}
}

func TestStagingRefusesForeignDestinations(t *testing.T) {
	work := t.TempDir()
	writeTree(t, work, map[string]string{
		"notes/n.txt":          "keep",
		"file.txt":             "keep",
		"mine/index.html":      "keep", // a page's name does not make it brief's
		"home/.ssh/id_ed25519": "key",
	})
	dangling := filepath.Join(t.TempDir(), "dangling")
	if err := os.Symlink("nowhere", dangling); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", filepath.Join(work, "home"))
	before := tree(t, work)
	for _, tc := range []struct{ dest, want string }{
		{"notes", "not empty and not made by brief"},
		{"mine", "not empty and not made by brief"},
		{"file.txt", "a file, not a folder"},
		{dangling, "a symbolic link to nowhere, which does not exist"},
		{"home", "your home folder"},
		{".", "contains your home folder"},
		{"/", "the root of the file system"},
	} {
		dest := tc.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(work, dest)
		}
		_, err := output.NewStaging(dest)
		refused(t, err, tc.want)
	}
	sameTree(t, tree(t, work), before)
	if s := siblings(t, work); slices.ContainsFunc(s, func(n string) bool { return strings.Contains(n, ".staging-") }) {
		t.Errorf("staging folders made for refused destinations: %v", s)
	}
}

func TestStagingCommitRechecks(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	built(t, dest, map[string]string{"index.html": "old"})
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	// Someone saves a file into the output while the build runs.
	writeTree(t, dest, map[string]string{"notes.txt": "mine"})
	refused(t, st.Commit(), "holds 1 file brief did not write (notes.txt)")
	sameTree(t, tree(t, dest), map[string]string{"index.html": "old", "notes.txt": "mine", output.MarkerName: markerOf("index.html")})
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("left beside the output: %v", s)
	}
}

func TestStagingAcceptsOldUnmarkedOutput(t *testing.T) {
	page := map[string]string{"index.html": "i", "404.html": "n", "sitemap.xml": "s", "briefings/a/index.html": "a"}
	dest := filepath.Join(t.TempDir(), "public")
	writeTree(t, dest, page)
	built(t, dest, page) // every file written again: accepted
	if got := tree(t, dest)[output.MarkerName]; got == "" {
		t.Error("no marker after replacing an old output")
	}

	dest = filepath.Join(t.TempDir(), "public")
	writeTree(t, dest, page)
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "404.html", "sitemap.xml"} {
		if err := st.Put(p, []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	refused(t, st.Commit(), "holds 1 file this build would not write again (briefings/a/index.html)")
	sameTree(t, tree(t, dest), page)
}

func TestStagingAbortWhileWriting(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	built(t, dest, map[string]string{"index.html": "old"})
	before := tree(t, dest)
	st, err := output.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range 8 {
		wg.Go(func() {
			<-start
			for i := range 200 {
				_ = st.Put(filepath.ToSlash(filepath.Join("w", string(rune('a'+w)), strings.Repeat("x", i%7+1), "index.html")), []byte("page"))
			}
		})
	}
	close(start)
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	// Once Abort has returned, nothing more is written and nothing is left.
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("left beside the output after Abort: %v", s)
	}
	if err := st.Put("late.html", []byte("x")); err == nil {
		t.Error("Put after Abort succeeded")
	}
	wg.Wait()
	if s := siblings(t, parent); !slices.Equal(s, []string{"public"}) {
		t.Errorf("left beside the output after the writers stopped: %v", s)
	}
	if err := st.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	sameTree(t, tree(t, dest), before)
}

func TestDirLeavesForeignFilesAlone(t *testing.T) {
	root := filepath.Join(t.TempDir(), "public")
	built(t, root, map[string]string{"index.html": "i"})
	writeTree(t, root, map[string]string{"notes.txt": "mine", "gone/index.html": "mine too"})
	d := openDir(t, root)
	if err := d.Put("notes.txt", []byte("page")); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("Put over a foreign file: %v", err)
	}
	if err := d.Remove("gone/index.html"); err != nil {
		t.Errorf("Remove of a foreign file: %v", err)
	}
	if err := d.Put("new/index.html", []byte("n")); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, tree(t, root), map[string]string{"index.html": "i", "notes.txt": "mine", "gone/index.html": "mine too",
		"new/index.html": "n", output.MarkerName: markerOf("index.html", "new/index.html")})

	if _, err := output.OpenDir(t.TempDir()); err == nil {
		t.Error("OpenDir of a folder without a marker succeeded")
	}
}
