package build

import (
	"io/fs"
	"maps"
	"slices"
	"strings"

	"brief/internal/diag"
	"brief/internal/sources"
)

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
		found, err := sources.Walk(st.fsys, sources.StaticDir)
		if err != nil {
			return nil, diag.List{diag.Errorf("static", 0, "", "", "cannot read: %v", err)}
		}
		fresh := map[string]uint64{}
		var out []staticFile
		var ds diag.List
		for _, p := range found {
			old, had := bl.static[p]
			if _, changed := cs.paths[p]; !cs.all && !changed && had {
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
