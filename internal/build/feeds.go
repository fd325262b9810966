package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"time"

	"brief/internal/render"
	"brief/internal/site"
)

// feedSize is how many briefings a feed carries.
const feedSize = 20

// feeds adds the site's Atom feed, one per tag and jurisdiction, the
// sitemap and the search index.
func (pl *planner) feeds() {
	st := pl.st
	s := st.site
	pl.mainFeed(s.Briefings[:min(feedSize, len(s.Briefings))])
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			t := t
			items := t.Briefings[:min(feedSize, len(t.Briefings))]
			pl.add(job{path: site.OutputPath(t.URL + "feed.xml"), kind: "feed", owner: owner{what: "the feed of " + t.Name},
				fp: st.fp("feed", pl.listFingerprint(items), termFingerprint(st, t)),
				render: func(w *bytes.Buffer) error {
					return st.atom(w, t.Name+" · "+s.Config.Title, t.URL, t.URL+"feed.xml", items, false)
				}})
		}
	}
	all := pl.listFingerprint(s.Briefings)
	pl.add(job{path: "sitemap.xml", kind: "sitemap", owner: owner{what: "the sitemap"}, fp: st.fp("sitemap", all, pl.termsFingerprint()),
		render: st.sitemap, cost: len(s.Briefings)})
	pl.add(job{path: "search/index.json", kind: "search", owner: owner{what: "the search index"}, fp: st.fp("searchindex", all),
		render: st.searchIndex, cost: len(s.Briefings)})
}

// mainFeed adds the site's feed of the latest briefings, with full bodies.
func (pl *planner) mainFeed(latest []*site.Briefing) {
	st := pl.st
	h := newHasher(st.bl.seed)
	for _, b := range latest {
		h.num(pl.fulls[b])
	}
	pl.add(job{path: "feed.xml", kind: "feed", owner: owner{what: "the site feed"}, fp: st.fp("feed", h.sum()),
		render: func(w *bytes.Buffer) error { return st.atom(w, st.cfg.Title, "/", "/feed.xml", latest, true) }})
}

func (pl *planner) termsFingerprint() uint64 {
	h := newHasher(pl.st.bl.seed)
	for _, terms := range [][]*site.Term{pl.st.site.Tags, pl.st.site.Jurisdictions} {
		for _, t := range terms {
			h.str(t.URL).int(len(t.Briefings))
		}
	}
	for _, y := range pl.st.site.Years {
		h.str(y.URL).int(len(y.Briefings))
	}
	return h.sum()
}

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

func lastChange(b *site.Briefing) time.Time {
	if b.Updated.After(b.Date) {
		return b.Updated
	}
	return b.Date
}

// atom renders an Atom 1.0 feed. Its updated stamp is the newest entry's,
// not the build clock, so that unchanged sites give identical feeds.
func (st *state) atom(w *bytes.Buffer, title, pageURL, selfURL string, items []*site.Briefing, full bool) error {
	abs := func(p string) string { return render.AbsURL(st.cfg, p) }
	f := atomFeed{Title: title, ID: abs(pageURL), Links: []atomLink{{Rel: "self", Href: abs(selfURL)}, {Rel: "alternate", Href: abs(pageURL)}}}
	var newest time.Time
	for _, b := range items {
		if lastChange(b).After(newest) {
			newest = lastChange(b)
		}
		e := atomEntry{Title: b.Title, ID: abs(b.URL), Link: atomLink{Rel: "alternate", Href: abs(b.URL)},
			Published: b.Date.Format(time.RFC3339), Updated: lastChange(b).Format(time.RFC3339), Summary: b.Summary}
		for _, a := range b.Authors {
			e.Authors = append(e.Authors, atomName{a})
		}
		if len(e.Authors) == 0 {
			e.Authors = []atomName{{st.cfg.Title}}
		}
		for _, t := range b.Tags {
			e.Category = append(e.Category, atomCat{t.Name})
		}
		if full {
			e.Content = &atomText{Type: "html", Body: string(b.Content)}
		}
		f.Entries = append(f.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0).UTC()
	}
	f.Updated = newest.Format(time.RFC3339)
	return writeXML(w, f)
}

// writeXML writes an XML document with its header, indented.
func writeXML(w *bytes.Buffer, v any) error {
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.WriteByte('\n')
	return nil
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every indexable page: briefings with their last change,
// then the home page, term pages and archives.
func (st *state) sitemap(w *bytes.Buffer) error {
	s := st.site
	abs := func(p string) string { return render.AbsURL(st.cfg, p) }
	var u urlset
	if len(s.Briefings) > 0 {
		u.URLs = append(u.URLs, sitemapURL{Loc: abs("/"), LastMod: lastChange(s.Briefings[0]).Format("2006-01-02")})
	} else {
		u.URLs = append(u.URLs, sitemapURL{Loc: abs("/")})
	}
	for _, b := range s.Briefings {
		u.URLs = append(u.URLs, sitemapURL{Loc: abs(b.URL), LastMod: lastChange(b).Format("2006-01-02")})
	}
	for _, p := range []string{"/tags/", "/jurisdictions/", "/archive/", "/funding/"} {
		u.URLs = append(u.URLs, sitemapURL{Loc: abs(p)})
	}
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			u.URLs = append(u.URLs, sitemapURL{Loc: abs(t.URL)})
		}
	}
	for _, y := range s.Years {
		u.URLs = append(u.URLs, sitemapURL{Loc: abs(y.URL)})
	}
	return writeXML(w, u)
}

type searchDoc struct {
	Title         string   `json:"title"`
	URL           string   `json:"url"`
	Date          string   `json:"date"`
	Summary       string   `json:"summary,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Jurisdictions []string `json:"jurisdictions,omitempty"`
}

// searchIndex is the compact index the search page loads: a JSON array,
// written one briefing at a time.
func (st *state) searchIndex(w *bytes.Buffer) error {
	w.WriteByte('[')
	for i, b := range st.site.Briefings {
		d := searchDoc{Title: b.Title, URL: render.RelURL(st.cfg, b.URL), Date: b.Date.Format("2006-01-02"), Summary: b.Summary}
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
			w.WriteByte(',')
		}
		w.Write(data)
	}
	w.WriteByte(']')
	return nil
}

func (st *state) readStatic(f staticFile) ([]byte, error) {
	if f.data != nil {
		return f.data, nil
	}
	return fs.ReadFile(st.fsys, f.src)
}

// redirects writes Netlify's _redirects: the site's own rules first, then
// one 301 per alias.
func (st *state) redirects(rules []string) ([]byte, error) {
	var buf bytes.Buffer
	if _, ok := st.bl.static["static/_redirects"]; ok {
		own, err := fs.ReadFile(st.fsys, "static/_redirects")
		if err != nil {
			return nil, err
		}
		buf.Write(own)
		if len(own) > 0 && own[len(own)-1] != '\n' {
			buf.WriteByte('\n')
		}
	}
	if len(rules) > 0 {
		buf.WriteString("# Aliases from briefings' front matter (generated by brief)\n")
	}
	for _, r := range rules {
		buf.WriteString(r)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

func redirectPage(target string) []byte {
	t := template.HTMLEscapeString(target)
	return []byte(fmt.Sprintf("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title><link rel=\"canonical\" href=\"%s\"><meta http-equiv=\"refresh\" content=\"0; url=%s\"><meta name=\"robots\" content=\"noindex\"></head><body><p>This briefing has moved to <a href=\"%s\">%s</a>.</p></body></html>\n", t, t, t, t))
}
