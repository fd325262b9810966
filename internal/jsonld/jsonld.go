// Package jsonld builds the schema.org structured data of pages (JSON-LD):
// an article for each briefing, breadcrumbs, and the website itself. Each
// function is a pure function of the site model; Script encodes the result
// so that it can sit inside a <script> element whatever the front matter says.
package jsonld

import (
	"html/template"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"brief/internal/alternates"
	"brief/internal/content"
	"brief/internal/lending"
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

	// shared is what Prepare encoded once for every page; nil: each page
	// encodes it again.
	shared *shared
}

// shared is what is the same on every briefing page of a site, encoded.
// Each raw is held in an interface already, as pages take it: a slice
// put in one is copied to the heap, once a page otherwise.
type shared struct {
	publisher, image any                // raw
	places           map[*site.Term]any // raw
}

// raw is a value encoded already, written as it is.
type raw []byte

// MarshalJSON writes the value for encoding/json as appendJSON does.
func (r raw) MarshalJSON() ([]byte, error) { return r, nil }

// Prepare gives env what every briefing page's structured data holds
// alike, encoded once: the publisher, the site's default image and each
// of the site's jurisdictions as a place. The pieces come out byte for
// byte as a page would encode them; use the result for the pages of
// env.Site (and its Config, Abs, Image and Logo) only.
func Prepare(env Env) Env {
	sh := &shared{
		publisher: raw(appendJSON(nil, Publisher(env))),
		image:     raw(appendJSON(nil, imageNode(env, env.Image))),
		places:    make(map[*site.Term]any, len(env.Site.Jurisdictions)),
	}
	for _, t := range env.Site.Jurisdictions {
		sh.places[t] = raw(appendJSON(nil, place(env, t)))
	}
	env.shared = sh
	return env
}

// Crumb is one step of a breadcrumb trail; the last is the page itself.
type Crumb struct {
	Name string
	URL  string // site path
}

// Script encodes nodes as one JSON-LD document for a <script
// type="application/ld+json"> element. <, > and & are escaped (and
// U+2028, U+2029), as encoding/json does, so no value can close the
// element early. Each node is a Node, an *ArticleNode or a
// *BreadcrumbNode.
func Script(nodes ...any) template.JS {
	if len(nodes) == 0 {
		return ""
	}
	bp := buffers.Get().(*[]byte)
	*bp = appendScript((*bp)[:0], nodes)
	js := template.JS(*bp)
	buffers.Put(bp)
	return js
}

// LendScript is Script without the copy: the document is the pooled
// buffer it was written into, lent until the caller has written it out
// and calls Return (every page's head made one, a twentieth of a build's
// allocations).
func LendScript(nodes ...any) (template.JS, Lent) {
	if len(nodes) == 0 {
		return "", Lent{}
	}
	bp := buffers.Get().(*[]byte)
	*bp = appendScript((*bp)[:0], nodes)
	return template.JS(unsafe.String(unsafe.SliceData(*bp), len(*bp))), Lent{bp}
}

// Lent is a document LendScript lent.
type Lent struct{ bp *[]byte }

// Return gives the document's buffer back: nothing may read the document
// after. The zero Lent does nothing.
func (l Lent) Return() {
	if l.bp != nil {
		lending.Spoil(*l.bp)
		buffers.Put(l.bp)
	}
}

// appendScript appends the document of nodes (at least one).
func appendScript(b []byte, nodes []any) []byte {
	const context = "https://schema.org"
	if len(nodes) > 1 { // {"@context", "@graph"}: the keys in order
		b = append(b, `{"@context":`...)
		b = append(appendString(b, context), `,"@graph":`...)
		return append(appendList(b, nodes), '}')
	}
	switch n := nodes[0].(type) {
	case *ArticleNode:
		return n.appendTo(b, context)
	case *BreadcrumbNode:
		return n.appendTo(b, context)
	}
	return appendNode(b, nodes[0].(Node), "@context", context)
}

// buffers hold the documents being encoded, one page's at a time.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Article describes a briefing as a NewsArticle or Report (seo.articleType),
// with the properties Google documents for articles and what a policy
// reader's tools can use: places covered, sources cited, tags as keywords.
// The build gives what it made for the briefing: its share image (zero for
// the site's default) and the word count of its body; description is the
// page's (the summary, or a sentence standing in for a missing one).
func Article(env Env, b *site.Briefing, cover site.Image, words int, description string) *ArticleNode {
	return new(ArticleNode).Of(env, b, cover, words, description)
}

