package schema

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"brief/internal/config"
	"brief/internal/content"
)

// Site is what editors' tools read from a site folder: its settings and,
// for each vocabulary ("jurisdictions", "tags"), the names it declares and
// the names its briefings use.
type Site struct {
	Config   *config.Config
	Declared map[string][]string // config.Config.Vocabularies
	Used     map[string][]string // by the briefings under content/, sorted
}

// Load reads site.toml and the front matter of every briefing. Briefings
// that do not parse add nothing: the tools are there to help fix them.
func Load(site fs.FS) (*Site, error) {
	src, err := fs.ReadFile(site, config.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	cfg, ds := config.Parse(src)
	if ds.HasErrors() {
		return nil, ds
	}
	used := map[string]map[string]bool{}
	err = fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "content" {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != "content" {
			return fs.SkipDir
		}
		if !d.Type().IsRegular() || path.Ext(p) != ".md" {
			return nil
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		fm, err := content.FrontMatter(data)
		if err != nil {
			return nil
		}
		m, _ := fm.(map[string]any)
		for _, f := range content.Fields() {
			if f.Vocabulary == "" {
				continue
			}
			for _, n := range names(m[f.Name]) {
				if used[f.Vocabulary] == nil {
					used[f.Vocabulary] = map[string]bool{}
				}
				used[f.Vocabulary][n] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s := &Site{Config: cfg, Declared: cfg.Vocabularies(), Used: map[string][]string{}}
	for v, set := range used {
		s.Used[v] = slices.Sorted(maps.Keys(set))
	}
	return s, nil
}

// Known returns a vocabulary's names, sorted: the declared ones when the
// site declares the vocabulary (the list is closed: the build refuses any
// other), else those the briefings use.
func (s *Site) Known(vocabulary string) []string {
	if names, ok := s.Declared[vocabulary]; ok {
		return names
	}
	return s.Used[vocabulary]
}

// Vocabularies returns the names editors may choose from, for each
// vocabulary the site declares: exactly the declared names, since the
// build refuses any other. A vocabulary the site does not declare is open,
// and absent.
func (s *Site) Vocabularies() map[string][]string {
	out := map[string][]string{}
	for v, names := range s.Declared {
		out[v] = names
	}
	return out
}

// Written returns, for each vocabulary the site declares, the names a
// briefing may write: the declared names and their names in the site's
// languages (tags: [穩定幣] in a zh-Hant file), sorted. One front matter
// schema serves files of every language; pickers offer Vocabularies.
func (s *Site) Written() map[string][]string {
	out := map[string][]string{}
	for v, names := range s.Declared {
		names = slices.Clone(names)
		for _, l := range s.Config.LanguageCodes() {
			names = append(names, s.Config.LocalNames(v, l)...)
		}
		slices.Sort(names)
		out[v] = slices.Compact(names)
	}
	return out
}

// names reads a string or a list of strings as the parser does, trimmed.
func names(v any) []string {
	var out []string
	add := func(x any) {
		if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			add(x)
		}
	} else {
		add(v)
	}
	return out
}
