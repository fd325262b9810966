// Package search builds the site's full-text search index: a small
// manifest, term chunks that the browser loads only when a query needs
// their terms, a set of briefing ids per filter value, and one small
// fragment per briefing with what a result shows. Everything is a pure
// function of the briefings given, in the order given.
//
// The browser side is the theme's js/search.js; it parses queries with
// the same rules as ParseQuery and reads the files the way Reader does.
package search

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"brief/internal/binenc"
	"brief/internal/content"
	"brief/internal/jsonquote"
	"brief/internal/lending"
	"brief/internal/markdown"
)

// Doc is one briefing as the index sees it.
type Doc struct {
	URL           string   // as links write it, e.g. "/briefings/hk-vatp/"
	Title         string   // weighed most
	Date          string   // "2006-01-02"
	Headings      []string // weighed second
	Summary       string   // summary, tags and jurisdictions are weighed third
	Tags          []string
	Jurisdictions []string
	Body          string // plain text; body, funding and sources are weighed least
	// BodyPlain says that Body holds nothing that JSON escapes
	// (markdown.Result.TextPlain): its fragment takes it as it is, without
	// a pass over it.
	BodyPlain bool
	Funding   []string // funding purposes
	Sources   []string // source titles
	Filters   []Filter // the filter values the briefing is found under
}

// NewDoc fills a Doc from a parsed briefing and its rendered body (with
// its plain text). The caller sets the URL and the filters, and may give
// tags and jurisdictions the spelling the site uses for them.
func NewDoc(b *content.Briefing, body *markdown.Result) *Doc {
	d := &Doc{Title: b.Title, Date: b.Date.Format("2006-01-02"), Summary: b.Summary, Body: body.Text,
		BodyPlain: body.TextPlain, Tags: b.Tags, Jurisdictions: b.Jurisdictions}
	// Each list is made in one block of its size (nil when empty).
	d.Headings = sized[string](len(body.Headings))
	for _, h := range body.Headings {
		d.Headings = append(d.Headings, h.Text)
	}
	d.Funding = sized[string](len(b.Funding))
	for _, f := range b.Funding {
		d.Funding = append(d.Funding, f.Purpose)
	}
	d.Sources = sized[string](len(b.Sources))
	for _, s := range b.Sources {
		d.Sources = append(d.Sources, s.Title)
	}
	return d
}

// sized is an empty slice with room for n, or nil for none.
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// Filter is one value of a filter: {"jurisdiction", "hong-kong"}. A
// briefing filed under Beijing is also found under China.
type Filter struct {
	Kind, Value string
}

// Field weights: a term's score in a briefing is its best field's base plus
// a small bonus for how often it occurs, never enough to reach the next
// field. Scores fit in a byte.
const (
	scoreTitle   = 192
	scoreHeading = 128
	scoreMeta    = 64 // summary, tags, jurisdictions
	scoreBody    = 0  // body, funding purposes, sources
	bonusStep    = 4  // per doubling of occurrences, at most 8 steps
)

// Entry is a Doc analysed for the index: its terms with their scores and
// its fragment. Entries are immutable once made, so a caller may keep them
// between builds and hand the same Entry again for an unchanged briefing.
type Entry struct {
	terms string // each ended by a NUL, in the order met: one string, not a slice of them
	// numbered are, instead of terms, in an entry made for a Collector
	// (AnalyseUnsummed), the terms as the analyser's vocabulary numbers
	// them: a Collector looks each number up once per vocabulary, not
	// each term's string once per entry.
	numbered    *numberedTerms
	scores      []uint8  // per term
	filters     []Filter // sorted, distinct
	fragment    []byte   // plain JSON
	fragmentSum uint64
}

// termText is the entry's terms as terms holds them.
func (e *Entry) termText() string {
	n := e.numbered
	if n == nil {
		return e.terms
	}
	if n.taken {
		panic("search: the terms of an entry that a Collector packed are read")
	}
	var b strings.Builder
	for _, id := range n.ids {
		b.WriteString(n.names[id])
		b.WriteByte(0)
	}
	return b.String()
}

