package config

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"brief/internal/diag"
)

// Language is one edition of a site that is published in several
// languages: a [languages.CODE] table of site.toml.
type Language struct {
	Code  string // the BCP 47 tag as declared: "zh-Hant"
	Name  string // the language's name in itself: "繁體中文"
	Title string // the site's title in this language; "" keeps the site's
	// Description is the site's description in this language; "" gives
	// the edition none (its home page is described by a generated
	// sentence), never the default language's text.
	Description string
	// ImageAlt describes the site's share image in this language; ""
	// gives the edition's title, never the default language's text.
	ImageAlt string
	// RatesSource names where the exchange rates come from, in this
	// language ([currency] source is the default language's); "" names
	// none, never in the default language's words.
	RatesSource string
	// Prefix goes before every URL of the edition: "" for the default
	// language (the first declared), else "/" and the lower-cased code
	// ("/zh-hant").
	Prefix string
}

// languageKeys are the settings of one [languages.CODE] table.
var languageKeys = []string{"name", "title", "description", "imageAlt", "ratesSource"}

const languageExample = `[languages.zh-Hant] with name = "繁體中文"`

// applyLanguages reads [languages]: the editions in the order site.toml
// lists them, the first being the default, at the site's root.
func (c *Config) applyLanguages(d *decoder, v any) {
	t, ok := d.table("languages", v, `write [languages.en] with name = "English", then `+languageExample)
	if !ok {
		return
	}
	codes := slices.Collect(maps.Keys(t))
	// In the order written: the first is the default language.
	slices.SortStableFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(d.line("languages."+a), d.line("languages."+b)), strings.Compare(a, b))
	})
	seen := map[string]string{}
	langs := []Language{}
	for _, code := range codes {
		field := "languages." + code
		if _, err := language.Parse(code); err != nil || strings.TrimSpace(code) != code || code == "" {
			d.errorf(field, `use a BCP 47 language tag such as "en", "zh-Hant" or "zh-Hans"`, "%q is not a language tag", code)
			continue
		}
		if first, ok := seen[strings.ToLower(code)]; ok {
			d.errorf(field, "keep one table: language tags differ by more than case", "%q is already declared as %q on line %d", code, first, d.line("languages."+first))
			continue
		}
		seen[strings.ToLower(code)] = code
		entry, ok := d.table(field, t[code], fmt.Sprintf(`write [languages.%s] with name = "..."`, code))
		if !ok {
			continue
		}
		l := Language{Code: code}
		for _, k := range slices.Sorted(maps.Keys(entry)) {
			key := field + "." + k
			switch k {
			case "name":
				d.setString(&l.Name, key, entry[k])
			case "title":
				d.setString(&l.Title, key, entry[k])
			case "description":
				d.setString(&l.Description, key, entry[k])
			case "imageAlt":
				d.setString(&l.ImageAlt, key, entry[k])
			case "ratesSource":
				d.setString(&l.RatesSource, key, entry[k])
			default:
				hint := diag.DidYouMean(k, languageKeys)
				if hint == "" {
					hint = "a language has name, title, description, imageAlt and ratesSource, e.g. " + languageExample
				}
				d.errorf(key, hint, "unknown key")
			}
		}
		if l.Name == "" {
			d.errorf(field+".name", fmt.Sprintf(`write name = "..." under [languages.%s]: the language's name in itself, for the language switcher`, code), "a language needs a name")
			l.Name = code
		}
		if len(langs) > 0 {
			l.Prefix = "/" + strings.ToLower(code)
		}
		langs = append(langs, l)
	}
	if len(langs) > 0 {
		c.Languages = langs
	}
}

// checkLanguage holds the top-level language key to [languages]: with
// editions, the default language is the first one declared.
func (c *Config) checkLanguage(d *decoder, set bool) {
	if len(c.Languages) == 0 {
		return
	}
	first := c.Languages[0].Code
	if set && !strings.EqualFold(c.Language, first) {
		d.errorf("language", fmt.Sprintf("remove language: the first table of [languages] (%q) is the default language", first),
			"language %q is not the first language of [languages]", c.Language)
	}
	c.Language = first
}

// Multilingual says the site declares more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// Editions lists the site's languages, the default first: those of
// [languages], or the one the language key names.
func (c *Config) Editions() []Language {
	if len(c.Languages) > 0 {
		return c.Languages
	}
	return []Language{{Code: c.Language, Name: c.Language}}
}

// LanguageOf finds a declared language by its tag, in any case.
func (c *Config) LanguageOf(code string) (Language, bool) {
	for _, l := range c.Languages {
		if strings.EqualFold(l.Code, code) {
			return l, true
		}
	}
	return Language{}, false
}

// LanguageCodes lists the declared languages' tags, for messages.
func (c *Config) LanguageCodes() []string {
	var out []string
	for _, l := range c.Languages {
		out = append(out, l.Code)
	}
	return out
}

// EditionConfig is the configuration of the edition in language code:
// this one with the language's tag, its title when it gives one, and its
// description and share image's text (the default language's are not
// shown in another). The default language's is c itself. Each is made once, so
// that caches keyed by a configuration hold between builds.
func (c *Config) EditionConfig(code string) *Config {
	l, ok := c.LanguageOf(code)
	if !ok || l.Prefix == "" {
		return c
	}
	if c.editions == nil {
		c.editions = map[string]*Config{}
	}
	if e := c.editions[l.Code]; e != nil {
		return e
	}
	e := *c
	e.editions = nil
	e.Language = l.Code
	e.Title = cmp.Or(l.Title, c.Title)
	e.Description = l.Description
	e.SEO.ImageAlt = l.ImageAlt
	e.Currency.Rates.Source = strings.TrimSpace(l.RatesSource)
	c.editions[l.Code] = &e
	return &e
}
