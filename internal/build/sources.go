package build

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"brief/internal/diag"
)

// walkFiles lists the files under dir whose names end in ext ("" for all),
// sorted, skipping editor droppings and hidden folders' contents where they
// cannot be site files. A missing dir is an empty list.
func walkFiles(fsys fs.FS, dir, ext string) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && ext != "" && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if isDropping(name) || (ext != "" && !strings.HasSuffix(name, ext)) {
			return nil
		}
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out, err
}

// isDropping reports editor and OS leftovers that are never site files.
func isDropping(name string) bool {
	switch {
	case name == ".DS_Store" || name == "Thumbs.db" || name == "4913":
		return true
	case strings.HasSuffix(name, "~") || strings.HasPrefix(name, ".#"):
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swx", ".swpx", ".bck", ".tmp":
		return true
	}
	return strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// staticFile is one file of static/, copied as is to the same path under
// the output root.
type staticFile struct {
	src  string // "static/css/x.css"
	out  string // "css/x.css"
	hash uint64
	data []byte // nil when unchanged since the last build: read on demand
}

// loadStatic lists static/ and hashes the files that changed.
func (st *state) loadStatic(cs changeSet) ([]staticFile, error) {
	bl := st.bl
	if cs.all || cs.static {
		found, err := walkFiles(st.fsys, "static", "")
		if err != nil {
			return nil, diag.List{diag.Errorf("static", 0, "", "", "cannot read: %v", err)}
		}
		fresh := map[string]uint64{}
		var out []staticFile
		var ds diag.List
		for _, p := range found {
			old, had := bl.static[p]
			if !cs.all && !cs.paths[p] && had {
				fresh[p] = old
				out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, "static/"), hash: old})
				continue
			}
			data, err := fs.ReadFile(st.fsys, p)
			if err != nil {
				ds = append(ds, diag.Errorf(p, 0, "", "static files must stay inside the site folder; copy the file in instead of linking to it", "cannot read: %v", err))
				continue
			}
			h := newHasher(bl.seed).bytes(data).sum()
			fresh[p] = h
			out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, "static/"), hash: h, data: data})
		}
		if len(ds) > 0 {
			return nil, ds
		}
		bl.static = fresh
		return out, nil
	}
	out := make([]staticFile, 0, len(bl.static))
	for _, p := range slices.Sorted(maps.Keys(bl.static)) {
		out = append(out, staticFile{src: p, out: strings.TrimPrefix(p, "static/"), hash: bl.static[p]})
	}
	return out, nil
}
