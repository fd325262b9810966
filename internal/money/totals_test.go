package money

import (
	"slices"
	"testing"
)

func TestTotals(t *testing.T) {
	var tot Totals
	if got := tot.Currencies(); len(got) != 0 {
		t.Errorf("zero Totals has currencies %v", got)
	}
	if !tot.Get("USD").IsZero() {
		t.Error("zero Totals has a USD total")
	}
	adds := []struct{ code, amount string }{
		{"USD", "14000000"}, {"CNY", "100000000"}, {"HKD", "1200000000"},
		{"CNY", "0.1"}, {"CNY", "0.2"}, {"EUR", "5"}, {"EUR", "-5"},
	}
	for _, a := range adds {
		tot.Add(a.code, dec(t, a.amount))
	}
	if got, want := tot.Currencies(), []string{"CNY", "EUR", "HKD", "USD"}; !slices.Equal(got, want) {
		t.Errorf("Currencies() = %v, want %v", got, want)
	}
	for code, want := range map[string]string{"CNY": "100000000.3", "EUR": "0", "HKD": "1200000000", "USD": "14000000", "JPY": "0"} {
		if got := tot.Get(code).String(); got != want {
			t.Errorf("Get(%s) = %s, want %s", code, got, want)
		}
	}
}
