package money

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// maxExponent bounds exponents in machine-written numbers so that "1e999999999"
// cannot make us build a gigantic integer.
const maxExponent = 1000

// ParseDecimal reads a plain decimal such as "0.14", "7.8", "100" or "-2.5",
// as used for exchange rates and tolerances. It allows a leading sign and
// surrounding spaces; callers decide whether negatives make sense. It rejects
// thousands separators, scale words, exponents and a point without digits on
// both sides. Errors are *AmountError.
func ParseDecimal(s string) (Decimal, error) {
	return parseDecimal(s, false)
}

// parseDecimal is ParseDecimal; machine additionally accepts an exponent
// ("1.4e-1"), which JSON and TOML encoders may write.
func parseDecimal(s string, machine bool) (Decimal, error) {
	t := strings.TrimSpace(s)
	bad := func() (Decimal, error) {
		if t == "" {
			return Decimal{}, &AmountError{Msg: "number is empty", Hint: "write a plain decimal such as 0.14 or 7.8"}
		}
		return Decimal{}, &AmountError{
			Msg:  fmt.Sprintf("cannot read number %q", s),
			Hint: "write a plain decimal such as 0.14 or 7.8",
		}
	}
	body := t
	neg := false
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	exp := int64(0)
	if machine {
		if i := strings.IndexAny(body, "eE"); i >= 0 {
			e, err := strconv.ParseInt(body[i+1:], 10, 64)
			if err != nil || e > maxExponent || e < -maxExponent {
				return bad()
			}
			exp = e
			body = body[:i]
		}
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(frac)) {
		return bad()
	}
	d := digitsDecimal(whole, frac)
	if exp != 0 {
		d = d.Mul(scaleOf10(exp))
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitsDecimal builds whole.frac from two runs of ASCII digits.
func digitsDecimal(whole, frac string) Decimal {
	c, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		return Decimal{} // unreachable: callers pass digits only
	}
	return norm(c, int64(len(frac)))
}

// scaleOf10 returns 10^n for any n, as a Decimal.
func scaleOf10(n int64) Decimal {
	if n >= 0 {
		return norm(pow10(n), 0)
	}
	return norm(big.NewInt(1), -n)
}