// Of makes a the article b, as Article does, in a's own space (a page's
// head made in space lent to it: seo.OfLent), and returns a.
func (a *ArticleNode) Of(env Env, b *site.Briefing, cover site.Image, words int, description string) *ArticleNode {
	url := env.Abs(b.URL)
	published := b.Date.Format(time.RFC3339)
	modified := published // formatted once when the same
	if b.Updated.After(b.Date) {
		modified = b.Updated.Format(time.RFC3339)
	}
	var publisher, image any
	if sh := env.shared; sh != nil {
		publisher = sh.publisher
		if cover.URL == "" {
			image = sh.image
		}
	} else {
		publisher = Publisher(env) // shared by the two keys: encoding only reads it
	}
	if image == nil {
		image = imageNode(env, briefingImage(env, cover))
	}
	*a = ArticleNode{typ: env.Site.Config.SEO.ArticleType, url: url, headline: b.Title,
		published: published, modified: modified,
		description: description, words: words, language: env.Site.Config.Language,
		author: authors(env, b.Authors, publisher), publisher: publisher,
		image: image, sources: b.Sources}
	if len(b.Tags) > 0 {
		a.keywords = make([]string, len(b.Tags))
		for i, t := range b.Tags {
			a.keywords[i] = t.Name
		}
	}
	if len(b.Jurisdictions) > 0 {
		a.places = make([]any, len(b.Jurisdictions))
		for i, t := range b.Jurisdictions {
			if p, ok := env.shared.place(t); ok {
				a.places[i] = p
			} else {
				a.places[i] = place(env, t)
			}
		}
	}
	return a
}

// ArticleNode is a briefing's article: the one object on every briefing's
// page with a dozen and more properties, encoded from its fields in the
// order of their keys instead of from a map of them made for each page.
type ArticleNode struct {
	typ, url, headline, published, modified, description, language string
	words                                                          int
	author                                                         []any // Nodes, or the publisher
	publisher, image                                               any   // Node or raw
	keywords                                                       []string
	places                                                         []any // Node or raw
	sources                                                        []content.Source
	translationKey                                                 string // translationOfWork or workTranslation; "" for none
	translation                                                    any
}

// Published is the article's datePublished, in RFC 3339.
func (a *ArticleNode) Published() string { return a.published }

// Modified is the article's dateModified, in RFC 3339: its date of
// update when later than its date, else its date.
func (a *ArticleNode) Modified() string { return a.modified }

// Keywords are the names of the briefing's tags, nil for none. The
// caller must not change them.
func (a *ArticleNode) Keywords() []string { return a.keywords }

// Translations links the article, on the page at self, to its versions
// in other languages, as the package's Translations does a Node.
func (a *ArticleNode) Translations(env Env, self string, versions []alternates.Version) {
	a.translationKey, a.translation = translations(env, a.typ, "#article", self, versions)
}

// appendTo appends the article as encoding/json wrote the map it was:
// keys sorted, optional ones left out when empty, "@context" first when
// context is not empty.
func (a *ArticleNode) appendTo(b []byte, context string) []byte {
	b = append(b, '{')
	if context != "" {
		b = append(b, `"@context":`...)
		b = append(appendString(b, context), ',')
	}
	b = append(b, `"@id":`...)
	b = appendString(b, a.url)
	b = append(b[:len(b)-1], `#article"`...) // in the URL's string: url+"#article" was made for each page
	b = append(b, `,"@type":`...)
	b = appendString(b, a.typ)
	b = append(b, `,"author":`...)
	b = appendList(b, a.author)
	if len(a.sources) > 0 {
		b = append(b, `,"citation":[`...)
		for i, s := range a.sources {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"@type":"CreativeWork","name":`...)
			b = appendString(b, s.Title)
			b = append(b, `,"url":`...)
			b = append(appendString(b, s.URL), '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"dateModified":`...)
	b = appendString(b, a.modified)
	b = append(b, `,"datePublished":`...)
	b = appendString(b, a.published)
	if a.description != "" {
		b = append(b, `,"description":`...)
		b = appendString(b, a.description)
	}
	b = append(b, `,"headline":`...)
	b = appendString(b, a.headline)
	b = append(b, `,"image":[`...)
	b = append(appendJSON(b, a.image), ']')
	b = append(b, `,"inLanguage":`...)
	b = appendString(b, a.language)
	b = append(b, `,"isAccessibleForFree":true`...)
	if len(a.sources) > 0 {
		b = append(b, `,"isBasedOn":[`...)
		for i, s := range a.sources {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s.URL)
		}
		b = append(b, ']')
	}
	if len(a.keywords) > 0 {
		b = append(b, `,"keywords":`...)
		b = appendStrings(b, a.keywords)
	}
	b = append(b, `,"mainEntityOfPage":{"@id":`...)
	b = appendString(b, a.url)
	b = append(b, `,"@type":"WebPage"},"publisher":`...)
	b = appendJSON(b, a.publisher)
	if len(a.places) > 0 {
		b = append(b, `,"spatialCoverage":`...)
		b = appendList(b, a.places)
	}
	if a.translationKey == "translationOfWork" {
		b = append(b, `,"translationOfWork":`...)
		b = appendJSON(b, a.translation)
	}
	b = append(b, `,"url":`...)
	b = appendString(b, a.url)
	if a.words > 0 {
		b = append(b, `,"wordCount":`...)
		b = strconv.AppendInt(b, int64(a.words), 10)
	}
	if a.translationKey == "workTranslation" {
		b = append(b, `,"workTranslation":`...)
		b = appendJSON(b, a.translation)
	}
	return append(b, '}')
}

