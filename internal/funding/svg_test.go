package funding

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"brief/internal/content"

	"brief/internal/funding/fundingtest"
)

type svgDoc struct {
	XMLName    xml.Name   `xml:"svg"`
	NS         string     `xml:"xmlns,attr"`
	Role       string     `xml:"role,attr"`
	LabelledBy string     `xml:"aria-labelledby,attr"`
	ViewBox    string     `xml:"viewBox,attr"`
	Title      svgText    `xml:"title"`
	Desc       svgText    `xml:"desc"`
	Group      svgGroup   `xml:"g"`
	Other      []xml.Name `xml:",any"`
}

type svgText struct {
	ID   string `xml:"id,attr"`
	Text string `xml:",chardata"`
}

type svgGroup struct {
	Texts []svgText `xml:"text"`
	Rects []struct {
		Width string `xml:"width,attr"`
	} `xml:"rect"`
}

func parseSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	var doc svgDoc
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
	}
	// Nothing may follow the root element.
	if tok, err := dec.Token(); err == nil {
		t.Fatalf("content after </svg>: %#v", tok)
	}
	return doc
}

func TestChartSVG(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	bs := append(fundingtest.Corpus(t), fundingtest.Briefing("content/briefings/h.md", "Odd names", "2023-08-01",
		[]string{`R&D <"zone"> with a very long name indeed`}, nil, fundingtest.Fund(t, 8, "1", "CNY", "", "")))
	tr := NewTracker(cfg, fundingtest.Site(t, cfg, bs))
	for _, c := range append(tr.ByJurisdiction, tr.ByYear...) {
		t.Run(c.ID, func(t *testing.T) {
			doc := parseSVG(t, string(c.SVG))
			if doc.NS != "http://www.w3.org/2000/svg" || doc.Role != "img" {
				t.Errorf("xmlns %q role %q", doc.NS, doc.Role)
			}
			if len(doc.Other) != 0 {
				t.Errorf("unexpected elements %v", doc.Other)
			}
			ids := strings.Fields(doc.LabelledBy)
			if len(ids) != 2 || ids[0] != doc.Title.ID || ids[1] != doc.Desc.ID || doc.Title.ID == doc.Desc.ID {
				t.Errorf("aria-labelledby %q does not name the title %q and desc %q", doc.LabelledBy, doc.Title.ID, doc.Desc.ID)
			}
			if doc.Title.Text != c.Title || doc.Desc.Text != c.Desc || !strings.HasPrefix(c.Desc, "Bar chart: "+c.Title+".") {
				t.Errorf("title %q desc %q", doc.Title.Text, doc.Desc.Text)
			}
			if len(doc.Group.Rects) != len(c.Rows) || len(doc.Group.Texts) != 2*len(c.Rows) {
				t.Fatalf("%d bars and %d labels for %d rows", len(doc.Group.Rects), len(doc.Group.Texts), len(c.Rows))
			}
			longest := 0.0
			for i, r := range c.Rows {
				if got := doc.Group.Texts[2*i+1].Text; got != rowText(r) {
					t.Errorf("value label %d = %q, want %q", i, got, rowText(r))
				}
				if !strings.Contains(c.Desc, r.Label+": "+rowText(r)) {
					t.Errorf("desc lacks %s", r.Label)
				}
				w, err := strconv.ParseFloat(doc.Group.Rects[i].Width, 64)
				if err != nil || w < 0 || (r.Value.Sign() > 0) != (w > 0) {
					t.Errorf("bar %d width %q for %s", i, doc.Group.Rects[i].Width, r.Text)
				}
				longest = max(longest, w)
			}
			if longest != chartWidth-labelWidth-valueWidth {
				t.Errorf("longest bar = %v, want the full %d", longest, chartWidth-labelWidth-valueWidth)
			}
		})
	}
	// The odd name is escaped, and cut in the drawing but whole in the desc.
	j := tr.ByJurisdiction[0]
	doc := parseSVG(t, string(j.SVG))
	found := false
	for _, tx := range doc.Group.Texts {
		if tx.Text == `R&D <"zone"> with a v…` {
			found = true
		}
	}
	if !found || !strings.Contains(doc.Desc.Text, `R&D <"zone"> with a very long name indeed: ≈ US$0.14`) {
		t.Errorf("odd label not drawn as expected; desc %q", doc.Desc.Text)
	}
}

// TestChartBars checks the bar geometry: proportional, and a tiny non-zero
// amount still visible.
func TestChartBars(t *testing.T) {
	rows := []TotalRow{
		{Label: "a", Value: fundingtest.Dec(t, "200"), Text: "200"},
		{Label: "b", Value: fundingtest.Dec(t, "50"), Text: "50"},
		{Label: "c", Value: fundingtest.Dec(t, "0.0001"), Text: "0.0001"},
		{Label: "d", Text: "0"},
	}
	doc := parseSVG(t, drawBars("x", "T", "D", rows))
	var got []string
	for _, r := range doc.Group.Rects {
		got = append(got, r.Width)
	}
	check(t, "widths", got, []string{"360", "90", "1", "0"})
	if doc.ViewBox != "0 0 640 116" {
		t.Errorf("viewBox %q", doc.ViewBox)
	}
}

// TestChartsDeterministic: the same site draws byte-identical charts.
func TestChartsDeterministic(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.NoRatesTOML)
	draw := func(bs []*content.Briefing) string {
		tr := NewTracker(cfg, fundingtest.Site(t, cfg, bs))
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
