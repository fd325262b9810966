package build_test

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"brief/internal/build"
	"brief/internal/golden"
	"brief/internal/sources"
)

// exampleSite reads the repository's own site (site.toml, content/,
// static/) into memory; the theme is the embedded default.
func exampleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "..")
	fsys := fstest.MapFS{}
	if data, err := os.ReadFile(filepath.Join(root, sources.ConfigFile)); err == nil {
		fsys[sources.ConfigFile] = &fstest.MapFile{Data: data}
	}
	for _, top := range []string{sources.ContentDir, sources.StaticDir} {
		err := fs.WalkDir(os.DirFS(root), top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, ok := sources.Classify(p); !ok {
				return nil
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// manifest lists every output file with the SHA-256 of its bytes.
func manifest(files map[string][]byte) []byte {
	var b strings.Builder
	for _, p := range paths(files) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(files[p]), p)
	}
	return []byte(b.String())
}

// TestSingleLanguageUnchanged holds a site without [languages] to the
// output it had before languages existed, file for file and byte for byte:
// the manifests were written by the build before the second language was
// added. A deliberate change of the theme or of the example site rewrites
// them with -update.
func TestSingleLanguageUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{{"fixture", fixture()}, {"example", exampleSite(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			_, mem := mustBuild(t, tc.fsys, build.Options{Fingerprint: true})
			golden.Check(t, filepath.Join("testdata", "golden", "single-language-"+tc.name+".txt"), manifest(mem.Files))
		})
	}
}