// MarshalJSON writes the article for encoding/json as Script does.
func (a *ArticleNode) MarshalJSON() ([]byte, error) { return a.appendTo(nil, ""), nil }

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

// place is the encoded place of t when Prepare made it.
func (sh *shared) place(t *site.Term) (any, bool) {
	if sh == nil {
		return nil, false
	}
	p, ok := sh.places[t]
	return p, ok
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
func authors(env Env, names []string, publisher any) []any {
	if len(names) == 0 {
		return []any{publisher}
	}
	out := make([]any, len(names))
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
func Breadcrumbs(env Env, trail []Crumb) *BreadcrumbNode {
	return new(BreadcrumbNode).Of(env, trail)
}

// Of makes n the list of trail, as Breadcrumbs does, in n's own space (a
// page's head made in space lent to it: seo.OfLent), and returns n.
func (n *BreadcrumbNode) Of(env Env, trail []Crumb) *BreadcrumbNode {
	n.items = n.steps[:0]
	if len(trail) > len(n.steps) {
		n.items = make([]listItem, 0, len(trail))
	}
	for i, c := range trail {
		n.items = append(n.items, listItem{position: i + 1, name: c.Name, item: env.Abs(c.URL)})
	}
	return n
}

// BreadcrumbNode is a trail's BreadcrumbList, encoded as the Node
// {"@type": "BreadcrumbList", "itemListElement": items} was without a map
// made for it on every page.
type BreadcrumbNode struct {
	items []listItem
	steps [6]listItem // where items are when they fit: one block for a page's trail
}

// appendTo appends the list as encoding/json wrote its map: keys sorted,
// "@context" first when context is not empty.
func (n *BreadcrumbNode) appendTo(b []byte, context string) []byte {
	b = append(b, '{')
	if context != "" {
		b = append(b, `"@context":`...)
		b = append(appendString(b, context), ',')
	}
	b = append(b, `"@type":"BreadcrumbList","itemListElement":`...)
	b = appendJSON(b, n.items)
	return append(b, '}')
}

// MarshalJSON writes the list for encoding/json as Script does.
func (n *BreadcrumbNode) MarshalJSON() ([]byte, error) { return n.appendTo(nil, ""), nil }

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
	typ, _ := n["@type"].(string)
	if key, v := translations(env, typ, fragment, self, versions); key != "" {
		n[key] = v
	}
}

// translations is the key and value that link an object of type typ to
// its versions (see Translations); "" and nil with fewer than two.
func translations(env Env, typ, fragment, self string, versions []alternates.Version) (string, any) {
	if len(versions) < 2 {
		return "", nil
	}
	ref := func(v alternates.Version) Node {
		url := env.Abs(v.URL)
		return Node{"@type": typ, "@id": url + fragment, "url": url, "inLanguage": v.Lang}
	}
	if original := versions[0]; original.URL != self {
		return "translationOfWork", ref(original)
	}
	others := make([]Node, 0, len(versions)-1)
	for _, v := range versions[1:] {
		others = append(others, ref(v))
	}
	return "workTranslation", others
}
