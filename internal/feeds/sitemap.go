package feeds

import (
	"bytes"
	"encoding/xml"
	"io"
	"time"
	"unicode/utf8"

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
	if alts == nil {
		return writePlainSitemap(w, s)
	}
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
	size := 200 // the header, the urlset and what escapes may add
	for _, x := range u.URLs {
		size += len(x.Loc) + len(x.LastMod) + 50
		for _, l := range x.Alternates {
			size += len(l.Rel) + len(l.HrefLang) + len(l.Href) + 50
		}
	}
	return writeAppended(w, size, func(b []byte) []byte { return appendSitemap(b, u) })
}

// appendSitemap appends u as writeXML writes it (encoding/xml, indented
// by two spaces: a test holds the two to each other), without reflection:
// a sitemap lists every page of the site.
func appendSitemap(b []byte, u urlset) []byte {
	b = append(b, xml.Header+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`...)
	if u.XHTML != "" {
		b = append(appendXMLText(append(b, ` xmlns:xhtml="`...), u.XHTML), '"')
	}
	b = append(b, '>')
	for _, x := range u.URLs {
		b = append(appendXMLText(append(b, "\n  <url>\n    <loc>"...), x.Loc), "</loc>"...)
		if x.LastMod != "" {
			b = append(appendXMLText(append(b, "\n    <lastmod>"...), x.LastMod), "</lastmod>"...)
		}
		for _, l := range x.Alternates {
			b = appendXMLText(append(b, "\n    <xhtml:link rel=\""...), l.Rel)
			b = appendXMLText(append(b, "\" hreflang=\""...), l.HrefLang)
			b = appendXMLText(append(b, "\" href=\""...), l.Href)
			b = append(b, "\"></xhtml:link>"...)
		}
		b = append(b, "\n  </url>"...)
	}
	if len(u.URLs) > 0 {
		b = append(b, '\n')
	}
	return append(b, "</urlset>\n"...)
}

// appendXMLText appends s escaped as encoding/xml escapes text and
// attribute values: quotes, apostrophes, &, <, >, tabs and line ends as
// character references, and what XML cannot hold (other control
// characters, invalid UTF-8, U+FFFE and U+FFFF) as U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		// URLs are plain ASCII: eight bytes at a time, until one is not.
		for i+8 <= len(s) {
			if p := s[i : i+8]; !(xmlPlain[p[0]] && xmlPlain[p[1]] && xmlPlain[p[2]] && xmlPlain[p[3]] &&
				xmlPlain[p[4]] && xmlPlain[p[5]] && xmlPlain[p[6]] && xmlPlain[p[7]]) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if xmlPlain[c] {
			i++
			continue
		}
		esc, width := xmlEscapes[c&0x7F], 1
		if c >= utf8.RuneSelf {
			var r rune
			if r, width = utf8.DecodeRuneInString(s[i:]); (r != utf8.RuneError || width > 1) && r != 0xFFFE && r != 0xFFFF {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		b = append(append(b, s[last:i]...), esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// editionURLs appends the pages of one edition.
func editionURLs(out []sitemapURL, s *site.Site, alts *alternates.Set) []sitemapURL {
	abs := func(p string) string { return site.AbsURL(s.Config, p) }
	editionPages(s, func(p string, last time.Time, dated bool) {
		x := sitemapURL{Loc: abs(p)}
		if dated {
			x.LastMod = last.Format(dayLayout)
		}
		for _, l := range alts.HrefLang(p) {
			x.Alternates = append(x.Alternates, xhtmlLink{Rel: "alternate", HrefLang: l.HrefLang, Href: abs(l.URL)})
		}
		out = append(out, x)
	})
	return out
}

// dayLayout is how a sitemap dates a page.
const dayLayout = "2006-01-02"

// editionPages calls page with each page of one edition that the sitemap
// lists, in its order, and when dated, the day of its last change: the
// home page (dated by the newest briefing, if any), the briefings, the
// indexes, the terms and the years.
func editionPages(s *site.Site, page func(p string, last time.Time, dated bool)) {
	if len(s.Briefings) > 0 {
		page(s.URLs.Home, LastChange(s.Briefings[0]), true)
	} else {
		page(s.URLs.Home, time.Time{}, false)
	}
	for _, b := range s.Briefings {
		page(b.URL, LastChange(b), true)
	}
	for _, p := range []string{s.URLs.Tags, s.URLs.Jurisdictions, s.URLs.Archive, s.URLs.Funding} {
		page(p, time.Time{}, false)
	}
	for _, terms := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range terms {
			page(t.URL, time.Time{}, false)
		}
	}
	for _, y := range s.Years {
		page(y.URL, time.Time{}, false)
	}
}

// sitemapPiece is how much of a sitemap writePlainSitemap holds before it
// writes it out, when it does not write into a buffer.
const sitemapPiece = 64 << 10

// writePlainSitemap writes the sitemap of a site of one language, which
// lists no alternates, as appendSitemap writes it, straight from the model:
// made as a list of URLs and dates first, the sitemap of 100,000 briefings
// allocated 50 MB. Into a buffer it is written whole, grown once; into
// anything else (the output file itself) in pieces.
func writePlainSitemap(w io.Writer, s *site.Site) error {
	buf, whole := w.(*bytes.Buffer)
	var b []byte
	if whole {
		size := 200
		for _, e := range s.Editions {
			editionPages(e, func(p string, _ time.Time, _ bool) { size += len(e.Config.BaseURL) + len(p) + 70 })
		}
		buf.Grow(size)
		b = buf.AvailableBuffer()
	} else {
		b = make([]byte, 0, sitemapPiece+4<<10)
	}
	b = append(b, xml.Header+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`...)
	var err error
	listed := false
	for _, e := range s.Editions {
		cfg := e.Config
		editionPages(e, func(p string, last time.Time, dated bool) {
			listed = true
			b = append(b, "\n  <url>\n    <loc>"...)
			b = append(escapedFrom(site.AppendAbsURL(b, cfg, p), len(b)), "</loc>"...)
			if dated {
				b = append(b, "\n    <lastmod>"...)
				b = append(escapedFrom(last.AppendFormat(b, dayLayout), len(b)), "</lastmod>"...)
			}
			b = append(b, "\n  </url>"...)
			if !whole && len(b) >= sitemapPiece && err == nil {
				_, err = w.Write(b)
				b = b[:0]
			}
		})
	}
	if listed {
		b = append(b, '\n')
	}
	b = append(b, "</urlset>\n"...)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// escapedFrom escapes b[from:] as appendXMLText does, for text appended
// as it is: most URLs and every date need nothing.
func escapedFrom(b []byte, from int) []byte {
	for _, c := range b[from:] {
		if !xmlPlain[c] {
			return appendXMLText(b[:from], string(b[from:]))
		}
	}
	return b
}

// xmlPlain marks the bytes appendXMLText copies as they are: printable
// ASCII but for quotes, apostrophes, &, < and >.
var xmlPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = xmlEscapes[c] == ""
	}
	return t
}()

// xmlEscapes are what appendXMLText writes for the other ASCII bytes:
// control characters but tab and line ends are not XML's characters.
var xmlEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()
