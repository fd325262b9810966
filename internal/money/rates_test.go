package money

import "testing"

func testRates(t *testing.T) *Rates {
	return &Rates{
		Report: "USD",
		AsOf:   "2023-06-30",
		Source: "test",
		PerUnit: map[string]Decimal{
			"CNY": dec(t, "0.14"),
			"HKD": dec(t, "0.128"),
			"JPY": dec(t, "0.0069"),
			"KWD": dec(t, "3.2537"),
		},
	}
}

func TestConvert(t *testing.T) {
	r := testRates(t)
	tests := []struct {
		amount, from, want string
		ok                 bool
	}{
		{"100000000", "CNY", "14000000", true},
		{"1200000000", "HKD", "153600000", true},
		{"2500000", "USD", "2500000", true},
		{"12.345", "USD", "12.345", true}, // already in report currency: unchanged
		{"1", "CNY", "0.14", true},
		{"0.03", "CNY", "0", true},     // 0.0042 rounds to 0.00
		{"0.25", "HKD", "0.03", true},  // 0.032 rounds to 0.03
		{"0.125", "CNY", "0.02", true}, // 0.0175 rounds half away to 0.02
		{"-0.125", "CNY", "-0.02", true},
		{"5000", "JPY", "34.5", true},
		{"1.234", "KWD", "4.02", true}, // 4.0150658 rounds to 4.02
		{"100", "EUR", "0", false},
		{"100", "usd", "0", false},
	}
	for _, tt := range tests {
		got, ok := r.Convert(dec(t, tt.amount), tt.from)
		if ok != tt.ok || got.String() != tt.want {
			t.Errorf("Convert(%s %s) = %s, %v; want %s, %v", tt.from, tt.amount, got, ok, tt.want, tt.ok)
		}
	}
}

func TestConvertRoundsToReportMinorUnits(t *testing.T) {
	tests := []struct {
		report, rate, want string
	}{
		{"JPY", "21.456", "2146"}, // 100 × 21.456 = 2145.6 -> 0 decimals
		{"KWD", "0.0030735", "0.307"},
		{"XYZ", "0.0030735", "0.31"}, // unknown report currency: 2 decimals
	}
	for _, tt := range tests {
		r := &Rates{Report: tt.report, PerUnit: map[string]Decimal{"CNY": dec(t, tt.rate)}}
		got, ok := r.Convert(NewInt(100), "CNY")
		if !ok || got.String() != tt.want {
			t.Errorf("Convert to %s = %s, %v; want %s", tt.report, got, ok, tt.want)
		}
	}
}

func TestHas(t *testing.T) {
	r := testRates(t)
	for code, want := range map[string]bool{"CNY": true, "USD": true, "EUR": false, "": false} {
		if got := r.Has(code); got != want {
			t.Errorf("Has(%q) = %v, want %v", code, got, want)
		}
	}
	var none *Rates
	if none.Has("USD") {
		t.Error("nil Rates has USD")
	}
	if _, ok := none.Convert(NewInt(1), "USD"); ok {
		t.Error("nil Rates converted")
	}
	empty := &Rates{Report: "USD"}
	if got, ok := empty.Convert(NewInt(5), "USD"); !ok || got.String() != "5" {
		t.Errorf("Rates without PerUnit: Convert(USD 5) = %s, %v", got, ok)
	}
}

func TestDiffers(t *testing.T) {
	tol := NewInt(15)
	tests := []struct {
		stated, computed string
		want             bool
	}{
		{"14000000", "14000000", false},
		{"16100000", "14000000", false}, // exactly +15%: not more than the tolerance
		{"16100001", "14000000", true},
		{"11900000", "14000000", false}, // exactly -15%
		{"11899999", "14000000", true},
		{"15000000", "14000000", false},
		{"20000000", "14000000", true},
		{"0", "0", false},
		{"1", "0", true},
		{"0", "5", true},
		{"-11.5", "-10", false},
		{"-12", "-10", true},
	}
	for _, tt := range tests {
		if got := Differs(dec(t, tt.stated), dec(t, tt.computed), tol); got != tt.want {
			t.Errorf("Differs(%s, %s, 15%%) = %v, want %v", tt.stated, tt.computed, got, tt.want)
		}
	}
	if !Differs(dec(t, "10.6"), NewInt(10), dec(t, "5.5")) || Differs(dec(t, "10.55"), NewInt(10), dec(t, "5.5")) {
		t.Error("Differs ignores a fractional tolerance")
	}
}