// FragmentFile is the entry's fragment file, for a caller that writes it at
// once.
func (e *Entry) FragmentFile() []byte { return e.fragment }

// WithoutFragment is e without its fragment's bytes, for a caller that
// wrote them already (FragmentFile) and builds the index only once: the
// index's File for that fragment then has nil Data, and the rest is the
// same.
func (e *Entry) WithoutFragment() *Entry {
	c := *e
	c.fragment = nil
	return &c
}

// Written is WithoutFragment for a caller that has written the fragment
// and holds e no more, nor anything FragmentFile gave it: the fragment's
// buffer goes to the next entry Analyse makes (a body's text in JSON, 45
// MB over 10,000 briefings, each used once).
func (e *Entry) Written() *Entry {
	c := e.WithoutFragment()
	if b := e.fragment; b != nil {
		e.fragment = nil
		lending.Spoil(b)
		fragments.Put(&b)
	}
	return c
}

// fragments hold the buffers of fragments written and let go of (Written).
var fragments sync.Pool

// fragmentBuffer is an empty buffer with room for size bytes.
func fragmentBuffer(size int) []byte {
	if bp, _ := fragments.Get().(*[]byte); bp != nil && cap(*bp) >= size {
		return (*bp)[:0]
	}
	// A buffer too short is dropped, so that the pool keeps the longer
	// ones (one put back would be taken again first, every time).
	return make([]byte, 0, size)
}

// termCursor walks an Entry's terms in order.
type termCursor struct {
	terms string
	at, i int // byte offset of the next term, and its index
}

// next returns the next term, or false at the end.
func (c *termCursor) next() (string, bool) {
	if c.at >= len(c.terms) {
		return "", false
	}
	// Terms are short: a call to find the NUL costs more than looking at
	// eight bytes at once, the first NUL of which a test that subtracts
	// marks rightly (it may mark bytes after it too).
	end := c.at
	for {
		if end+8 > len(c.terms) {
			for c.terms[end] != 0 {
				end++
			}
			break
		}
		x := load8(c.terms[end:])
		if nul := (x - 0x0101010101010101) &^ x & 0x8080808080808080; nul != 0 {
			end += bits.TrailingZeros64(nul) / 8
			break
		}
		end += 8
	}
	t := c.terms[c.at:end]
	c.at = end + 1
	c.i++
	return t, true
}

