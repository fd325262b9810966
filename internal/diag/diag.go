// Package diag carries problems found in a site's sources: each names the file,
// line and field it is about, says what is wrong, and hints at a fix. A build
// collects all of them rather than stopping at the first.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed but the build still succeeds.
	Warning
)

// Diagnostic is one problem in one place.
type Diagnostic struct {
	File     string // slash-separated path relative to the site root, e.g. content/briefings/x.md
	Line     int    // 1-based line in File; 0 when unknown or the whole file
	Column   int    // 1-based column (in characters) on Line; 0 when unknown
	Field    string // e.g. "funding[0].currency"; empty when not about a field
	Msg      string // what is wrong, lower case, no trailing period
	Hint     string // how to fix it, e.g. `did you mean "jurisdiction"?`; may be empty
	Severity Severity
	// Link marks a broken link: a missing page or #anchor. Such errors
	// become warnings when the site asks for it (--broken-links=warn).
	Link bool
}

// Error formats the diagnostic as file:line: field: message (hint).
func (d Diagnostic) Error() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
		}
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// List is a set of diagnostics; as an error it prints one per line, sorted.
type List []Diagnostic

// Error prints every diagnostic on its own line.
func (l List) Error() string {
	s := l.Sorted()
	lines := make([]string, len(s))
	for i, d := range s {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Sorted returns a copy ordered by file, line, field and message, so that
// output is stable whatever order parallel stages found them in.
func (l List) Sorted() List {
	s := append(List(nil), l...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
	return s
}

// Errors returns only the diagnostics that fail the build.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

// HasErrors reports whether any diagnostic fails the build.
func (l List) HasErrors() bool { return len(l.Errors()) > 0 }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// LinksAsWarnings returns l with its broken links (see Diagnostic.Link)
// turned into warnings; l itself is not changed.
func (l List) LinksAsWarnings() List {
	out := make(List, len(l))
	for i, d := range l {
		if d.Link {
			d.Severity = Warning
		}
		out[i] = d
	}
	return out
}

// Errorf makes an error diagnostic.
func Errorf(file string, line int, field, hint, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Field: field, Hint: hint, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(file string, line int, field, hint, format string, args ...any) Diagnostic {
	d := Errorf(file, line, field, hint, format, args...)
	d.Severity = Warning
	return d
}

// Suggest returns the candidate closest to word by edit distance, or "" when
// none is close enough to be a likely typo. Used for did-you-mean hints.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := distance(lw, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := len([]rune(word))/3 + 1
	if limit > 3 {
		limit = 3
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// DidYouMean formats a hint for Suggest's answer, or "" when there is none.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}

// distance is the edit distance between two strings, by runes, where a
// swap of two neighbours counts as one edit like an insertion, a deletion
// or a substitution: "titel" is one edit from "title", so it is suggested
// rather than "site", two edits away.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	back := make([]int, len(rb)+1) // row i-2
	prev := make([]int, len(rb)+1) // row i-1
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], back[j-2]+1)
			}
		}
		back, prev, cur = prev, cur, back
	}
	return prev[len(rb)]
}

// ControlHint is the hint for a control character in a site's text.
const ControlHint = "remove it: control characters are invisible and garble pages, feeds and terminals"

// controlNames names the control characters editors meet most.
var controlNames = map[rune]string{
	0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
	0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI",
}

// ControlName shows a control character in a message: "U+0007 (BEL)".
func ControlName(r rune) string {
	if n, ok := controlNames[r]; ok {
		return fmt.Sprintf("%U (%s)", r, n)
	}
	return fmt.Sprintf("%U", r)
}
