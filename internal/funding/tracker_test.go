package funding

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"brief/internal/funding/fundingtest"
)

// TestTrackerEntries checks the table of every figure: order, conversion,
// rounding and the stated/estimated marks.
func TestTrackerEntries(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	bs := fundingtest.Corpus(t)
	bs = append(bs, fundingtest.Briefing("content/briefings/g.md", "Rounding", "2021-06-01", []string{"Shanghai"}, nil,
		fundingtest.Fund(t, 8, "1,234,567", "CNY", "", "rounds down"),
		fundingtest.Fund(t, 9, "12.5", "CNY", "", "rounds half away from zero")))
	tr := newTracker(t, cfg, fundingtest.Site(t, cfg, bs))
	var got []string
	for _, e := range tr.Entries {
		got = append(got, fmt.Sprintf("%s %s#%d %s | %s | %s %s %s", e.Date.Format("2006-01-02"), e.Briefing.Path[len("content/briefings/"):], e.Index,
			e.Original, e.OriginalExact, e.Report, e.ReportExact, e.Basis))
	}
	want := []string{
		"2024-01-01 e.md#0 US$5m | USD 5,000,000 | US$5m USD 5,000,000 stated",
		"2023-05-10 a.md#0 CNY 100m | CNY 100,000,000 | US$14m USD 14,000,000 stated",
		"2023-02-22 d.md#0 HK$50m | HKD 50,000,000 | US$6.4m USD 6,400,000 stated",
		"2023-02-22 d.md#1 HK$800m | HKD 800,000,000 | US$102.08m USD 102,080,000 estimated",
		"2022-07-08 b.md#0 CNY 10bn | CNY 10,000,000,000 | US$1.38bn USD 1,380,000,000 estimated",
		"2021-06-01 g.md#0 CNY 1.23m | CNY 1,234,567 | US$170,370.25 USD 170,370.25 estimated",
		"2021-06-01 g.md#1 CNY 12.50 | CNY 12.50 | US$1.73 USD 1.73 estimated",
		"2020-10-10 c.md#0 CNY 20m | CNY 20,000,000 | US$2.76m USD 2,760,000 estimated",
		"2020-10-10 c.md#1 CNY 10m | CNY 10,000,000 | US$1.5m USD 1,500,000 stated",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tr.Briefings != 6 || tr.ReportHeading != "In USD" || !tr.Converting {
		t.Errorf("tracker = %d briefings, heading %q, converting %v", tr.Briefings, tr.ReportHeading, tr.Converting)
	}
	for _, e := range tr.Entries {
		if e.Estimated() != (e.AsOf == "2023-06-30") {
			t.Errorf("%s#%d: estimated %v but asOf %q", e.Briefing.Path, e.Index, e.Estimated(), e.AsOf)
		}
	}
}

func rowsOf(tb *Table) []string {
	var out []string
	for _, r := range tb.Rows {
		s := fmt.Sprintf("%s %s %d %s", r.Label, r.URL, r.Items, rowText(r))
		if r.Note != "" {
			s += " (" + r.Note + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestTrackerBreakdowns(t *testing.T) {
	t.Run("with rates", func(t *testing.T) {
		cfg := fundingtest.Config(t, fundingtest.RatesTOML)
		tr := newTracker(t, cfg, fundingtest.Site(t, cfg, fundingtest.Corpus(t)))
		if len(tr.ByJurisdiction) != 1 || len(tr.ByYear) != 1 || len(tr.ByTag) != 1 {
			t.Fatalf("tables: %d %d %d, want one each", len(tr.ByJurisdiction), len(tr.ByYear), len(tr.ByTag))
		}
		check(t, "jurisdictions", rowsOf(&tr.ByJurisdiction[0].Table), []string{
			"China /jurisdictions/china/ 4 ≈ US$1.4bn (includes Beijing, Shanghai)",
			"Shanghai /jurisdictions/shanghai/ 1 ≈ US$1.38bn (part of China)",
			"Hong Kong /jurisdictions/hong-kong/ 2 ≈ US$108.48m",
			"Beijing /jurisdictions/beijing/ 1 US$14m (part of China)",
			"No jurisdiction  1 US$5m",
		})
		check(t, "years", rowsOf(&tr.ByYear[0].Table), []string{
			"2020 /archive/2020/ 2 ≈ US$4.26m",
			"2021  0 US$0",
			"2022 /archive/2022/ 1 ≈ US$1.38bn",
			"2023 /archive/2023/ 3 ≈ US$122.48m",
			"2024 /archive/2024/ 1 US$5m",
		})
		check(t, "tags", rowsOf(tr.ByTag[0]), []string{
			"Metaverse /tags/metaverse/ 1 ≈ US$1.38bn",
			"Web3 /tags/web3/ 3 ≈ US$122.48m",
			"No tag  3 ≈ US$9.26m",
		})
		check(t, "total", tr.Total, []string{"≈ US$1.51bn (3 of 7 figures estimated at rates of 2023-06-30)"})
		if got, want := tr.ByYear[0].Title, "Funding by year, in USD"; got != want {
			t.Errorf("title = %q, want %q", got, want)
		}
		if got, want := tr.ByYear[0].Desc, "Bar chart: Funding by year, in USD. 2020: ≈ US$4.26m; 2021: US$0; 2022: ≈ US$1.38bn; 2023: ≈ US$122.48m; 2024: US$5m. "+
			"Years run from oldest to newest. ≈ marks totals that include estimates at rates of 2023-06-30."; got != want {
			t.Errorf("description:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("without rates", func(t *testing.T) {
		cfg := fundingtest.Config(t, fundingtest.NoRatesTOML)
		tr := newTracker(t, cfg, fundingtest.Site(t, cfg, fundingtest.Corpus(t)))
		var ids []string
		for _, c := range tr.ByJurisdiction {
			ids = append(ids, c.ID+": "+strings.Join(rowsOf(&c.Table), ", "))
		}
		check(t, "jurisdiction tables", ids, []string{
			"by-jurisdiction-cny: China /jurisdictions/china/ 4 CNY 10.13bn (includes Beijing, Shanghai), Shanghai /jurisdictions/shanghai/ 1 CNY 10bn (part of China), Beijing /jurisdictions/beijing/ 1 CNY 100m (part of China)",
			"by-jurisdiction-hkd: Hong Kong /jurisdictions/hong-kong/ 2 HK$850m",
			"by-jurisdiction-usd: No jurisdiction  1 US$5m",
		})
		check(t, "total", tr.Total, []string{"CNY 10.13bn", "HK$850m", "US$5m"})
		if tr.Converting || tr.ReportHeading != "Stated in USD" {
			t.Errorf("converting %v, heading %q", tr.Converting, tr.ReportHeading)
		}
	})
	t.Run("no funding at all", func(t *testing.T) {
		cfg := fundingtest.Config(t, fundingtest.RatesTOML)
		tr := newTracker(t, cfg, fundingtest.Site(t, cfg, fundingtest.Corpus(t)[5:]))
		if len(tr.Entries) != 0 || tr.ByJurisdiction != nil || tr.ByYear != nil || tr.ByTag != nil || tr.Total != nil {
			t.Errorf("empty tracker = %+v", tr)
		}
	})
}

func check(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