// Fragment is what a result shows, in f/<id>.json.
type Fragment struct {
	Title         string   `json:"title"`
	URL           string   `json:"url"`
	Date          string   `json:"date"`
	Jurisdictions []string `json:"jurisdictions,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Summary       string   `json:"summary,omitempty"`
	Text          string   `json:"text,omitempty"`
}

// Analyse tokenises every field of d and scores each term.
func Analyse(d *Doc) *Entry {
	e := analyse(d)
	e.fragmentSum = sum(e.fragment)
	return e
}

// AnalyseUnsummed is Analyse for a caller that reads the fragment's
// fingerprint nowhere (File.Sum is 0 for it): a build that writes the
// index once and keeps nothing of it, for which hashing every fragment (a
// body's text) is a pass over its bytes that nobody reads. Its entries
// must not be encoded for a later build. Their terms are for one Indexer
// or Collector: a Collector takes them as it packs them (their room
// serves the next entries), and nothing may read them then.
func AnalyseUnsummed(d *Doc) *Entry {
	a := analysers.Get().(*analyser)
	defer analysers.Put(a)
	return a.numberedEntry(d)
}

func analyse(d *Doc) *Entry {
	a := analysers.Get().(*analyser)
	defer analysers.Put(a)
	return a.entry(d)
}

// numberedTerms are an entry's terms by their numbers in a vocabulary
// (ids) and that vocabulary's terms by number as it was (names), which
// it only appends to until it is emptied, when it takes new room (see
// vocabulary.clear). epoch tells the vocabulary as it was from any other,
// and from itself before it was last emptied.
type numberedTerms struct {
	ids   []int32
	names []string
	epoch uint64
	taken bool // by a Collector (see giveBack)
}

// numberBuffers hold the ids of entries a Collector packed (giveBack): a
// one-shot build's entries are let go of one by one as they are packed,
// and their ids were a tenth of what it allocated for the search index.
var numberBuffers sync.Pool

// numberBuffer is an empty buffer with room for n ids.
func numberBuffer(n int) []int32 {
	if bp, _ := numberBuffers.Get().(*[]int32); bp != nil && cap(*bp) >= n {
		return (*bp)[:0]
	}
	// A buffer too short is dropped, so that the pool keeps the longer
	// ones; a new one has some room to spare.
	return make([]int32, 0, n+n/4)
}

// giveBack lets go of the ids, for a later entry's.
func (n *numberedTerms) giveBack() {
	ids := n.ids
	n.ids, n.names, n.taken = nil, nil, true
	numberBuffers.Put(&ids)
}

// entry is analyse with this analyser.
func (a *analyser) entry(d *Doc) *Entry {
	a.begin()
	defer a.end()
	e := a.count(d)
	a.text = a.text[:0]
	for _, id := range a.at {
		a.text = append(append(a.text, a.vocab.termOf(id)...), 0)
	}
	e.terms = string(a.text)
	return e
}

// numberedEntry is entry with its terms numbered.
func (a *analyser) numberedEntry(d *Doc) *Entry {
	a.begin()
	defer a.end()
	e := a.count(d)
	ids := append(numberBuffer(len(a.at)), a.at...)
	e.numbered = &numberedTerms{ids: ids, names: a.vocab.terms.names, epoch: a.vocab.epoch}
	return e
}

// count analyses d, a document begun, into an entry without its terms,
// which a.at holds until the document ends.
func (a *analyser) count(d *Doc) *Entry {
	a.add(d.Title, scoreTitle)
	for _, h := range d.Headings {
		a.add(h, scoreHeading)
	}
	a.add(d.Summary, scoreMeta)
	for _, t := range d.Tags {
		a.add(t, scoreMeta)
	}
	for _, j := range d.Jurisdictions {
		a.add(j, scoreMeta)
	}
	if d.BodyPlain {
		// It holds nothing JSON escapes, bytes that are not UTF-8
		// included: no pass over it to tell.
		a.addUTF8(d.Body, scoreBody)
	} else {
		a.add(d.Body, scoreBody)
	}
	for _, f := range d.Funding {
		a.add(f, scoreBody)
	}
	for _, s := range d.Sources {
		a.add(s, scoreBody)
	}
	e := &Entry{scores: make([]uint8, len(a.at))}
	for k, id := range a.at {
		s := &a.vocab.seen[id]
		e.scores[k] = s.best + bonusStep*uint8(min(bits.Len(uint(s.count)), 8))
	}
	e.filters = slices.Clone(d.Filters)
	slices.SortFunc(e.filters, compareFilters)
	e.filters = slices.Compact(e.filters)
	e.fragment = fragmentJSON(d)
	return e
}

// forTerms calls emit with each index term of text, repeats included.
func forTerms(text string, emit func(string)) {
	tokenize(Normalize(text), func(t token) {
		switch {
		case t.tooLong:
		case t.cjk:
			cjkTerms(t.text, emit)
		default:
			emit(stem(t.text))
		}
	})
}

// FragmentOf is the fragment file of Analyse(d) and its fingerprint, for
// a caller that kept an entry WithoutFragment (a build cache, which would
// otherwise hold every body's text) and must write it again.
func FragmentOf(d *Doc) ([]byte, uint64) {
	data := fragmentJSON(d)
	return data, sum(data)
}

// fragmentJSON encodes what a result shows. It is stored as plain JSON: the
// host compresses it as it serves it, as it does the pages (gzipping ten
// thousand small files one by one cost as much as analysing them). The
// browser puts its strings into text nodes only; "<", ">" and "&" are
// escaped all the same, so that no file of the site holds markup an editor
// did not mean as markup.
//
// It writes what encoding/json writes for a Fragment (its field order, its
// omitempty, its escapes), byte for byte, without reflection and in one
// buffer sized for it: a fragment holds a whole body's text.
func fragmentJSON(d *Doc) []byte {
	size := len(`{"title":,"url":,"date":,"jurisdictions":,"tags":,"summary":,"text":}`) + 2*7 +
		len(d.Title) + len(d.URL) + len(d.Date) + len(d.Summary) + len(d.Body)
	for _, l := range [][]string{d.Jurisdictions, d.Tags} {
		for _, s := range l {
			size += len(s) + 3
		}
	}
	b := fragmentBuffer(size + size/32) // room for a few escapes
	b = jsonquote.Append(append(b, `{"title":`...), d.Title, true)
	b = jsonquote.Append(append(b, `,"url":`...), d.URL, true)
	b = jsonquote.Append(append(b, `,"date":`...), d.Date, true)
	b = appendStrings(b, `,"jurisdictions":`, d.Jurisdictions)
	b = appendStrings(b, `,"tags":`, d.Tags)
	if d.Summary != "" {
		b = jsonquote.Append(append(b, `,"summary":`...), d.Summary, true)
	}
	switch {
	case d.Body == "":
	case d.BodyPlain:
		b = append(append(append(b, `,"text":"`...), d.Body...), '"')
	default:
		b = jsonquote.Append(append(b, `,"text":`...), d.Body, true)
	}
	return append(b, '}')
}

