package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"

	"brief/internal/config"
	"brief/internal/funding"
	"brief/internal/jsonquote"
	"brief/internal/site"
)

// The shape of briefings.json; docs/data.md describes every field.
type jsonData struct {
	Title     string         `json:"title"`
	URL       string         `json:"url"`
	Currency  jsonCurrency   `json:"currency"`
	Briefings []jsonBriefing `json:"briefings"`
}

type jsonCurrency struct {
	Report string            `json:"report"`
	AsOf   *string           `json:"asOf"`
	Source *string           `json:"source"`
	Rates  map[string]string `json:"rates"` // encoding/json sorts the keys
}

type jsonBriefing struct {
	Title         string        `json:"title"`
	URL           string        `json:"url"`
	Date          string        `json:"date"`
	Updated       *string       `json:"updated"`
	Jurisdictions []string      `json:"jurisdictions"`
	Tags          []string      `json:"tags"`
	Summary       string        `json:"summary"`
	Funding       []jsonFunding `json:"funding"`
	Sources       []jsonSource  `json:"sources"`
	Authors       []string      `json:"authors"`
}

type jsonFunding struct {
	Amount       string         `json:"amount"`
	Currency     string         `json:"currency"`
	USD          *string        `json:"usd"`
	Purpose      string         `json:"purpose"`
	Jurisdiction *string        `json:"jurisdiction"`
	Date         string         `json:"date"`
	Period       *jsonPeriod    `json:"period"`
	Total        string         `json:"total"`
	Converted    *jsonConverted `json:"converted"`
}

