package funding

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/render"
	"brief/internal/site"
)

// CSVHeader names the columns of funding.csv; docs/data.md describes them.
var CSVHeader = []string{"url", "title", "date", "jurisdictions", "purpose", "amount", "currency",
	"report_amount", "report_currency", "basis", "rates_as_of"}

// CSV writes one row per funding figure of bs (in site order: newest
// first, then path, then the figure's position), as RFC 4180 CSV: UTF-8
// without a byte order mark, CRLF line ends, a header row, fields quoted
// when they need it. Amounts are exact decimals without separators.
func CSV(cfg *config.Config, bs []*site.Briefing) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	for _, it := range Items(cfg, bs) {
		b, f, c := it.Briefing, it.Funding, it.Conversion
		row := []string{render.AbsURL(cfg, b.URL), b.Title, b.Date.Format("2006-01-02"), strings.Join(termNames(b.Jurisdictions), "; "),
			f.Purpose, f.Amount.String(), f.Currency, "", c.Currency, string(c.Basis), c.AsOf}
		if c.Basis != NoBasis {
			row[7] = c.Amount.String()
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

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
	Amount    string         `json:"amount"`
	Currency  string         `json:"currency"`
	USD       *string        `json:"usd"`
	Purpose   string         `json:"purpose"`
	Converted *jsonConverted `json:"converted"`
}

type jsonConverted struct {
	Amount   string  `json:"amount"`
	Currency string  `json:"currency"`
	Basis    Basis   `json:"basis"`
	AsOf     *string `json:"asOf"`
}

type jsonSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// JSON writes briefings.json: the site's title and URL, its currency
// settings, and every published briefing of bs in site order with its
// metadata. Amounts are strings holding exact decimals, so that no reader
// parses them into floats; lists are never null.
func JSON(cfg *config.Config, bs []*site.Briefing) ([]byte, error) {
	rates := &cfg.Currency.Rates
	d := jsonData{Title: cfg.Title, URL: render.AbsURL(cfg, "/"), Briefings: []jsonBriefing{},
		Currency: jsonCurrency{Report: rates.Report, AsOf: optional(rates.AsOf), Source: optional(rates.Source), Rates: map[string]string{}}}
	for code, r := range rates.PerUnit {
		d.Currency.Rates[code] = r.String()
	}
	for _, b := range bs {
		jb := jsonBriefing{Title: b.Title, URL: render.AbsURL(cfg, b.URL), Date: b.Date.Format(time.RFC3339),
			Jurisdictions: termNames(b.Jurisdictions), Tags: termNames(b.Tags), Summary: b.Summary,
			Funding: []jsonFunding{}, Sources: []jsonSource{}, Authors: append([]string{}, b.Authors...)}
		if !b.Updated.IsZero() {
			jb.Updated = optional(b.Updated.Format(time.RFC3339))
		}
		for _, f := range b.Funding {
			jf := jsonFunding{Amount: f.Amount.String(), Currency: f.Currency, Purpose: f.Purpose}
			if f.USD != nil {
				jf.USD = optional(f.USD.String())
			}
			if c := Convert(rates, f); c.Basis != NoBasis {
				jf.Converted = &jsonConverted{Amount: c.Amount.String(), Currency: c.Currency, Basis: c.Basis, AsOf: optional(c.AsOf)}
			}
			jb.Funding = append(jb.Funding, jf)
		}
		for _, s := range b.Sources {
			jb.Sources = append(jb.Sources, jsonSource{Title: s.Title, URL: s.URL})
		}
		d.Briefings = append(d.Briefings, jb)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a data file, not a script: keep "<" and "&" readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// termNames lists terms' display names; never nil, so JSON shows [].
func termNames(ts []*site.Term) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}
