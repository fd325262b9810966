package money

import (
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		code   string
		minor  int
		symbol string
		name   string
	}{
		{"USD", 2, "US$", "US Dollar"},
		{"CNY", 2, "", "Yuan Renminbi"},
		{"HKD", 2, "HK$", "Hong Kong Dollar"},
		{"EUR", 2, "€", "Euro"},
		{"GBP", 2, "£", "Pound Sterling"},
		{"SGD", 2, "S$", "Singapore Dollar"},
		{"TWD", 2, "NT$", "New Taiwan Dollar"},
		{"MOP", 2, "", "Pataca"},
		{"JPY", 0, "", "Yen"},
		{"KRW", 0, "", "Won"},
		{"VND", 0, "", "Dong"},
		{"ISK", 0, "", "Iceland Krona"},
		{"KWD", 3, "", "Kuwaiti Dinar"},
		{"BHD", 3, "", "Bahraini Dinar"},
		{"TND", 3, "", "Tunisian Dinar"},
		{"CLF", 4, "", "Unidad de Fomento"},
		{"AED", 2, "", "UAE Dirham"},
		{"ZWG", 2, "", "Zimbabwe Gold"},
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.code)
		if !ok {
			t.Errorf("Lookup(%s) not found", tt.code)
			continue
		}
		want := Currency{Code: tt.code, Minor: tt.minor, Symbol: tt.symbol, Name: tt.name}
		if c != want {
			t.Errorf("Lookup(%s) = %+v, want %+v", tt.code, c, want)
		}
	}
	for _, code := range []string{"usd", "Usd", "", "XYZ", "CNH", "XAU", "XDR", "HRK", "USDT", "US"} {
		if c, ok := Lookup(code); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", code, c)
		}
	}
}

func TestCodes(t *testing.T) {
	codes := Codes()
	if !slices.IsSorted(codes) {
		t.Error("Codes() is not sorted")
	}
	if len(codes) < 150 {
		t.Errorf("Codes() has %d codes, want every active ISO 4217 currency", len(codes))
	}
	for i, c := range codes {
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || (i > 0 && codes[i-1] == c) {
			t.Errorf("bad or duplicate code %q", c)
		}
		if _, ok := Lookup(c); !ok {
			t.Errorf("Lookup(%s) fails for a listed code", c)
		}
	}
	codes[0] = "changed"
	if Codes()[0] == "changed" {
		t.Error("Codes() shares its slice between callers")
	}
	for code := range symbols {
		if _, ok := Lookup(code); !ok {
			t.Errorf("symbol table names unknown code %s", code)
		}
	}
}

func TestPrefix(t *testing.T) {
	tests := []struct {
		c    Currency
		want string
	}{
		{Currency{Code: "USD", Symbol: "US$"}, "US$"},
		{Currency{Code: "CNY"}, "CNY "},
		{Currency{}, ""},
	}
	for _, tt := range tests {
		if got := tt.c.Prefix(); got != tt.want {
			t.Errorf("%+v.Prefix() = %q, want %q", tt.c, got, tt.want)
		}
	}
}
