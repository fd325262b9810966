package funding

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Chart geometry, in SVG user units (CSS pixels at full size).
const (
	chartWidth = 640
	labelWidth = 150 // right-aligned labels end 8 units before the bars
	valueWidth = 130 // room after the longest bar for its value
	rowHeight  = 26
	barHeight  = 18
	chartPad   = 6
	maxLabel   = 22 // runes; longer labels are cut in the drawing, never in the table
)

func newChart(tb *Table, extra func(*Table, *Tracker) string, t *Tracker) *Chart {
	c := &Chart{Table: *tb}
	c.Desc = describe(tb, extra(tb, t))
	c.SVG = template.HTML(drawBars("chart-"+tb.ID, tb.Title, c.Desc, tb.Rows))
	return c
}

// describe is the chart's <desc>: what it shows and every value, so that a
// screen reader gets the whole chart even without the table.
func describe(tb *Table, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Bar chart: %s. ", tb.Title)
	for i, r := range tb.Rows {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(r.Label + ": " + rowText(r))
	}
	b.WriteString(".")
	if extra != "" {
		b.WriteString(" " + extra)
	}
	return b.String()
}

func rowText(r TotalRow) string {
	if r.Approx {
		return "≈ " + r.Text
	}
	return r.Text
}

func jurisdictionDesc(tb *Table, t *Tracker) string {
	return "Each figure counts in its own jurisdiction and in that jurisdiction's parents, so a parent's bar includes its sub-jurisdictions'." + estimateDesc(tb, t)
}

func yearDesc(tb *Table, t *Tracker) string {
	return "Years run from oldest to newest." + estimateDesc(tb, t)
}

func estimateDesc(tb *Table, t *Tracker) string {
	for _, r := range tb.Rows {
		if r.Approx {
			if t.AsOf == "" {
				return " ≈ marks totals that include estimates at the configured rates."
			}
			return " ≈ marks totals that include estimates at rates of " + t.AsOf + "."
		}
	}
	return ""
}

// drawBars draws a horizontal bar chart, one bar per row, as inline SVG.
// The drawing is decoration for sighted readers: role="img" with a title
// and a description carries its meaning, and the page shows the same
// figures as a table. Only geometry uses floats; every number shown is
// formatted from the exact totals.
func drawBars(id, title, desc string, rows []TotalRow) string {
	height := 2*chartPad + len(rows)*rowHeight
	barMax := float64(chartWidth - labelWidth - valueWidth)
	var top float64
	for _, r := range rows {
		top = max(top, r.Value.Float64())
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="%d" height="%d">`,
		id, id, chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id, escape(title), id, escape(desc))
	b.WriteString(`<g font-size="12">` + "\n")
	for i, r := range rows {
		y := chartPad + i*rowHeight
		w := 0.0
		if top > 0 {
			w = r.Value.Float64() / top * barMax
		}
		if r.Value.Sign() > 0 && w < 1 {
			w = 1 // a tiny amount still shows
		}
		base := y + (rowHeight+barHeight)/2 - 4 // text baseline, centred on the bar
		fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", labelWidth-8, base, escape(cut(r.Label)))
		fmt.Fprintf(&b, "<rect class=\"bar\" fill=\"#0b5cad\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\"/>", labelWidth, y+(rowHeight-barHeight)/2, num(w), barHeight)
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%d\">%s</text>\n", num(float64(labelWidth)+w+6), base, escape(rowText(r)))
	}
	b.WriteString("</g>\n</svg>")
	return b.String()
}

// num prints a coordinate with one decimal, without a trailing ".0".
func num(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
}

func cut(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxLabel-1])) + "…"
}

// escape makes text safe inside SVG embedded in HTML, and inside XML.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func escape(s string) string { return escaper.Replace(s) }
