package feeds

import (
	"encoding/xml"
	"io"

	"brief/internal/site"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap lists every indexable page: the home page with the last change
// of the newest briefing, briefings with their last change, then the
// indexes, term pages and year archives.
func Sitemap(w io.Writer, s *site.Site) error {
	var u urlset
	// One sitemap for the site: each edition's pages in turn, the default
	// language's first.
	for _, e := range s.Editions {
		u.URLs = editionURLs(u.URLs, e)
	}
	return writeXML(w, u)
}

// editionURLs appends the pages of one edition.
func editionURLs(out []sitemapURL, s *site.Site) []sitemapURL {
	abs := func(p string) string { return site.AbsURL(s.Config, p) }
	home := sitemapURL{Loc: abs(s.URLs.Home)}
	if len(s.Briefings) > 0 {
		home.LastMod = LastChange(s.Briefings[0]).Format("2006-01-02")
	}
	out = append(out, home)
	for _, b := range s.Briefings {
		out = append(out, sitemapURL{Loc: abs(b.URL), LastMod: LastChange(b).Format("2006-01-02")})
	}
	for _, p := range []string{s.URLs.Tags, s.URLs.Jurisdictions, s.URLs.Archive, s.URLs.Funding} {
		out = append(out, sitemapURL{Loc: abs(p)})
	}
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			out = append(out, sitemapURL{Loc: abs(t.URL)})
		}
	}
	for _, y := range s.Years {
		out = append(out, sitemapURL{Loc: abs(y.URL)})
	}
	return out
}
