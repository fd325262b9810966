package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	var jb jsonBriefing // one entry at a time: its lists serve the next, its text too
	var tx text
	return &Entries{Head: head, Sep: []byte(","), Tail: []byte("\n  ]\n}\n"), Empty: empty,
		// Items sit two levels deep: each line after the first gets 4 spaces.
		Append: func(dst []byte, b *site.Briefing) []byte {
			tx.reset()
			jb.fill(cfg, fs, b, &tx)
			return appendBriefing(append(dst, "\n    "...), jb)
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
	var jb jsonBriefing
	jb.fill(cfg, fs, b, nil)
	return jb
}

// fill makes jb the entry of b, in the lists jb holds and the text tx
// holds: the file has every briefing, and its Append writes one at a time
// (JSONEntries). Lists are empty, never nil (null).
func (jb *jsonBriefing) fill(cfg *config.Config, fs *figures, b *site.Briefing, tx *text) {
	*jb = jsonBriefing{Title: b.Title, URL: tx.absURL(cfg, b.URL), Date: tx.date(b.Date, time.RFC3339),
		Jurisdictions: appendNames(list(jb.Jurisdictions), b.Jurisdictions), Tags: appendNames(list(jb.Tags), b.Tags),
		Summary: b.Summary, Funding: list(jb.Funding), Sources: list(jb.Sources), Authors: append(list(jb.Authors), b.Authors...)}
	if !b.Updated.IsZero() {
		jb.Updated = optional(tx.date(b.Updated, time.RFC3339))
	}
	for _, fig := range fs.of(b) {
		f, a := fig.Funding, fig.Attribution
		jf := jsonFunding{Amount: fig.amount, Currency: f.Currency, Purpose: f.Purpose,
			Date: tx.date(a.Date, time.RFC3339), Total: fig.total}
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
}

// list is l emptied, never nil (which encodes as null).
func list[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l[:0]
}

// appendNames appends the names of terms to names, as site.Names lists
// them.
func appendNames(names []string, terms []*site.Term) []string {
	for _, t := range terms {
		names = append(names, t.Name)
	}
	return names
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
	w := &jsonquote.Indented{B: b, Prefix: "    "}
	w.Open('{')
	w.Key("title").Str(jb.Title)
	w.Key("url").Str(jb.URL)
	w.Key("date").Str(jb.Date)
	w.Key("updated").Optional(jb.Updated)
	w.Key("jurisdictions").Strs(jb.Jurisdictions)
	w.Key("tags").Strs(jb.Tags)
	w.Key("summary").Str(jb.Summary)
	jsonquote.List(w.Key("funding"), jb.Funding, func(f jsonFunding) {
		w.Open('{')
		w.Key("amount").Str(f.Amount)
		w.Key("currency").Str(f.Currency)
		w.Key("usd").Optional(f.USD)
		w.Key("purpose").Str(f.Purpose)
		w.Key("jurisdiction").Optional(f.Jurisdiction)
		w.Key("date").Str(f.Date)
		p := f.Period
		w.Key("period").Object(p != nil, func() {
			w.Key("per").Str(p.Per)
			w.Key("from").Int(p.From)
			w.Key("to").Int(p.To)
		})
		w.Key("total").Str(f.Total)
		c := f.Converted
		w.Key("converted").Object(c != nil, func() {
			w.Key("amount").Str(c.Amount)
			w.Key("total").Str(c.Total)
			w.Key("currency").Str(c.Currency)
			w.Key("basis").Str(string(c.Basis))
			w.Key("asOf").Optional(c.AsOf)
		})
		w.Close('}')
	})
	jsonquote.List(w.Key("sources"), jb.Sources, func(s jsonSource) {
		w.Open('{')
		w.Key("title").Str(s.Title)
		w.Key("url").Str(s.URL)
		w.Close('}')
	})
	w.Key("authors").Strs(jb.Authors)
	w.Close('}')
	return w.B
}
