package feeds

import (
	"encoding/json"
	"io"

	"brief/internal/site"
)

type searchDoc struct {
	Title         string   `json:"title"`
	URL           string   `json:"url"`
	Date          string   `json:"date"`
	Summary       string   `json:"summary,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Jurisdictions []string `json:"jurisdictions,omitempty"`
}

// SearchIndex writes the compact index the search page loads: a JSON
// array, one briefing at a time.
func SearchIndex(w io.Writer, s *site.Site) error {
	buf := []byte{'['}
	for i, b := range s.Briefings {
		d := searchDoc{Title: b.Title, URL: site.RelURL(s.Config, b.URL), Date: b.Date.Format("2006-01-02"), Summary: b.Summary}
		for _, t := range b.Tags {
			d.Tags = append(d.Tags, t.Name)
		}
		for _, t := range b.Jurisdictions {
			d.Jurisdictions = append(d.Jurisdictions, t.Name)
		}
		data, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, data...)
		if _, err := w.Write(buf); err != nil {
			return err
		}
		buf = buf[:0]
	}
	buf = append(buf, ']')
	_, err := w.Write(buf)
	return err
}
