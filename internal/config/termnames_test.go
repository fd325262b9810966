package config_test

import (
	"strings"
	"testing"

	"brief/internal/config"
)

const languages = `
[languages.en]
name = "English"
[languages.zh-Hant]
name = "繁體中文"
[languages.zh-Hans]
name = "简体中文"
`

func TestTermNames(t *testing.T) {
	cfg, ds := config.Parse([]byte(languages + `
[jurisdictions]
"Hong Kong" = { zh-Hant = "香港", zh-Hans = "香港", note = "Special Administrative Region of China" }
Beijing = { parent = "China", zh-hant = "北京" }
China = {}

[tags]
Web3 = { description = "Blockchain-based services", zh-Hans = "Web3" }
stablecoins = { zh-Hant = "穩定幣", zh-Hans = "稳定币" }
funding = "Money pledged"
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for _, c := range []struct{ vocabulary, name, lang, want string }{
		{config.JurisdictionsVocabulary, "Hong Kong", "zh-Hant", "香港"},
		{config.JurisdictionsVocabulary, "Hong Kong", "en", "Hong Kong"},
		{config.JurisdictionsVocabulary, "Beijing", "zh-Hant", "北京"}, // the tag as [languages] spells it
		{config.JurisdictionsVocabulary, "Beijing", "zh-Hans", "Beijing"},
		{config.JurisdictionsVocabulary, "China", "zh-Hant", "China"},
		{config.TagsVocabulary, "stablecoins", "zh-Hans", "稳定币"},
		{config.TagsVocabulary, "funding", "zh-Hant", "funding"},
	} {
		if got := cfg.TermName(c.vocabulary, c.name, c.lang); got != c.want {
			t.Errorf("%s %q in %s: %q, want %q", c.vocabulary, c.name, c.lang, got, c.want)
		}
	}
	if got := cfg.Jurisdictions["Hong Kong"].Note; got != "Special Administrative Region of China" {
		t.Errorf("note beside names: %q", got)
	}
	if got := cfg.Tags["Web3"].Description; got != "Blockchain-based services" {
		t.Errorf("a tag's description in a table: %q", got)
	}
}

func TestTermNameErrors(t *testing.T) {
	for _, c := range []struct{ name, toml, want string }{
		{"an undeclared language", languages + `[jurisdictions]
"Hong Kong" = { zh-HK = "香港" }`,
			`site.toml:9: jurisdictions.Hong Kong.zh-HK: "zh-HK" is not a language of the site (the site's languages are en, zh-Hant, zh-Hans)`},
		{"a language in a site of one", `[jurisdictions]
"Hong Kong" = { zh-Hant = "香港" }`,
			`site.toml:2: jurisdictions.Hong Kong.zh-Hant: the site has one language (en): text in "zh-Hant" has no page to go on (declare the site's languages in site.toml: [languages.en] with name = "...", then [languages.zh-Hant])`},
		{"two names with one URL", languages + `[tags]
stablecoins = { zh-Hant = "穩定幣" }
"digital currency" = { zh-Hant = "穩定幣" }`,
			`site.toml:9: tags.stablecoins.zh-Hant: in zh-Hant, "stablecoins" is named "穩定幣", which makes the same URL as "digital currency" ("穩定幣") (give them different names in zh-Hant: each gets its own page)`},
		{"a translation that is another term's name", languages + `[jurisdictions]
China = {}
PRC = { zh-Hans = "China" }`,
			`in zh-Hans, "PRC" is named "China", which makes the same URL as "China" ("China")`},
		{"a typo in a key", languages + `[tags]
Web3 = { descripton = "x" }`,
			`tags.Web3.descripton: unknown key (did you mean "description"?)`},
		{"a description in an undeclared language", languages + `[tags]
Web3 = { description = "x", zh-HK = { description = "y" } }`,
			`site.toml:9: tags.Web3.zh-HK: "zh-HK" is not a language of the site (the site's languages are en, zh-Hant, zh-Hans)`},
		{"an undeclared language's table", languages + `[jurisdictions]
"Hong Kong" = {}

[jurisdictions."Hong Kong".fr]
description = "Région administrative spéciale"`,
			`site.toml:11: jurisdictions.Hong Kong.fr: "fr" is not a language of the site`},
		{"a typo in a language's table", languages + `[tags]
Web3 = { zh-Hant = { nmae = "Web3", description = "y" } }`,
			`tags.Web3.zh-Hant.nmae: unknown key (did you mean "name"?)`},
		{"a description that is not text", languages + `[tags]
Web3 = { zh-Hant = { description = 3 } }`,
			`tags.Web3.zh-Hant.description: want a string, got`},
		{"a name without letters", languages + `[tags]
Web3 = { zh-Hant = "!!!" }`,
			`tags.Web3.zh-Hant:`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, ds := config.Parse([]byte(c.toml))
			if got := ds.Error(); !strings.Contains(got, c.want) {
				t.Errorf("want %q in:\n%s", c.want, got)
			}
		})
	}
}

// A term's description and note per language: a table under the
// language's tag, inline or as its own [jurisdictions.NAME.LANG] table,
// beside the old forms; another language without its own text gets none
// (its pages describe the term in their language).
func TestTermTexts(t *testing.T) {
	cfg, ds := config.Parse([]byte(languages + `
[jurisdictions]
China = { note = "The mainland", description = "Briefings on China.", zh-Hant = { name = "中國", description = "有關中國的簡報。", note = "內地" } }
Beijing = { parent = "China", zh-Hant = "北京" }

[jurisdictions."Hong Kong"]
note = "Special Administrative Region of China"
description = "Briefings on Hong Kong."

[jurisdictions."Hong Kong".zh-Hans]
name = "香港"
description = "关于香港的简报。"

[tags]
Web3 = "Blockchain-based services"
funding = { description = "Money pledged", zh-Hant = { description = "承諾的公帑。" }, en = { description = "Public money pledged" } }
`))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, c := range []struct {
		vocabulary, name, lang string
		desc, note             string
	}{
		{config.JurisdictionsVocabulary, "China", "en", "Briefings on China.", "The mainland"},
		{config.JurisdictionsVocabulary, "China", "zh-Hant", "有關中國的簡報。", "內地"},
		{config.JurisdictionsVocabulary, "China", "zh-Hans", "", ""},
		{config.JurisdictionsVocabulary, "Hong Kong", "en", "Briefings on Hong Kong.", "Special Administrative Region of China"},
		{config.JurisdictionsVocabulary, "Hong Kong", "zh-Hans", "关于香港的简报。", ""},
		{config.JurisdictionsVocabulary, "Hong Kong", "zh-Hant", "", ""},
		{config.JurisdictionsVocabulary, "Beijing", "zh-Hant", "", ""},
		{config.TagsVocabulary, "Web3", "en", "Blockchain-based services", ""},
		{config.TagsVocabulary, "Web3", "zh-Hant", "", ""},
		{config.TagsVocabulary, "funding", "zh-Hant", "承諾的公帑。", ""},
		{config.TagsVocabulary, "funding", "en", "Public money pledged", ""}, // the language's own before the plain one
	} {
		_, info, ok := cfg.Declared(c.vocabulary, c.name)
		if !ok {
			t.Fatalf("%q not declared", c.name)
		}
		if desc, note := cfg.TermText(info, c.lang); desc != c.desc || note != c.note {
			t.Errorf("%q in %s: %q, %q; want %q, %q", c.name, c.lang, desc, note, c.desc, c.note)
		}
	}
	if got := cfg.TermName(config.JurisdictionsVocabulary, "China", "zh-Hant"); got != "中國" {
		t.Errorf("a name in a language's table: %q", got)
	}
	if got := cfg.TermName(config.JurisdictionsVocabulary, "Hong Kong", "zh-Hans"); got != "香港" {
		t.Errorf("a name in a [jurisdictions.NAME.LANG] table: %q", got)
	}
}

// An edition describes itself and the share image in its own language,
// or not at all (the image by its title); never in the default language's
// words.
func TestEditionTexts(t *testing.T) {
	cfg, ds := config.Parse([]byte(`title = "HK Brief"
description = "Sourced briefings."
[seo]
imageAlt = "HK Brief: sourced briefings"
[languages.en]
name = "English"
[languages.zh-Hant]
name = "繁體中文"
title = "香港簡報"
imageAlt = "香港簡報：附資料來源的簡報"
[languages.zh-Hans]
name = "简体中文"
`))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for lang, want := range map[string]string{"en": "HK Brief: sourced briefings", "zh-Hant": "香港簡報：附資料來源的簡報", "zh-Hans": ""} {
		if got := cfg.EditionConfig(lang).SEO.ImageAlt; got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := cfg.EditionConfig("en").Description; got != "Sourced briefings." {
		t.Errorf("en: description %q", got)
	}
	if got := cfg.EditionConfig("zh-Hant").Description; got != "" {
		t.Errorf("zh-Hant: description %q, want none", got)
	}
}
