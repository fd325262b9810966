package markdown

import (
	"testing"
	"unicode"
)

// TestIsCJKRanges checks isCJK's shortcut against the Unicode tables for
// every character.
func TestIsCJKRanges(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul); isCJK(r) != want {
			t.Fatalf("isCJK(%U) = %v, want %v", r, !want, want)
		}
	}
}
