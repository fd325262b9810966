package config_test

import (
	"strings"
	"testing"

	"brief/internal/config"
)

func TestLanguages(t *testing.T) {
	cfg, ds := config.Parse([]byte(`title = "Brief"
[languages.zh-Hant]
name = "繁體中文"
title = "簡報"
[languages.en]
name = "English"
[languages.zh-Hans]
name = "简体中文"
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, l := range cfg.Languages {
		got = append(got, l.Code+"|"+l.Name+"|"+l.Title+"|"+l.Prefix)
	}
	// The order written, not sorted: the first is the default, at the root.
	want := "zh-Hant|繁體中文|簡報|,en|English||/en,zh-Hans|简体中文||/zh-hans"
	if strings.Join(got, ",") != want {
		t.Errorf("languages %q, want %q", strings.Join(got, ","), want)
	}
	if cfg.Language != "zh-Hant" || !cfg.Multilingual() {
		t.Errorf("default language %q, multilingual %v", cfg.Language, cfg.Multilingual())
	}
	if l, ok := cfg.LanguageOf("ZH-hans"); !ok || l.Code != "zh-Hans" {
		t.Errorf("LanguageOf(ZH-hans) = %v, %v", l, ok)
	}

	single, _ := config.Parse([]byte(`language = "fr"`))
	if single.Languages != nil || single.Multilingual() || len(single.Editions()) != 1 || single.Editions()[0].Code != "fr" {
		t.Errorf("a site without [languages]: %+v, editions %+v", single.Languages, single.Editions())
	}
}

func TestLanguageErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not a language tag", "[languages.en]\nname = \"English\"\n[languages.english]\nname = \"x\"\n",
			`site.toml:3: languages.english: "english" is not a language tag (use a BCP 47 language tag such as "en", "zh-Hant" or "zh-Hans")`},
		{"unknown key", "[languages.en]\nname = \"English\"\nnmae = \"x\"\n",
			`site.toml:3: languages.en.nmae: unknown key (did you mean "name"?)`},
		{"unknown key nothing like one", "[languages.en]\nname = \"English\"\nweight = 1\n",
			`site.toml:3: languages.en.weight: unknown key (a language has name, title, description, imageAlt and ratesSource, e.g. [languages.zh-Hant] with name = "繁體中文")`},
		{"no name", "[languages.en]\ntitle = \"Brief\"\n",
			`site.toml:1: languages.en.name: a language needs a name (write name = "..." under [languages.en]: the language's name in itself, for the language switcher)`},
		{"one tag twice", "[languages.zh-Hant]\nname = \"a\"\n[languages.zh-hant]\nname = \"b\"\n",
			`site.toml:3: languages.zh-hant: "zh-hant" is already declared as "zh-Hant" on line 1 (keep one table: language tags differ by more than case)`},
		{"language is not the first", "language = \"zh-Hant\"\n[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"中文\"\n",
			`site.toml:1: language: language "zh-Hant" is not the first language of [languages] (remove language: the first table of [languages] ("en") is the default language)`},
		{"not a table", "languages = \"en\"\n",
			`site.toml:1: languages: want a table, got a string (write [languages.en] with name = "English", then [languages.zh-Hant] with name = "繁體中文")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := config.Parse([]byte(tc.src))
			if got := ds.Error(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
