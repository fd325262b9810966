package export

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"brief/internal/config"
	"brief/internal/funding"
	"brief/internal/money"
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a data file, not a script: keep "<" and "&" readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDocument(cfg, home, nil)); err != nil {
		return err
	}
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte(emptyListEnd))
	if !ok || len(bs) == 0 {
		_, err := out.Write(buf.Bytes())
		return err
	}
	if _, err := out.Write(head); err != nil {
		return err
	}
	// Items sit two levels deep: each line after the first gets 4 spaces.
	var item bytes.Buffer
	ienc := json.NewEncoder(&item)
	ienc.SetEscapeHTML(false)
	ienc.SetIndent("    ", "  ")
	rates := &cfg.Currency.Rates
	for i, b := range bs {
		item.Reset()
		if i > 0 {
			item.WriteByte(',')
		}
		item.WriteString("\n    ")
		if err := ienc.Encode(jsonBriefingOf(cfg, rates, b)); err != nil {
			return err
		}
		item.Truncate(item.Len() - 1) // Encode's newline
		if _, err := out.Write(item.Bytes()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, "\n  ]\n}\n")
	return err
}

// emptyListEnd ends the encoding of a document with no briefings; the
// list's opening bracket stays in the head.
const emptyListEnd = "]\n}\n"

// jsonDocument is briefings.json for bs, all in memory; JSON streams it.
func jsonDocument(cfg *config.Config, home string, bs []*site.Briefing) jsonData {
	rates := &cfg.Currency.Rates
	d := jsonData{Title: cfg.Title, URL: home, Briefings: []jsonBriefing{},
		Currency: jsonCurrency{Report: rates.Report, AsOf: optional(rates.AsOf), Source: optional(rates.Source), Rates: map[string]string{}}}
	for code, r := range rates.PerUnit {
		d.Currency.Rates[code] = r.String()
	}
	for _, b := range bs {
		d.Briefings = append(d.Briefings, jsonBriefingOf(cfg, rates, b))
	}
	return d
}

func jsonBriefingOf(cfg *config.Config, rates *money.Rates, b *site.Briefing) jsonBriefing {
	jb := jsonBriefing{Title: b.Title, URL: site.AbsURL(cfg, b.URL), Date: b.Date.Format(time.RFC3339),
		Jurisdictions: site.Names(b.Jurisdictions), Tags: site.Names(b.Tags), Summary: b.Summary,
		Funding: []jsonFunding{}, Sources: []jsonSource{}, Authors: append([]string{}, b.Authors...)}
	if !b.Updated.IsZero() {
		jb.Updated = optional(b.Updated.Format(time.RFC3339))
	}
	for _, it := range funding.Items(cfg, []*site.Briefing{b}) {
		f, a := it.Funding, it.Attribution
		jf := jsonFunding{Amount: f.Amount.String(), Currency: f.Currency, Purpose: f.Purpose,
			Date: a.Date.Format(time.RFC3339), Total: it.Total().String()}
		if f.USD != nil {
			jf.USD = optional(f.USD.String())
		}
		if a.Jurisdiction != nil {
			jf.Jurisdiction = optional(a.Jurisdiction.Name)
		}
		if f.Per != "" {
			jf.Period = &jsonPeriod{Per: f.Per, From: a.From, To: a.To}
		}
		if c := it.Conversion; c.Basis != funding.NoBasis {
			jf.Converted = &jsonConverted{Amount: c.Amount.String(), Total: it.ReportTotal().String(), Currency: c.Currency, Basis: c.Basis, AsOf: optional(c.AsOf)}
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
