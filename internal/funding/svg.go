package funding

import (
	"fmt"
	"html/template"
	"strings"
)

func newChart(tb *Table, extra func(*Table, *Tracker) string, t *Tracker) *Chart {
	c := &Chart{Table: *tb}
	c.Desc = describe(tb, extra(tb, t))
	c.SVG = template.HTML(drawBars("chart-"+tb.ID, tb.Rows))
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

// drawBars draws a horizontal bar chart, one bar per row, in HTML that
// reflows: label, bar and value side by side on a wide screen, the bar
// under its label and value on a narrow one, with text at the page's own
// size. Each bar is an SVG stretched to its track (its width is an
// attribute, so no inline style is needed under a strict CSP). The chart
// is decoration for sighted readers: the table beside it holds the same
// figures, so the chart is hidden from screen readers. Only geometry uses
// floats; every number shown is formatted from the exact totals.
func drawBars(id string, rows []TotalRow) string {
	var top float64
	for _, r := range rows {
		top = max(top, r.Value.Float64())
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<ol class="bars" id="%s" aria-hidden="true">`+"\n", id)
	for _, r := range rows {
		w := 0.0
		if top > 0 {
			w = r.Value.Float64() / top * 1000
		}
		if r.Value.Sign() > 0 && w < 2 {
			w = 2 // a tiny amount still shows
		}
		fmt.Fprintf(&b, `<li><span class="bar-label">%s</span><span class="bar-value">%s</span>`+
			`<svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" focusable="false"><rect width="%s" height="10"/></svg></li>`+"\n",
			escape(r.Label), escape(rowText(r)), num(w))
	}
	b.WriteString("</ol>")
	return b.String()
}

// num prints a coordinate with one decimal, without a trailing ".0".
func num(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
}

// escape makes text safe inside SVG embedded in HTML, and inside XML.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func escape(s string) string { return escaper.Replace(s) }
