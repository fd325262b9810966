package money

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		amount, code       string
		short, long, plain string
	}{
		{"100000000", "CNY", "CNY 100m", "CNY 100 million", "CNY 100,000,000"},
		{"14000000", "USD", "US$14m", "US$14 million", "USD 14,000,000"},
		{"1200000000", "HKD", "HK$1.2bn", "HK$1.2 billion", "HKD 1,200,000,000"},
		{"2500000", "CNY", "CNY 2.5m", "CNY 2.5 million", "CNY 2,500,000"},
		{"850000", "USD", "US$850,000", "US$850,000", "USD 850,000"},
		{"850000.5", "USD", "US$850,000.50", "US$850,000.50", "USD 850,000.50"},
		{"1234567", "USD", "US$1.23m", "US$1.23 million", "USD 1,234,567"},
		{"1235000", "USD", "US$1.24m", "US$1.24 million", "USD 1,235,000"},
		{"1000001", "EUR", "€1m", "€1 million", "EUR 1,000,001"},
		{"999999999", "GBP", "£1bn", "£1 billion", "GBP 999,999,999"},
		{"999994999", "GBP", "£999.99m", "£999.99 million", "GBP 999,994,999"},
		{"1000000", "SGD", "S$1m", "S$1 million", "SGD 1,000,000"},
		{"1500000000000", "TWD", "NT$1.5tn", "NT$1.5 trillion", "TWD 1,500,000,000,000"},
		{"2500000000000000", "USD", "US$2,500tn", "US$2,500 trillion", "USD 2,500,000,000,000,000"},
		{"5000", "JPY", "JPY 5,000", "JPY 5,000", "JPY 5,000"},
		{"5000.5", "JPY", "JPY 5,000.5", "JPY 5,000.5", "JPY 5,000.5"},
		{"3000000000", "KRW", "KRW 3bn", "KRW 3 billion", "KRW 3,000,000,000"},
		{"1.25", "KWD", "KWD 1.250", "KWD 1.250", "KWD 1.250"},
		{"1250000.125", "KWD", "KWD 1.25m", "KWD 1.25 million", "KWD 1,250,000.125"},
		{"12.3456", "USD", "US$12.3456", "US$12.3456", "USD 12.3456"},
		{"500", "MOP", "MOP 500", "MOP 500", "MOP 500"},
		{"0", "USD", "US$0", "US$0", "USD 0"},
		{"-14000000", "USD", "-US$14m", "-US$14 million", "-USD 14,000,000"},
		{"-12.5", "CNY", "-CNY 12.50", "-CNY 12.50", "-CNY 12.50"},
		{"7000000", "XYZ", "XYZ 7m", "XYZ 7 million", "XYZ 7,000,000"},
		{"7.5", "XYZ", "XYZ 7.5", "XYZ 7.5", "XYZ 7.5"},
		{"7000000", "", "7m", "7 million", "7,000,000"},
		{"123", "USD", "US$123", "US$123", "USD 123"},
		{"1234", "USD", "US$1,234", "US$1,234", "USD 1,234"},
		{"123456", "USD", "US$123,456", "US$123,456", "USD 123,456"},
	}
	for _, tt := range tests {
		d := dec(t, tt.amount)
		if got := Short(d, tt.code); got != tt.short {
			t.Errorf("Short(%s, %s) = %q, want %q", tt.amount, tt.code, got, tt.short)
		}
		if got := Long(d, tt.code); got != tt.long {
			t.Errorf("Long(%s, %s) = %q, want %q", tt.amount, tt.code, got, tt.long)
		}
		if got := Plain(d, tt.code); got != tt.plain {
			t.Errorf("Plain(%s, %s) = %q, want %q", tt.amount, tt.code, got, tt.plain)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"}, {"999", "999"}, {"1000", "1,000"}, {"100000", "100,000"},
		{"1000000", "1,000,000"}, {"12345678", "12,345,678"},
	}
	for _, tt := range tests {
		if got := groupThousands(tt.in); got != tt.want {
			t.Errorf("groupThousands(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// Whole amounts are formatted in int64 arithmetic (Short, Long, Plain):
// the same text as the big.Int way, at every scale boundary and for
// random amounts.
func TestScaledIntAgrees(t *testing.T) {
	amounts := []int64{0, 1, -1, 999, 1000, 999_999, 1_000_000, 1_004_999, 1_005_000, 1_005_001, 1_050_000,
		999_994_999, 999_995_000, 999_999_999, 1_000_000_000, 999_995_000_000, 999_994_999_999, 1_000_000_000_000,
		999_995_000_000_000, math.MaxInt64, math.MinInt64 + 1, -999_995_000}
	r := rand.New(rand.NewPCG(1, 2))
	for range 4000 {
		v := r.Int64N(int64(math.Pow10(r.IntN(19))) + 1)
		if r.IntN(4) == 0 {
			v = v / 10_000 * 10_000 // round figures, as most amounts are
		}
		if r.IntN(8) == 0 {
			v = -v
		}
		amounts = append(amounts, v)
	}
	for _, v := range amounts {
		d := NewInt(v)
		for _, code := range []string{"USD", "CNY", "KWD", ""} {
			c := currencyOrDefault(code)
			for _, long := range []bool{false, true} {
				if got, want := scaledInt(v, c, long), scaledBig(d, c, long); got != want {
					t.Fatalf("scaledInt(%d, %s, %v) = %q, big.Int way %q", v, code, long, got, want)
				}
			}
			if got, want := Plain(d, code), plainBig(d, c); got != want {
				t.Fatalf("Plain(%d, %s) = %q, big.Int way %q", v, code, got, want)
			}
		}
	}
}

// Decimal.String writes an int64 coefficient's digits without big.Int:
// the same text as before for every scale, sign and size.
func TestStringAgrees(t *testing.T) {
	byBig := func(d Decimal) string { // the big.Int way
		if d.IsZero() {
			return "0"
		}
		c := d.int()
		digits := new(big.Int).Abs(c).String()
		s := int(d.scale)
		sign := ""
		if c.Sign() < 0 {
			sign = "-"
		}
		switch {
		case s == 0:
			return sign + digits
		case len(digits) > s:
			return sign + digits[:len(digits)-s] + "." + digits[len(digits)-s:]
		}
		return sign + "0." + strings.Repeat("0", s-len(digits)) + digits
	}
	r := rand.New(rand.NewPCG(3, 4))
	coefs := []int64{0, 1, -1, 9, 10, math.MaxInt64, math.MinInt64 + 1}
	for range 3000 {
		coefs = append(coefs, r.Int64N(int64(math.Pow10(r.IntN(19)))+1)*int64(1-2*r.IntN(2)))
	}
	for _, c := range coefs {
		for _, scale := range []int32{0, 1, 2, 3, 7, 18, 25} {
			d := compact(big.NewInt(c), scale)
			if got, want := d.String(), byBig(d); got != want {
				t.Fatalf("Decimal{%d, %d}.String() = %q, big.Int way %q", c, scale, got, want)
			}
		}
	}
	huge := compact(new(big.Int).Lsh(big.NewInt(1), 70), 3)
	if got, want := huge.String(), byBig(huge); got != want {
		t.Errorf("2^70 / 1000: %q, want %q", got, want)
	}
	if lowest := compact(big.NewInt(math.MinInt64), 0); lowest.String() != "-9223372036854775808" {
		t.Errorf("MinInt64: %q", lowest.String())
	}
}

// Add sums coefficients of one scale in int64 when the sum fits: the same
// Decimal as the big.Int way, overflow and every sign included.
func TestAddAgrees(t *testing.T) {
	byBig := func(d, e Decimal) Decimal {
		a, b, s := aligned(d, e)
		return norm(a.Add(a, b), s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	vals := []int64{0, 1, -1, 10, -10, math.MaxInt64, math.MinInt64 + 1, math.MaxInt64 - 5, math.MinInt64 + 6}
	for range 400 {
		vals = append(vals, r.Int64N(int64(math.Pow10(r.IntN(19)))+1)*int64(1-2*r.IntN(2)))
	}
	mk := func(c int64, scale int32) Decimal { return norm(big.NewInt(c), int64(scale)) }
	for _, x := range vals {
		for _, y := range vals[:40] {
			for _, sc := range [][2]int32{{0, 0}, {2, 2}, {0, 2}, {3, 1}} {
				d, e := mk(x, sc[0]), mk(y, sc[1])
				got, want := d.Add(e), byBig(d, e)
				if got.String() != want.String() || got.scale != want.scale {
					t.Fatalf("%s + %s = %s (scale %d), big.Int way %s (scale %d)", d, e, got, got.scale, want, want.scale)
				}
			}
		}
	}
}
