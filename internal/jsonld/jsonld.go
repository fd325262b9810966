// Package jsonld builds the schema.org structured data of pages (JSON-LD):
// an article for each briefing, breadcrumbs, and the website itself. Each
// function is a pure function of the site model; Script encodes the result
// so that it can sit inside a <script> element whatever the front matter says.
package jsonld

import (
	"html/template"
	"sync"
	"time"

	"brief/internal/alternates"
	"brief/internal/site"
)

// Node is one schema.org object. Maps marshal with sorted keys, so the
// output is deterministic and "@context", "@id", "@type" come first.
type Node = map[string]any

// Env is what structured data needs besides the page itself.
type Env struct {
	Site *site.Site
	// Abs turns a site path ("/tags/web3/") into an absolute URL; it leaves
	// absolute URLs alone.
	Abs func(string) string
	// Image is the site's default image and Logo the publisher's logo, as
	// site paths or absolute URLs with their sizes when known.
	Image, Logo site.Image
}

// Crumb is one step of a breadcrumb trail; the last is the page itself.
type Crumb struct {
	Name string
	URL  string // site path
}

// Script encodes nodes as one JSON-LD document for a <script
// type="application/ld+json"> element. <, > and & are escaped (and
// U+2028, U+2029), as encoding/json does, so no value can close the
// element early.
func Script(nodes ...Node) template.JS {
	if len(nodes) == 0 {
		return ""
	}
	bp := buffers.Get().(*[]byte)
	b := (*bp)[:0]
	if len(nodes) == 1 {
		b = appendNode(b, nodes[0], "@context", "https://schema.org")
	} else {
		b = appendNode(b, Node{"@context": "https://schema.org", "@graph": nodes}, "", nil)
	}
	js := template.JS(b)
	*bp = b
	buffers.Put(bp)
	return js
}

// buffers hold the documents being encoded, one page's at a time.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Article describes a briefing as a NewsArticle or Report (seo.articleType),
// with the properties Google documents for articles and what a policy
// reader's tools can use: places covered, sources cited, tags as keywords.
// The build gives what it made for the briefing: its share image (zero for
// the site's default) and the word count of its body; description is the
// page's (the summary, or a sentence standing in for a missing one).
func Article(env Env, b *site.Briefing, cover site.Image, words int, description string) Node {
	cfg := env.Site.Config
	url := env.Abs(b.URL)
	modified := b.Date
	if b.Updated.After(b.Date) {
		modified = b.Updated
	}
	publisher := Publisher(env) // shared by the two keys: encoding only reads it
	n := Node{
		"@type":               cfg.SEO.ArticleType,
		"@id":                 url + "#article",
		"url":                 url,
		"headline":            b.Title,
		"datePublished":       b.Date.Format(time.RFC3339),
		"dateModified":        modified.Format(time.RFC3339),
		"mainEntityOfPage":    Node{"@type": "WebPage", "@id": url},
		"author":              authors(env, b.Authors, publisher),
		"publisher":           publisher,
		"image":               []Node{imageNode(env, briefingImage(env, cover))},
		"inLanguage":          cfg.Language,
		"isAccessibleForFree": true,
	}
	if description != "" {
		n["description"] = description
	}
	if words > 0 {
		n["wordCount"] = words
	}
	if len(b.Tags) > 0 {
		keywords := make([]string, len(b.Tags))
		for i, t := range b.Tags {
			keywords[i] = t.Name
		}
		n["keywords"] = keywords
	}
	if len(b.Jurisdictions) > 0 {
		places := make([]Node, len(b.Jurisdictions))
		for i, t := range b.Jurisdictions {
			places[i] = place(env, t)
		}
		n["spatialCoverage"] = places
	}
	if len(b.Sources) > 0 {
		cited := make([]Node, len(b.Sources))
		based := make([]string, len(b.Sources))
		for i, s := range b.Sources {
			cited[i] = Node{"@type": "CreativeWork", "name": s.Title, "url": s.URL}
			based[i] = s.URL
		}
		n["citation"] = cited
		n["isBasedOn"] = based
	}
	return n
}

