package markdown

import (
	"testing"
	"unicode"
	"unicode/utf8"
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

// TestMaxSpace: no character after maxSpace is a space, so isSpace need
// not ask the tables about them; the ideographic space itself is one.
func TestMaxSpace(t *testing.T) {
	if !unicode.IsSpace(maxSpace) {
		t.Fatalf("%U is not a space", maxSpace)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.IsSpace(r); isSpace(r) != want {
			t.Fatalf("isSpace(%U) = %v, want %v", r, !want, want)
		}
	}
}

// TestFastRuneRanges checks fastRune's shortcut against its definition
// for every character.
func TestFastRuneRanges(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r)
		if fastRune(r) != want {
			t.Fatalf("fastRune(%U) = %v, want %v", r, !want, want)
		}
	}
}
