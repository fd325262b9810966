package funding

import (
	"testing"

	"brief/internal/money"

	"brief/internal/funding/fundingtest"
)

// TestFigureOfAgrees checks that briefing pages (FigureOf) show the
// same figure in the reporting currency as the tracker, the totals and the
// exports (Convert), whatever the settings.
func TestFigureOfAgrees(t *testing.T) {
	configs := []struct{ name, src string }{
		{"USD with rates", fundingtest.RatesTOML},
		{"USD without rates", fundingtest.NoRatesTOML},
		{"HKD with rates", "[currency]\nreport = \"HKD\"\nasOf = 2023-06-30\n[currency.rates]\nCNY = 1.08\n"},
		{"HKD without rates", "[currency]\nreport = \"HKD\"\n"},
	}
	for _, conf := range configs {
		name, cfg := conf.name, fundingtest.Config(t, conf.src)
		for _, f := range []struct{ amount, cur, usd string }{
			{"100m", "CNY", "14m"}, {"100m", "CNY", ""}, {"50m", "HKD", "6.4m"}, {"50m", "HKD", ""}, {"5m", "USD", ""}, {"1m", "EUR", "1.1m"},
		} {
			fn := fundingtest.Fund(t, 1, f.amount, f.cur, f.usd, "")
			fig, err := FigureOf(cfg, fn, english(t))
			if err != nil {
				t.Fatal(err)
			}
			c := Convert(&cfg.Currency.Rates, fn)
			want := ""
			// The briefing page does not repeat an amount already in the reporting currency.
			if c.Basis != NoBasis && fn.Currency != cfg.Currency.Rates.Report {
				want = money.Short(c.Amount, c.Currency)
			}
			if fig.Report != want || fig.Estimated != (c.Basis == Estimated) {
				t.Errorf("%s, %s %s usd %q: FigureOf shows %q (estimated %v), Convert gives %q (%s)",
					name, f.amount, f.cur, f.usd, fig.Report, fig.Estimated, want, c.Basis)
			}
		}
	}
}
