// Package feeds writes the files that describe the whole site to machines:
// Atom feeds (the site's and one per tag and jurisdiction) and the sitemap.
// Each is a pure function of the model. (The search index has a package of
// its own, internal/search.)
package feeds

import (
	"bytes"
	"encoding/xml"
	"io"
	"time"

	"brief/internal/config"
	"brief/internal/site"
)

// Size is how many briefings a feed carries.
const Size = 20

// Feed is one Atom feed: the latest briefings of a list page.
type Feed struct {
	Title   string
	Page    string // site-relative URL of the page the feed follows
	Self    string // the feed's own site-relative URL
	Entries []*site.Briefing
}

// SiteFeed is the site's feed: its latest briefings, in full.
func SiteFeed(s *site.Site) Feed {
	return Feed{Title: s.Config.Title, Page: s.URLs.Home, Self: s.URLs.Feed, Entries: latest(s.Briefings)}
}

// TermFeed is the feed of a tag or jurisdiction: summaries only.
func TermFeed(s *site.Site, t *site.Term) Feed {
	return Feed{Title: t.Name + " · " + s.Config.Title, Page: t.URL, Self: t.Feed, Entries: latest(t.Briefings)}
}

func latest(bs []*site.Briefing) []*site.Briefing { return bs[:min(Size, len(bs))] }

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Authors   []atomName `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
	Content   *atomText  `xml:"content,omitempty"`
	Category  []atomCat  `xml:"category"`
}

type atomName struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// LastChange is when a briefing last changed: its update, else its date.
func LastChange(b *site.Briefing) time.Time {
	if b.Updated.After(b.Date) {
		return b.Updated
	}
	return b.Date
}

// Atom writes f as an Atom 1.0 feed. Its updated stamp is the newest
// entry's, not the build clock, so that unchanged sites give identical
// feeds. With content, each entry carries its rendered body; without, its
// summary only.
func Atom(w io.Writer, cfg *config.Config, f Feed, content func(*site.Briefing) string) error {
	abs := func(p string) string { return site.AbsURL(cfg, p) }
	out := atomFeed{Title: f.Title, ID: abs(f.Page), Links: []atomLink{{Rel: "self", Href: abs(f.Self)}, {Rel: "alternate", Href: abs(f.Page)}}}
	out.Entries = make([]atomEntry, 0, len(f.Entries))
	var newest time.Time
	for _, b := range f.Entries {
		if LastChange(b).After(newest) {
			newest = LastChange(b)
		}
		// The entry's address and dates are made once each (most entries
		// were never updated).
		u, published := abs(b.URL), b.Date.Format(time.RFC3339)
		updated := published
		if b.Updated.After(b.Date) {
			updated = b.Updated.Format(time.RFC3339)
		}
		e := atomEntry{Title: b.Title, ID: u, Link: atomLink{Rel: "alternate", Href: u},
			Published: published, Updated: updated, Summary: b.Summary}
		if len(b.Authors) > 0 {
			e.Authors = make([]atomName, 0, len(b.Authors))
		}
		for _, a := range b.Authors {
			e.Authors = append(e.Authors, atomName{a})
		}
		if len(e.Authors) == 0 {
			e.Authors = []atomName{{cfg.Title}}
		}
		if len(b.Tags) > 0 {
			e.Category = make([]atomCat, 0, len(b.Tags))
		}
		for _, t := range b.Tags {
			e.Category = append(e.Category, atomCat{t.Name})
		}
		if content != nil {
			e.Content = &atomText{Type: "html", Body: content(b)}
		}
		out.Entries = append(out.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0).UTC()
	}
	out.Updated = newest.Format(time.RFC3339)
	size := 512
	for _, e := range out.Entries {
		size += 512 + len(e.Title) + len(e.Summary)
		if e.Content != nil {
			size += len(e.Content.Body) + len(e.Content.Body)/4 // the references of its tags
		}
	}
	return writeAppended(w, size, func(b []byte) []byte { return appendAtom(b, out) })
}

// writeAppended writes to w what app appends to a slice of about size
// bytes: in w's own room when w is a buffer, grown once to hold it, so
// that a feed is not grown a piece at a time and then copied.
func writeAppended(w io.Writer, size int, app func([]byte) []byte) error {
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Grow(size)
		_, err := buf.Write(app(buf.AvailableBuffer()))
		return err
	}
	_, err := w.Write(app(make([]byte, 0, size)))
	return err
}

// appendAtom appends f as writeXML writes it (encoding/xml, indented by
// two spaces: a test holds the two to each other), without its reflection:
// the site's feed carries twenty bodies.
func appendAtom(b []byte, f atomFeed) []byte {
	const entry, inEntry = "\n  ", "\n    "
	elem := func(at, name, text string) {
		b = append(append(append(append(b, at...), '<'), name...), '>')
		b = append(append(append(appendXMLText(b, text), "</"...), name...), '>')
	}
	link := func(at string, l atomLink) {
		b = append(append(b, at...), "<link"...)
		if l.Rel != "" {
			b = append(appendXMLText(append(b, ` rel="`...), l.Rel), '"')
		}
		b = append(appendXMLText(append(b, ` href="`...), l.Href), `"></link>`...)
	}
	b = append(b, xml.Header+`<feed xmlns="http://www.w3.org/2005/Atom">`...)
	elem(entry, "title", f.Title)
	elem(entry, "id", f.ID)
	elem(entry, "updated", f.Updated)
	for _, l := range f.Links {
		link(entry, l)
	}
	for _, e := range f.Entries {
		b = append(b, entry+"<entry>"...)
		elem(inEntry, "title", e.Title)
		elem(inEntry, "id", e.ID)
		link(inEntry, e.Link)
		elem(inEntry, "published", e.Published)
		elem(inEntry, "updated", e.Updated)
		for _, a := range e.Authors {
			b = append(b, inEntry+"<author>"...)
			elem(inEntry+"  ", "name", a.Name)
			b = append(b, inEntry+"</author>"...)
		}
		if e.Summary != "" {
			elem(inEntry, "summary", e.Summary)
		}
		if c := e.Content; c != nil {
			b = append(appendXMLText(append(b, inEntry+`<content type="`...), c.Type), `">`...)
			b = append(appendXMLText(b, c.Body), "</content>"...)
		}
		for _, c := range e.Category {
			b = append(appendXMLText(append(b, inEntry+`<category term="`...), c.Term), `"></category>`...)
		}
		b = append(b, entry+"</entry>"...)
	}
	return append(b, "\n</feed>\n"...)
}
