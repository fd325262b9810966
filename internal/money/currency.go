package money

// Currency describes one ISO 4217 currency.
type Currency struct {
	Code   string // ISO 4217 alphabetic code, upper case: "CNY"
	Minor  int    // decimals of the minor unit: 2 for USD, 0 for JPY, 3 for KWD
	Symbol string // unambiguous display prefix ("US$", "HK$", "€"), or "" when the code is shown instead
	Name   string // English name: "Yuan Renminbi"
}

// Prefix is what Short and Long put before a number: the symbol when there is
// one ("US$"), otherwise the code and a space ("CNY ").
func (c Currency) Prefix() string {
	if c.Symbol != "" {
		return c.Symbol
	}
	if c.Code == "" {
		return ""
	}
	return c.Code + " "
}

// symbols are the display prefixes we trust not to be misread. "$" and "¥"
// are deliberately absent: "$" could be any dollar, "¥" either yen or yuan.
var symbols = map[string]string{
	"USD": "US$",
	"HKD": "HK$",
	"EUR": "€",
	"GBP": "£",
	"SGD": "S$",
	"TWD": "NT$",
	"AUD": "A$",
	"CAD": "C$",
	"NZD": "NZ$",
}

// Lookup returns the currency for an upper-case ISO 4217 code. Only active
// codes of real currencies are known (no precious metals, funds-only test
// codes, XDR or withdrawn codes). Lookup is case-sensitive: "usd" is unknown.
func Lookup(code string) (Currency, bool) {
	c, ok := currencies[code]
	return c, ok
}

// currencies are isoTable's currencies by code, with their symbols, made
// once: a page asks for a few dozen (one look-up each, not a binary search
// of the table and a look-up of the symbol).
var currencies = func() map[string]Currency {
	m := make(map[string]Currency, len(isoTable))
	for _, e := range isoTable {
		m[e.code] = Currency{Code: e.code, Minor: e.minor, Symbol: symbols[e.code], Name: e.name}
	}
	return m
}()

// Codes returns every known code, sorted; a fresh slice each call, for
// did-you-mean hints.
func Codes() []string {
	out := make([]string, len(isoTable))
	for i, e := range isoTable {
		out[i] = e.code
	}
	return out
}

// currencyOrDefault returns the currency for code, or a stand-in that shows
// the code as given and keeps every decimal (Minor 0 pads nothing).
func currencyOrDefault(code string) Currency {
	if c, ok := Lookup(code); ok {
		return c
	}
	return Currency{Code: code}
}
