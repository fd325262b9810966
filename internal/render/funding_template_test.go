package render

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"brief"
	"brief/internal/funding"
	"brief/internal/funding/fundingtest"
	"brief/internal/pages"
)

// TestTemplate runs the default theme's funding.html over a tracker, as
// the build will once "funding" is a page kind, and checks the page shows
// the charts with their tables and every figure.
func TestTemplate(t *testing.T) {
	theme := brief.DefaultTheme()
	for _, tc := range []struct{ name, toml string }{{"rates", fundingtest.RatesTOML}, {"norates", fundingtest.NoRatesTOML}, {"empty", fundingtest.RatesTOML}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := fundingtest.Config(t, tc.toml)
			bs := fundingtest.Corpus(t)
			if tc.name == "empty" {
				bs = bs[5:]
			}
			s := fundingtest.Site(t, cfg, bs)
			th, ds := Load(theme, nil, cfg)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			tr, err := funding.NewTracker(cfg, s, th.Funding(cfg.Language))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			page := NewViews(s).Page(pages.Page{Kind: "funding", Section: "funding", Title: "Funding tracker", URL: "/funding/"})
			page.Funding = tr
			if err := th.Render(&b, page); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			charts := regexp.MustCompile(`(?s)<ol class="bars".*?</ol>`).FindAllString(html, -1)
			if got, want := len(charts), len(tr.ByJurisdiction)+len(tr.ByYear); got != want {
				t.Fatalf("%d charts on the page, want %d", got, want)
			}
			for _, c := range charts {
				wellFormed(t, c)
			}
			if tc.name == "empty" {
				if !strings.Contains(html, "No funding figures yet") {
					t.Error("empty tracker says nothing")
				}
				return
			}
			for _, c := range tr.ByJurisdiction {
				if !strings.Contains(html, `<caption id="`+c.ID+`-caption">`+c.Title+`</caption>`) {
					t.Errorf("no table next to chart %s", c.ID)
				}
			}
			if got, want := strings.Count(html, `<td class="date"><span class="cell-label">Date</span><time datetime=`), len(tr.Entries); got != want {
				t.Errorf("%d rows in the figures table, want %d", got, want)
			}
			// Each cell carries the label a phone shows when the rows stack.
			for _, label := range []string{"Jurisdiction", "Purpose", "Amount", tr.ReportHeading, "Briefing"} {
				if got, want := strings.Count(html, `<span class="cell-label">`+label+`</span>`), len(tr.Entries); got != want {
					t.Errorf("%d figures' cells labelled %q, want %d", got, label, want)
				}
			}
			for _, want := range []string{
				`<a href="/policy/briefings/a/">Beijing Web3 white paper</a>`,
				`aria-current="page">Funding</a>`,
				`href="/policy/data/funding.csv"`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			if tc.name == "rates" {
				for _, want := range []string{
					`<th scope="col" class="num">In USD</th>`,
					`title="USD 102,080,000, estimated at rates of 2023-06-30">≈ US$102.08m</span>`,
					`title="USD 14,000,000, stated">US$14m</span>`,
					`in total ≈ US$1.51bn (3 of 7 figures estimated at rates of 2023-06-30).`,
				} {
					if !strings.Contains(html, want) {
						t.Errorf("page lacks %s", want)
					}
				}
			} else if !strings.Contains(html, `Stated in USD`) || !strings.Contains(html, "in total CNY 10.13bn, HK$850m, US$5m.") {
				t.Error("page without rates lacks its per-currency wording")
			}
		})
	}
}

// wellFormed fails unless s is one well-formed XML element.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
		}
	}
}
