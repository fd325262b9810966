package funding

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
)

// newChart draws tb and describes it, with the note under noteKey and
// asOf, the rates' date as the language writes it.
func newChart(tb *Table, w *words, noteKey, asOf string) *Chart {
	c := &Chart{Table: *tb}
	c.Desc = describe(tb, w, noteKey, asOf)
	c.SVG = template.HTML(drawBars("chart-"+tb.ID, tb.Rows))
	return c
}

// describe is the chart's description: what it shows and every value, so
// that a screen reader gets the whole chart even without the table, then
// how to read it.
func describe(tb *Table, w *words, noteKey, asOf string) string {
	rows := make([]string, len(tb.Rows))
	for i, r := range tb.Rows {
		rows[i] = w.say("chart_row", "label", r.Label, "value", rowText(r))
	}
	sentences := []string{
		w.say("chart_description", "title", tb.Title, "rows", strings.Join(rows, w.say("chart_row_separator"))),
		w.say(noteKey),
	}
	if slices.ContainsFunc(tb.Rows, func(r TotalRow) bool { return r.Approx }) {
		if asOf == "" {
			sentences = append(sentences, w.say("chart_estimates_configured"))
		} else {
			sentences = append(sentences, w.say("chart_estimates", "date", asOf))
		}
	}
	return strings.Join(sentences, w.say("sentence_separator"))
}

func rowText(r TotalRow) string {
	if r.Approx {
		return "≈ " + r.Text
	}
	return r.Text
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
