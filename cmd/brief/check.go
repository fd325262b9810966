package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"brief"
	"brief/internal/build"
	"brief/internal/cms"
	"brief/internal/diag"
	"brief/internal/feeds"
	"brief/internal/linkcheck"
	"brief/internal/output"
	"brief/internal/site"
	"brief/internal/sources"
)

// errReported ends a command whose problems are already printed (in JSON or
// as workflow commands): exit status 1, nothing more on stderr.
var errReported = errors.New("problems reported")

// checked is what brief check found.
type checked struct {
	problems diag.List // errors and warnings, broken links included
	built    bool      // the build succeeded; errors are broken links
	okLine   string    // the summary when there are no errors
}

// cmdCheck builds the site in memory and checks every internal link,
// writing nothing, and prints what it found as text, JSON or GitHub
// Actions annotations.
func cmdCheck(args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlags("check", "check [flags]", stderr)
	sf.register(fs)
	format := fs.String("format", "text", "how to print problems: text, json (one report on stdout) or github (GitHub Actions annotations)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !slices.Contains(diag.Formats, *format) {
		fmt.Fprintf(stderr, "brief check: --format %q: want one of %s\n", *format, strings.Join(diag.Formats, ", "))
		return errUsage
	}
	c, err := check(sf, stderr)
	if *format == "text" {
		return c.text(err, stdout, stderr)
	}
	if err != nil { // no site to check: one problem without a place
		msg, hint, _ := strings.Cut(err.Error(), " (hint: ")
		c.problems = diag.List{diag.Errorf("", 0, "", cmp.Or(strings.TrimSuffix(hint, ")"), "see brief check --help"), "%s", msg)}
	}
	list := c.problems.Under(relativeSource(sf.source, os.Getenv("GITHUB_WORKSPACE")))
	errs, warns := list.Counts()
	switch *format {
	case "json":
		if err := diag.WriteJSON(stdout, list); err != nil {
			return err
		}
	case "github":
		if err := diag.WriteGitHub(stdout, list); err != nil {
			return err
		}
		if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
			if err := appendSummary(path, list); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "brief check: %s, %s\n", diag.Count(errs, "error"), diag.Count(warns, "warning"))
	}
	if errs > 0 {
		return errReported
	}
	return nil
}

// check builds the site in memory and checks its links. err is a problem
// that stopped the check before it found any (no site folder, a bad flag).
// stderr hears about the image cache.
func check(sf siteFlags, stderr io.Writer) (checked, error) {
	opt, err := sf.options(os.Getenv)
	if err != nil {
		return checked{}, err
	}
	opt.Fingerprint = true // check what brief build publishes
	root, err := openSite(sf.source)
	if err != nil {
		return checked{}, err
	}
	defer root.Close()
	fsys := sources.FS(root)
	sf.openCache(&opt, os.Getenv, os.Stderr)
	mem := output.NewMemory()
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, opt, mem)
	if err != nil {
		var l diag.List
		if errors.As(err, &l) {
			return checked{problems: l}, nil
		}
		return checked{}, err
	}
	sources := map[string]string{} // briefing page -> its Markdown file
	for _, e := range res.Site.Editions {
		for _, b := range e.Briefings {
			sources[site.OutputPath(b.URL)] = b.Path
		}
	}
	origin := linkcheck.FirstOf(linkcheck.InSources(fsys, sources),
		linkcheck.InTemplates(siteTemplates(fsys), res.Site.Config.BasePath()))
	built := len(mem.Files) // before the bundle's stand-in
	pending, hasPending := decapPending(mem.Files)
	broken := linkcheck.Check(mem.Files, res.Site.Config.BasePath(), origin)
	if hasPending {
		res.Warnings = append(res.Warnings, pending)
	}
	// A link the build already warned about (--broken-links=warn) is not
	// reported twice.
	broken = slices.DeleteFunc(broken, func(d diag.Diagnostic) bool {
		return slices.ContainsFunc(res.Warnings, func(w diag.Diagnostic) bool { return w.Link && w.File == d.File && w.Line == d.Line })
	})
	if opt.BrokenLinksWarn {
		broken = broken.LinksAsWarnings()
	}
	links := "all internal links resolve"
	if len(broken) > 0 {
		links = diag.Count(len(broken), "broken link") + " (warnings: --broken-links=warn)"
	}
	badFeeds, feedCount := feeds.Check(mem.Files)
	problems := append(slices.Clone(res.Warnings), broken...)
	return checked{
		problems: append(problems, badFeeds...),
		built:    true,
		okLine: fmt.Sprintf("ok: %s, %s, %s, %s valid, %s", diag.Count(res.Site.Published(), "briefing"), diag.Count(built, "file"), links,
			diag.Count(feedCount, "feed"), diag.Count(len(res.Warnings)+len(broken), "warning")),
	}, nil
}

// text prints as brief has always done: warnings on stderr, errors as the
// command's error, the summary on stdout.
func (c checked) text(err error, stdout, stderr io.Writer) error {
	if err != nil {
		return err
	}
	if !c.built {
		return buildFailed(c.problems)
	}
	if errs := c.problems.Errors(); len(errs) > 0 {
		printWarnings(stderr, c.problems.Warnings())
		return fmt.Errorf("%s\ncheck failed: %s", errs.Error(), diag.Count(len(errs), "broken link"))
	}
	printWarnings(stderr, c.problems)
	fmt.Fprintln(stdout, c.okLine)
	return nil
}

// relativeSource is the site folder as seen from base (GitHub's workspace,
// or else the working folder), which is where annotations' paths start.
func relativeSource(source, base string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return source
	}
	if base == "" {
		if base, err = os.Getwd(); err != nil {
			return source
		}
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// appendSummary adds the problems to the GitHub Actions step summary.
func appendSummary(path string, l diag.List) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := diag.WriteGitHubSummary(f, l, "brief check"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// siteTemplates reads the site's own templates (layouts/**.html), by the
// names diagnostics use, for placing broken links the theme writes.
func siteTemplates(fsys fs.FS) map[string][]byte {
	out := map[string][]byte{}
	layouts, err := fs.Sub(fsys, sources.LayoutsDir)
	if err != nil {
		return out
	}
	names, _, _ := sources.WalkLayouts(layouts) // problems are the build's to report
	for _, p := range names {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		if data, err := sources.ReadFile(layouts, p); err == nil {
			out[path.Join(sources.LayoutsDir, p)] = data
		}
	}
	return out
}

// decapPending handles the CMS page of a site whose Decap bundle is not
// installed yet: brief cms --decap installs it into a folder that is not
// committed (netlify.toml does it on every deploy), so on a fresh clone
// the page's link to it is a warning that says how to install it, not a
// broken link. The bundle stands in as an empty file for the link check.
func decapPending(files map[string][]byte) (diag.Diagnostic, bool) {
	admin := strings.TrimPrefix(cms.AdminDir, sources.StaticDir+"/")
	page, bundle := path.Join(admin, "index.html"), path.Join(admin, cms.BundleDir, "decap-cms.js")
	src := cms.BundleDir + "/decap-cms.js"
	if files[page] == nil || files[bundle] != nil || !bytes.Contains(files[page], []byte(`src="`+src+`"`)) {
		return diag.Diagnostic{}, false
	}
	files[bundle] = []byte{}
	return diag.Warnf(page, 0, "", "to preview the CMS locally, run npm pack decap-cms@"+cms.DecapVersion+", then brief cms --decap decap-cms-"+cms.DecapVersion+".tgz; netlify.toml installs it on every deploy",
		"Decap's bundle %s is not installed, so the CMS page is blank until it is", src), true
}
