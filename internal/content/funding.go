package content

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"brief/internal/money"
)

// commonCurrencyNames maps names editors use for currencies that are not
// ISO 4217 codes; edit distance alone would suggest "RUB" for "RMB".
var commonCurrencyNames = map[string]string{
	"RMB": "CNY", "YUAN": "CNY", "RENMINBI": "CNY",
	"HK$": "HKD", "US$": "USD", "NT$": "TWD", "NTD": "TWD",
}

// amount reads a number or a string such as "100m" through money.ParseAmount,
// always from the literal text so that no float ever rounds it.
func (p *parser) amount(v *node, field string, required bool) (money.Decimal, string, bool) {
	switch v.kind {
	case kindNumber, kindString:
	case kindNull:
		if required {
			p.errorf(v.line, field, `write an amount such as "100m"`, "must not be empty")
		}
		return money.Decimal{}, "", false
	default:
		p.errorf(v.line, field, `write a number, or text such as "100m"`, "want a number or a string, got %s", v.kind.article())
		return money.Decimal{}, "", false
	}
	text := strings.TrimSpace(v.text)
	d, err := money.ParseAmount(text)
	if err != nil {
		var ae *money.AmountError
		if errors.As(err, &ae) {
			p.errorf(v.line, field, ae.Hint, "%s", ae.Msg)
		} else {
			p.errorf(v.line, field, `write an amount such as "100m"`, "%s", err.Error())
		}
		return money.Decimal{}, text, false
	}
	if d.Sign() < 0 { // ParseAmount refuses these today; keep the rule here too
		p.errorf(v.line, field, "write the amount without a sign", "%q is negative", text)
		return money.Decimal{}, text, false
	}
	return d, text, true
}

// currency reads an ISO 4217 code. Lower case is an error, not a fix, so
// that sources stay consistent.
func (p *parser) currency(v *node, field string) string {
	s, ok := p.optionalString(v, field)
	if !ok && v.kind != kindNull {
		return ""
	}
	if s == "" {
		p.errorf(v.line, field, `write an ISO 4217 code such as "CNY"`, "must not be empty")
		return ""
	}
	if _, known := money.Lookup(s); known {
		return s
	}
	upper := strings.ToUpper(s)
	if _, known := money.Lookup(upper); known {
		p.errorf(v.line, field, fmt.Sprintf("write %q", upper), "%q must be upper case", s)
		return ""
	}
	hint := ""
	if code, ok := commonCurrencyNames[upper]; ok {
		hint = fmt.Sprintf("write %q", code)
	} else if code := suggestCurrency(upper); code != "" {
		hint = fmt.Sprintf("did you mean %q?", code)
	} else {
		hint = `use an ISO 4217 code such as "CNY", "HKD" or "USD"`
	}
	p.errorf(v.line, field, hint, "unknown currency %q", s)
	return ""
}

// likelyCurrencies are preferred when a typo is as close to several codes.
var likelyCurrencies = []string{"CNY", "HKD", "USD", "EUR", "GBP", "JPY", "SGD", "TWD"}

// suggestCurrency returns the code that one slip of the keyboard (one wrong
// letter, or two swapped) turns into code; "" when there is none. Plain edit
// distance is too loose for three-letter codes: every code is within two.
func suggestCurrency(code string) string {
	for _, c := range likelyCurrencies {
		if oneSlip(code, c) {
			return c
		}
	}
	for _, c := range money.Codes() {
		if oneSlip(code, c) {
			return c
		}
	}
	return ""
}

func oneSlip(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	diff := []int{}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return true
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && a[i] == b[j] && a[j] == b[i]
	}
	return false
}

// year reads a whole year from minYear to maxYear.
func (p *parser) year(v *node, field string) (int, bool) {
	if v.kind == kindNull {
		return 0, false
	}
	y, err := strconv.Atoi(strings.TrimSpace(v.text))
	if v.kind != kindNumber && v.kind != kindString || err != nil {
		p.errorf(v.line, field, "write a year such as 2025", "want a year, got %s", v.kind.article())
		return 0, false
	}
	if y < minYear || y > maxYear {
		p.errorf(v.line, field, "check the year", "year %d is outside %d to %d", y, minYear, maxYear)
		return 0, false
	}
	return y, true
}

// checkPeriod holds a funding item's per, from and to together: from and
// to belong to a yearly amount, which needs its last year; from may not
// come after to, nor to before the item's own date.
func (p *parser) checkPeriod(it item, field string) {
	per, from, to := it.get("per"), it.get("from"), it.get("to")
	given := func(key string) bool { k := it.find(key); return k != nil && !k.val.null }
	hasFrom, hasTo := given("from"), given("to")
	switch {
	case !per.ok && (hasFrom || hasTo):
		if given("per") {
			return // per is wrong, and reported
		}
		key := "from"
		if !hasFrom {
			key = "to"
		}
		p.errorf(it.lineOf(key), field+"."+key, "add per: year for an amount given each year, or remove "+key,
			"%s is for a yearly amount", key)
	case per.ok && !hasTo:
		p.errorf(it.lineOf("per"), field+".to", "add to: the last year the amount is given, e.g. to: 2025",
			"a yearly amount needs its last year")
	case per.ok && from.ok && to.ok && from.year > to.year:
		p.errorf(it.lineOf("to"), field+".to", "from is the first year and to the last",
			"%d is before from: %d", to.year, from.year)
	case per.ok && !hasFrom && to.ok && it.get("date").ok && it.get("date").time.Year() > to.year:
		p.errorf(it.lineOf("to"), field+".to", "add from: the first year, or check the item's date",
			"%d is before %d, the year of the item's date, where the amount starts", to.year, it.get("date").time.Year())
	}
}
