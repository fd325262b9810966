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

// Vocabularies reads a site folder for the names editors may choose from:
// for each vocabulary site.toml declares (config.Config.Vocabularies), the
// declared names and, since the build accepts names it does not declare,
// those the briefings under content/ already use, so that no published
// briefing fails its own schema. Briefings that do not parse add nothing;
// the schema is there to help fix them.
func Vocabularies(site fs.FS) (map[string][]string, *config.Config, error) {
	src, err := fs.ReadFile(site, config.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	cfg, ds := config.Parse(src)
	if ds.HasErrors() {
		return nil, nil, ds
	}
	vocab := cfg.Vocabularies()
	if len(vocab) == 0 {
		return vocab, cfg, nil
	}
	used := map[string]map[string]bool{}
	for name := range vocab {
		used[name] = map[string]bool{}
	}
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
			if u := used[f.Vocabulary]; u != nil {
				for _, n := range names(m[f.Name]) {
					u[n] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for name, declared := range vocab {
		for _, n := range declared {
			used[name][n] = true
		}
		vocab[name] = slices.Sorted(maps.Keys(used[name]))
	}
	return vocab, cfg, nil
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
