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
	return CSVEntries(cfg).WriteAll(out, bs)
}

// CSVEntries is funding.csv cut at its briefings (see CSV): a briefing's
// entry is the rows of its figures.
func CSVEntries(cfg *config.Config) *Entries {
	head := appendRow(nil, CSVHeader)
	fs := &figures{cfg: cfg}
	var cells []string
	var tx text // the entry's URL and dates (see text)
	return &Entries{Head: head, Empty: head, Append: func(dst []byte, b *site.Briefing) []byte {
		tx.reset()
		for _, fig := range fs.of(b) {
			f, c, a := fig.Funding, fig.Conversion, fig.Attribution
			juris, from, to := "", "", ""
			if a.Jurisdiction != nil {
				juris = a.Jurisdiction.Name
			}
			if f.Per != "" {
				from, to = strconv.Itoa(a.From), strconv.Itoa(a.To)
			}
			cells = append(cells[:0], inert(tx.absURL(cfg, b.URL)), inert(b.Title), tx.date(b.Date, "2006-01-02"),
				inert(strings.Join(site.Names(b.Jurisdictions), "; ")), inert(f.Purpose),
				fig.amount, inert(f.Currency), fig.report, inert(c.Currency), inert(string(c.Basis)), inert(c.AsOf),
				inert(juris), tx.date(a.Date, "2006-01-02"), inert(f.Per), from, to, fig.total, fig.reportTotal)
			dst = appendRow(dst, cells)
		}
		return dst
	}}
}

// appendRow appends cells as an RFC 4180 row with a CRLF line end. Unlike
// encoding/csv it also quotes a cell holding a semicolon or a tab, the field separators
// of Excel in much of Europe and of TSV importers, so that no part of a
// cell can become a cell of its own there.
func appendRow(dst []byte, cells []string) []byte {
	for i, s := range cells {
		if i > 0 {
			dst = append(dst, ',')
		}
		if !strings.ContainsAny(s, ",;\"\r\n\t") && !strings.HasPrefix(s, " ") {
			dst = append(dst, s...)
			continue
		}
		dst = append(dst, '"')
		dst = append(dst, quoteCell.Replace(s)...)
		dst = append(dst, '"')
	}
	return append(dst, '\r', '\n')
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
