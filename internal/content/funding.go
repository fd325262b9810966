package content

import (
	"errors"
	"fmt"
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
