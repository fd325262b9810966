package content

import (
	"strings"
	"testing"
)

// Inputs that were accepted and must not be: each is an error naming the
// file, line and field, with a hint. The messages are exact, so that they
// stay stable for editors and for the corpus of bad inputs.
func TestParseRejectsHostileInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		// Names that leave nothing for a URL.
		{"tag of punctuation", doc(okTitle, okDate, `tags: [Web3, "!!!", "???"]`), []string{
			`content/a.md:4: tags[1]: "!!!" has no letter or digit to make a URL from (give it at least one letter or digit)`,
			`content/a.md:4: tags[2]: "???" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"single tag of punctuation", doc(okTitle, okDate, `tags: "+++"`), []string{
			`content/a.md:4: tags: "+++" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"jurisdiction of punctuation", doc(okTitle, okDate, `jurisdiction: "@@@"`), []string{
			`content/a.md:4: jurisdiction: "@@@" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"jurisdiction list of punctuation", doc(okTitle, okDate, `jurisdiction: [Beijing, "，。"]`), []string{
			`content/a.md:4: jurisdiction[1]: "，。" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"slug of punctuation", doc(okTitle, okDate, `slug: "!!!"`), []string{
			`content/a.md:4: slug: "!!!" has no letter or digit to make a URL from (use letters, digits and hyphens)`}},

		// Amounts beyond any budget.
		{"amount beyond the ceiling", doc(okTitle, okDate, "funding:", "  - amount: 99999999999999999999999999bn", "    currency: CNY"), []string{
			`content/a.md:5: funding[0].amount: amount "99999999999999999999999999bn" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`}},
		{"38-digit amount", doc(okTitle, okDate, "funding:", "  - amount: 12345678901234567890123456789012345678", "    currency: CNY", "    usd: 99999999999999999999"), []string{
			`content/a.md:5: funding[0].amount: amount "12345678901234567890123456789012345678" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`,
			`content/a.md:7: funding[0].usd: amount "99999999999999999999" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnostics(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
