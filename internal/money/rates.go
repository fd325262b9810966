package money

// Rates convert amounts into one reporting currency. PerUnit[code] is the
// number of units of Report that one unit of code buys: with Report "USD",
// PerUnit["CNY"] = 0.14 means CNY 1 = USD 0.14.
type Rates struct {
	Report  string             // reporting currency, e.g. "USD"
	AsOf    string             // date of the rates as configured, e.g. "2023-06-30"
	Source  string             // where the rates come from, shown next to converted figures
	PerUnit map[string]Decimal // code -> units of Report per unit of code
}

// Convert returns amount in the reporting currency, rounded half away from
// zero to its minor units (2 when Report is not a known code). An amount
// already in Report comes back unchanged; a currency without a rate gives
// false.
func (r *Rates) Convert(amount Decimal, from string) (Decimal, bool) {
	if r == nil {
		return Decimal{}, false
	}
	if from == r.Report {
		return amount, true
	}
	rate, ok := r.PerUnit[from]
	if !ok {
		return Decimal{}, false
	}
	minor := 2
	if c, ok := Lookup(r.Report); ok {
		minor = c.Minor
	}
	return amount.Mul(rate).Round(minor), true
}

// Has reports whether Convert can convert from code.
func (r *Rates) Has(code string) bool {
	if r == nil {
		return false
	}
	_, ok := r.PerUnit[code]
	return ok || code == r.Report
}

// Differs reports whether a stated converted figure is more than
// tolerancePercent away from the computed one: |stated-computed|/|computed| >
// tolerance/100, computed exactly (no division). When computed is zero, any
// non-zero stated figure differs.
func Differs(stated, computed Decimal, tolerancePercent Decimal) bool {
	if computed.IsZero() {
		return !stated.IsZero()
	}
	gap := stated.Sub(computed).Abs().Mul(NewInt(100))
	return gap.Cmp(computed.Abs().Mul(tolerancePercent)) > 0
}
