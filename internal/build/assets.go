package build

import (
	"bytes"
	"io"
	"strings"

	"brief/internal/assets"
	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/sources"
)

// loadAssets resolves the files templates refer to through the asset
// helper: the theme's assets/ with static/ over them. In a published build
// (Options.Fingerprint) CSS and JS are minified and hashed into assets.Dir.
func (st *state) loadAssets(statics []staticFile) {
	if st.theme == nil {
		return
	}
	var srcs []assets.Source
	// The theme's assets come first, so that static/ replaces them.
	for p, data := range st.theme.Assets {
		srcs = append(srcs, assets.Source{Path: p, Hash: newHasher(st.bl.seed).bytes(data).sum(),
			Read: func() ([]byte, error) { return data, nil }})
	}
	for _, f := range statics {
		srcs = append(srcs, assets.Source{Path: f.out, Hash: f.hash, Read: func() ([]byte, error) { return sources.ReadFile(st.fsys, f.src) }})
	}
	seo := st.cfg.SEO
	var min *output.Minifier
	opt := assets.Options{Fingerprint: st.opt.Fingerprint, BasePath: st.cfg.BasePath(), Sizes: []string{seo.Image, seo.Logo}}
	if st.opt.Fingerprint {
		min = output.NewMinifier()
		opt.Minify = func(p string, data []byte) []byte {
			var out bytes.Buffer
			return min.Into(&out, p, data[:len(data):len(data)])
		}
	}
	m, err := assets.Build(srcs, opt, &st.bl.assets)
	if err != nil {
		st.diags = append(st.diags, diag.Errorf("static", 0, "", "check that the file is a readable regular file", "%v", err))
		return
	}
	for _, f := range []struct{ key, val string }{{"seo.image", seo.Image}, {"seo.logo", seo.Logo}} {
		if strings.HasPrefix(f.val, "/") {
			if _, err := m.Lookup(f.val); err != nil {
				st.diags = append(st.diags, diag.Errorf(config.File, st.cfg.Lines[f.key], f.key,
					"put the file in static/ (static"+f.val+"), or give a full https:// URL", "no file %s in static/ or in the theme's assets/", f.val))
			}
		}
	}
	st.assets = m
	st.theme.UseAssets(m)
}

// fingerprinted adds the minified, hashed copies of CSS and JS.
func (pl *planner) fingerprinted() {
	st := pl.st
	if st.assets == nil {
		return
	}
	for _, o := range st.assets.Outputs {
		data := o.Data
		// The path holds a hash of the content.
		pl.add(&job{path: o.Path, kind: "asset", owner: &pages.Owner{What: "fingerprinted asset /" + o.Path},
			base: staticBase(st.bl.seed, o.Path, 0, 0), minified: true,
			render: func(st *state, w io.Writer) error {
				w.Write(data)
				return nil
			}})
	}
}
