package tomlpos

import (
	"slices"
	"testing"
)

const site = `# brief site
title = "Brief"
"base URL".x = 1

[jurisdictions]
Beijing = { parent = "China" }
"Hong Kong" = {}

[currency.rates]
CNY = 0.138
tags = [
  "a",   # first
  "b",
  [ "nested" ],
]

[[funding]]
amount = "100m"
currency.code = "CNY"

[[funding]]

amount = "5m"
`

func TestParse(t *testing.T) {
	x := Parse([]byte(site))
	for path, want := range map[string]int{
		"title":                         2,
		"base URL":                      3,
		"base URL.x":                    3,
		"jurisdictions":                 5,
		"jurisdictions.Beijing":         6,
		"jurisdictions.Beijing.parent":  6,
		"jurisdictions.Hong Kong":       7,
		"currency":                      9, // a prefix of the first header that names it
		"currency.rates":                9,
		"currency.rates.CNY":            10,
		"currency.rates.tags":           11,
		"funding":                       17,
		"funding.amount":                18,
		"funding.currency.code":         19,
		"nowhere":                       0,
		"jurisdictions.Beijing.parent.": 0,
	} {
		if got := x.Line(path); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
	if got := x.Elements("currency.rates.tags"); !slices.Equal(got, []int{12, 13, 14}) {
		t.Errorf("elements of tags on lines %v, want 12, 13, 14", got)
	}
	tables := x.Tables("funding")
	if len(tables) != 2 || tables[0].Line != 17 || tables[1].Line != 21 {
		t.Fatalf("funding tables %+v", tables)
	}
	if tables[0].Keys["amount"] != 18 || tables[0].Keys["currency"] != 19 || tables[1].Keys["amount"] != 23 {
		t.Errorf("keys of the funding tables %+v, %+v", tables[0].Keys, tables[1].Keys)
	}
	if x.Elements("title") != nil {
		t.Error("a string has elements")
	}
}

// Text the decoder would refuse still gives what comes before the error.
func TestParseStopsAtAnError(t *testing.T) {
	x := Parse([]byte("a = 1\nb = [\nc = 3\n"))
	if x.Line("a") != 1 || x.Line("c") != 0 {
		t.Errorf("a on %d, c on %d", x.Line("a"), x.Line("c"))
	}
}
