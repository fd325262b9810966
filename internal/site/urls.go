package site

import (
	"strconv"
	"strings"
	"time"

	"brief/internal/config"
)

// URLs are the site-relative URLs of the pages and files every site has.
// Templates read them as .Site.URLs; the pipeline writes each output at
// OutputPath of its URL.
//
// In a site of several languages each edition has its own, under its
// prefix ("/zh-hant/tags/"), but for the files of the whole site: the
// sitemap, robots.txt and _redirects.
type URLs struct {
	Home, Tags, Jurisdictions, Archive, Funding, Search, NotFound string
	Feed, Sitemap, SearchIndex, BriefingsData, FundingData        string
	Robots, Redirects                                             string

	prefix string // the edition's: "" or "/zh-hant"
}

// urlsOf are the URLs of the edition whose URLs start with prefix.
func urlsOf(prefix string) URLs {
	if prefix == "" {
		return fixedURLs
	}
	u := fixedURLs
	for _, p := range []*string{&u.Home, &u.Tags, &u.Jurisdictions, &u.Archive, &u.Funding, &u.Search, &u.NotFound,
		&u.Feed, &u.SearchIndex, &u.BriefingsData, &u.FundingData} {
		*p = prefix + *p
	}
	u.prefix = prefix
	return u
}

var fixedURLs = URLs{
	Home:          "/",
	Tags:          "/" + TagsKind + "/",
	Jurisdictions: "/" + JurisdictionsKind + "/",
	Archive:       "/archive/",
	Funding:       "/funding/",
	Search:        "/search/",
	NotFound:      "/404.html",
	Feed:          FeedOf("/"),
	Sitemap:       "/sitemap.xml",
	SearchIndex:   "/search/manifest.json", // the index's other files are beside it
	BriefingsData: "/data/briefings.json",
	FundingData:   "/data/funding.csv",
	Robots:        "/robots.txt",
	Redirects:     "/_redirects",
}

// TermsURL is the index page of a taxonomy ("/tags/").
func (u URLs) TermsURL(kind string) string {
	if kind == JurisdictionsKind {
		return u.Jurisdictions
	}
	return u.Tags
}

func (u URLs) termURL(kind, slug string) string { return u.prefix + "/" + kind + "/" + slug + "/" }

// FeedOf is the Atom feed of the list page at url.
func FeedOf(url string) string { return url + "feed.xml" }

// Year is the archive page of one year.
func (u URLs) Year(y int) string { return u.Archive + strconv.Itoa(y) + "/" }

// briefing is a briefing's page, by the permalink pattern.
func (u URLs) briefing(pattern, slug string, date time.Time) string {
	return u.prefix + expandPermalink(pattern, slug, date)
}

// PageURL is the URL of page n (1-based) of a paginated list at base.
func PageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// expandPermalink fills in a permalink pattern's placeholders, left to
// right, as a strings.Replacer of the four would (one made per briefing
// was a tenth of a front matter edit's model at 10,000 briefings).
func expandPermalink(pattern, slug string, date time.Time) string {
	var b strings.Builder
	b.Grow(len(pattern) + len(slug))
	for {
		i := strings.IndexByte(pattern, ':')
		if i < 0 {
			b.WriteString(pattern)
			return b.String()
		}
		b.WriteString(pattern[:i])
		pattern = pattern[i:]
		switch {
		case strings.HasPrefix(pattern, ":slug"):
			b.WriteString(slug)
			pattern = pattern[len(":slug"):]
		case strings.HasPrefix(pattern, ":year"):
			b.WriteString(date.Format("2006"))
			pattern = pattern[len(":year"):]
		case strings.HasPrefix(pattern, ":month"):
			b.WriteString(date.Format("01"))
			pattern = pattern[len(":month"):]
		case strings.HasPrefix(pattern, ":day"):
			b.WriteString(date.Format("02"))
			pattern = pattern[len(":day"):]
		default:
			b.WriteByte(':')
			pattern = pattern[1:]
		}
	}
}

// OutputPath turns a site-relative URL ("/tags/web3/") into the file that
// serves it ("tags/web3/index.html").
func OutputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// RelURL prefixes a site-relative path with the base URL's path, so a site
// deployed under a sub-folder keeps working links.
func RelURL(cfg *config.Config, p string) string {
	if isAbsolute(p) {
		return p
	}
	base := cfg.BasePath()
	if base == "/" && strings.HasPrefix(p, "/") {
		return p // what the line below makes of it, without a copy: every link of every page asks
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(p, "/")
}

// AbsURL makes a full URL from a site-relative path, for feeds, sitemaps
// and canonical links. With no absolute base URL it falls back to RelURL.
func AbsURL(cfg *config.Config, p string) string {
	base, rest, abs := absParts(cfg, p)
	if !abs {
		return rest
	}
	return base + "/" + rest
}

// AppendAbsURL appends AbsURL(cfg, p) to b, without making it a string
// first where it is the base URL and p (a sitemap of 100,000 briefings).
func AppendAbsURL(b []byte, cfg *config.Config, p string) []byte {
	base, rest, abs := absParts(cfg, p)
	if abs {
		b = append(append(b, base...), '/')
	}
	return append(b, rest...)
}

// absParts is AbsURL(cfg, p) as base + "/" + rest, or when not abs, as
// rest alone (RelURL's).
func absParts(cfg *config.Config, p string) (base, rest string, abs bool) {
	if isAbsolute(p) || !strings.Contains(cfg.BaseURL, "://") {
		return "", RelURL(cfg, p), false
	}
	return strings.TrimSuffix(cfg.BaseURL, "/"), strings.TrimPrefix(p, "/"), true
}

func isAbsolute(p string) bool {
	return strings.Contains(p, "://") || strings.HasPrefix(p, "//")
}

// JSONFeedOf is the JSON Feed beside an Atom feed ("/feed.xml" -> "/feed.json").
func JSONFeedOf(atom string) string { return strings.TrimSuffix(atom, ".xml") + ".json" }
