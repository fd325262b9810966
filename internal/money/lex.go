package money

import "unicode"

type tokenKind int

const (
	tokNumber tokenKind = iota // ASCII digits, commas and points: "2,500.5"
	tokWord                    // letters of any script: "m", "million", "亿元"
	tokSpace                   // a run of white space
	tokOther                   // any other single character: "-", "$", "~"
)

type token struct {
	kind tokenKind
	text string
}

// lexAmount splits an amount into tokens; ParseAmount then checks their order.
func lexAmount(s string) []token {
	var toks []token
	classOf := func(r rune) tokenKind {
		switch {
		case isDigit(r) || r == ',' || r == '.':
			return tokNumber
		case unicode.IsLetter(r):
			return tokWord
		case unicode.IsSpace(r):
			return tokSpace
		}
		return tokOther
	}
	start, prev := 0, tokenKind(-1)
	for i, r := range s {
		k := classOf(r)
		if i > 0 && (k != prev || k == tokOther) {
			toks = append(toks, token{prev, s[start:i]})
			start = i
		}
		prev = k
	}
	if len(s) > 0 {
		toks = append(toks, token{prev, s[start:]})
	}
	return toks
}

func dropSpaces(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.kind != tokSpace {
			out = append(out, t)
		}
	}
	return out
}

func firstOf(toks []token, k tokenKind) int {
	for i, t := range toks {
		if t.kind == k {
			return i
		}
	}
	return -1
}
