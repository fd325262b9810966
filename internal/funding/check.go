package funding

import (
	"fmt"

	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/site"
)

// Check reports, for the published briefings bs, every funding currency
// the configured rates cannot convert (an error: totals would silently
// leave it out) and every stated USD figure further from the computed one
// than the tolerance (a warning: often a typo or a stale figure). Without
// any rates there is nothing to check against.
func Check(cfg *config.Config, bs []*site.Briefing) diag.List {
	rates := &cfg.Currency.Rates
	if !Converting(cfg) {
		return nil
	}
	var ds diag.List
	for _, b := range bs {
		for i, f := range b.Funding {
			if f.Currency == "" {
				continue // already an error from the parser
			}
			if !rates.Has(f.Currency) {
				ds = append(ds, diag.Errorf(b.Path, f.Line, fmt.Sprintf("funding[%d].currency", i),
					fmt.Sprintf("add %s = ... under [currency.rates] in %s: the %s value of one %s", f.Currency, config.File, rates.Report, f.Currency),
					"no exchange rate from %s to the reporting currency %s", f.Currency, rates.Report))
				continue
			}
			if f.USD != nil && rates.Report == "USD" {
				if d, ok := statedGap(cfg, f.Currency, f.Amount, *f.USD); ok {
					ds = append(ds, diag.Warnf(b.Path, f.Line, fmt.Sprintf("funding[%d].usd", i), d.hint, "%s", d.msg))
				}
			}
		}
	}
	return ds
}

type message struct{ msg, hint string }

// statedGap compares a stated USD figure with the amount converted at the
// configured rate, and describes the gap when it exceeds the tolerance.
func statedGap(cfg *config.Config, code string, amount, stated money.Decimal) (message, bool) {
	rates := &cfg.Currency.Rates
	tol := cfg.Currency.Tolerance
	computed, _ := rates.Convert(amount, code)
	if !money.Differs(stated, computed, tol) {
		return message{}, false
	}
	how := fmt.Sprintf("%s converted at 1 %s = %s %s (rates of %s)", money.Short(amount, code), code, rates.PerUnit[code], rates.Report, rates.AsOf)
	if code == rates.Report {
		how = "the amount itself"
	}
	hint := fmt.Sprintf("check the figure against the source, or the rate in %s; stated figures more than %s%% from the computed one are flagged", config.File, tol)
	if computed.IsZero() {
		return message{fmt.Sprintf("stated %s, but %s is %s", money.Short(stated, "USD"), how, money.Short(computed, "USD")), hint}, true
	}
	gap := stated.Sub(computed).Abs().Mul(money.NewInt(100)).Quo(computed.Abs(), 1)
	return message{fmt.Sprintf("stated %s differs by %s%% from %s, %s", money.Short(stated, "USD"), gap, money.Short(computed, "USD"), how), hint}, true
}
