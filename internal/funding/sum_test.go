package funding

import (
	"reflect"
	"testing"

	"brief/internal/config"
	"brief/internal/site"

	"brief/internal/funding/fundingtest"
)

// TestTotals checks the totals of jurisdiction, tag and year pages:
// parents include their children's briefings, sums are exact, stated
// figures win over computed ones, and estimates are said to be estimates.
func TestTotals(t *testing.T) {
	withRates := fundingtest.Config(t, fundingtest.RatesTOML)
	noRates := fundingtest.Config(t, fundingtest.NoRatesTOML)
	onlyCNY := fundingtest.Config(t, "[currency]\nasOf = 2023-06-30\n[currency.rates]\nCNY = 0.138\n")
	jur := func(name string) func(*site.Site) []*site.Briefing {
		return func(s *site.Site) []*site.Briefing { return fundingtest.Term(t, s.Jurisdictions, name).Briefings }
	}
	tag := func(name string) func(*site.Site) []*site.Briefing {
		return func(s *site.Site) []*site.Briefing { return fundingtest.Term(t, s.Tags, name).Briefings }
	}
	year := func(y int) func(*site.Site) []*site.Briefing {
		return func(s *site.Site) []*site.Briefing {
			for _, x := range s.Years {
				if x.Year == y {
					return x.Briefings
				}
			}
			t.Fatalf("no year %d", y)
			return nil
		}
	}
	tests := []struct {
		name   string
		cfg    *config.Config
		briefs func(*site.Site) []*site.Briefing
		want   []string
	}{
		// China: Beijing's 14m stated + Shanghai's 1.38bn estimated + its own 2.76m estimated and 1.5m stated.
		{"parent includes children", withRates, jur("China"), []string{"≈ US$1.4bn (2 of 4 figures estimated at rates of 2023-06-30)"}},
		{"child alone, all stated", withRates, jur("Beijing"), []string{"US$14m"}},
		{"all estimated", withRates, jur("Shanghai"), []string{"≈ US$1.38bn (estimated at rates of 2023-06-30)"}},
		{"stated and estimated HKD", withRates, jur("Hong Kong"), []string{"≈ US$108.48m (1 of 2 figures estimated at rates of 2023-06-30)"}},
		{"tag across currencies", withRates, tag("Web3"), []string{"≈ US$122.48m (1 of 3 figures estimated at rates of 2023-06-30)"}},
		{"year", withRates, year(2023), []string{"≈ US$122.48m (1 of 3 figures estimated at rates of 2023-06-30)"}},
		{"report currency needs no rate", withRates, year(2024), []string{"US$5m"}},
		{"no rates: parent, per currency", noRates, jur("China"), []string{"CNY 10.13bn"}},
		{"no rates: currencies in code order", noRates, tag("Web3"), []string{"CNY 100m", "HK$850m"}},
		{"no rates: stated USD not summed", noRates, jur("Beijing"), []string{"CNY 100m"}},
		{"missing rate keeps the rest apart", onlyCNY, jur("Hong Kong"), []string{"US$6.4m", "HK$800m (not converted: no rate)"}},
		{"no funding figures", withRates, func(s *site.Site) []*site.Briefing { return s.Briefings[:1] }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fundingtest.Site(t, tt.cfg, fundingtest.Corpus(t))
			got, err := english(t).Sum(Total(tt.cfg, tt.briefs(s)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("totals = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSumIsExact adds amounts that float64 cannot hold exactly.
func TestSumIsExact(t *testing.T) {
	cfg := fundingtest.Config(t, "[currency]\nasOf = 2023-06-30\n[currency.rates]\nCNY = 0.1\n")
	var fs []Item
	for i := 0; i < 10; i++ {
		f := fundingtest.Fund(t, i+1, "0.1", "CNY", "", "")
		fs = append(fs, Item{Funding: f, Conversion: Convert(&cfg.Currency.Rates, f)})
	}
	fs = append(fs, Item{Funding: fundingtest.Fund(t, 20, "9,007,199,254,740,993", "USD", "", ""),
		Conversion: Convert(&cfg.Currency.Rates, fundingtest.Fund(t, 20, "9,007,199,254,740,993", "USD", "", ""))})
	s := SumOf(cfg, fs)
	// Ten times CNY 0.1 at 0.1 is ten times USD 0.01 after rounding each to cents.
	if got, want := s.Converted.String(), "9007199254740993.1"; got != want {
		t.Errorf("sum = %s, want %s", got, want)
	}
	if s.Counted != 11 || s.Estimates != 10 || s.Items != 11 {
		t.Errorf("counts = %d/%d/%d, want 11/10/11", s.Counted, s.Estimates, s.Items)
	}
	if got, want := s.Parts()[0].Exact(), "USD 9,007,199,254,740,993.10"; got != want {
		t.Errorf("exact = %q, want %q", got, want)
	}
}
