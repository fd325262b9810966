package funding_test

import (
	"testing"

	"brief/internal/funding"
	"brief/internal/i18n"
	"brief/internal/money"
)

func TestFormatter(t *testing.T) {
	hant := i18n.Money{Style: "words", Units: []money.Unit{{Power: 8, Name: "億"}, {Power: 4, Name: "萬"}},
		Currencies: map[string]string{"CNY": "人民幣{amount}元", "USD": "{amount}美元"}}
	amount := func(s string) money.Decimal {
		d, err := money.ParseAmount(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		m            i18n.Money
		amount, code string
		short, long  string
	}{
		{i18n.Money{}, "100m", "CNY", "CNY 100m", "CNY 100 million"},
		{hant, "100m", "CNY", "人民幣1億元", "CNY 100,000,000"},
		{hant, "13.8m", "USD", "1,380萬美元", "USD 13,800,000"},
		{hant, "1.2bn", "CNY", "人民幣12億元", "CNY 1,200,000,000"},
		{hant, "1234567890", "CNY", "人民幣12.35億元", "CNY 1,234,567,890"},
		{hant, "99999999", "CNY", "人民幣1億元", "CNY 99,999,999"},
		{hant, "5000", "CNY", "人民幣5,000元", "CNY 5,000"},
		{hant, "2.5m", "HKD", "HKD 250萬", "HKD 2,500,000"},
	} {
		f := funding.NewFormatter(c.m)
		d := amount(c.amount)
		if got := f.Short(d, c.code); got != c.short {
			t.Errorf("%s %s in %q: Short %q, want %q", c.amount, c.code, c.m.Style, got, c.short)
		}
		if got := f.Long(d, c.code); got != c.long {
			t.Errorf("%s %s in %q: Long %q, want %q", c.amount, c.code, c.m.Style, got, c.long)
		}
	}
}
