package money

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"brief/internal/pattern"
)

// AmountPattern is a regular expression that matches the text ParseAmount
// accepts, for JSON Schema and CMS forms: digits with optional thousands
// commas and one decimal point, then optionally one scale word, with white
// space around and between, the whole at most MaxAmount. It is built from the
// same scale words and ceiling, and a test holds the two to the same
// verdicts. Two things it leaves to a length limit and the parser: text
// longer than MaxAmountLength, and a leading zero before a thousands comma
// ("0,001"), which it refuses although ParseAmount reads it.
func AmountPattern() string {
	ceiling := len(MaxAmount.String()) - 1 // MaxAmount is 10^ceiling
	byPower := map[int64][]string{0: nil}
	for w, p := range scaleWords {
		byPower[p] = append(byPower[p], w)
	}
	ws := "[" + pattern.Space + "]*"
	var alts []string
	for _, p := range slices.Sorted(maps.Keys(byPower)) {
		words := byPower[p]
		slices.SortFunc(words, func(a, b string) int {
			// Longest first, so that "mn" is tried before "m".
			return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
		})
		alt := numberUpTo(ceiling - int(p))
		if len(words) > 0 {
			folded := make([]string, len(words))
			for i, w := range words {
				folded[i] = pattern.FoldASCII(w)
			}
			alt += ws + pattern.OneOf(folded...)
		}
		alts = append(alts, alt)
	}
	return "^" + ws + pattern.OneOf(alts...) + ws + "$"
}

// numberUpTo matches a number of at most 10^d: up to d digits (after any
// leading zeros), grouped by commas or not, with any decimals; or exactly
// 10^d with zero decimals.
func numberUpTo(d int) string {
	frac, zeroFrac := `(?:\.[0-9]+)?`, `(?:\.0+)?`
	plain := "0*" + pattern.OneOf(fmt.Sprintf("[1-9][0-9]{0,%d}", d-1), "0")
	forms := []string{plain}
	for first := 1; first <= 3; first++ {
		if groups := (d - first) / 3; groups >= 1 {
			forms = append(forms, fmt.Sprintf("[1-9][0-9]{%d}(?:,[0-9]{3}){1,%d}", first-1, groups))
		}
	}
	exact := "0*1" + strings.Repeat("0", d)
	lead := d%3 + 1 // digits of the first group of 10^d written with commas
	exactGrouped := "1" + strings.Repeat("0", lead-1) + strings.Repeat(",000", d/3)
	return pattern.OneOf(pattern.OneOf(forms...)+frac, pattern.OneOf(exact, exactGrouped)+zeroFrac)
}
