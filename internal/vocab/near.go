package vocab

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// A slip of one letter is only counted between keys of at least
// minNearLen runes of which the longer has at least minLongerLen: in "NFT"
// and "NFTs", "AI" and "AR", or 数字货币 and 数字人币, one character is the
// whole difference in meaning; "CBDC" and "CBDCs" are one name.
const (
	minNearLen   = 4
	minLongerLen = 5
)

// maxBucket is the largest group of keys that share a one-letter variant
// still compared pair by pair. A bigger group is a deliberate series (Phase
// A, Phase B, Phase C, ...), and skipping it keeps the work linear even on
// a site made of such names.
const maxBucket = 8

// oneLetterApart returns the pairs of keys, each sorted and the list
// sorted, that one letter inserted, removed, changed, or two neighbours
// swapped, turns into each other. Digits never count: Web2 and Web3 differ.
//
// Each key is filed under every string one deletion makes of it (and
// under itself), so two keys one edit apart share a bucket; only keys in a
// bucket are compared, never all pairs.
func oneLetterApart(keys []string) [][2]string {
	buckets := map[string][]string{}
	for _, k := range keys {
		n := utf8.RuneCountInString(k)
		if n < minNearLen {
			continue
		}
		buckets[k] = append(buckets[k], k)
		for i := range k {
			_, size := utf8.DecodeRuneInString(k[i:])
			v := k[:i] + k[i+size:]
			if b := buckets[v]; len(b) == 0 || b[len(b)-1] != k { // a doubled letter gives one variant twice
				buckets[v] = append(b, k)
			}
		}
	}
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, b := range buckets {
		if len(b) < 2 || len(b) > maxBucket {
			continue
		}
		for i := range b {
			for j := i + 1; j < len(b); j++ {
				p := [2]string{min(b[i], b[j]), max(b[i], b[j])}
				if p[0] == p[1] || seen[p] {
					continue
				}
				seen[p] = true
				a, b := []rune(p[0]), []rune(p[1])
				if max(len(a), len(b)) >= minLongerLen && oneLetter(a, b) {
					out = append(out, p)
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]string) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	})
	return out
}

// oneLetter reports whether a and b are one edit apart (insertion,
// deletion, substitution, or a swap of neighbours) and every rune the edit
// touches is a letter.
func oneLetter(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case len(b) == len(a)+1: // b has one more rune, at i
		return slices.Equal(a[i:], b[i+1:]) && unicode.IsLetter(b[i])
	case len(a) != len(b) || i == len(a):
		return false
	case slices.Equal(a[i+1:], b[i+1:]): // changed at i
		return unicode.IsLetter(a[i]) && unicode.IsLetter(b[i])
	case i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:]): // swapped
		return unicode.IsLetter(a[i]) && unicode.IsLetter(a[i+1])
	}
	return false
}
