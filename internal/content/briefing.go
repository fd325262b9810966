// Package content turns one source file into a Briefing: it splits and decodes
// the front matter, validates it against the schema, and reports every problem
// with the file, line and field it is about.
package content

import (
	"cmp"
	"iter"
	"slices"
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

// FieldLines are the lines of a briefing's top-level fields. Every
// briefing of the model keeps them for error messages, so each is one word:
// the field's place among the schema's fields sorted by name, and its line.
// They are kept in that order, which is the fields' names' order.
type FieldLines []fieldLine

type fieldLine uint64

const (
	lineBits = 56
	lineMask = 1<<lineBits - 1
)

// FieldLine is the 1-based line where a field is set.
type FieldLine struct {
	Field string
	Line  int
}

// NewFieldLines returns the lines ls, set in turn (see Set).
func NewFieldLines(ls ...FieldLine) FieldLines {
	out := make(FieldLines, 0, len(ls))
	for _, l := range ls {
		out.Set(l.Field, l.Line)
	}
	return out
}

// Get returns the line of field, and whether it is known.
func (ls FieldLines) Get(field string) (int, bool) {
	r, ok := fieldRank(field)
	if !ok {
		return 0, false
	}
	i, ok := ls.find(r)
	if !ok {
		return 0, false
	}
	return int(ls[i] & lineMask), true
}

// Set records the line of field, replacing any line it had. Only the
// schema's top-level fields have lines: a field it does not know is not
// kept (it is an error, told where it is found), nor is a line that is
// not in [0, 2^56).
func (ls *FieldLines) Set(field string, line int) {
	r, ok := fieldRank(field)
	if !ok || line < 0 || line > lineMask {
		return
	}
	l := fieldLine(r)<<lineBits | fieldLine(line)
	i, ok := ls.find(r)
	if ok {
		(*ls)[i] = l
		return
	}
	*ls = slices.Insert(*ls, i, l)
}

// All yields the fields and their lines, sorted by field name.
func (ls FieldLines) All() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, l := range ls {
			if !yield(fieldsByName[l>>lineBits], int(l&lineMask)) {
				return
			}
		}
	}
}

func (ls FieldLines) find(rank int) (int, bool) {
	return slices.BinarySearchFunc(ls, rank, func(l fieldLine, r int) int { return cmp.Compare(int(l>>lineBits), r) })
}

// fieldsByName are the names of the schema's top-level fields, sorted.
var fieldsByName = func() []string {
	names := fieldNames(briefingFields)
	slices.Sort(names)
	return names
}()

// fieldRank is field's place in fieldsByName.
func fieldRank(field string) (int, bool) {
	return slices.BinarySearch(fieldsByName, field)
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
