package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"brief/internal/config"
	"brief/internal/schema"
	"brief/internal/schema/schematest"
)

// blind are the problems no schema of one file's values can see: syntax, an
// unknown time zone (the list depends on the machine's tzdata), and names
// that clash without regard to case.
var blind = []string{"TOML syntax", "time zone", "already set as", "parent cycle"}

// Every site.toml the parser rejects for a key or value, the schema rejects.
func TestSiteSchemaRejectsWhatConfigRejects(t *testing.T) {
	s := schematest.Compile(t, schema.SiteConfig(), false)
	checked := 0
	for _, tc := range errorCases() {
		skip := false
		for _, b := range blind {
			skip = skip || strings.Contains(tc.msg+tc.hint+tc.name, b)
		}
		if skip {
			continue
		}
		checked++
		if err := s.Validate(schematest.TOML(t, tc.src)); err == nil {
			t.Errorf("%s: config rejects it (%s) but the schema accepts\n%s", tc.name, tc.msg, tc.src)
		}
	}
	if checked < 20 {
		t.Errorf("only %d cases checked", checked)
	}
}

// The example site's site.toml and a file setting every key validate.
func TestSiteSchemaAcceptsValidFiles(t *testing.T) {
	s := schematest.Compile(t, schema.SiteConfig(), false)
	example, err := os.ReadFile(filepath.Join("..", "..", config.File))
	if err != nil {
		t.Fatal(err)
	}
	names := languages + `
[jurisdictions]
"Hong Kong" = { zh-Hant = "香港", note = "SAR" }
[tags]
stablecoins = { description = "Coins pegged to a currency", zh-Hans = "稳定币" }
funding = ""
`
	for name, src := range map[string]string{"example": string(example), "every key": everyKey, "empty": "", "names": names} {
		if _, ds := config.Parse([]byte(src)); len(ds) > 0 {
			t.Fatalf("%s: %v", name, ds)
		}
		if err := s.Validate(schematest.TOML(t, src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
