package cms

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
)

// bundleFile matches the files of Decap's npm package that the page needs:
// the bundle, the chunks it loads on demand from beside itself, its
// WebAssembly, and its licence notice. Source maps and the other build
// (cms.js) stay behind.
var bundleFile = regexp.MustCompile(`^(?:decap-cms\.js|[0-9]+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$`)

// Bundle is Decap's bundle as read from npm's package.
type Bundle struct {
	Version string
	Files   map[string][]byte // by name, as the page loads them
}

// ReadBundle reads Decap's bundle from npm's decap-cms package: the tarball
// npm pack writes (decap-cms-3.16.3.tgz), or the package's folder
// (node_modules/decap-cms).
func ReadBundle(src string) (*Bundle, error) {
	st, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	b := &Bundle{Files: map[string][]byte{}}
	var meta []byte
	if st.IsDir() {
		meta, err = os.ReadFile(filepath.Join(src, "package.json"))
		if err != nil {
			return nil, err
		}
		entries, err := os.ReadDir(filepath.Join(src, "dist"))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if bundleFile.MatchString(e.Name()) && e.Type().IsRegular() {
				if b.Files[e.Name()], err = os.ReadFile(filepath.Join(src, "dist", e.Name())); err != nil {
					return nil, err
				}
			}
		}
	} else if meta, err = readTarball(src, b.Files); err != nil {
		return nil, err
	}
	var pkg struct{ Name, Version string }
	if err := json.Unmarshal(meta, &pkg); err != nil || pkg.Name != "decap-cms" {
		return nil, fmt.Errorf("%s is not npm's decap-cms package (hint: npm pack decap-cms@%s, then pass the .tgz)", src, DecapVersion)
	}
	if b.Files["decap-cms.js"] == nil {
		return nil, fmt.Errorf("%s has no dist/decap-cms.js", src)
	}
	b.Version = pkg.Version
	return b, nil
}

// readTarball reads package/package.json and the bundle's files from an npm
// tarball.
func readTarball(src string, files map[string][]byte) (meta []byte, err error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (hint: pass the .tgz that npm pack writes, or a package folder)", src, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return meta, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(h.Name)
		dir, base := path.Split(name)
		switch {
		case name == "package/package.json":
			if meta, err = io.ReadAll(io.LimitReader(tr, 1<<20)); err != nil {
				return nil, err
			}
		case dir == "package/dist/" && bundleFile.MatchString(base):
			if files[base], err = io.ReadAll(io.LimitReader(tr, 64<<20)); err != nil {
				return nil, err
			}
		}
	}
}

// Write puts the bundle's files in dir, after removing any file of an
// earlier bundle there (chunks are named by content, so old ones would stay
// forever). Other files in dir are left alone.
func (b *Bundle) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range old {
		if bundleFile.MatchString(e.Name()) && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for name, data := range b.Files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// FindBundle looks for Decap's npm package where npm would have put it for
// the site: node_modules/decap-cms, or a decap-cms-*.tgz from npm pack.
func FindBundle(site string) (string, bool) {
	if st, err := os.Stat(filepath.Join(site, "node_modules", "decap-cms", "dist")); err == nil && st.IsDir() {
		return filepath.Join(site, "node_modules", "decap-cms"), true
	}
	if p := filepath.Join(site, "decap-cms-"+DecapVersion+".tgz"); fileExists(p) {
		return p, true
	}
	matches, _ := fs.Glob(os.DirFS(site), "decap-cms-*.tgz")
	if len(matches) == 1 {
		return filepath.Join(site, matches[0]), true
	}
	return "", false
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
