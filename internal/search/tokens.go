package search

import (
	"unicode"
	"unicode/utf8"
)

// maxWordLen is the longest word, in characters, that is indexed: longer
// runs are hashes, identifiers or URLs squeezed together, which nobody types.
const maxWordLen = 40

// token is one word, or one run of CJK characters, of normalised text.
type token struct {
	text     string // normalised; for words, apostrophes are taken out
	cjk      bool   // a run of Han, kana or Hangul characters
	start    int    // byte offsets in the normalised text
	end      int
	tooLong  bool // a word longer than maxWordLen characters
	endsText bool // nothing follows the token: it may still be being typed
}

// tokenize splits normalised text into words and CJK runs. A word is a
// run of letters, digits and marks; an apostrophe inside a word joins it
// ("china's" is "chinas"). Everything else separates. search.js has the
// same rules.
func tokenize(s string, emit func(token)) {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf { // most text: skip separators fast
			if !asciiWord[c] {
				i++
				continue
			}
			i = word(s, i, emit)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r):
			start := i
			i += size
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !isCJK(r) {
					break
				}
				i += size
			}
			emit(token{text: s[start:i], cjk: true, start: start, end: i, endsText: i == len(s)})
		case isWordRune(r):
			i = word(s, i, emit)
		default:
			i += size
		}
	}
}

// word emits the word that starts at s[start] and returns where it ends.
func word(s string, start int, emit func(token)) int {
	i, n := start, 0
	var buf []byte // only when an apostrophe is dropped
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && asciiWord[c] {
			if buf != nil {
				buf = append(buf, c)
			}
			i++
			n++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isApostrophe(r) {
			// Joins only two word characters.
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if i+size < len(s) && isWordRune(next) && !isCJK(next) {
				if buf == nil {
					buf = append([]byte(nil), s[start:i]...)
				}
				i += size
				continue
			}
			break
		}
		if c < utf8.RuneSelf || !isWordRune(r) || isCJK(r) {
			break
		}
		if buf != nil {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
		n++
	}
	text := s[start:i]
	if buf != nil {
		text = string(buf)
	}
	emit(token{text: text, start: start, end: i, tooLong: n > maxWordLen, endsText: i == len(s)})
	return i
}

// asciiWord marks the ASCII letters and digits; it is false for every
// byte from utf8.RuneSelf on, so a byte of any text may index it.
var asciiWord = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isWordRune: letters, numbers and combining marks (Unicode L, N and M).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul character:
// the scripts written without spaces between words.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// cjkTerms calls emit with the index terms of a CJK run: every pair of
// neighbouring characters (so any two-character word is found without a
// dictionary), plus the run's last character alone. A one-character query
// then finds every place its character occurs: as the first of a pair,
// or as the last of a run.
func cjkTerms(run string, emit func(string)) {
	prev := -1
	for i := range run {
		if prev >= 0 {
			_, size := utf8.DecodeRuneInString(run[i:])
			emit(run[prev : i+size])
		}
		prev = i
	}
	emit(run[prev:])
}

// stem takes the commonest English endings off a lower-case word, so that
// "licences", "licensing" and "licensed" meet "licenc"/"licens", "policies"
// meets "policy" and "issued" meets "issue". It is deliberately light
// (plural s, -ing, -ed, a final e): it never touches words with digits or
// other scripts, or words shorter than four letters.
func stem(w string) string {
	n, y := stemmed(w)
	if y {
		return w[:n] + "y"
	}
	return w[:n]
}

// stemmed is the rule of stem for a word as a string or as bytes: the stem
// is the first n bytes of w, followed by "y" when y is set. Every word of
// every body goes through it, so it looks at the last letters once each
// rather than trying each ending in turn (a test holds it to the rule
// written ending by ending).
func stemmed[T ~string | ~[]byte](w T) (n int, y bool) {
	for i := range len(w) {
		if w[i]-'a' > 'z'-'a' {
			return len(w), false
		}
	}
	return stemLetters(w)
}

// stemLetters is stemmed for a word of the letters a to z alone.
func stemLetters[T ~string | ~[]byte](w T) (n int, y bool) {
	n = len(w)
	if n < 4 {
		return n, false
	}
	// Plurals: -sses to -ss, -ies to -y (past four letters), -s off
	// unless the word ends in -ss, -us or -is.
	if w[n-1] == 's' {
		switch w[n-2] {
		case 's', 'u', 'i':
		case 'e':
			switch {
			case w[n-3] == 's' && w[n-4] == 's':
				n -= 2
			case w[n-3] == 'i' && n > 4:
				return n - 3, true // nothing below applies to a word ending in y
			default:
				n--
			}
		default:
			n--
		}
	}
	// -ing and -ed (not -eed) off when a vowel is left.
	switch w[n-1] {
	case 'g':
		if n >= 6 && w[n-2] == 'n' && w[n-3] == 'i' && hasVowel(w[:n-3]) {
			n -= 3
		}
	case 'd':
		if n >= 5 && w[n-2] == 'e' && w[n-3] != 'e' && hasVowel(w[:n-2]) {
			n -= 2
		}
	}
	if n >= 4 && w[n-1] == 'e' {
		n--
	}
	return n, false
}

func hasVowel[T ~string | ~[]byte](s T) bool {
	for i := range len(s) {
		switch s[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		}
	}
	return false
}
