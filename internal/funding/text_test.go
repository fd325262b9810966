package funding

import (
	"strings"
	"testing"

	"brief/internal/funding/fundingtest"
)

// The tracker in Chinese: notes, rows without a jurisdiction or tag,
// periods, totals, estimate notes, titles, headings and chart descriptions
// are the language's, and amounts are written in its units.
func TestTrackerInChinese(t *testing.T) {
	for _, c := range []struct {
		lang, toml string
		rows, tags []string
		total      []string
		desc       string
		heading    string
	}{
		{
			lang: "zh-Hant", toml: fundingtest.RatesTOML,
			rows: []string{
				"China /jurisdictions/china/ 4 ≈ 13.98億美元 (包括Beijing、Shanghai)",
				"Shanghai /jurisdictions/shanghai/ 1 ≈ 13.8億美元 (隸屬China)",
				"Hong Kong /jurisdictions/hong-kong/ 2 ≈ 1.08億美元",
				"Beijing /jurisdictions/beijing/ 1 1,400萬美元 (隸屬China)",
				"無司法管轄區  1 500萬美元",
			},
			tags:    []string{"Metaverse /tags/metaverse/ 1 ≈ 13.8億美元", "Web3 /tags/web3/ 3 ≈ 1.22億美元", "無標籤  3 ≈ 926萬美元"},
			total:   []string{"≈ 15.12億美元（7項數字中有3項按2023年6月30日匯率估算）"},
			desc:    "棒形圖：按年份劃分的資金（USD）。2020：≈ 426萬美元；2021：0美元；2022：≈ 13.8億美元；2023：≈ 1.22億美元；2024：500萬美元。年份由早至近排列。≈ 表示總額包括按2023年6月30日匯率計算的估算。",
			heading: "以USD計",
		},
		{
			lang: "zh-Hans", toml: fundingtest.NoRatesTOML,
			rows: []string{
				"China /jurisdictions/china/ 4 人民币101.3亿元 (包括Beijing、Shanghai)",
				"Shanghai /jurisdictions/shanghai/ 1 人民币100亿元 (隶属China)",
				"Beijing /jurisdictions/beijing/ 1 人民币1亿元 (隶属China)",
			},
			tags:    []string{"Metaverse /tags/metaverse/ 1 人民币100亿元", "Web3 /tags/web3/ 1 人民币1亿元", "无标签  2 人民币3,000万元"},
			total:   []string{"人民币101.3亿元", "8.5亿港元", "500万美元"},
			desc:    "条形图：按年份划分的资金（CNY）。2020：人民币3,000万元；2021：人民币0元；2022：人民币100亿元；2023：人民币1亿元；2024：人民币0元。年份按由早到近排列。",
			heading: "注明的USD数字",
		},
	} {
		t.Run(c.lang, func(t *testing.T) {
			cfg := fundingtest.Config(t, c.toml)
			tr, err := NewTracker(cfg, fundingtest.Site(t, cfg, fundingtest.Corpus(t)), NewText(fundingtest.Catalog(t, c.lang, Uses)))
			if err != nil {
				t.Fatal(err)
			}
			check(t, "jurisdictions", rowsOf(&tr.ByJurisdiction[0].Table), c.rows)
			check(t, "tags", rowsOf(tr.ByTag[0]), c.tags)
			check(t, "total", tr.Total, c.total)
			if got := tr.ByYear[0].Desc; got != c.desc {
				t.Errorf("description:\n%s\nwant\n%s", got, c.desc)
			}
			if tr.ReportHeading != c.heading {
				t.Errorf("heading %q, want %q", tr.ReportHeading, c.heading)
			}
			for _, tb := range append(tr.ByTag, &tr.ByYear[0].Table) {
				if strings.ContainsAny(tb.Title+tb.Heading, "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("table %s: title %q, heading %q", tb.ID, tb.Title, tb.Heading)
				}
			}
		})
	}
}

// A yearly amount's period, in English as before and in Chinese.
func TestPeriods(t *testing.T) {
	for _, c := range []struct {
		lang     string
		amount   string
		from, to int
		want     string
	}{
		{"en", "", 2023, 2025, "a year, 2023–2025"},
		{"en", "", 2025, 2025, "a year, in 2025"},
		{"en", "", 0, 2025, "a year until 2025"},
		{"en", "CNY 100m", 2023, 2025, "CNY 100m a year, 2023–2025"},
		{"en", "CNY 100m", 0, 2025, "CNY 100m a year until 2025"},
		{"zh-Hant", "", 2023, 2025, "每年（2023至2025年）"},
		{"zh-Hant", "", 2025, 2025, "每年（2025年）"},
		{"zh-Hant", "人民幣1億元", 2023, 2025, "每年人民幣1億元（2023至2025年）"},
		{"zh-Hans", "人民币1亿元", 0, 2025, "每年人民币1亿元（至2025年）"},
		{"zh-Hans", "人民币1亿元", 2024, 2024, "每年人民币1亿元（2024年）"},
	} {
		w := &words{Text: NewText(fundingtest.Catalog(t, c.lang, Uses))}
		if got := w.period(c.amount, c.from, c.to); got != c.want || w.err != nil {
			t.Errorf("%s %q %d-%d: %q (%v), want %q", c.lang, c.amount, c.from, c.to, got, w.err, c.want)
		}
	}
}

// Without a catalog (a theme that did not load) funding says so rather
// than write nothing.
func TestNoText(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	if _, err := NewTracker(cfg, fundingtest.Site(t, cfg, fundingtest.Corpus(t)), Text{}); err == nil {
		t.Error("a tracker without interface text: no error")
	}
}
