package content

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// syntax is the language of a front matter block.
type syntax uint8

const (
	syntaxYAML syntax = iota + 1
	syntaxTOML
	syntaxJSON
)

func (s syntax) String() string {
	switch s {
	case syntaxYAML:
		return "YAML"
	case syntaxTOML:
		return "TOML"
	}
	return "JSON"
}

// inlineMap writes a one-line map of the given keys and values (already
// written as values) in the block's own syntax, for hints.
func (s syntax) inlineMap(kv ...string) string {
	parts := make([]string, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, s.assignment(kv[i], kv[i+1]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// assignment writes key = value in the block's own syntax, for hints.
func (s syntax) assignment(key, value string) string {
	switch s {
	case syntaxTOML:
		return key + " = " + value
	case syntaxJSON:
		return `"` + key + `": ` + value
	}
	return key + ": " + value
}

// block is what split found: the raw block, decoded after the split so
// that the decoder can report lines relative to the whole file.
type block struct {
	syntax syntax
	data   []byte
	found  bool
}

// delims are a front matter block's opening and closing lines.
type delims struct {
	start, end string
	syntax     syntax
	withDelims bool // the delimiter lines belong to the data (a bare JSON object)
	blankAfter bool // an empty line must follow the closing one
}

// formats are the delimiters we accept, those of the Hugo family (the
// defaults of adrg/frontmatter, which brief used before and still agrees
// with, as a test checks). The table is never modified.
var formats = []*delims{
	{start: "---", end: "---", syntax: syntaxYAML},
	{start: "---yaml", end: "---", syntax: syntaxYAML},
	{start: "+++", end: "+++", syntax: syntaxTOML},
	{start: "---toml", end: "---", syntax: syntaxTOML},
	{start: ";;;", end: ";;;", syntax: syntaxJSON},
	{start: "---json", end: "---", syntax: syntaxJSON},
	{start: "{", end: "}", syntax: syntaxJSON, withDelims: true, blankAfter: true},
}

// split finds the front matter block of text in place, without copying:
// the first non-blank line (whitespace trimmed) must open one of formats,
// and the block ends at the first line, trimmed, that closes it. A last
// line without a newline cannot open a block but can close one. headLen is
// the length of the block with its delimiters, 0 when there is none.
func split(text []byte) (blk block, headLen int) {
	read := 0
	line := func() (trimmed []byte, atEOF bool) {
		rest := text[read:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			read = len(text)
			return bytes.TrimSpace(rest), true
		}
		read += i + 1
		return bytes.TrimSpace(rest[:i+1]), false
	}
	var f *delims
	start := 0
	for f == nil {
		before := read
		l, atEOF := line()
		if atEOF {
			return block{}, 0
		}
		if len(l) == 0 {
			continue
		}
		for _, c := range formats {
			if string(l) == c.start {
				f, start = c, read
				if c.withDelims {
					start = before
				}
				break
			}
		}
		if f == nil {
			return block{}, 0
		}
	}
	for {
		end := read
		l, atEOF := line()
		for string(l) == f.end && f.blankAfter {
			if l, atEOF = line(); len(l) == 0 {
				end = read
				return block{syntax: f.syntax, data: text[start:end], found: true}, read
			}
		}
		if string(l) == f.end {
			return block{syntax: f.syntax, data: text[start:end], found: true}, read
		}
		if atEOF {
			return block{}, 0
		}
	}
}

// opening finds the first non-blank line the way split does (whitespace
// trimmed) and returns its format, or nil when it opens none.
func opening(text []byte) (f *delims, line int) {
	line = 1
	for len(text) > 0 {
		cur, rest, _ := bytes.Cut(text, newline)
		if t := bytes.TrimSpace(cur); len(t) > 0 {
			for _, f := range formats {
				if string(t) == f.start {
					return f, line
				}
			}
			return nil, line
		}
		text = rest
		line++
	}
	return nil, 1
}

// closingHint says how to end a block that was opened with f.
func closingHint(f *delims) string {
	if f.blankAfter {
		return "end the JSON object with a line holding only }, then an empty line"
	}
	return "end it with a line holding only " + f.end
}

var (
	newline = []byte("\n")
	crlf    = []byte("\r\n")
	bom     = []byte("\uFEFF")
)

// normalise removes a byte-order mark and turns CRLF into LF. Line numbers are
// unchanged by both. It copies only when there is a CRLF to replace.
func normalise(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	return bytes.ReplaceAll(src, crlf, newline)
}

// firstInvalidLine returns the 1-based line of the first byte that is not
// valid UTF-8, or 0 when the text is valid.
func firstInvalidLine(text []byte) int {
	if utf8.Valid(text) {
		return 0
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + bytes.Count(text[:i], newline)
		}
		i += size
	}
	return 0
}

// lineCount is the number of lines text spans (a final line without a
// newline counts).
func lineCount(text []byte) int {
	n := bytes.Count(text, newline)
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	return n
}
