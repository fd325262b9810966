package export

import (
	"brief/internal/config"
	"brief/internal/funding"
	"brief/internal/site"
)

// figure is one funding figure of a briefing with the exact decimals both
// data files write; the report ones are empty when it has no basis.
type figure struct {
	funding.Item
	amount, total, report, reportTotal string
}

// figures makes the figures of one briefing at a time for both data files,
// in one pass over its funding and with one slice reused between
// briefings: the files hold every briefing's figures.
type figures struct {
	cfg   *config.Config
	items []funding.Item
	figs  []figure
}

// of is b's figures, valid until the next call.
func (fs *figures) of(b *site.Briefing) []figure {
	fs.items = funding.AppendItems(fs.items[:0], fs.cfg, b)
	fs.figs = fs.figs[:0]
	for _, it := range fs.items {
		// A figure counted once totals its own amount: one decimal to write.
		once := it.Years() == 1
		f := figure{Item: it, amount: it.Funding.Amount.String()}
		f.total = f.amount
		if !once {
			f.total = it.Total().String()
		}
		if it.Conversion.Basis != funding.NoBasis {
			f.report = it.Conversion.Amount.String()
			f.reportTotal = f.report
			if !once {
				f.reportTotal = it.ReportTotal().String()
			}
		}
		fs.figs = append(fs.figs, f)
	}
	return fs.figs
}
