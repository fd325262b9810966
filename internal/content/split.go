package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
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

// block is what the splitter found. adrg/frontmatter hands the raw block to a
// format's Unmarshal; ours only records it, and the decoding happens after the
// split so that it can report lines relative to the whole file.
type block struct {
	syntax syntax
	data   []byte
	found  bool
}

func capture(s syntax) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		b := v.(*block)
		b.syntax, b.data, b.found = s, data, true
		return nil
	}
}

// formats are the delimiters we accept: adrg/frontmatter's defaults, with
// every decoder replaced by capture. The table is never modified.
var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture(syntaxYAML)),
	frontmatter.NewFormat("---yaml", "---", capture(syntaxYAML)),
	frontmatter.NewFormat("+++", "+++", capture(syntaxTOML)),
	frontmatter.NewFormat("---toml", "---", capture(syntaxTOML)),
	frontmatter.NewFormat(";;;", ";;;", capture(syntaxJSON)),
	frontmatter.NewFormat("---json", "---", capture(syntaxJSON)),
	// A bare JSON object: the braces belong to the data, and an empty line
	// must follow the closing one.
	{Start: "{", End: "}", Unmarshal: capture(syntaxJSON), UnmarshalDelims: true, RequiresNewLine: true},
}

// opening finds the first non-blank line the way adrg/frontmatter does
// (whitespace trimmed) and returns its format, or nil when it opens none.
func opening(text []byte) (f *frontmatter.Format, line int) {
	line = 1
	for len(text) > 0 {
		cur, rest, _ := bytes.Cut(text, newline)
		if t := bytes.TrimSpace(cur); len(t) > 0 {
			for _, f := range formats {
				if string(t) == f.Start {
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
func closingHint(f *frontmatter.Format) string {
	if f.RequiresNewLine {
		return "end the JSON object with a line holding only }, then an empty line"
	}
	return "end it with a line holding only " + f.End
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
