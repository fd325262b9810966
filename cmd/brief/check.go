package main

import (
	"fmt"
	"io"
	"os"

	"brief"
	"brief/internal/build"
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
	if broken := linkcheck.Check(mem.Files, res.Site.Config.BasePath(), origin); len(broken) > 0 {
		return fmt.Errorf("%s\ncheck failed: %d broken links", broken.Error(), len(broken))
	}
	fmt.Fprintf(stdout, "ok: %d briefings, %d files, all internal links resolve, %d warnings\n", len(res.Site.Briefings), len(mem.Files), len(res.Warnings))
	return nil
}
