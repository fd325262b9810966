package money

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The pattern and the parser must agree on every input: editors see the
// pattern, the build runs the parser. The pattern leaves length to a
// separate limit and refuses "0,001"-style leading zeros (see AmountPattern).
func TestAmountPatternAgreesWithParseAmount(t *testing.T) {
	re := regexp.MustCompile(AmountPattern())
	check := func(s string) {
		_, err := ParseAmount(s)
		want := err == nil
		if utf8.RuneCountInString(strings.TrimSpace(s)) > MaxAmountLength {
			want = false
		}
		got := re.MatchString(s) && utf8.RuneCountInString(s) <= MaxAmountLength+strings.Count(s, " ")
		if got != want && !(want && strings.HasPrefix(strings.TrimSpace(s), "0,")) {
			t.Errorf("%q: pattern says %v, ParseAmount says %v (%v)", s, got, want, err)
		}
	}
	for _, s := range []string{
		"100000000", "100m", "1.2bn", "100 million", "2,500,000", "1.5 trillion", "250k", "3亿", "3 億",
		"1,00,000", "1.2.3", "10m5", "$14m", "about 5m", "", " ", "-5", "1e9", "0x10", ".5", "5.", "1,5",
		"1,000.5", "1,000,000.25 M", "12 MN", "7Bln", "inf", "NaN", "100 m m", "100 元", "1亿元", "\u00a0100m\u3000",
		"100\tmillion", "100 Million", "1,000m", "1000,000", "0", "00", "1 000", "100mm", "１００", "100 k ",
		"1000000000000000000", "1000000000000000001", "1,000,000,000,000,000,000", "1,000,000,000,000,000,000.00",
		"1000000000000000000.5", "999999999999999999.999", "0001000000000000000000", "1000000tn", "1000000.0tn",
		"1000001tn", "999999.99tn", "10000000000亿", "10,000,000,000亿", "1000000000000000 k", "1,000,000,000bn",
		"1,000,000,001bn", "100,000,000万", "100000000000000万",
	} {
		check(s)
	}
	// Random strings over the characters that matter, long enough to combine them.
	alphabet := []rune("0000123456789,,.., \u00a0\u3000mMbBnNkKtTlLiIoOeE亿万元$-")
	r := rand.New(rand.NewPCG(1, 2))
	for range 60000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		check(b.String())
	}
	// Well-formed numbers with every scale word and spacing, near each ceiling.
	for w := range scaleWords {
		for _, n := range []string{"1", "12", "1,234", "12,345,678.9", "0.5", "999999", "1000000", "1,000,000", "1000000000", "1000000001", "99999999999999"} {
			for _, sep := range []string{"", " ", "  "} {
				check(n + sep + w)
				check(n + sep + strings.ToUpper(w))
			}
		}
	}
}
