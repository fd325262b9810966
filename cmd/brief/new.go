package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"brief/internal/scaffold"
	"brief/internal/schema"
)

// cmdNew writes a new draft briefing with its front matter filled in.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", `new [flags] "Title of the briefing"`, stderr)
	source := fs.String("source", ".", "the site folder")
	juris := fs.String("jurisdiction", "", "jurisdiction, e.g. \"Hong Kong\" (default: the site's only one, if it has one)")
	tags := fs.String("tags", "", "comma-separated tags, e.g. \"Web3,licensing\"")
	bundle := fs.Bool("bundle", false, "make a page bundle: a folder with index.md, for the briefing's pictures and files")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	title := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if title == "" {
		fs.Usage()
		return errUsage
	}
	name := scaffold.Name(title)
	if name == "" {
		return fmt.Errorf("cannot make a file name from %q (hint: use a title with letters or digits)", title)
	}
	site, err := schema.Load(os.DirFS(*source))
	if err != nil {
		return err
	}
	now, err := buildClock(os.Getenv)
	if err != nil {
		return err
	}
	rel := scaffold.Path(name, *bundle)
	if other := filepath.Join(*source, scaffold.Other(name, *bundle)); exists(other) {
		return fmt.Errorf("%s already has the URL this briefing would get (hint: choose another title, or edit that file)", filepath.ToSlash(other))
	}
	path := filepath.Join(*source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	text := scaffold.Briefing(scaffold.Options{
		Title: title, Now: now, Location: site.Config.Location,
		Jurisdictions: site.Known("jurisdictions"), Jurisdiction: *juris,
		Tags: strings.Split(*tags, ","), Bundle: *bundle,
	})
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists (hint: choose another title, or edit that file)", filepath.ToSlash(path))
		}
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (a draft: set draft: false, or remove it, to publish)\n", filepath.ToSlash(path))
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
