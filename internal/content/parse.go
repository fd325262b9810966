package content

import (
	"bytes"
	"fmt"
	"time"
	"unicode/utf8"

	"brief/internal/diag"
)

// Options tune Parse for a site.
type Options struct {
	// Location is the zone of date-only values: "2023-05-29" is midnight
	// there. Nil means UTC.
	Location *time.Location
	// BodyInSource leaves Body a view of src (or of the copy Parse made
	// of it to fix its line endings or encoding) instead of a copy of its
	// own, for a caller that lets go of the body before it reuses src: a
	// one-shot build, which reads a source again to render its body,
	// makes no copy of every body (50 MB at 10,000 briefings).
	BodyInSource bool
}

// Parse reads one source file. path is slash-separated and relative to the
// site root ("content/briefings/x.md"); it is used only in diagnostics.
//
// It returns the briefing and every problem found, not just the first. When
// the list has errors the briefing must not be published. It is nil only
// when the front matter block is not closed, so that nobody can tell where
// the body starts; when the block is missing, or its fields cannot be
// decoded, it holds just Path, Body and BodyLine, so that the body's links
// can still be checked in the same run. Parse is safe for concurrent use and
// does not keep or modify src.
func Parse(path string, src []byte, opt Options) (*Briefing, diag.List) {
	p := parser{path: path, loc: opt.Location, scratch: scratches.Get().(*scratch)}
	defer func() { p.scratch.reset(); scratches.Put(p.scratch) }()
	if p.loc == nil {
		p.loc = time.UTC
	}
	text := p.normalised(src)
	root, raws, headLen := p.frontMatter(text)
	if headLen < 0 {
		return nil, p.diags
	}
	b := bodyOnly(path, text, headLen, !opt.BodyInSource)
	p.checkBody(b.Body, b.BodyLine)
	if root == nil {
		return b, p.diags
	}
	b.Lines = make(FieldLines, 0, min(len(root.keys), len(briefingFields)))
	p.fill(b, root, p.controls(root, raws))
	return b, p.diags
}

// normalised is src with a byte-order mark removed and line endings made
// LF; bytes that are not UTF-8 are reported and replaced.
func (p *parser) normalised(src []byte) []byte {
	text := normalise(src)
	if p.plain = plainText(text); p.plain {
		return text // valid, and no control character in its body
	}
	line := firstInvalidLine(text)
	if line == 0 {
		return text // valid: no second look needed
	}
	p.errorf(line, "", "save the file as UTF-8", "file is not valid UTF-8")
	return validUTF8(text)
}

// Normalise is the text Parse reads of src: without a byte-order mark, with
// LF line endings, and with bytes that are not UTF-8 replaced (Parse reports
// them, and goes on so that every other problem is still reported once
// rather than as a decoder's follow-on error). A Briefing's Body is the end
// of it, so a caller that lets go of the body can find it again in the same
// source: BodyAt(src, len(Normalise(src))-len(b.Body)).
func Normalise(src []byte) []byte { return validUTF8(normalise(src)) }

func validUTF8(text []byte) []byte {
	if utf8.Valid(text) {
		return text
	}
	return bytes.ToValidUTF8(text, []byte("\uFFFD"))
}

// BodyAt is the body that starts at byte at of src's normalised text.
func BodyAt(src []byte, at int) []byte { return Normalise(src)[at:] }

// frontMatter finds and decodes the front matter block of a normalised file,
// with raw control characters masked (see maskControls). headLen is the
// length of the block with its delimiters (0 when there is none), or -1
// when it is not closed, so that nobody can tell where the body starts. root
// is nil when there is nothing to decode; the problem is reported.
func (p *parser) frontMatter(text []byte) (root *node, raws []rawControl, headLen int) {
	blk, headLen := split(text)
	open, openLine := opening(text)
	if !blk.found {
		if open != nil {
			p.errorf(openLine, "", closingHint(open), "front matter block is not closed")
			return nil, nil, -1
		}
		p.errorf(1, "", `start the file with a block such as ---\ntitle: My briefing\ndate: 2023-05-29\n---`, "no front matter")
		return nil, nil, 0
	}

	p.syntax = blk.syntax
	p.openLine = openLine
	first := openLine + 1 // file line of the block's first byte
	if open != nil && open.withDelims {
		first = openLine
	}
	data, raws := blk.data, []rawControl(nil)
	if !p.plain {
		data, raws = maskControls(blk.data, first)
	}
	root, bad := p.decode(data, first)
	if bad != nil {
		p.errorf(bad.line, "", bad.hint, "front matter is not valid %s: %s", p.syntax, bad.msg)
		return nil, nil, headLen
	}
	return root, raws, headLen
}

// bodyOnly is a briefing with just its path and the body that starts after
// headLen bytes of text, a copy of it when clone is set.
func bodyOnly(path string, text []byte, headLen int, clone bool) *Briefing {
	b := &Briefing{
		Path:     path,
		Body:     text[headLen:],
		BodyLine: 1 + bytes.Count(text[:headLen], newline),
	}
	if clone {
		// The body lives in src: keep an exact copy, since a build may
		// hold bodies and must not keep its caller's bytes.
		b.Body = bytes.Clone(b.Body)
	}
	if headLen > 0 && text[headLen-1] != '\n' {
		b.BodyLine++ // the file ends on the closing delimiter
	}
	return b
}

// parser holds the state of one Parse call.
type parser struct {
	path     string
	loc      *time.Location
	syntax   syntax
	openLine int // line of the opening delimiter, for fields that are missing
	// plain is set when the file is printable ASCII, tabs and line feeds
	// only: valid UTF-8, and no control character to look for.
	plain bool
	// quick is set when the quick YAML decoder made the tree: its strings
	// are pieces of single lines of the block, or true and false.
	quick bool
	// scratch is where the quick YAML decoder makes the tree (nil: a
	// fresh one); Parse lends it one for the call.
	scratch *scratch

	diags diag.List
}

func (p *parser) errorf(line int, field, hint, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(p.path, line, field, hint, format, args...))
}

// syntaxError is a decoder's complaint, already placed on a file line.
type syntaxError struct {
	line int
	msg  string
	hint string
}

func (p *parser) decode(data []byte, first int) (*node, *syntaxError) {
	switch p.syntax {
	case syntaxTOML:
		return decodeTOML(data, first)
	case syntaxJSON:
		return decodeJSON(data, first)
	}
	root, quick, err := decodeYAML(data, first, p.scratch)
	p.quick = quick
	return root, err
}

// tooLarge is the error for a block that would decode into more than maxNodes values.
func tooLarge(line int) *syntaxError {
	return &syntaxError{line: line, msg: fmt.Sprintf("more than %d values", maxNodes), hint: "front matter holds a briefing's fields, not data"}
}
