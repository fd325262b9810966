package funding

import (
	"encoding/xml"
	"strings"
	"testing"

	"brief/internal/content"

	"brief/internal/funding/fundingtest"
)

// barsDoc is the chart's HTML read as XML: it must be well formed.
type barsDoc struct {
	XMLName xml.Name `xml:"ol"`
	Hidden  string   `xml:"aria-hidden,attr"`
	Items   []struct {
		Spans []string `xml:"span"`
		Rect  struct {
			Width string `xml:"width,attr"`
		} `xml:"svg>rect"`
	} `xml:"li"`
}

// TestChartBars: one bar per row, the largest full width, a tiny amount
// still visible, none for zero; labels and values as text; hidden from
// screen readers, which read the table.
func TestChartBars(t *testing.T) {
	rows := []TotalRow{
		{Label: "a & b", Value: fundingtest.Dec(t, "200"), Text: "200"},
		{Label: "b", Value: fundingtest.Dec(t, "50"), Text: "50", Approx: true},
		{Label: "c", Value: fundingtest.Dec(t, "0.0001"), Text: "0.0001"},
		{Label: "d", Text: "0"},
	}
	var doc barsDoc
	if err := xml.Unmarshal([]byte(drawBars("x", rows)), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range doc.Items {
		got = append(got, strings.Join(it.Spans, "|")+" "+it.Rect.Width)
	}
	check(t, "bars", got, []string{"a & b|200 1000", "b|≈ 50 250", "c|0.0001 2", "d|0 0"})
	if doc.Hidden != "true" {
		t.Error("the chart is not hidden from screen readers")
	}
}

// TestChartsDeterministic: the same site draws byte-identical charts.
func TestChartsDeterministic(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.NoRatesTOML)
	draw := func(bs []*content.Briefing) string {
		tr := newTracker(t, cfg, fundingtest.Site(t, cfg, bs))
		var b strings.Builder
		for _, c := range append(tr.ByJurisdiction, tr.ByYear...) {
			b.WriteString(string(c.SVG))
		}
		return b.String()
	}
	bs := fundingtest.Corpus(t)
	first := draw(bs)
	for i := 0; i < 5; i++ {
		rev := make([]*content.Briefing, len(bs))
		for j := range bs {
			rev[j] = bs[(j+i)%len(bs)]
		}
		if draw(rev) != first {
			t.Fatal("charts depend on the order of the sources")
		}
	}
}
