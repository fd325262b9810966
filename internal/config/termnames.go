package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"brief/internal/diag"
	"brief/internal/slug"
)

// setTermName reads k = "name" of a [tags] or [jurisdictions] entry when k
// is a language tag (zh-Hant = "香港"): the term's name in that language.
// Whether the language is declared is checked once every table is read
// (checkTermNames). It reports whether k was a language tag.
func setTermName(d *decoder, info *Term, key, k string, v any) bool {
	if _, err := language.Parse(k); err != nil || !strings.Contains(k, "-") && len(k) > 3 {
		return false // "description", "parent": not a language
	}
	s, ok := d.str(key, v, `"香港"`)
	if !ok {
		return true
	}
	if s = strings.TrimSpace(s); s == "" || slug.Make(s) == "" {
		d.errorf(key, noURLHint, noURLMsg, s)
		return true
	}
	if info.Names == nil {
		info.Names = map[string]string{}
	}
	info.Names[k] = s
	return true
}

// checkTermNames holds the translated names of tags and jurisdictions to
// the site's languages: each must be a language of [languages] (spelled as
// declared), and in each language no two terms may share a URL, their
// translated names (or, untranslated, their own) making the slugs.
func (c *Config) checkTermNames(d *decoder) {
	for _, table := range []struct {
		name  string
		terms map[string]Term
	}{{"jurisdictions", c.Jurisdictions}, {"tags", c.Tags}} {
		for _, name := range slices.Sorted(maps.Keys(table.terms)) {
			info := table.terms[name]
			for _, code := range slices.Sorted(maps.Keys(info.Names)) {
				key := table.name + "." + name + "." + code
				l, ok := c.LanguageOf(code)
				if len(c.Languages) == 0 && strings.EqualFold(code, c.Language) {
					l, ok = Language{Code: c.Language}, true
				}
				switch {
				case !ok && len(c.Languages) == 0:
					d.errorf(key, fmt.Sprintf(`declare the site's languages in site.toml: [languages.%s] with name = "...", then [languages.%s]`, c.Language, code),
						"the site has one language (%s): a name in %q has no page to go on", c.Language, code)
					delete(info.Names, code)
				case !ok:
					d.errorf(key, "the site's languages are "+strings.Join(c.LanguageCodes(), ", ")+diagHint(code, c.LanguageCodes()), "%q is not a language of the site", code)
					delete(info.Names, code)
				case l.Code != code:
					info.Names[l.Code] = info.Names[code]
					delete(info.Names, code)
				}
			}
		}
		for _, l := range c.Languages {
			bySlug := map[string]string{}
			for _, name := range slices.Sorted(maps.Keys(table.terms)) {
				shown := c.termName(table.terms[name], name, l.Code)
				sl := slug.Make(shown)
				if other, ok := bySlug[sl]; ok {
					key := table.name + "." + name
					if _, translated := table.terms[name].Names[l.Code]; translated {
						key += "." + l.Code
					}
					d.errorf(key, "give them different names in "+l.Code+": each gets its own page",
						"in %s, %q is named %q, which makes the same URL as %q (%q)", l.Code, name, shown, other, c.termName(table.terms[other], other, l.Code))
					continue
				}
				bySlug[sl] = name
			}
		}
	}
}

func diagHint(word string, candidates []string) string {
	if h := diag.DidYouMean(word, candidates); h != "" {
		return "; " + h
	}
	return ""
}

func (c *Config) termName(info Term, name, lang string) string {
	if n, ok := info.Names[lang]; ok {
		return n
	}
	return name
}

// TermName is a tag's or jurisdiction's name (as declared, see Declared)
// in the language lang: its translation from site.toml, else the name
// itself.
func (c *Config) TermName(vocabulary, name, lang string) string {
	var info Term
	if vocabulary == JurisdictionsVocabulary {
		info = c.Jurisdictions[name]
	} else {
		info = c.Tags[name]
	}
	return c.termName(info, name, lang)
}
