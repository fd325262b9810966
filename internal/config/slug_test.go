package config_test

import (
	"testing"

	"brief/internal/config"
)

// A jurisdiction named in site.toml gets a page, so its name, and its
// parent's, must leave something for a URL.
func TestJurisdictionNamesWithoutURL(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"[jurisdictions]\n\"!!!\" = { parent = \"China\" }\n",
			`site.toml:2: jurisdictions.!!!: "!!!" has no letter or digit to make a URL from (give it at least one letter or digit)`},
		{"[jurisdictions]\nBeijing = { parent = \"???\" }\n",
			`site.toml:2: jurisdictions.Beijing.parent: "???" has no letter or digit to make a URL from (give it at least one letter or digit)`},
	} {
		_, ds := config.Parse([]byte(tc.src))
		if len(ds) != 1 || ds[0].Error() != tc.want {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, ds, tc.want)
		}
	}
}