// appendStrings appends a member whose value is a list of strings, unless
// the list is empty (omitempty).
func appendStrings(b []byte, key string, l []string) []byte {
	if len(l) == 0 {
		return b
	}
	b = append(b, key...)
	for i, s := range l {
		b = append(b, "[,"[min(i, 1)])
		b = jsonquote.Append(b, s, true)
	}
	return append(b, ']')
}

func compareFilters(a, b Filter) int {
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return strings.Compare(a.Value, b.Value)
}

// Encode appends the entry to w, for a build cache; DecodeEntry reads it
// back.
func (e *Entry) Encode(w *binenc.Writer) {
	w.String(e.termText())
	w.Bytes(e.scores)
	w.Uint(uint64(len(e.filters)))
	for _, f := range e.filters {
		w.String(f.Kind)
		w.String(f.Value)
	}
	w.Bytes(e.fragment)
	w.Sum(e.fragmentSum)
}

// DecodeEntry reads an entry that Encode wrote; a damaged one (terms and
// scores that disagree, filters out of order) is r's error. The
// fragment's fingerprint is read, not computed again over every fragment
// of the site: the cache's own checksum covers it.
func DecodeEntry(r *binenc.Reader) *Entry {
	e := &Entry{terms: r.String(), scores: r.Bytes()}
	if n := r.Len(); n > 0 {
		e.filters = make([]Filter, n)
		for i := range e.filters {
			e.filters[i] = Filter{Kind: r.String(), Value: r.String()}
		}
	}
	e.fragment, e.fragmentSum = r.Bytes(), r.Sum()
	if len(e.fragment) == 0 {
		e.fragment = nil // kept WithoutFragment: see FragmentOf
	}
	if r.Err() != nil {
		return nil
	}
	if strings.Count(e.terms, "\x00") != len(e.scores) || (e.terms != "" && !strings.HasSuffix(e.terms, "\x00")) ||
		!slices.IsSortedFunc(e.filters, compareFilters) {
		r.Fail()
		return nil
	}
	return e
}
