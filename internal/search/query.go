package search

import (
	"strings"
	"unicode/utf8"
)

// A Group is one thing a query asks for; a briefing matches the query when
// it matches every group. It matches a group when the index holds the
// group's Exact term for it, or any term that starts with Prefix.
type Group struct {
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
}

// minPrefix is the fewest characters a word needs before it is also
// matched as a prefix: "r" would load a twentieth of the index.
const minPrefix = 3

// maxGroups bounds the work (and the chunks loaded) for a pasted paragraph.
const maxGroups = 12

// ParseQuery turns what a reader typed into groups, the same way
// search.js does (a test compares the two over a table of queries):
//
//   - a word is matched by its stem ("licences" -> "licenc"); the last word,
//     when nothing follows it and it has at least three characters, also
//     as a prefix, since it may still be being typed ("regul" finds
//     "regulator");
//   - a run of CJK characters is matched by its pairs of characters, each a
//     group ("数字人民币" needs "数字", "字人", "人民" and "民币"); a single
//     character is matched as a prefix, which finds it anywhere.
//
// Duplicate groups are dropped; at most maxGroups are kept.
func ParseQuery(q string) []Group {
	var groups []Group
	seen := map[Group]bool{}
	add := func(g Group) {
		if !seen[g] && len(groups) < maxGroups {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	tokenize(Normalize(q), func(t token) {
		switch {
		case t.tooLong:
		case t.cjk && utf8.RuneCountInString(t.text) == 1:
			add(Group{Prefix: t.text})
		case t.cjk:
			var pairs []string
			cjkTerms(t.text, func(term string) { pairs = append(pairs, term) })
			for _, p := range pairs[:len(pairs)-1] { // the last is the lone last character
				add(Group{Exact: p})
			}
		default:
			g := Group{Exact: stem(t.text)}
			if t.endsText && utf8.RuneCountInString(t.text) >= minPrefix {
				g.Prefix = t.text
			}
			add(g)
		}
	})
	return groups
}

// Matches reports whether an index term satisfies the group, and whether
// it does so by the word itself (exact, or the very prefix typed) rather
// than by a longer word that starts with the prefix.
func (g Group) Matches(term string) (ok, whole bool) {
	if term == g.Exact || term == g.Prefix {
		return true, true
	}
	if g.Prefix != "" && strings.HasPrefix(term, g.Prefix) {
		return true, false
	}
	return false, false
}
