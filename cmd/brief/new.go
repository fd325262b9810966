package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"brief/internal/config"
	"brief/internal/slug"
)

// cmdNew writes a new draft briefing with its front matter filled in.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", `new [flags] "Title of the briefing"`, stderr)
	source := fs.String("source", ".", "the site folder")
	juris := fs.String("jurisdiction", "", "jurisdiction, e.g. \"Hong Kong\"")
	tags := fs.String("tags", "", "comma-separated tags, e.g. \"Web3,licensing\"")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	title := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if title == "" {
		fs.Usage()
		return errUsage
	}
	name := slug.Make(title)
	if name == "" {
		return fmt.Errorf("cannot make a file name from %q (hint: use a title with letters or digits)", title)
	}
	cfgSrc, err := os.ReadFile(filepath.Join(*source, config.File))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	cfg, ds := config.Parse(cfgSrc)
	if ds.HasErrors() {
		return ds
	}
	now, err := buildClock(os.Getenv)
	if err != nil {
		return err
	}
	dir := filepath.Join(*source, "content", "briefings")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, name+".md")
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	fmt.Fprintf(&b, "date: %s\n", now.In(cfg.Location).Format("2006-01-02T15:04:05-07:00"))
	if *juris != "" {
		fmt.Fprintf(&b, "jurisdiction: %s\n", strconv.Quote(strings.TrimSpace(*juris)))
	} else {
		b.WriteString("# jurisdiction: \"Hong Kong\"   # or a list: [Beijing, China]\n")
	}
	var tl []string
	for _, t := range strings.Split(*tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tl = append(tl, strconv.Quote(t))
		}
	}
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(tl, ", "))
	b.WriteString("summary: \"\"\n")
	b.WriteString("draft: true\n")
	b.WriteString("# funding:\n#   - amount: \"100m\"\n#     currency: CNY\n#     usd: \"14m\"\n#     purpose: \"\"\n")
	b.WriteString("sources: []   # - title: \"...\"\n              #   url: \"https://...\"\n")
	b.WriteString("---\n\nWrite the briefing here.\n")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists (hint: choose another title, or edit that file)", path)
		}
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (a draft: set draft: false, or remove it, to publish)\n", filepath.ToSlash(path))
	return nil
}
