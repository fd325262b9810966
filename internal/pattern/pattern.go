// Package pattern writes regular expressions in the syntax that Go's regexp
// and ECMAScript (with or without the u flag) share, which is what JSON
// Schema's "pattern" keyword means in practice: Go validators use RE2, editors
// and browsers use JavaScript. So no \s, \w or \p{...} (they differ between the
// two), no look-around (RE2 has none), no inline flags (JavaScript has none);
// non-ASCII characters are written as themselves.
package pattern

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Space is a character class body matching exactly what unicode.IsSpace
// accepts, the white space strings.TrimSpace removes.
var Space = SpaceWhere(func(rune) bool { return true })

// NotSpace matches one rune that is not white space.
var NotSpace = "[^" + Space + "]"

// SpaceWhere is a character class body of the white space runes (as
// unicode.IsSpace has them) for which keep is true. It walks
// unicode.White_Space, the set unicode.IsSpace tests outside Latin-1 and
// equals it inside.
func SpaceWhere(keep func(rune) bool) string {
	var runes []rune
	for _, r := range unicode.White_Space.R16 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if keep(c) {
				runes = append(runes, c)
			}
		}
	}
	for _, r := range unicode.White_Space.R32 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if keep(c) {
				runes = append(runes, c)
			}
		}
	}
	c := class(runes)
	return strings.TrimSuffix(strings.TrimPrefix(c, "["), "]")
}

// Day matches YYYY-MM-DD of a real day of the Gregorian calendar, 29
// February of leap years included (not anchored).
var Day = OneOf(
	`[0-9]{4}-`+OneOf(
		`(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])`,
		`(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)`,
		`02-(?:0[1-9]|1[0-9]|2[0-8])`),
	// Years divisible by 4, except centuries not divisible by 400.
	OneOf(`[0-9]{2}(?:0[48]|[2468][048]|[13579][26])`, `(?:[02468][048]|[13579][26])00`)+`-02-29`)

// Char writes one rune to match itself outside a character class.
func Char(r rune) string {
	switch {
	case r < 0x20 || (r >= 0x7f && r <= 0xa0):
		return fmt.Sprintf(`\x%02X`, r)
	case strings.ContainsRune(`\^$.|?*+()[]{}/`, r):
		return `\` + string(r)
	}
	return string(r)
}

// InClass writes one rune to match itself inside [...].
func InClass(r rune) string {
	if strings.ContainsRune(`-`, r) {
		return `\-`
	}
	return Char(r)
}

// Literal escapes s so that it matches itself.
func Literal(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(Char(r))
	}
	return b.String()
}

// FoldASCII matches word with its ASCII letters in either case
// ("bn" -> [bB][nN]), since ECMAScript has no inline (?i).
func FoldASCII(word string) string {
	var b strings.Builder
	for _, r := range word {
		if r < 0x80 && unicode.IsLetter(r) {
			fmt.Fprintf(&b, "[%c%c]", unicode.ToLower(r), unicode.ToUpper(r))
			continue
		}
		b.WriteString(Char(r))
	}
	return b.String()
}

// OneOf is an alternation of patterns in a non-capturing group.
func OneOf(alternatives ...string) string {
	return "(?:" + strings.Join(alternatives, "|") + ")"
}

// Trie matches exactly the given words, compactly: words that share a
// prefix share it in the pattern, and runes that lead to the same rest form
// one class ("1900".."2100" gives 19[0-9]{2}|20[0-9]{2}|2100, in effect).
func Trie(words []string) string {
	root := &trieNode{}
	for _, w := range words {
		n := root
		for _, r := range w {
			if n.kids == nil {
				n.kids = map[rune]*trieNode{}
			}
			if n.kids[r] == nil {
				n.kids[r] = &trieNode{}
			}
			n = n.kids[r]
		}
		n.end = true
	}
	return "(?:" + root.rest() + ")"
}

type trieNode struct {
	kids map[rune]*trieNode
	end  bool
}

// rest is the pattern of what may follow this node.
func (n *trieNode) rest() string {
	if len(n.kids) == 0 {
		return ""
	}
	byRest := map[string][]rune{}
	for r, k := range n.kids {
		s := k.rest()
		byRest[s] = append(byRest[s], r)
	}
	rests := make([]string, 0, len(byRest))
	for s := range byRest {
		rests = append(rests, s)
	}
	slices.Sort(rests)
	alts := make([]string, len(rests))
	for i, s := range rests {
		alts[i] = class(byRest[s]) + s
	}
	body := alts[0]
	if len(alts) > 1 {
		body = OneOf(alts...)
	}
	if n.end {
		body = "(?:" + body + ")?"
	}
	return body
}

// class matches one of runes: the rune itself, or a class of ranges.
func class(runes []rune) string {
	slices.Sort(runes)
	if len(runes) == 1 {
		return Char(runes[0])
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(runes); {
		j := i
		for j+1 < len(runes) && runes[j+1] == runes[j]+1 {
			j++
		}
		b.WriteString(InClass(runes[i]))
		if j > i {
			if j > i+1 {
				b.WriteByte('-')
			}
			b.WriteString(InClass(runes[j]))
		}
		i = j + 1
	}
	b.WriteByte(']')
	return b.String()
}
