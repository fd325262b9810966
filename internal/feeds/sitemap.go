package feeds

import (
	"encoding/xml"
	"io"

	"brief/internal/alternates"
	"brief/internal/site"
)

// xhtmlNS is the namespace of the sitemap's alternate links.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	LastMod    string      `xml:"lastmod,omitempty"`
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

// xhtmlLink is written with the xhtml prefix that urlset declares:
// encoding/xml would otherwise declare the namespace on every element.
type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap lists every indexable page: the home page with the last change
// of the newest briefing, briefings with their last change, then the
// indexes, term pages and year archives. One sitemap serves the site:
// each edition's pages in turn, the default language's first. With alts
// (a site of several languages), each URL that has versions in other
// languages lists them all, itself and x-default included, as xhtml:link
// alternates; the namespace is declared only then, so a site of one
// language keeps its sitemap as it was.
func Sitemap(w io.Writer, s *site.Site, alts *alternates.Set) error {
	var u urlset
	for _, e := range s.Editions {
		u.URLs = editionURLs(u.URLs, e, alts)
	}
	for _, x := range u.URLs {
		if x.Alternates != nil {
			u.XHTML = xhtmlNS
			break
		}
	}
	return writeXML(w, u)
}

// editionURLs appends the pages of one edition.
func editionURLs(out []sitemapURL, s *site.Site, alts *alternates.Set) []sitemapURL {
	abs := func(p string) string { return site.AbsURL(s.Config, p) }
	add := func(p, lastmod string) {
		x := sitemapURL{Loc: abs(p), LastMod: lastmod}
		for _, l := range alts.HrefLang(p) {
			x.Alternates = append(x.Alternates, xhtmlLink{Rel: "alternate", HrefLang: l.HrefLang, Href: abs(l.URL)})
		}
		out = append(out, x)
	}
	home := ""
	if len(s.Briefings) > 0 {
		home = LastChange(s.Briefings[0]).Format("2006-01-02")
	}
	add(s.URLs.Home, home)
	for _, b := range s.Briefings {
		add(b.URL, LastChange(b).Format("2006-01-02"))
	}
	for _, p := range []string{s.URLs.Tags, s.URLs.Jurisdictions, s.URLs.Archive, s.URLs.Funding} {
		add(p, "")
	}
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			add(t.URL, "")
		}
	}
	for _, y := range s.Years {
		add(y.URL, "")
	}
	return out
}
