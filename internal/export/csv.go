// Package export writes the data files for analysts: briefings.json (every
// published briefing's metadata) and funding.csv (one row per funding
// figure). Both are pure functions of the model; docs/data.md describes
// them field by field.
package export

import (
	"io"
	"strconv"
	"strings"

	"brief/internal/config"
	"brief/internal/site"
)

// CSVHeader names the columns of funding.csv; docs/data.md describes them.
var CSVHeader = []string{"url", "title", "date", "jurisdictions", "purpose", "amount", "currency",
	"report_amount", "report_currency", "basis", "rates_as_of",
	"funding_jurisdiction", "funding_date", "per", "from", "to", "total_amount", "report_total"}

// CSV writes one row per funding figure of bs (in site order: newest
// first, then path, then the figure's position), as RFC 4180 CSV: UTF-8
// without a byte order mark, CRLF line ends, a header row, fields quoted
// when they need it. Amounts are exact decimals without separators. Every
// other cell is made inert for spreadsheets (see inert).
func CSV(out io.Writer, cfg *config.Config, bs []*site.Briefing) error {
	w := &csvWriter{w: out}
	w.row(CSVHeader)
	fs := &figures{cfg: cfg}
	for _, b := range bs {
		for _, fig := range fs.of(b) {
			f, c, a := fig.Funding, fig.Conversion, fig.Attribution
			juris, from, to := "", "", ""
			if a.Jurisdiction != nil {
				juris = a.Jurisdiction.Name
			}
			if f.Per != "" {
				from, to = strconv.Itoa(a.From), strconv.Itoa(a.To)
			}
			w.row([]string{inert(site.AbsURL(cfg, b.URL)), inert(b.Title), b.Date.Format("2006-01-02"),
				inert(strings.Join(site.Names(b.Jurisdictions), "; ")), inert(f.Purpose),
				fig.amount, inert(f.Currency), fig.report, inert(c.Currency), inert(string(c.Basis)), inert(c.AsOf),
				inert(juris), a.Date.Format("2006-01-02"), inert(f.Per), from, to, fig.total, fig.reportTotal})
		}
	}
	return w.err
}

// csvWriter writes RFC 4180 rows with CRLF line ends. Unlike encoding/csv
// it also quotes a cell holding a semicolon or a tab, the field separators
// of Excel in much of Europe and of TSV importers, so that no part of a
// cell can become a cell of its own there.
type csvWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (c *csvWriter) row(cells []string) {
	c.buf = c.buf[:0]
	for i, s := range cells {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		if !strings.ContainsAny(s, ",;\"\r\n\t") && !strings.HasPrefix(s, " ") {
			c.buf = append(c.buf, s...)
			continue
		}
		c.buf = append(c.buf, '"')
		c.buf = append(c.buf, quoteCell.Replace(s)...)
		c.buf = append(c.buf, '"')
	}
	c.buf = append(c.buf, '\r', '\n')
	if c.err == nil {
		_, c.err = c.w.Write(c.buf)
	}
}

// quoteCell doubles quotes and writes a line break inside a cell as CRLF,
// as encoding/csv does; readers turn it back into LF.
var quoteCell = strings.NewReplacer(`"`, `""`, "\n", "\r\n")

// inert keeps a spreadsheet from running a text cell as a formula: a cell
// that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, as OWASP recommends against CSV injection. The text is
// otherwise kept as it is. Never use it on the amount columns: they hold
// exact, non-negative decimals, which begin with a digit.
func inert(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
