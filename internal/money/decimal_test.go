package money

import (
	"testing"
)

// dec parses a plain decimal for test tables.
func dec(t testing.TB, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return d
}

func TestParseDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.14", "0.14"},
		{"7.8", "7.8"},
		{"100", "100"},
		{" 0.1280 ", "0.128"},
		{"-2.50", "-2.5"},
		{"+3", "3"},
		{"000.000", "0"},
		{"0.000001", "0.000001"},
		{"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
		// String's edges: a sign with leading zeros, int64's ends, and
		// more digits than its buffer on the stack holds.
		{"-0.000001", "-0.000001"},
		{"-9223372036854775808", "-9223372036854775808"},
		{"9223372036854775807.5", "9223372036854775807.5"},
		{"-0.0000000000000000000000000000000000000000000123", "-0.0000000000000000000000000000000000000000000123"},
		{"-123456789012345678901234567890123456789012345678.9", "-123456789012345678901234567890123456789012345678.9"},
	}
	for _, tt := range tests {
		if got := dec(t, tt.in).String(); got != tt.want {
			t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseDecimalRejects(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "number is empty"},
		{"abc", `cannot read number "abc"`},
		{"1,000", `cannot read number "1,000"`},
		{"1e5", `cannot read number "1e5"`},
		{".5", `cannot read number ".5"`},
		{"5.", `cannot read number "5."`},
		{"1.2.3", `cannot read number "1.2.3"`},
		{"1m", `cannot read number "1m"`},
		{"--1", `cannot read number "--1"`},
		{"NaN", `cannot read number "NaN"`},
	}
	for _, tt := range tests {
		_, err := ParseDecimal(tt.in)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("ParseDecimal(%q) error = %v, want %q", tt.in, err, tt.msg)
		}
	}
}

func TestArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Decimal
		want string
	}{
		{"add", dec(t, "0.1").Add(dec(t, "0.2")), "0.3"},
		{"add to zero value", Decimal{}.Add(NewInt(5)), "5"},
		{"sub to zero", dec(t, "1.50").Sub(dec(t, "1.5")), "0"},
		{"sub negative", NewInt(1).Sub(dec(t, "2.25")), "-1.25"},
		{"mul exact", NewInt(100_000_000).Mul(dec(t, "0.14")), "14000000"},
		{"mul fractions", dec(t, "1.2").Mul(dec(t, "0.128")), "0.1536"},
		{"mul by zero value", NewInt(7).Mul(Decimal{}), "0"},
		{"quo third", NewInt(1).Quo(NewInt(3), 4), "0.3333"},
		{"quo two thirds rounds up", NewInt(2).Quo(NewInt(3), 2), "0.67"},
		{"quo half away from zero", NewInt(1).Quo(NewInt(8), 2), "0.13"},
		{"quo negative half away from zero", NewInt(-1).Quo(NewInt(8), 2), "-0.13"},
		{"quo negative divisor", NewInt(1).Quo(NewInt(-8), 2), "-0.13"},
		{"quo percentage", dec(t, "14").Mul(NewInt(100)).Quo(dec(t, "153.6"), 1), "9.1"},
		{"quo scaled operands", dec(t, "0.5").Quo(dec(t, "0.025"), 0), "20"},
		{"quo negative places", NewInt(1234).Quo(NewInt(1), -2), "1200"},
		{"round half up", dec(t, "2.345").Round(2), "2.35"},
		{"round half negative", dec(t, "-2.345").Round(2), "-2.35"},
		{"round down", dec(t, "2.344").Round(2), "2.34"},
		{"round no-op", dec(t, "2.3").Round(2), "2.3"},
		{"round to whole", dec(t, "0.5").Round(0), "1"},
		{"round to tens", NewInt(1250).Round(-2), "1300"},
		{"round carries", dec(t, "9.995").Round(2), "10"},
		{"neg", dec(t, "1.5").Neg(), "-1.5"},
		{"abs", dec(t, "-1.5").Abs(), "1.5"},
		{"small string", dec(t, "0.0005"), "0.0005"},
		{"new int negative", NewInt(-42), "-42"},
	}
	for _, tt := range tests {
		if s := tt.got.String(); s != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, s, tt.want)
		}
	}
}

func TestQuoByZeroPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Quo by zero did not panic")
		}
	}()
	NewInt(1).Quo(Decimal{}, 2)
}

func TestImmutable(t *testing.T) {
	a := dec(t, "1.5")
	b := a
	_ = a.Add(NewInt(1))
	_ = a.Mul(NewInt(10))
	_ = a.Neg()
	_ = a.Round(0)
	if a.String() != "1.5" || b.String() != "1.5" {
		t.Errorf("operations changed their operands: a=%s b=%s", a, b)
	}
}

func TestCmpSignPlaces(t *testing.T) {
	tests := []struct {
		a, b  string
		cmp   int
		sign  int
		place int
	}{
		{"1", "1.0", 0, 1, 0},
		{"1.01", "1.1", -1, 1, 2},
		{"100", "99.999", 1, 1, 0},
		{"-0.5", "0", -1, -1, 1},
		{"0", "0.000", 0, 0, 0},
	}
	for _, tt := range tests {
		a, b := dec(t, tt.a), dec(t, tt.b)
		if got := a.Cmp(b); got != tt.cmp {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.cmp)
		}
		if got := b.Cmp(a); got != -tt.cmp {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.cmp)
		}
		if got := a.Sign(); got != tt.sign {
			t.Errorf("Sign(%s) = %d, want %d", tt.a, got, tt.sign)
		}
		if got := a.IsZero(); got != (tt.sign == 0) {
			t.Errorf("IsZero(%s) = %v", tt.a, got)
		}
		if got := a.Places(); got != tt.place {
			t.Errorf("Places(%s) = %d, want %d", tt.a, got, tt.place)
		}
	}
	if !(Decimal{}).IsZero() || (Decimal{}).String() != "0" {
		t.Error("zero value is not 0")
	}
}

func TestFloat64(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"0.14", 0.14}, {"-2.5", -2.5}, {"1200000000", 1.2e9},
	}
	for _, tt := range tests {
		if got := dec(t, tt.in).Float64(); got != tt.want {
			t.Errorf("Float64(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// A coefficient that fits in an int64 (its negation too) is held in the
// Decimal, whichever way the Decimal was made, and one that does not in a
// big.Int: so each number has one representation, and the two kinds
// compare, add and print as numbers.
func TestDecimalHoldsSmallCoefficients(t *testing.T) {
	const minInt64 = "-9223372036854775808"
	small := []Decimal{
		dec(t, "0.14"), dec(t, "100000000"), dec(t, "-3"), dec(t, "9223372036854775807"), dec(t, "-9223372036854775807"),
		dec(t, "1.5").Add(dec(t, "2.5")), dec(t, "1.25").Mul(dec(t, "4")), dec(t, "1").Quo(dec(t, "3"), 4),
		dec(t, "9223372036854775807").Neg(), dec(t, "100.10").Round(0), NewInt(7),
		dec(t, "9223372036854775808").Sub(dec(t, "1")),
	}
	for _, d := range small {
		if d.coef != nil {
			t.Errorf("%s holds a big.Int", d)
		}
	}
	big := []Decimal{dec(t, minInt64), dec(t, "9223372036854775808"), dec(t, "9223372036854775807").Add(dec(t, "1")),
		dec(t, "-9223372036854775807").Sub(dec(t, "1")), dec(t, "123456789012345678901234567890.5")}
	for _, d := range big {
		if d.coef == nil {
			t.Errorf("%s does not hold a big.Int", d)
		}
	}
	if got := big[2].String(); got != "9223372036854775808" {
		t.Errorf("MaxInt64 + 1 = %s", got)
	}
	if got := big[3].String(); got != minInt64 || big[3].Cmp(big[0]) != 0 {
		t.Errorf("-MaxInt64 - 1 = %s", got)
	}
	if got := big[0].Neg().Neg(); got.Cmp(big[0]) != 0 || got.String() != minInt64 {
		t.Errorf("--MinInt64 = %s", got)
	}
	if d := dec(t, "9223372036854775807"); d.Cmp(big[1]) != -1 || big[1].Cmp(d) != 1 || big[0].Cmp(small[4]) != -1 {
		t.Errorf("int64 and big.Int coefficients compare wrongly")
	}
}
