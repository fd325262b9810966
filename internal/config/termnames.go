package config

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"brief/internal/diag"
	"brief/internal/slug"
)

// setTermName reads k of a [tags] or [jurisdictions] entry when k is a
// language tag: the term's name in that language (zh-Hant = "香港"), or a
// table of what it says in that language (zh-Hant = { name = "香港",
// description = "...", note = "..." }, also written as a
// [jurisdictions."Hong Kong".zh-Hant] table). Whether the language is
// declared is checked once every table is read (checkTermNames). It
// reports whether k was a language tag. texts are the keys the table may
// have (a tag has no note).
func setTermName(d *decoder, info *Term, key, k string, v any, texts []string) bool {
	if _, err := language.Parse(k); err != nil || !strings.Contains(k, "-") && len(k) > 3 {
		return false // "description", "parent": not a language
	}
	if t, ok := v.(map[string]any); ok {
		for _, tk := range slices.Sorted(maps.Keys(t)) {
			field := key + "." + tk
			if !slices.Contains(texts, tk) {
				tk = "" // unknown
			}
			switch tk {
			case "name":
				setName(d, info, field, k, t[tk])
			case "description", "note":
				text := &info.Descriptions
				if tk == "note" {
					text = &info.Notes
				}
				if s, ok := d.str(field, t[tk], `"..."`); ok {
					put(text, k, strings.TrimSpace(s))
				}
			default:
				hint := fmt.Sprintf(`in a language, a term has %s, e.g. %s = { name = "...", description = "..." }`, strings.Join(texts, ", "), k)
				if !slices.Contains(jurisdictionTexts, leaf(field)) { // a typo, not a jurisdiction's note on a tag
					hint = cmp.Or(diag.DidYouMean(leaf(field), texts), hint)
				}
				d.errorf(field, hint, "unknown key")
			}
		}
		return true
	}
	setName(d, info, key, k, v)
	return true
}

// What a jurisdiction and a tag may say in one language.
var (
	jurisdictionTexts = []string{"name", "description", "note"}
	tagTexts          = []string{"name", "description"}
)

// setName reads a term's name in the language k.
func setName(d *decoder, info *Term, key, k string, v any) {
	s, ok := d.str(key, v, `"香港"`)
	if !ok {
		return
	}
	if s = strings.TrimSpace(s); s == "" || slug.Make(s) == "" {
		d.errorf(key, noURLHint, noURLMsg, s)
		return
	}
	put(&info.Names, k, s)
}

// put sets the text of language k in *m, which it makes on first use.
func put(m *map[string]string, k, s string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[k] = s
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
			texts := []map[string]string{info.Names, info.Descriptions, info.Notes}
			for _, code := range info.languages() {
				key := table.name + "." + name + "." + code
				l, ok := c.LanguageOf(code)
				if len(c.Languages) == 0 && strings.EqualFold(code, c.Language) {
					l, ok = Language{Code: c.Language}, true
				}
				switch {
				case !ok && len(c.Languages) == 0:
					d.errorf(key, fmt.Sprintf(`declare the site's languages in site.toml: [languages.%s] with name = "...", then [languages.%s]`, c.Language, code),
						"the site has one language (%s): text in %q has no page to go on", c.Language, code)
				case !ok:
					d.errorf(key, "the site's languages are "+strings.Join(c.LanguageCodes(), ", ")+diagHint(code, c.LanguageCodes()), "%q is not a language of the site", code)
				case l.Code != code:
					for _, m := range texts {
						if s, ok := m[code]; ok {
							m[l.Code] = s
						}
					}
				default:
					continue
				}
				for _, m := range texts {
					delete(m, code)
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

// languages are the languages the term has text in, sorted.
func (t Term) languages() []string {
	var codes []string
	for _, m := range []map[string]string{t.Names, t.Descriptions, t.Notes} {
		for code := range m {
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	slices.Sort(codes)
	return codes
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
	return c.termName(c.terms(vocabulary)[name], name, lang)
}

// TermText is what a term's page says of it in the language lang: its
// description and (for a jurisdiction) note in that language, else, in the
// site's default language, the plain ones. Another language without its
// own gets "": its pages describe the term in their language rather than
// show the default language's text.
func (c *Config) TermText(info Term, lang string) (description, note string) {
	description, note = info.Descriptions[lang], info.Notes[lang]
	if lang == c.Editions()[0].Code {
		description, note = cmp.Or(description, info.Description), cmp.Or(note, info.Note)
	}
	return description, note
}
