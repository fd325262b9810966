package money

import (
	"maps"
	"slices"
)

// Totals sums amounts per currency. The zero value is ready to use. Copies
// share their sums, so pass a *Totals to whoever adds.
type Totals struct {
	sums map[string]Decimal
}

// Add adds d to the total for code.
func (t *Totals) Add(code string, d Decimal) {
	if t.sums == nil {
		t.sums = make(map[string]Decimal)
	}
	t.sums[code] = t.sums[code].Add(d)
}

// Currencies returns the codes that have a total, sorted.
func (t Totals) Currencies() []string {
	return slices.Sorted(maps.Keys(t.sums))
}

// Get returns the total for code, 0 when nothing was added.
func (t Totals) Get(code string) Decimal {
	return t.sums[code]
}
