package funding

import (
	"testing"

	"brief/internal/config"
	"brief/internal/money"
	"brief/internal/site"

	"brief/internal/funding/fundingtest"
)

func TestConvert(t *testing.T) {
	usdRates := money.Rates{Report: "USD", AsOf: "2023-06-30", PerUnit: map[string]money.Decimal{"CNY": fundingtest.Dec(t, "0.138")}}
	hkdRates := money.Rates{Report: "HKD", AsOf: "2023-06-30", PerUnit: map[string]money.Decimal{"CNY": fundingtest.Dec(t, "1.08"), "USD": fundingtest.Dec(t, "7.84")}}
	none := money.Rates{Report: "USD", PerUnit: map[string]money.Decimal{}}
	noneHKD := money.Rates{Report: "HKD", PerUnit: map[string]money.Decimal{}}
	tests := []struct {
		name                string
		rates               money.Rates
		amount, cur, usd    string
		want, wantCur, asOf string
		basis               Basis
	}{
		{"stated USD preferred", usdRates, "100m", "CNY", "14m", "14000000", "USD", "", Stated},
		{"estimate from rate", usdRates, "100m", "CNY", "", "13800000", "USD", "2023-06-30", Estimated},
		{"rounds half away from zero to cents", usdRates, "12.5", "CNY", "", "1.73", "USD", "2023-06-30", Estimated},
		{"rounds down below half", usdRates, "1,234,567", "CNY", "", "170370.25", "USD", "2023-06-30", Estimated},
		{"already in report currency", usdRates, "5m", "USD", "", "5000000", "USD", "", Stated},
		{"no rate, nothing stated", usdRates, "5m", "EUR", "", "", "", "", NoBasis},
		{"no rates: stated USD still shown", none, "100m", "CNY", "14m", "14000000", "USD", "", Stated},
		{"no rates, not stated", none, "100m", "CNY", "", "", "", "", NoBasis},
		{"report HKD: usd is not a stated figure", hkdRates, "100m", "CNY", "14m", "108000000", "HKD", "2023-06-30", Estimated},
		{"report HKD without rates ignores usd", noneHKD, "100m", "CNY", "14m", "", "", "", NoBasis},
		{"report HKD, amount in HKD", noneHKD, "50m", "HKD", "6.4m", "50000000", "HKD", "", Stated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Convert(&tt.rates, fundingtest.Fund(t, 1, tt.amount, tt.cur, tt.usd, ""))
			got := ""
			if c.Basis != NoBasis {
				got = c.Amount.String()
			}
			if got != tt.want || c.Currency != tt.wantCur || c.Basis != tt.basis || c.AsOf != tt.asOf {
				t.Errorf("Convert = %s %q %q asOf %q; want %s %q %q asOf %q", got, c.Currency, c.Basis, c.AsOf, tt.want, tt.wantCur, tt.basis, tt.asOf)
			}
		})
	}
}

// english is the default theme's English, as the example site's pages
// word their funding.
func english(t testing.TB) Text { return NewText(fundingtest.Catalog(t, "en", Uses)) }

// newTracker is NewTracker in English; an error fails the test.
func newTracker(t testing.TB, cfg *config.Config, s *site.Site) *Tracker {
	t.Helper()
	tr, err := NewTracker(cfg, s, english(t))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
