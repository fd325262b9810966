package funding

import (
	"testing"

	"brief/internal/content"

	"brief/internal/funding/fundingtest"
)

func TestCheck(t *testing.T) {
	one := func(f content.Funding) []*content.Briefing {
		return []*content.Briefing{fundingtest.Briefing("content/briefings/x.md", "X", "2023-05-10", []string{"Beijing"}, nil, fundingtest.Fund(t, 3, "1m", "CNY", "", ""), f)}
	}
	tests := []struct {
		name  string
		cfg   string
		items []*content.Briefing
		want  []string
	}{
		{"stated close enough", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "100m", "CNY", "14m", "")), nil},
		{"exactly at the tolerance is fine", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "100m", "CNY", "15.87m", "")), nil},
		{"stated too far", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "100m", "CNY", "20m", "")), []string{
			"content/briefings/x.md:9: warning: funding[1].usd: stated US$20m differs by 44.9% from US$13.8m, CNY 100m converted at 1 CNY = 0.138 USD (rates of 2023-06-30) " +
				"(check the figure against the source, or the rate in site.toml; stated figures more than 15% from the computed one are flagged)"}},
		{"stated too low", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "50m", "HKD", "5m", "")), []string{
			"content/briefings/x.md:9: warning: funding[1].usd: stated US$5m differs by 21.6% from US$6.38m, HK$50m converted at 1 HKD = 0.1276 USD (rates of 2023-06-30) " +
				"(check the figure against the source, or the rate in site.toml; stated figures more than 15% from the computed one are flagged)"}},
		{"tolerance from site.toml", "[currency]\nasOf = 2023-06-30\ntolerance = 50\n[currency.rates]\nCNY = 0.138\n",
			one(fundingtest.Fund(t, 9, "100m", "CNY", "20m", "")), nil},
		{"amount already in USD", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "5m", "USD", "6m", "")), []string{
			"content/briefings/x.md:9: warning: funding[1].usd: stated US$6m differs by 20% from US$5m, the amount itself " +
				"(check the figure against the source, or the rate in site.toml; stated figures more than 15% from the computed one are flagged)"}},
		{"zero amount", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "0", "CNY", "1m", "")), []string{
			"content/briefings/x.md:9: warning: funding[1].usd: stated US$1m, but CNY 0 converted at 1 CNY = 0.138 USD (rates of 2023-06-30) is US$0 " +
				"(check the figure against the source, or the rate in site.toml; stated figures more than 15% from the computed one are flagged)"}},
		{"missing rate", fundingtest.RatesTOML, one(fundingtest.Fund(t, 9, "5m", "EUR", "5.4m", "")), []string{
			"content/briefings/x.md:9: funding[1].currency: no exchange rate from EUR to the reporting currency USD (add EUR = ... under [currency.rates] in site.toml: the USD value of one EUR)"}},
		{"no rates: nothing to check", fundingtest.NoRatesTOML, one(fundingtest.Fund(t, 9, "5m", "EUR", "50m", "")), nil},
		{"report HKD: usd is not compared", "[currency]\nreport = \"HKD\"\nasOf = 2023-06-30\n[currency.rates]\nCNY = 1.08\n",
			one(fundingtest.Fund(t, 9, "100m", "CNY", "50m", "")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fundingtest.Config(t, tt.cfg)
			s := fundingtest.Site(t, cfg, tt.items)
			var got []string
			for _, d := range Check(cfg, s.Briefings).Sorted() {
				got = append(got, d.Error())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics %q, want %q", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestCheckSeverities(t *testing.T) {
	cfg := fundingtest.Config(t, "[currency]\nasOf = 2023-06-30\ntolerance = 50\n[currency.rates]\nCNY = 0.138\n")
	s := fundingtest.Site(t, cfg, fundingtest.Corpus(t))
	ds := Check(cfg, s.Briefings)
	// d.md's two HKD figures have no rate: errors. Nothing else is wrong
	// (stated figures are within 50%).
	if len(ds.Errors()) != 2 || len(ds.Warnings()) != 0 {
		t.Fatalf("got %v", ds)
	}
	for i, d := range ds.Sorted() {
		if d.File != "content/briefings/d.md" || d.Field != []string{"funding[0].currency", "funding[1].currency"}[i] {
			t.Errorf("diagnostic %d = %v", i, d)
		}
	}
}
