// Package content turns one source file into a Briefing: it splits and decodes
// the front matter, validates it against the schema, and reports every problem
// with the file, line and field it is about.
package content

import (
	"slices"
	"strings"
	"time"

	"brief/internal/money"
)

// Briefing is one parsed source file. It is immutable once parsed, so the
// build can share it between goroutines and cache it across rebuilds.
type Briefing struct {
	Path string // slash-separated, relative to the site root: "content/briefings/x.md"

	Title         string
	Date          time.Time // in the offset the editor wrote (UTC when none was given)
	Updated       time.Time // zero when not given
	Jurisdictions []string  // as written, trimmed, duplicates removed, order kept
	Funding       []Funding
	Tags          []string // as written, trimmed, duplicates (case-insensitive) removed, order kept
	Summary       string
	Draft         bool
	Slug          string  // from front matter; empty when not given (the site derives one from the file name)
	Aliases       []Alias // deduplicated, order kept
	// TranslationKey links the editions of one briefing in several
	// languages when their file names differ; empty when not given.
	TranslationKey string

	// JurisdictionLines and TagLines hold the line of each of Jurisdictions
	// and Tags, so that a name can be pointed at in a list that spans lines.
	JurisdictionLines []int
	TagLines          []int

	// Image is the briefing's picture for cards and link previews, as
	// written: a path relative to the file, a site path (/img/x.png) in
	// static/, or an http(s) URL. ImageAlt describes it; it is empty only
	// when the editor wrote imageAlt: decorative.
	Image    string
	ImageAlt string
	Sources  []Source
	Authors  []string

	Body     []byte // the Markdown after the front matter, CRLF normalised to LF, BOM removed
	BodyLine int    // 1-based line of the file on which Body starts

	// Lines holds the 1-based line where each top-level field ("title",
	// "tags", ...) is set, so later stages can point at it. Missing when
	// unknown.
	Lines FieldLines
}

// FieldLines are the lines of a briefing's top-level fields, sorted by
// field name. Every briefing of the model keeps them for error messages:
// a short slice whose names are the schema's own strings takes a fraction
// of a map's memory, and ten or so entries are found as fast.
type FieldLines []FieldLine

// FieldLine is the 1-based line where a field is set.
type FieldLine struct {
	Field string
	Line  int
}

// Get returns the line of field, and whether it is known.
func (ls FieldLines) Get(field string) (int, bool) {
	i, ok := ls.find(field)
	if !ok {
		return 0, false
	}
	return ls[i].Line, true
}

// Set records the line of field, replacing any line it had.
func (ls *FieldLines) Set(field string, line int) {
	i, ok := ls.find(field)
	if ok {
		(*ls)[i].Line = line
		return
	}
	*ls = slices.Insert(*ls, i, FieldLine{Field: field, Line: line})
}

func (ls FieldLines) find(field string) (int, bool) {
	return slices.BinarySearchFunc(ls, field, func(l FieldLine, f string) int { return strings.Compare(l.Field, f) })
}

// Funding is one funding figure, e.g. CNY 100m a year, stated as about US$14m.
type Funding struct {
	Amount     money.Decimal
	AmountText string // the editor's wording, e.g. "100m", kept for messages
	Currency   string // ISO 4217 code, upper case
	USD        *money.Decimal
	USDText    string // the editor's wording of the USD figure; empty when not stated
	Purpose    string
	Line       int // 1-based line of the item in the file

	// Jurisdiction is the one the money is for, as written; empty when
	// the item inherits the briefing's (see site.Attribution).
	Jurisdiction     string
	JurisdictionLine int
	// Date is when the money was committed or announced; zero when the
	// item inherits the briefing's date.
	Date time.Time
	// Per is "year" for an amount given each year From to To (years,
	// inclusive; From is 0 when it is the year of the item's date), and
	// empty for a one-off amount.
	Per      string
	From, To int
}

// Source is one cited source.
type Source struct {
	Title string
	URL   string
}

// Line returns the line of a top-level field, or 1 when it is not known, so
// that a diagnostic always points into the file.
func (b *Briefing) Line(field string) int {
	if l, ok := b.Lines.Get(field); ok && l > 0 {
		return l
	}
	return 1
}
