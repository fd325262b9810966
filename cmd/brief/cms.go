package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"brief/internal/cms"
)

// cmdCms writes Decap CMS into static/admin/: its configuration, generated
// from the briefing fields and site.toml, the page that starts it, and the
// Decap bundle copied from npm's package.
func cmdCms(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("cms", "cms [flags]", stderr)
	source := fs.String("source", ".", "the site folder")
	decap := fs.String("decap", "", "npm's decap-cms package to copy the bundle from: the .tgz of npm pack decap-cms@"+cms.DecapVersion+", or a folder such as node_modules/decap-cms (default: either, found in the site folder)")
	check := fs.Bool("check", false, "write nothing; fail if config.yml or index.html is missing or out of date")
	site, err := loadForEditors(fs, args, source, stderr)
	if err != nil {
		return err
	}
	cfg := site.Config
	currencies := []string{cfg.Currency.Rates.Report}
	currencies = append(currencies, slices.Sorted(maps.Keys(cfg.Currency.Rates.PerUnit))...)
	config, err := cms.Decap(cms.Site{Title: cfg.Title, BaseURL: cfg.BaseURL, Vocabularies: site.Vocabularies(), Currencies: currencies})
	if err != nil {
		return err
	}
	files := []generated{
		{filepath.Join(filepath.FromSlash(cms.AdminDir), "config.yml"), config},
		{filepath.Join(filepath.FromSlash(cms.AdminDir), "index.html"), cms.IndexHTML(cfg.Title)},
	}
	if *check {
		return checkGenerated(*source, files, "brief cms")
	}
	if err := writeGenerated(*source, files, stdout); err != nil {
		return err
	}
	bundleDir := filepath.Join(*source, filepath.FromSlash(cms.AdminDir), cms.BundleDir)
	src := *decap
	if src == "" {
		var ok bool
		if src, ok = cms.FindBundle(*source); !ok {
			if _, err := os.Stat(filepath.Join(bundleDir, "decap-cms.js")); err == nil {
				return nil // copied before
			}
			fmt.Fprintf(stdout, "Decap's bundle is not in %s yet: in the site folder, run\n  npm pack decap-cms@%s\nthen brief cms again (or pass --decap FILE)\n",
				filepath.ToSlash(bundleDir), cms.DecapVersion)
			return nil
		}
	}
	b, err := cms.ReadBundle(src)
	if err != nil {
		return err
	}
	if err := b.Write(bundleDir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "copied Decap CMS %s (%d files) from %s to %s\n", b.Version, len(b.Files), filepath.ToSlash(src), filepath.ToSlash(bundleDir))
	if b.Version != cms.DecapVersion {
		fmt.Fprintf(stderr, "note: brief cms is tested with Decap CMS %s, not %s\n", cms.DecapVersion, b.Version)
	}
	return nil
}
