package config

import (
	"maps"
	"slices"
	"strings"

	"brief/internal/slug"
)

// indexLocalNames makes the index LocalName reads: for each declared
// vocabulary and language, slug.Key of a term's name in that language ->
// the declared names of the terms so named (one, unless two terms share
// a name, which checkTermNames reports).
func (c *Config) indexLocalNames() {
	c.local = map[string]map[string]map[string][]string{}
	for _, vocabulary := range []string{JurisdictionsVocabulary, TagsVocabulary} {
		terms := c.terms(vocabulary)
		byLang := map[string]map[string][]string{}
		for _, name := range slices.Sorted(maps.Keys(terms)) {
			for lang, local := range terms[name].Names {
				if byLang[lang] == nil {
					byLang[lang] = map[string][]string{}
				}
				k := slug.Key(local)
				byLang[lang][k] = append(byLang[lang][k], name)
			}
		}
		c.local[vocabulary] = byLang
	}
}

// HasLocalNames reports whether site.toml names any term of vocabulary
// in the language lang: without such names, LocalName finds declared
// names only.
func (c *Config) HasLocalNames(vocabulary, lang string) bool {
	return len(c.local[vocabulary][lang]) > 0
}

// LocalName finds the term that a briefing in the language lang means by
// name, which may be the term's declared name or its name in lang from
// site.toml (a zh-Hant briefing's 穩定幣 is the tag stablecoins when
// [tags] says stablecoins = { zh-Hant = "穩定幣" }), matched as Declared
// matches. It returns the term's declared name, or, when name could mean
// several terms (one's declared name, another's name in lang), all of
// them, sorted; none when it names no term.
func (c *Config) LocalName(vocabulary, lang, name string) []string {
	var out []string
	if declared, _, ok := c.Declared(vocabulary, name); ok {
		out = append(out, declared)
	}
	for _, d := range c.local[vocabulary][lang][slug.Key(name)] {
		// As for declared names, only case may differ: a closed list
		// keeps one spelling of each name.
		if local := c.TermName(vocabulary, d, lang); strings.EqualFold(local, name) && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// LocalNames lists the names of a vocabulary's terms in the language lang
// that differ from their declared names, sorted, for did-you-mean hints.
func (c *Config) LocalNames(vocabulary, lang string) []string {
	var out []string
	for name, t := range c.terms(vocabulary) {
		if local, ok := t.Names[lang]; ok && local != name {
			out = append(out, local)
		}
	}
	slices.Sort(out)
	return out
}
