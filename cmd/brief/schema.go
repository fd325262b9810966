package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"brief/internal/cms"
	"brief/internal/schema"
)

// generated is a file brief writes for editors' tools, relative to the site.
type generated struct {
	path string
	data []byte
}

// cmdSchema writes the JSON Schemas of the front matter and site.toml, and
// with --frontmatter a Front Matter CMS configuration.
func cmdSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", "schema [flags]", stderr)
	source := fs.String("source", ".", "the site folder")
	out := fs.String("out", "schemas", "folder for the schemas, relative to the site folder")
	frontMatter := fs.Bool("frontmatter", false, "also write "+cms.FrontMatterFile+" for VS Code's Front Matter CMS extension")
	check := fs.Bool("check", false, "write nothing; fail if a file is missing or out of date")
	print := fs.String("print", "", `print one schema ("briefing" or "site") to stdout and write nothing`)
	site, err := loadForEditors(fs, args, source, stderr)
	if err != nil {
		return err
	}
	vocab := site.Vocabularies()
	briefing, err := schema.Indent(schema.FrontMatter(schema.Options{Vocabularies: site.Written()}))
	if err != nil {
		return err
	}
	siteSchema, err := schema.Indent(schema.SiteConfig())
	if err != nil {
		return err
	}
	switch *print {
	case "":
	case "briefing":
		_, err := stdout.Write(briefing)
		return err
	case "site":
		_, err := stdout.Write(siteSchema)
		return err
	default:
		return fmt.Errorf(`--print %q: want "briefing" or "site"`, *print)
	}
	files := []generated{
		{filepath.Join(*out, "briefing.schema.json"), briefing},
		{filepath.Join(*out, "site.schema.json"), siteSchema},
	}
	if *frontMatter {
		fm, err := schema.Indent(cms.FrontMatter(vocab, "http://127.0.0.1:1313"))
		if err != nil {
			return err
		}
		files = append(files, generated{cms.FrontMatterFile, fm})
	}
	if *check {
		return checkGenerated(*source, files, "brief schema")
	}
	if err := writeGenerated(*source, files, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "jurisdictions offered: %s\n", listOrNone(vocab["jurisdictions"]))
	if tags, ok := vocab["tags"]; ok {
		fmt.Fprintf(stdout, "tags offered: %s\n", listOrNone(tags))
	}
	return nil
}

// loadForEditors parses the flags of a command that writes files for
// editors' tools (schema, cms), which take no arguments, and reads the site.
// source is the --source flag, read once the flags are parsed.
func loadForEditors(fs *flag.FlagSet, args []string, source *string, stderr io.Writer) (*schema.Site, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "brief %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return nil, errUsage
	}
	root, err := openSite(*source)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return schema.Load(root.FS())
}

// writeGenerated writes each file under the site folder and names it.
func writeGenerated(site string, files []generated, stdout io.Writer) error {
	for _, f := range files {
		p := filepath.Join(site, f.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", filepath.ToSlash(p))
	}
	return nil
}

// checkGenerated fails, naming every stale file, unless each file under the
// site folder holds what would be written.
func checkGenerated(site string, files []generated, command string) error {
	var stale []string
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(site, f.path))
		if err != nil || !bytes.Equal(old, f.data) {
			stale = append(stale, filepath.ToSlash(f.path))
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("out of date: %s (hint: run %s and commit the result)", strings.Join(stale, ", "), command)
	}
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "any (site.toml declares none)"
	}
	return strings.Join(names, ", ")
}
