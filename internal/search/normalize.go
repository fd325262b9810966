package search

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds text the way the index and the browser both see it:
// NFKC (full-width "ＡＢＣ１" becomes "abc1", half-width katakana full-width),
// lower case, Latin diacritics dropped ("café" matches "cafe"), and a few
// letters that have no decomposition spelled out ("ß" is "ss").
//
// The browser's search.js does the same steps in the same order with
// String.prototype.normalize and toLowerCase; a test runs both over a table
// of cases. Keep the two in step.
func Normalize(s string) string {
	if isASCII(s) {
		return lowerASCII(s)
	}
	s = norm.NFKC.String(s)
	s = strings.ToLower(s)
	s = norm.NFD.String(s)
	s = stripMarks(s)
	s = norm.NFC.String(s)
	return foldLetters.Replace(s)
}

// stripMarks drops the combining diacritical marks U+0300-U+036F, the
// accents of Latin, Greek and Cyrillic. Other marks stay: in Japanese kana
// (U+3099) or Devanagari they change the letter, not its accent.
func stripMarks(s string) string {
	if !strings.ContainsFunc(s, isDiacritic) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDiacritic(r) {
			return -1
		}
		return r
	}, s)
}

func isDiacritic(r rune) bool { return r >= 0x300 && r <= 0x36f }

// foldLetters spells out letters that NFD does not split into a base and a
// mark. "ς" is the final form of "σ": JavaScript lower-cases a final "Σ" to
// it and Go does not, so both fold it.
var foldLetters = strings.NewReplacer(
	"ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ð", "d",
	"þ", "th", "ł", "l", "ı", "i", "ς", "σ",
)

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII is strings.ToLower for ASCII text, without the allocation
// when nothing changes.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