type jsonPeriod struct {
	Per  string `json:"per"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

type jsonConverted struct {
	Amount   string        `json:"amount"`
	Total    string        `json:"total"`
	Currency string        `json:"currency"`
	Basis    funding.Basis `json:"basis"`
	AsOf     *string       `json:"asOf"`
}

type jsonSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// JSON writes briefings.json: the site's (or edition's) title and the
// absolute URL of its home page (home), its currency
// settings, and every published briefing of bs in site order with its
// metadata. Amounts are strings holding exact decimals, so that no reader
// parses them into floats; lists are never null.
//
// The file holds every briefing, so it is streamed: the document is
// encoded without its briefings, which are then spliced into its empty
// list one at a time, indented as encoding/json would indent them.
func JSON(out io.Writer, cfg *config.Config, home string, bs []*site.Briefing) error {
	e, err := JSONEntries(cfg, home)
	if err != nil {
		return err
	}
	return e.WriteAll(out, bs)
}

// JSONEntries is briefings.json cut at its briefings (see JSON): the
// document is encoded without its briefings, which are then spliced into
// its empty list, each indented as encoding/json would indent it.
func JSONEntries(cfg *config.Config, home string) (*Entries, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a data file, not a script: keep "<" and "&" readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDocument(cfg, home, nil)); err != nil {
		return nil, err
	}
	empty := buf.Bytes()
	head, ok := bytes.CutSuffix(empty, []byte(emptyListEnd))
	if !ok {
		return nil, errors.New("briefings.json: the encoding of its empty list of briefings has changed")
	}
	fs := &figures{cfg: cfg}
	return &Entries{Head: head, Sep: []byte(","), Tail: []byte("\n  ]\n}\n"), Empty: empty,
		// Items sit two levels deep: each line after the first gets 4 spaces.
		Append: func(dst []byte, b *site.Briefing) []byte {
			return appendBriefing(append(dst, "\n    "...), jsonBriefingOf(cfg, fs, b))
		}}, nil
}

// emptyListEnd ends the encoding of a document with no briefings; the
// list's opening bracket stays in the head.
const emptyListEnd = "]\n}\n"

// jsonDocument is briefings.json for bs, all in memory; JSON streams it.
func jsonDocument(cfg *config.Config, home string, bs []*site.Briefing) jsonData {
	rates := &cfg.Currency.Rates
	fs := &figures{cfg: cfg}
	d := jsonData{Title: cfg.Title, URL: home, Briefings: []jsonBriefing{},
		Currency: jsonCurrency{Report: rates.Report, AsOf: optional(rates.AsOf), Source: optional(rates.Source), Rates: map[string]string{}}}
	for code, r := range rates.PerUnit {
		d.Currency.Rates[code] = r.String()
	}
	for _, b := range bs {
		d.Briefings = append(d.Briefings, jsonBriefingOf(cfg, fs, b))
	}
	return d
}

func jsonBriefingOf(cfg *config.Config, fs *figures, b *site.Briefing) jsonBriefing {
	jb := jsonBriefing{Title: b.Title, URL: site.AbsURL(cfg, b.URL), Date: b.Date.Format(time.RFC3339),
		Jurisdictions: site.Names(b.Jurisdictions), Tags: site.Names(b.Tags), Summary: b.Summary,
		Funding: []jsonFunding{}, Sources: []jsonSource{}, Authors: append([]string{}, b.Authors...)}
	if !b.Updated.IsZero() {
		jb.Updated = optional(b.Updated.Format(time.RFC3339))
	}
	for _, fig := range fs.of(b) {
		f, a := fig.Funding, fig.Attribution
		jf := jsonFunding{Amount: fig.amount, Currency: f.Currency, Purpose: f.Purpose,
			Date: a.Date.Format(time.RFC3339), Total: fig.total}
		if f.USD != nil {
			jf.USD = optional(f.USD.String())
		}
		if a.Jurisdiction != nil {
			jf.Jurisdiction = optional(a.Jurisdiction.Name)
		}
		if f.Per != "" {
			jf.Period = &jsonPeriod{Per: f.Per, From: a.From, To: a.To}
		}
		if c := fig.Conversion; c.Basis != funding.NoBasis {
			jf.Converted = &jsonConverted{Amount: fig.report, Total: fig.reportTotal, Currency: c.Currency, Basis: c.Basis, AsOf: optional(c.AsOf)}
		}
		jb.Funding = append(jb.Funding, jf)
	}
	for _, s := range b.Sources {
		jb.Sources = append(jb.Sources, jsonSource{Title: s.Title, URL: s.URL})
	}
	return jb
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// appendBriefing appends jb as an encoding/json Encoder without HTML
// escaping, indented by "  " after a prefix of 4 spaces, writes it (the
// test holds the two to each other), without its reflection: the file
// has every briefing.
func appendBriefing(b []byte, jb jsonBriefing) []byte {
	w := &indented{b: b}
	w.open('{')
	w.key("title").str(jb.Title)
	w.key("url").str(jb.URL)
	w.key("date").str(jb.Date)
	w.key("updated").optional(jb.Updated)
	w.key("jurisdictions").strs(jb.Jurisdictions)
	w.key("tags").strs(jb.Tags)
	w.key("summary").str(jb.Summary)
	list(w.key("funding"), jb.Funding, func(f jsonFunding) {
		w.open('{')
		w.key("amount").str(f.Amount)
		w.key("currency").str(f.Currency)
		w.key("usd").optional(f.USD)
		w.key("purpose").str(f.Purpose)
		w.key("jurisdiction").optional(f.Jurisdiction)
		w.key("date").str(f.Date)
		p := f.Period
		w.key("period").object(p != nil, func() {
			w.key("per").str(p.Per)
			w.key("from").int(p.From)
			w.key("to").int(p.To)
		})
		w.key("total").str(f.Total)
		c := f.Converted
		w.key("converted").object(c != nil, func() {
			w.key("amount").str(c.Amount)
			w.key("total").str(c.Total)
			w.key("currency").str(c.Currency)
			w.key("basis").str(string(c.Basis))
			w.key("asOf").optional(c.AsOf)
		})
		w.close('}')
	})
	list(w.key("sources"), jb.Sources, func(s jsonSource) {
		w.open('{')
		w.key("title").str(s.Title)
		w.key("url").str(s.URL)
		w.close('}')
	})
	w.key("authors").strs(jb.Authors)
	w.close('}')
	return w.b
}

// indented writes JSON values as encoding/json indents them, one
// briefing's depth below briefings.json's top.
type indented struct {
	b     []byte
	depth int
	empty bool // the innermost container has no element yet
}

func (w *indented) newline() {
	w.b = append(w.b, "\n    "...)
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

func (w *indented) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

func (w *indented) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

// elem starts an element of the innermost container.
func (w *indented) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

func (w *indented) key(k string) *indented {
	w.elem()
	w.b = append(jsonquote.Append(w.b, k, false), ": "...)
	return w
}

func (w *indented) str(s string) { w.b = jsonquote.Append(w.b, s, false) }

// object writes an object with fields, or null when it is absent.
func (w *indented) object(present bool, fields func()) {
	if !present {
		w.null()
		return
	}
	w.open('{')
	fields()
	w.close('}')
}

func (w *indented) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *indented) null() { w.b = append(w.b, "null"...) }

func (w *indented) optional(s *string) {
	if s == nil {
		w.null()
		return
	}
	w.str(*s)
}

func (w *indented) strs(ss []string) { list(w, ss, w.str) }

// list writes vs as an array, each element with value; nil is null, as
// encoding/json writes a nil slice.
func list[T any](w *indented, vs []T, value func(T)) {
	if vs == nil {
		w.null()
		return
	}
	w.open('[')
	for _, v := range vs {
		w.elem()
		value(v)
	}
	w.close(']')
}
