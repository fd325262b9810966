package schema_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"brief/internal/schema"
)

// A briefing may name a term in its own language, so the front matter
// schema takes each term's names in the site's languages; pickers offer
// the declared names.
func TestWrittenInEveryLanguage(t *testing.T) {
	site, err := schema.Load(fstest.MapFS{"site.toml": {Data: []byte(`title = "T"
[languages.en]
name = "English"
[languages.zh-Hant]
name = "繁體中文"
[languages.zh-Hans]
name = "简体中文"
[tags]
stablecoins = { zh-Hant = "穩定幣", zh-Hans = "稳定币" }
sandbox = { zh-Hant = "沙盒", zh-Hans = "沙盒" }
payments = ""
[jurisdictions]
"Hong Kong" = { zh-Hant = "香港", zh-Hans = "香港" }
`)}})
	if err != nil {
		t.Fatal(err)
	}
	v := site.Written()
	if want := []string{"payments", "sandbox", "stablecoins", "沙盒", "稳定币", "穩定幣"}; !slices.Equal(v["tags"], want) {
		t.Errorf("tags %q, want %q", v["tags"], want)
	}
	if want := []string{"Hong Kong", "香港"}; !slices.Equal(v["jurisdictions"], want) {
		t.Errorf("jurisdictions %q, want %q", v["jurisdictions"], want)
	}
	if want := []string{"payments", "sandbox", "stablecoins"}; !slices.Equal(site.Vocabularies()["tags"], want) {
		t.Errorf("tags offered %q, want %q", site.Vocabularies()["tags"], want)
	}
}
