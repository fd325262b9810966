package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkEmphasisParser is goldmark's emphasis parser with one change for "*":
// a CJK character next to a delimiter run counts like whitespace when
// deciding whether the run may open or close. CommonMark's flanking rules
// assume words are separated by spaces, so `投入**“1亿元”**支持` (no spaces,
// punctuation inside the stars) would otherwise keep its asterisks. "_" keeps
// the standard rules: it is rare in Chinese prose and common in identifiers.
type cjkEmphasisParser struct{}

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (cjkEmphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	var arena *delimiterArena
	if st := stateOf(pc); st != nil {
		arena = st.delims
	}
	d := scanEmphasisRun(line, before, arena)
	if d == nil {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// scanEmphasisRun reads the run of '*' or '_' at the start of line and works
// out whether it can open and/or close emphasis. The delimiter comes from
// the arena unless that is nil.
func scanEmphasisRun(line []byte, before rune, arena *delimiterArena) *parser.Delimiter {
	if len(line) == 0 || (line[0] != '*' && line[0] != '_') {
		return nil
	}
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	after := ' '
	if n < len(line) {
		after = util.ToRune(line, n)
	}
	canOpen, canClose := emphasisFlanks(c, before, after)
	return newDelimiter(arena, canOpen, canClose, n, c, emphasisDelimiters{})
}

// emphasisFlanks says whether a run of c between the characters before and
// after it can open and close emphasis: CommonMark's flanking rules, with
// CJK counting as whitespace beside "*". The fast path asks it too.
func emphasisFlanks(c byte, before, after rune) (canOpen, canClose bool) {
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	// For '*', CJK on the far side plays the part of the whitespace that
	// CommonMark expects beyond punctuation.
	cjkBefore := c == '*' && isCJK(before)
	cjkAfter := c == '*' && isCJK(after)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct || cjkBefore)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct || cjkAfter)
	if c == '_' {
		return left && (!right || beforePunct), right && (!left || afterPunct)
	}
	return left, right
}

// emphasisDelimiters turns matched '*' or '_' runs into emphasis nodes.
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul character:
// the scripts written without spaces between words.
func isCJK(r rune) bool {
	// Below 0x2E80 only Hangul Jamo (0x1100-0x11FF) belongs to these
	// scripts; the common case, and typographic quotes and dashes
	// (0x2000-0x206F), need no table search. TestIsCJKRanges holds this.
	if r < 0x2E80 {
		return r >= 0x1100 && r <= 0x11FF
	}
	if mainHan(r) {
		return true
	}
	if r >= 0xFF01 && r <= 0xFF5E || r >= 0x3001 && r <= 0x3004 {
		return false // the full-width forms of ASCII ("，", "："), and "、", "。"
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
