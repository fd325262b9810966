package feeds

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"brief/internal/diag"
)

// atomAuthor is what validation reads of an Atom author.
type atomAuthor struct {
	Name string `xml:"name"`
}

// ValidateAtom checks an Atom feed for what RFC 4287 requires of it and of
// its entries: one id, title and updated (RFC 3339) each, an author for
// every entry, a link to the entry, unique ids, a self link.
func ValidateAtom(data []byte) []string {
	var f struct {
		XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
		ID      []string     `xml:"id"`
		Title   []string     `xml:"title"`
		Updated []string     `xml:"updated"`
		Authors []atomAuthor `xml:"author"`
		Links   []atomLink   `xml:"link"`
		Entries []struct {
			ID        []string     `xml:"id"`
			Title     []string     `xml:"title"`
			Updated   []string     `xml:"updated"`
			Published []string     `xml:"published"`
			Authors   []atomAuthor `xml:"author"`
			Links     []atomLink   `xml:"link"`
			Content   []struct {
				Type string `xml:"type,attr"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &f); err != nil {
		return []string{"not an Atom feed: " + err.Error()}
	}
	var out []string
	one := func(what string, v []string) {
		if len(v) != 1 || strings.TrimSpace(v[0]) == "" {
			out = append(out, fmt.Sprintf("%s: want exactly one, non-empty; found %d", what, len(v)))
		}
	}
	date := func(what string, v []string) {
		for _, s := range v {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				out = append(out, fmt.Sprintf("%s: %q is not an RFC 3339 date", what, s))
			}
		}
	}
	one("feed id", f.ID)
	one("feed title", f.Title)
	one("feed updated", f.Updated)
	date("feed updated", f.Updated)
	self := false
	for _, l := range f.Links {
		self = self || l.Rel == "self" && l.Href != ""
	}
	if !self {
		out = append(out, "feed: no link rel=\"self\"")
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		at := fmt.Sprintf("entry %d", i+1)
		one(at+" id", e.ID)
		one(at+" title", e.Title)
		one(at+" updated", e.Updated)
		date(at+" updated", e.Updated)
		date(at+" published", e.Published)
		if len(e.ID) == 1 {
			if ids[e.ID[0]] {
				out = append(out, fmt.Sprintf("%s: id %q repeats an earlier entry's", at, e.ID[0]))
			}
			ids[e.ID[0]] = true
		}
		if len(e.Authors) == 0 && len(f.Authors) == 0 {
			out = append(out, at+": no author (on the entry or the feed)")
		}
		alternate := false
		for _, l := range e.Links {
			alternate = alternate || (l.Rel == "" || l.Rel == "alternate") && l.Href != ""
		}
		if !alternate && len(e.Content) == 0 {
			out = append(out, at+": neither a link rel=\"alternate\" nor content")
		}
		for _, c := range e.Content {
			if c.Type != "" && c.Type != "text" && c.Type != "html" && c.Type != "xhtml" {
				out = append(out, fmt.Sprintf("%s: content type %q", at, c.Type))
			}
		}
	}
	return out
}

// ValidateJSON checks a JSON Feed 1.1 for what its specification requires:
// the version, a title, items with unique ids and content, RFC 3339 dates
// and URLs that parse.
func ValidateJSON(data []byte) []string {
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var out []string
	str := func(m map[string]any, k string) (string, bool) {
		v, ok := m[k]
		if !ok {
			return "", false
		}
		s, isStr := v.(string)
		if !isStr {
			out = append(out, fmt.Sprintf("%s: want a string, got %T", k, v))
		}
		return s, isStr
	}
	urlOK := func(what, s string) {
		if u, err := url.Parse(s); err != nil || s == "" || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
			out = append(out, fmt.Sprintf("%s: %q is not a URL", what, s))
		}
	}
	if v, _ := str(f, "version"); v != JSONFeedVersion {
		out = append(out, fmt.Sprintf("version: %q, want %q", v, JSONFeedVersion))
	}
	if v, _ := str(f, "title"); strings.TrimSpace(v) == "" {
		out = append(out, "title: missing")
	}
	for _, k := range []string{"home_page_url", "feed_url", "icon", "favicon"} {
		if v, ok := str(f, k); ok {
			urlOK(k, v)
		}
	}
	items, ok := f["items"].([]any)
	if !ok {
		return append(out, "items: missing or not a list")
	}
	ids := map[string]bool{}
	for i, raw := range items {
		at := fmt.Sprintf("item %d", i+1)
		it, ok := raw.(map[string]any)
		if !ok {
			out = append(out, at+": not an object")
			continue
		}
		id, _ := str(it, "id")
		switch {
		case strings.TrimSpace(id) == "":
			out = append(out, at+": no id")
		case ids[id]:
			out = append(out, fmt.Sprintf("%s: id %q repeats an earlier item's", at, id))
		}
		ids[id] = true
		html, hasHTML := str(it, "content_html")
		text, hasText := str(it, "content_text")
		if (!hasHTML || html == "") && (!hasText || text == "") {
			out = append(out, at+": neither content_html nor content_text")
		}
		for _, k := range []string{"url", "external_url", "image", "banner_image"} {
			if v, ok := str(it, k); ok {
				urlOK(at+" "+k, v)
			}
		}
		for _, k := range []string{"date_published", "date_modified"} {
			if v, ok := str(it, k); ok {
				if _, err := time.Parse(time.RFC3339, v); err != nil {
					out = append(out, fmt.Sprintf("%s %s: %q is not an RFC 3339 date", at, k, v))
				}
			}
		}
	}
	return out
}

// Check validates every feed among a build's files (Atom feed.xml, JSON
// Feed feed.json), for brief check. It returns the problems and how many
// feeds it read.
func Check(files map[string][]byte) (diag.List, int) {
	var out diag.List
	n := 0
	for _, p := range slices.Sorted(maps.Keys(files)) {
		var problems []string
		var kind string
		switch path.Base(p) {
		case "feed.xml":
			kind, problems = "Atom", ValidateAtom(files[p])
		case "feed.json":
			kind, problems = "JSON", ValidateJSON(files[p])
		default:
			continue
		}
		n++
		for _, pr := range problems {
			out = append(out, diag.Errorf("/"+p, 0, "", "brief writes its feeds itself: a file in static/ of the same path replaces one", "invalid %s feed: %s", kind, pr))
		}
	}
	return out, n
}

// ValidateSitemap checks a sitemap for what sitemaps.org and the
// hreflang rules of search engines require: absolute http(s) locations,
// each listed once, W3C dates; and for a URL with xhtml:link alternates,
// rel="alternate", a language or x-default for each, no language twice,
// the URL itself among them, and every alternate a URL of the sitemap
// that lists the same alternates (so that every version links back).
func ValidateSitemap(data []byte) []string {
	type link struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     []string `xml:"loc"`
			LastMod []string `xml:"lastmod"`
			Links   []link   `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		return []string{"not a sitemap: " + err.Error()}
	}
	var out []string
	alts := map[string]string{} // loc -> its alternates, as one string
	for i, u := range set.URLs {
		if len(u.Loc) != 1 {
			out = append(out, fmt.Sprintf("url %d: want exactly one loc; found %d", i+1, len(u.Loc)))
			continue
		}
		loc := u.Loc[0]
		if p, err := url.Parse(loc); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			out = append(out, fmt.Sprintf("url %d: loc %q is not an absolute http(s) URL", i+1, loc))
		}
		if _, dup := alts[loc]; dup {
			out = append(out, fmt.Sprintf("%s: listed twice", loc))
		}
		for _, m := range u.LastMod {
			if _, err := time.Parse("2006-01-02", m); err != nil {
				if _, err := time.Parse(time.RFC3339, m); err != nil {
					out = append(out, fmt.Sprintf("%s: lastmod %q is not a W3C date", loc, m))
				}
			}
		}
		langs := map[string]bool{}
		self := len(u.Links) == 0
		var all []string
		for _, l := range u.Links {
			switch {
			case l.Rel != "alternate":
				out = append(out, fmt.Sprintf("%s: xhtml:link rel %q, want \"alternate\"", loc, l.Rel))
			case l.HrefLang == "":
				out = append(out, fmt.Sprintf("%s: xhtml:link to %s without hreflang", loc, l.Href))
			case langs[l.HrefLang]:
				out = append(out, fmt.Sprintf("%s: hreflang %q listed twice", loc, l.HrefLang))
			}
			langs[l.HrefLang] = true
			self = self || (l.Href == loc && l.HrefLang != "x-default")
			all = append(all, l.HrefLang+" "+l.Href)
		}
		if !self {
			out = append(out, fmt.Sprintf("%s: its alternates leave out the URL itself", loc))
		}
		alts[loc] = strings.Join(all, "\n")
	}
	for _, u := range set.URLs {
		if len(u.Loc) != 1 {
			continue
		}
		for _, l := range u.Links {
			back, listed := alts[l.Href]
			switch {
			case !listed:
				out = append(out, fmt.Sprintf("%s: alternate %s (%s) is not in the sitemap", u.Loc[0], l.Href, l.HrefLang))
			case back != alts[u.Loc[0]]:
				out = append(out, fmt.Sprintf("%s: alternate %s (%s) lists other alternates than it does", u.Loc[0], l.Href, l.HrefLang))
			}
		}
	}
	return out
}
