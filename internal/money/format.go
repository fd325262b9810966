package money

import (
	"strconv"
	"strings"
)

// scale is one step of the short and long forms.
type scale struct {
	power int64
	unit  int64  // 10^power
	short string // "m"
	long  string // " million"
}

// scales run from the largest down; the first one the amount reaches is used.
var scales = []scale{
	{12, 1e12, "tn", " trillion"},
	{9, 1e9, "bn", " billion"},
	{6, 1e6, "m", " million"},
}

// shortPlaces is how many decimals the scaled forms keep ("1.23m").
const shortPlaces = 2

// Short formats an amount compactly for headlines and tables: "CNY 100m",
// "US$14m", "HK$1.2bn", "US$850,000". The prefix is the currency's symbol when
// it has an unambiguous one (Currency.Symbol), otherwise the code and a space.
// Amounts of a million or more use m, bn or tn with at most two decimals,
// rounded half away from zero and trimmed ("1,234,567" shows as "1.23m"): a
// display approximation, so show Plain wherever the exact figure matters.
// Smaller amounts are shown in full as in Plain. A negative amount starts
// with "-".
func Short(d Decimal, code string) string {
	return scaled(d, currencyOrDefault(code), false)
}

// Long is Short with the scale word spelt out: "CNY 100 million",
// "US$14 million", "HK$1.2 billion". Same prefix and rounding as Short, so
// the two forms always agree.
func Long(d Decimal, code string) string {
	return scaled(d, currencyOrDefault(code), true)
}

// Plain formats the exact amount with the code, thousands separators and,
// when the amount is fractional, the currency's minor units: "CNY 100,000,000",
// "USD 14,000,000.50", "JPY 5,000", "KWD 1.250". It never rounds: decimals
// beyond the minor units are kept ("JPY 5,000.5").
func Plain(d Decimal, code string) string {
	c := currencyOrDefault(code)
	if v, ok := d.whole(); ok {
		var buf [64]byte
		b := buf[:0]
		if v < 0 {
			b = append(b, '-')
			v = -v
		}
		if c.Code != "" {
			b = append(append(b, c.Code...), ' ')
		}
		return string(appendGrouped(b, v))
	}
	return plainBig(d, c)
}

// plainBig is Plain for any amount, in big.Int arithmetic.
func plainBig(d Decimal, c Currency) string {
	prefix := ""
	if c.Code != "" {
		prefix = c.Code + " "
	}
	return sign(d) + prefix + fullNumber(d.Abs(), c.Minor)
}

func scaled(d Decimal, c Currency, long bool) string {
	if v, ok := d.whole(); ok {
		return scaledInt(v, c, long)
	}
	return scaledBig(d, c, long)
}

// whole returns d as an int64 when it is a whole number whose absolute
// value fits in one (most amounts), for formatting without big.Int.
func (d Decimal) whole() (int64, bool) {
	if d.scale != 0 {
		return 0, false
	}
	return d.coefInt64()
}

// scaledBig is scaled for any amount, in big.Int arithmetic.
func scaledBig(d Decimal, c Currency, long bool) string {
	a := d.Abs()
	num := ""
	for i, s := range scales {
		if a.Cmp(scaleOf10(s.power)) < 0 {
			continue
		}
		v := a.Mul(scaleOf10(-s.power)).Round(shortPlaces)
		// 999,999,999 rounds to 1000m: say 1bn instead.
		if i > 0 && v.Cmp(NewInt(1000)) >= 0 {
			s = scales[i-1]
			v = a.Mul(scaleOf10(-s.power)).Round(shortPlaces)
		}
		word := s.short
		if long {
			word = s.long
		}
		num = fullNumber(v, 0) + word
		break
	}
	if num == "" {
		num = fullNumber(a, c.Minor)
	}
	return sign(d) + c.Prefix() + num
}

// scaledInt is scaled for a whole amount v (most are), with the same
// rounding in int64 arithmetic and one allocation: the result.
func scaledInt(v int64, c Currency, long bool) string {
	var buf [64]byte
	b := buf[:0]
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = append(b, c.Prefix()...)
	for i, s := range scales {
		if v < s.unit {
			continue
		}
		h := hundredths(v, s.unit)
		// 999,999,999 rounds to 1000m: say 1bn instead.
		if i > 0 && h >= 1000*100 {
			s = scales[i-1]
			h = hundredths(v, s.unit)
		}
		b = appendGrouped(b, h/100)
		if f := h % 100; f != 0 {
			b = append(b, '.', byte('0'+f/10))
			if f%10 != 0 {
				b = append(b, byte('0'+f%10))
			}
		}
		if long {
			return string(append(b, s.long...))
		}
		return string(append(b, s.short...))
	}
	return string(appendGrouped(b, v))
}

// hundredths is v/unit in hundredths, rounded half away from zero (v >= 0).
func hundredths(v, unit int64) int64 {
	u := unit / 100
	h := v / u
	if (v%u)*2 >= u {
		h++
	}
	return h
}

// appendGrouped appends v (>= 0) with thousands commas.
func appendGrouped(b []byte, v int64) []byte {
	var digits [20]byte
	return appendDigitsGrouped(b, strconv.AppendInt(digits[:0], v, 10))
}

// appendDigitsGrouped appends digits with commas between groups of three:
// "1234567" -> "1,234,567".
func appendDigitsGrouped[T ~string | ~[]byte](b []byte, digits T) []byte {
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, digits[:first]...)
	for i := first; i < len(digits); i += 3 {
		b = append(append(b, ','), digits[i:i+3]...)
	}
	return b
}

func sign(d Decimal) string {
	if d.Sign() < 0 {
		return "-"
	}
	return ""
}

// fullNumber writes a non-negative amount with thousands commas; a fractional
// part is padded to minor decimals but never cut.
func fullNumber(a Decimal, minor int) string {
	whole, frac, _ := strings.Cut(a.String(), ".")
	if frac != "" && len(frac) < minor {
		frac += strings.Repeat("0", minor-len(frac))
	}
	grouped := groupThousands(whole)
	if frac == "" {
		return grouped
	}
	return grouped + "." + frac
}

// groupThousands puts commas between groups of three digits: "1234567" ->
// "1,234,567".
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	return string(appendDigitsGrouped(make([]byte, 0, len(digits)+len(digits)/3), digits))
}

// Unit is a large unit of a language's numbers: 億 is 10^8, 萬 10^4.
type Unit struct {
	Power int64
	Name  string
}

// InUnits writes an amount's number in the largest of units (largest
// first) that it reaches, with at most two decimals as Short rounds them:
// 100,000,000 in 億 and 萬 is "1億", 13,800,000 is "1,380萬", 1,234,567,890
// is "12.35億". A smaller amount is written in full with the currency's
// minor units, as Plain does ("5,000"). A negative amount starts with "-".
func InUnits(d Decimal, code string, units []Unit) string {
	c := currencyOrDefault(code)
	a := d.Abs()
	for i, u := range units {
		if a.Cmp(scaleOf10(u.Power)) < 0 {
			continue
		}
		v := a.Mul(scaleOf10(-u.Power)).Round(shortPlaces)
		// 99,999,999 rounds to 10,000萬: say 1億 instead.
		if i > 0 && v.Cmp(scaleOf10(units[i-1].Power-u.Power)) >= 0 {
			u = units[i-1]
			v = a.Mul(scaleOf10(-u.Power)).Round(shortPlaces)
		}
		return sign(d) + fullNumber(v, 0) + u.Name
	}
	return sign(d) + fullNumber(a, c.Minor)
}
