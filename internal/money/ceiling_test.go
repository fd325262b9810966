package money

import (
	"errors"
	"strings"
	"testing"
)

// Amounts beyond any real budget are typos (a scale word too many, digits
// pasted twice), and huge numbers cost time in every sum: both are errors.
func TestParseAmountCeiling(t *testing.T) {
	const hint = "no budget is that large, even in dong or rials: check the digits and the scale word"
	tests := []struct{ in, msg, hint string }{
		{"99999999999999999999999999bn", `amount "99999999999999999999999999bn" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be`, hint},
		{"12345678901234567890123456789012345678", `amount "12345678901234567890123456789012345678" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be`, hint},
		{"1,000,000,000,000,000,001", `amount "1,000,000,000,000,000,001" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be`, hint},
		{"1000001tn", `amount "1000001tn" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be`, hint},
		{"10000000001亿", `amount "10000000001亿" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be`, hint},
		{strings.Repeat("9", 65), "amount is 65 characters long", `write at most 64, e.g. "1.2bn"`},
		{"0." + strings.Repeat("0", 70) + "1", "amount is 73 characters long", `write at most 64, e.g. "1.2bn"`},
	}
	for _, tt := range tests {
		_, err := ParseAmount(tt.in)
		var ae *AmountError
		if !errors.As(err, &ae) || ae.Msg != tt.msg || ae.Hint != tt.hint {
			t.Errorf("ParseAmount(%.30q) = %v, want %q (%s)", tt.in, err, tt.msg, tt.hint)
		}
	}
	for _, ok := range []string{"1000000000000000000", "1,000,000tn", "10000000000亿", "999999999999999999.99", "1.5 trillion"} {
		if _, err := ParseAmount(ok); err != nil {
			t.Errorf("ParseAmount(%q): %v", ok, err)
		}
	}
}
