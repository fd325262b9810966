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
			`site.toml:2: jurisdictions.Hong Kong.zh-Hant: the site has one language (en): a name in "zh-Hant" has no page to go on (declare the site's languages in site.toml: [languages.en] with name = "...", then [languages.zh-Hant])`},
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
