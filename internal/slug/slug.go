// Package slug turns names (titles, tags, headings) into URL segments that stay
// readable in any script: Chinese stays Chinese, Latin is lower-cased, and
// everything else collapses to single hyphens.
//
// Make applies no Unicode normalisation (NFC/NFKC), so that the URLs of
// existing sites never change. Two cheap substitutes cover the common cases: combining
// marks are kept after a kept character (so a decomposed "é" keeps its accent
// instead of splitting the word), and full-width ASCII letters and digits
// ("Ｗｅｂ３", typed with Chinese input methods) are folded to ASCII. A composed
// and a decomposed spelling of the same accented letter still give different
// slugs. Key, which says whether two names are one term, does normalise.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Make turns a name into a readable, stable URL segment: lower case
// (Unicode-aware), letters and digits of any script kept, runs of anything
// else replaced by a single "-", and no "-" at either end. Apostrophes inside
// a word are dropped rather than splitting it ("China's" -> "chinas").
// It returns "" when nothing is left; callers then fall back to something else.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingDash := false // a separator was seen since the last kept rune
	lastKept := false    // the previous rune was kept (marks attach to it)
	for i, r := range s {
		r = foldFullWidth(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			b.WriteRune(unicode.ToLower(r))
			lastKept = true
		case unicode.Is(unicode.M, r) && lastKept && !pendingDash:
			b.WriteRune(r)
		case isApostrophe(r) && lastKept && !pendingDash && letterFollows(s[i+utf8.RuneLen(r):]):
			// Skip it: "Hong Kong's" reads better as "hong-kongs" than "hong-kong-s".
		default:
			pendingDash = true
			lastKept = false
		}
	}
	return b.String()
}

// foldFullWidth maps full-width ASCII letters and digits to their ASCII forms.
func foldFullWidth(r rune) rune {
	if (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ') || (r >= '０' && r <= '９') {
		return r - 'Ａ' + 'A'
	}
	return r
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// letterFollows reports whether rest starts with a letter.
func letterFollows(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(foldFullWidth(r))
}
