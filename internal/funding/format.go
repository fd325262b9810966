package funding

import (
	"strings"

	"brief/internal/i18n"
	"brief/internal/money"
)

// Formatter writes amounts as a language's interface text says
// (i18n.Money): in the compact form of money.Short ("CNY 100m", the zero
// Formatter), or in the language's own units and currency names
// ("人民幣1億元", "1,380萬美元"). It is the one display rule of amounts:
// figures, the tracker and the templates' money helper all use it.
type Formatter struct{ m i18n.Money }

// NewFormatter writes amounts as m says.
func NewFormatter(m i18n.Money) Formatter { return Formatter{m} }

// Short is an amount for reading: "CNY 100m" or "人民幣1億元".
func (f Formatter) Short(d money.Decimal, code string) string {
	if f.m.Style != "words" || len(f.m.Units) == 0 {
		return money.Short(d, code)
	}
	num := money.InUnits(d, code, f.m.Units)
	if pat, ok := f.m.Currencies[code]; ok {
		return strings.Replace(pat, "{amount}", num, 1)
	}
	return code + " " + num
}

// Long is Short with the scale spelt out for a tooltip: "CNY 100 million";
// in words, the exact amount ("CNY 100,000,000"), since the short form
// already spells its unit.
func (f Formatter) Long(d money.Decimal, code string) string {
	if f.m.Style != "words" || len(f.m.Units) == 0 {
		return money.Long(d, code)
	}
	return money.Plain(d, code)
}
