package content

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unique"

	"brief/internal/slug"
)

// typeError reports a value of the wrong kind; example is a value of the
// right kind, written in the block's syntax, for the hint. A number or date
// given where text is wanted most likely just needs quotes.
func (p *parser) typeError(v *node, field, want, example string) {
	hint := "write " + p.syntax.assignment(leafName(field), example)
	switch {
	case want == "a string" && v.isScalar():
		hint = "put the value in quotes"
	case strings.HasSuffix(field, "]"): // a list item
		hint = "write each item as " + example
	}
	p.errorf(v.line, field, hint, "want %s, got %s", want, v.kind.article())
}

// leafName is the last name in a field path: funding[0].purpose -> purpose,
// tags[2] -> tags.
func leafName(field string) string {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	name, _, _ := strings.Cut(field, "[")
	return name
}

// textExample and the list examples are values in every syntax we read: a
// double-quoted string and a flow list of them are YAML, TOML and JSON alike.
const textExample = `"..."`

var listExamples = map[string]string{
	"tags":         `["Web3", "funding"]`,
	"jurisdiction": `["Beijing", "China"]`,
	"authors":      `["Brief Desk"]`,
	"aliases":      `["/2023/old-name/"]`,
}

// listExample is a list of strings for a field, for hints.
func listExample(field string) string {
	if e, ok := listExamples[leafName(field)]; ok {
		return e
	}
	return `["a", "b"]`
}

// optionalString returns a trimmed string; ok is false when the value is
// absent (null) or of the wrong kind, which is reported.
func (p *parser) optionalString(v *node, field string) (s string, ok bool) {
	switch v.kind {
	case kindString:
		s := strings.TrimSpace(v.text)
		if p.tooLong(s, v.line, field) {
			return "", false
		}
		return s, true
	case kindNull:
		return "", false
	}
	p.typeError(v, field, "a string", textExample)
	return "", false
}

// itemField names an element of a list field: tags[2].
func itemField(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// elemName names element i of the list field, or the field itself when i
// is -1 (a single string where a list may be).
func elemName(field string, i int) string {
	if i < 0 {
		return field
	}
	return itemField(field, i)
}

// stringList reads a list of strings, or a single string as a list of one,
// with the line of each. Each element is trimmed; empty ones are errors.
// check, when not nil, validates an element and reports its own error,
// naming it elemName(field, i): names are made only for messages.
func (p *parser) stringList(v *node, field string, check func(s string, line int, field string, i int) bool) ([]string, []int) {
	switch v.kind {
	case kindNull:
		return nil, nil
	case kindString:
		s := strings.TrimSpace(v.text)
		if s == "" {
			p.errorf(v.line, field, "remove the field, or write "+p.syntax.assignment(field, listExample(field)), "must not be empty")
			return nil, nil
		}
		if p.tooLong(s, v.line, field) || check != nil && !check(s, v.line, field, -1) {
			return nil, nil
		}
		return []string{unique.Make(s).Value()}, []int{v.line}
	case kindList:
		out := make([]string, 0, len(v.items))
		lines := make([]int, 0, len(v.items))
		for i, it := range v.items {
			if it.kind != kindString {
				p.typeError(it, itemField(field, i), "a string", "text, e.g. "+listExample(field))
				continue
			}
			s := strings.TrimSpace(it.text)
			if s == "" {
				p.errorf(it.line, itemField(field, i), "remove the empty item", "must not be empty")
				continue
			}
			// tooLong's own first test, before a name is made for it.
			if len(s) > shortestMaxChars && p.tooLong(s, it.line, itemField(field, i)) || check != nil && !check(s, it.line, field, i) {
				continue
			}
			// Names of tags, jurisdictions and authors recur from file to
			// file: the model keeps one copy of each.
			out = append(out, unique.Make(s).Value())
			lines = append(lines, it.line)
		}
		return out, lines
	}
	p.typeError(v, field, "a list of strings", listExample(field))
	return nil, nil
}

// boolean accepts only true and false: YAML 1.1's yes/no/on/off are errors
// rather than guesses.
func (p *parser) boolean(v *node, field string) bool {
	switch v.kind {
	case kindBool:
		return v.text == "true"
	case kindNull:
		return false
	case kindString:
		hint := "write true or false, without quotes"
		switch strings.ToLower(strings.TrimSpace(v.text)) {
		case "yes", "y", "on", "true":
			hint = "write " + p.syntax.assignment(field, "true")
		case "no", "n", "off", "false":
			hint = "write " + p.syntax.assignment(field, "false")
		}
		p.errorf(v.line, field, hint, "want true or false, got %q", v.text)
		return false
	}
	p.errorf(v.line, field, "write true or false", "want true or false, got %s", v.kind.article())
	return false
}

// slug reads the slug, which becomes one segment of the page's URL.
func (p *parser) slug(v *node) string {
	s, ok := p.optionalString(v, "slug")
	if !ok {
		return ""
	}
	if s == "" {
		p.errorf(v.line, "slug", "remove the field to use the file name", "must not be empty")
		return ""
	}
	if !validSegment(s) {
		hint := "use letters, digits and hyphens"
		if fixed := cleanSegment(s); fixed != "" {
			hint = fmt.Sprintf("try %q", fixed)
		}
		p.errorf(v.line, "slug", hint, "%q is not a valid URL segment", s)
		return ""
	}
	if slug.Make(s) == "" {
		p.errorf(v.line, "slug", "use letters, digits and hyphens", noURLMsg, s)
		return ""
	}
	return s
}

const noURLMsg = "%q has no letter or digit to make a URL from"

// checkTerm accepts a tag or jurisdiction that can have a page: one whose
// name has a letter or digit to make its URL from.
func (p *parser) checkTerm(s string, line int, field string, i int) bool {
	if !hasLetterOrDigit(s) {
		p.errorf(line, elemName(field, i), "give it at least one letter or digit", noURLMsg, s)
		return false
	}
	return true
}

// hasLetterOrDigit reports whether slug.Make(s) is not empty: it keeps
// letters and digits of any script, and nothing without them.
func hasLetterOrDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) })
}

// badInSegment reports runes that cannot appear in a URL segment as written.
func badInSegment(r rune) bool {
	return strings.ContainsRune(`/\?#%`, r) || unicode.IsSpace(r) || unicode.IsControl(r)
}

func validSegment(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.ContainsFunc(s, badInSegment)
}

// cleanSegment suggests a valid segment: bad runs become one hyphen.
func cleanSegment(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if badInSegment(r) {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	// No leading or trailing dots or hyphens: "../x" suggests "x".
	if out := strings.Trim(b.String(), ".-"); validSegment(out) {
		return out
	}
	return ""
}
