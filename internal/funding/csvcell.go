package funding

import (
	"io"
	"strings"
)

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
