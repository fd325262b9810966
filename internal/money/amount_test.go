package money

import (
	"errors"
	"testing"
)

func TestParseAmountValid(t *testing.T) {
	tests := []struct{ in, want string }{
		{"100000000", "100000000"},
		{"100m", "100000000"},
		{"100M", "100000000"},
		{"100 m", "100000000"},
		{"100mn", "100000000"},
		{"100 mln", "100000000"},
		{"1.2bn", "1200000000"},
		{"1.2b", "1200000000"},
		{"1.2BN", "1200000000"},
		{"1.2 bln", "1200000000"},
		{"100 million", "100000000"},
		{"100 Million", "100000000"},
		{"100million", "100000000"},
		{"2,500,000", "2500000"},
		{"2,500,000.75", "2500000.75"},
		{"1,200m", "1200000000"},
		{"1.5 trillion", "1500000000000"},
		{"1.5tn", "1500000000000"},
		{"2t", "2000000000000"},
		{"3.2k", "3200"},
		{"3.2K", "3200"},
		{"250 thousand", "250000"},
		{"0.5", "0.5"},
		{"0", "0"},
		{"  42  ", "42"},
		{"\t7.25m\n", "7250000"},
		{"100\u00a0million", "100000000"},
		{"1.23456789bn", "1234567890"},
		{"0.0000001m", "0.1"},
		{"5000万", "50000000"},
		{"5000 萬", "50000000"},
		{"1.2亿", "120000000"},
		{"3億", "300000000"},
		{"999999999999999999.123456789", "999999999999999999.123456789"}, // exact, up to the ceiling
	}
	for _, tt := range tests {
		d, err := ParseAmount(tt.in)
		if err != nil {
			t.Errorf("ParseAmount(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want {
			t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestParseAmountExact(t *testing.T) {
	d, err := ParseAmount("1.2bn")
	if err != nil {
		t.Fatal(err)
	}
	if d.Cmp(NewInt(1_200_000_000)) != 0 {
		t.Errorf(`"1.2bn" = %s, want exactly 1200000000`, d)
	}
}

func TestParseAmountInvalid(t *testing.T) {
	const forms = `write 100000000, "100m", "1.2bn" or "100 million"`
	const scaleLast = `write the number first and one scale word last, e.g. "10.5m" or "100 million"`
	const commas = "commas may only separate groups of three digits before the decimal point, e.g. 2,500,000; or leave them out"
	const dots = `write one decimal point, e.g. "1.2bn"; group thousands with commas, not dots`
	const negative = "write the size of the amount without a sign; say in the text if it is a cut"
	tests := []struct{ in, msg, hint string }{
		{"", "amount is empty", forms},
		{"   ", "amount is empty", forms},
		{"-5", "amount must not be negative", negative},
		{"- 100m", "amount must not be negative", negative},
		{"−2bn", "amount must not be negative", negative},
		{"abc", `cannot read amount "abc"`, forms},
		{"million", `cannot read amount "million"`, forms},
		{"+5", `cannot read amount "+5"`, forms},
		{"about 5m", `cannot read amount "about 5m"`, forms},
		{"~5m", `cannot read amount "~5m"`, forms},
		{"(5)", `cannot read amount "(5)"`, forms},
		{"1,00,000", `misplaced comma in amount "1,00,000"`, commas},
		{"1,0000", `misplaced comma in amount "1,0000"`, commas},     // a group of four
		{"1,000,00", `misplaced comma in amount "1,000,00"`, commas}, // a short group last
		{"1234,000", `misplaced comma in amount "1234,000"`, commas}, // a first group of four
		{"1,5m", `misplaced comma in amount "1,5m"`, commas},
		{"1234,567", `misplaced comma in amount "1234,567"`, commas},
		{",100", `misplaced comma in amount ",100"`, commas},
		{"100,", `misplaced comma in amount "100,"`, commas},
		{"1.000,5", `misplaced comma in amount "1.000,5"`, commas},
		{"1.2.3", `more than one decimal point in amount "1.2.3"`, dots},
		{"1.000.000", `more than one decimal point in amount "1.000.000"`, dots},
		{".5", `cannot read amount ".5"`, "write a digit before the decimal point, e.g. 0.5"},
		{"5.", `cannot read amount "5."`, "write digits after the decimal point, or leave the point out"},
		{"10m5", `cannot read amount "10m5"`, scaleLast},
		{"100 million million", `cannot read amount "100 million million"`, scaleLast},
		{"5m2k", `cannot read amount "5m2k"`, scaleLast},
		{"1 000 000", `cannot read amount "1 000 000"`, "do not put spaces inside a number; group thousands with commas, e.g. 2,500,000"},
		{"1e9", `cannot read amount "1e9"`, `exponents are not accepted; write the full number or use a scale word, e.g. "1.2bn"`},
		{"1.2E+9", `cannot read amount "1.2E+9"`, `exponents are not accepted; write the full number or use a scale word, e.g. "1.2bn"`},
		{"100 gazillion", `unknown scale word "gazillion" in amount "100 gazillion"`, `did you mean "billion"?`},
		{"100 millions", `unknown scale word "millions" in amount "100 millions"`, `did you mean "million"?`},
		{"100 lakh", `unknown scale word "lakh" in amount "100 lakh"`, "scale words are k, thousand, m, million, bn, billion, tn, trillion, 万, 亿"},
		{"5 mil", `unknown scale word "mil" in amount "5 mil"`, `did you mean "m"?`},
		{"CNY 100m", `currency "CNY" inside amount "CNY 100m"`, `write the currency in the currency field and only "100m" here`},
		{"$14m", `currency "$" inside amount "$14m"`, `write the currency in the currency field and only "14m" here`},
		{"US$14m", `currency "US$" inside amount "US$14m"`, `write the currency in the currency field and only "14m" here`},
		{"HK$ 1.2bn", `currency "HK$" inside amount "HK$ 1.2bn"`, `write the currency in the currency field and only "1.2bn" here`},
		{"¥500", `currency "¥" inside amount "¥500"`, `write the currency in the currency field and only "500" here`},
		{"€2 billion", `currency "€" inside amount "€2 billion"`, `write the currency in the currency field and only "2 billion" here`},
		{"100m USD", `currency "USD" inside amount "100m USD"`, `write the currency in the currency field and only "100m" here`},
		{"100m usd", `currency "usd" inside amount "100m usd"`, `write the currency in the currency field and only "100m" here`},
		{"RMB 5bn", `currency "RMB" inside amount "RMB 5bn"`, `write the currency in the currency field and only "5bn" here`},
		{"100 million dollars", `currency "dollars" inside amount "100 million dollars"`, `write the currency in the currency field and only "100 million" here`},
		{"1.2亿元", `currency "元" inside amount "1.2亿元"`, `write the currency in the currency field and only "1.2亿" here`},
		{"5000万港元", `currency "港元" inside amount "5000万港元"`, `write the currency in the currency field and only "5000万" here`},
		{"-$5m", `currency "$" inside amount "-$5m"`, `write the currency in the currency field and only "5m" here`},
		{"USD", `currency "USD" inside amount "USD"`, "write the currency in the currency field and only the number here"},
		{"NaN", `amount must be a finite number, not "NaN"`, forms},
		{"-Inf", `amount must be a finite number, not "-Inf"`, forms},
		{".inf", `amount must be a finite number, not ".inf"`, forms},
		{"Infinity", `amount must be a finite number, not "Infinity"`, forms},
	}
	for _, tt := range tests {
		d, err := ParseAmount(tt.in)
		if err == nil {
			t.Errorf("ParseAmount(%q) = %s, want error %q", tt.in, d, tt.msg)
			continue
		}
		var ae *AmountError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAmount(%q) error %T is not *AmountError", tt.in, err)
			continue
		}
		if ae.Error() != tt.msg || ae.Hint != tt.hint {
			t.Errorf("ParseAmount(%q):\n got  %q (%s)\n want %q (%s)", tt.in, ae.Error(), ae.Hint, tt.msg, tt.hint)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"100000000", "100m", "1.2bn", "100 million", "2,500,000", "1.5 trillion", "3.2k",
		"250 thousand", "0.5", "1,00,000", "1.2.3", "10m5", "CNY 100m", "$14m", "1.2亿元",
		"-5", "NaN", "1e9", "", " ", "\xff", "0.0000001m",
		"99999999999999999999999999bn", "12345678901234567890123456789012345678", "1000000000000000000",
		"1,000,000,000,000,000,001", "0.000000000000000000000000000001", "5000万", "1.2億", ".inf", "1 000", "100 millions",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseAmount(s)
		if err != nil {
			var ae *AmountError
			if !errors.As(err, &ae) || ae.Msg == "" || ae.Hint == "" {
				t.Fatalf("ParseAmount(%q) returned %v (%T) without a message and a hint", s, err, err)
			}
			return
		}
		if d.Sign() < 0 || d.Cmp(MaxAmount) > 0 {
			t.Fatalf("ParseAmount(%q) = %s, outside 0 to 10^18", s, d)
		}
		for _, code := range []string{"USD", "CNY", "JPY", "KWD"} {
			if Short(d, code) == "" || Long(d, code) == "" || Plain(d, code) == "" {
				t.Fatalf("%s %s formats as nothing", code, d)
			}
		}
		back, err := ParseAmount(d.String())
		if err != nil {
			t.Fatalf("ParseAmount(%q) = %s, which does not re-parse: %v", s, d, err)
		}
		if back.Cmp(d) != 0 {
			t.Fatalf("ParseAmount(%q) = %s, re-parsed as %s", s, d, back)
		}
		if plain, err := ParseDecimal(d.String()); err != nil || plain.Cmp(d) != 0 {
			t.Fatalf("ParseDecimal(%s) = %s, %v", d, plain, err)
		}
	})
}

func TestParseAmountQuotesTrimmedInput(t *testing.T) {
	_, err := ParseAmount("  abc \n")
	if err == nil || err.Error() != `cannot read amount "abc"` {
		t.Errorf("error = %v, want the trimmed input quoted", err)
	}
}
