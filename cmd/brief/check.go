package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/linkcheck"
	"brief/internal/output"
	"brief/internal/site"
)

// cmdCheck builds the site in memory and checks every internal link,
// writing nothing.
func cmdCheck(args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlags("check", "check [flags]", stderr)
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := sf.options(os.Getenv)
	if err != nil {
		return err
	}
	opt.Fingerprint = true // check what brief build publishes
	root, err := openSite(sf.source)
	if err != nil {
		return err
	}
	defer root.Close()
	sf.openCache(&opt, os.Getenv, stderr)
	mem := output.NewMemory()
	res, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, opt, mem)
	if err != nil {
		return buildFailed(err)
	}
	printWarnings(stderr, res.Warnings)
	sources := map[string]string{} // briefing page -> its Markdown file
	for _, b := range res.Site.Briefings {
		sources[site.OutputPath(b.URL)] = b.Path
	}
	origin := linkcheck.InSources(root.FS(), sources)
	broken := linkcheck.Check(mem.Files, res.Site.Config.BasePath(), origin)
	// A link the build already warned about (--broken-links=warn) is not
	// reported twice.
	broken = slices.DeleteFunc(broken, func(d diag.Diagnostic) bool {
		return slices.ContainsFunc(res.Warnings, func(w diag.Diagnostic) bool { return w.Link && w.File == d.File && w.Line == d.Line })
	})
	if len(broken) > 0 && !opt.BrokenLinksWarn {
		return fmt.Errorf("%s\ncheck failed: %d broken links", broken.Error(), len(broken))
	}
	printWarnings(stderr, broken.LinksAsWarnings())
	links := "all internal links resolve"
	if len(broken) > 0 {
		links = fmt.Sprintf("%d broken links (warnings: --broken-links=warn)", len(broken))
	}
	fmt.Fprintf(stdout, "ok: %d briefings, %d files, %s, %d warnings\n", len(res.Site.Briefings), len(mem.Files), links, len(res.Warnings)+len(broken))
	return nil
}