// briefingImage is the briefing's own image, else the site's default.
func briefingImage(env Env, cover site.Image) site.Image {
	if cover.URL != "" {
		return cover
	}
	return env.Image
}

func imageNode(env Env, img site.Image) Node {
	n := Node{"@type": "ImageObject", "url": env.Abs(img.URL)}
	if img.Width > 0 && img.Height > 0 {
		n["width"], n["height"] = img.Width, img.Height
	}
	if img.Alt != "" {
		n["caption"] = img.Alt
	}
	return n
}

// place is a jurisdiction with its parents, nearest first.
func place(env Env, t *site.Term) Node {
	n := Node{"@type": "Place", "name": t.Name, "url": env.Abs(t.URL)}
	if t.Parent != nil && t.Parent != t {
		n["containedInPlace"] = place(env, t.Parent)
	}
	return n
}

// authors names a briefing's authors as people, or as organisations when
// site.toml says so; a briefing without authors is by the publisher.
func authors(env Env, names []string, publisher Node) []Node {
	if len(names) == 0 {
		return []Node{publisher}
	}
	out := make([]Node, len(names))
	for i, name := range names {
		a, ok := env.Site.Config.Authors[name]
		typ := "Person"
		if ok {
			typ = a.Type
		}
		n := Node{"@type": typ, "name": name}
		if a.URL != "" {
			n["url"] = a.URL
		}
		out[i] = n
	}
	return out
}

// Publisher is the organisation that publishes the site, with its logo.
func Publisher(env Env) Node {
	cfg := env.Site.Config
	name := cfg.SEO.Publisher
	if name == "" {
		name = cfg.Title
	}
	home := env.Abs("/")
	n := Node{"@type": "Organization", "@id": home + "#publisher", "name": name, "url": home}
	if env.Logo.URL != "" {
		n["logo"] = imageNode(env, env.Logo)
	}
	return n
}

// WebSite describes the site (an edition of it) as a whole, for the home
// page.
func WebSite(env Env) Node {
	cfg := env.Site.Config
	home := env.Abs(env.Site.URLs.Home) // an edition's own home
	n := Node{
		"@type":      "WebSite",
		"@id":        home + "#website",
		"url":        home,
		"name":       cfg.Title,
		"inLanguage": cfg.Language,
		"publisher":  Publisher(env),
	}
	if cfg.Description != "" {
		n["description"] = cfg.Description
	}
	return n
}

// Breadcrumbs lists a trail of pages, the page itself last.
func Breadcrumbs(env Env, trail []Crumb) Node {
	items := make([]listItem, len(trail))
	for i, c := range trail {
		items[i] = listItem{position: i + 1, name: c.Name, item: env.Abs(c.URL)}
	}
	return Node{"@type": "BreadcrumbList", "itemListElement": items}
}

// listItem is a schema.org ListItem, encoded without a map of its own:
// a trail has one per step on every page.
type listItem struct {
	position   int
	name, item string
}

// Translations links n, the object of the page at self (a briefing's
// article, the home page's website), to the page's versions in the other
// languages (site paths, in the site's order of languages, with self, the
// page's own path, among them).
// The first is the original: it names each other as a workTranslation,
// and each other names it as its translationOfWork. Each is referred to by
// its @id (its URL followed by fragment, as n's own), its URL and its
// language. With fewer than two versions n is left as it was.
func Translations(env Env, n Node, fragment, self string, versions []alternates.Version) {
	if len(versions) < 2 {
		return
	}
	ref := func(v alternates.Version) Node {
		url := env.Abs(v.URL)
		return Node{"@type": n["@type"], "@id": url + fragment, "url": url, "inLanguage": v.Lang}
	}
	if original := versions[0]; original.URL != self {
		n["translationOfWork"] = ref(original)
		return
	}
	others := make([]Node, 0, len(versions)-1)
	for _, v := range versions[1:] {
		others = append(others, ref(v))
	}
	n["workTranslation"] = others
}
