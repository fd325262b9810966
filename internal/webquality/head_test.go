package webquality

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"brief/internal/feeds"
	"brief/internal/linkcheck"
	"brief/internal/site"
)

// head is what a page says about itself, read back from its HTML.
type head struct {
	lang, title, description, canonical, robots string
	meta                                        map[string][]string // og:*, article:*, twitter:* -> contents
	jsonld                                      []string
}

func readHead(t *testing.T, page string, data []byte) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	h := head{meta: map[string][]string{}}
	titles := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch n.Data {
			case "html":
				h.lang = a["lang"]
			case "title":
				if n.Parent == nil || n.Parent.Data != "head" {
					break // an SVG's title
				}
				titles++
				if n.FirstChild != nil {
					h.title = n.FirstChild.Data
				}
			case "meta":
				switch {
				case a["name"] == "description":
					h.description = a["content"]
				case a["name"] == "robots":
					h.robots = a["content"]
				case a["property"] != "":
					h.meta[a["property"]] = append(h.meta[a["property"]], a["content"])
				case strings.HasPrefix(a["name"], "twitter:"):
					h.meta[a["name"]] = append(h.meta[a["name"]], a["content"])
				}
			case "link":
				if a["rel"] == "canonical" {
					h.canonical = a["href"]
				}
			case "script":
				if a["type"] == "application/ld+json" && n.FirstChild != nil {
					h.jsonld = append(h.jsonld, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if titles != 1 {
		t.Errorf("%s: %d <title> elements", page, titles)
	}
	return h
}

// TestEveryPageSharesWell: every page has a language, a title and a
// description of its own, a canonical link to itself, link-preview tags,
// and structured data that parses; briefings are articles with the fields
// Google documents for them.
func TestEveryPageSharesWell(t *testing.T) {
	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			base := s.site.Config.BaseURL
			titles := map[string]string{}
			descriptions := map[*site.Site]map[string]string{} // by edition: a translation may say the same
			briefings := map[string]bool{}
			for _, e := range s.site.Editions {
				descriptions[e] = map[string]string{}
				for _, b := range e.Briefings {
					briefings[strings.TrimPrefix(b.URL, "/")+"index.html"] = true
				}
			}
			pages := s.htmlPages()
			for _, p := range pages {
				h := readHead(t, p, s.files[p])
				edition := s.editionOf(p)
				if h.lang != edition.Language.Lang {
					t.Errorf("%s: lang %q, want %q", p, h.lang, edition.Language.Lang)
				}
				if h.title == "" || h.description == "" {
					t.Errorf("%s: title %q, description %q", p, h.title, h.description)
				}
				if other, ok := titles[h.title]; ok {
					t.Errorf("%s and %s share the title %q", p, other, h.title)
				}
				titles[h.title] = p
				inEdition := strings.TrimPrefix(p, strings.TrimPrefix(edition.URLs.Home, "/")) // "tags/index.html"
				if inEdition == "404.html" {
					if h.robots != "noindex" || h.canonical != "" {
						t.Errorf("404: robots %q, canonical %q", h.robots, h.canonical)
					}
					continue
				}
				// Summaries are the editors'; generated descriptions must be unique.
				if other, ok := descriptions[edition][h.description]; ok && !briefings[p] {
					t.Errorf("%s and %s share the description %q", p, other, h.description)
				}
				descriptions[edition][h.description] = p
				want := base + strings.TrimSuffix(p, "index.html")
				if c, err := url.PathUnescape(h.canonical); err != nil || c != want {
					t.Errorf("%s: canonical %q, want %q", p, h.canonical, want)
				}
				for _, prop := range []string{"og:title", "og:description", "og:url", "og:image", "og:image:alt", "og:type", "og:site_name", "twitter:card"} {
					if v := h.meta[prop]; len(v) != 1 || v[0] == "" {
						t.Errorf("%s: %s = %q", p, prop, v)
					}
				}
				if img := h.meta["og:image"]; len(img) == 1 && !strings.HasPrefix(img[0], base) {
					t.Errorf("%s: og:image %q is not an absolute URL of the site", p, img[0])
				}
				if len(h.jsonld) != 1 && inEdition != "search/index.html" && inEdition != "funding/index.html" && inEdition != "tags/index.html" && inEdition != "jurisdictions/index.html" && inEdition != "archive/index.html" && !strings.HasPrefix(inEdition, "page/") {
					t.Errorf("%s: %d JSON-LD scripts", p, len(h.jsonld))
				}
				for _, js := range h.jsonld {
					checkJSONLD(t, p, js, briefings[p], base, base+strings.TrimPrefix(edition.URLs.Home, "/"))
				}
				if briefings[p] {
					if h.meta["og:type"][0] != "article" || len(h.meta["article:published_time"]) != 1 {
						t.Errorf("%s: og:type %q, published %q", p, h.meta["og:type"], h.meta["article:published_time"])
					}
				}
			}
			if len(titles) < len(pages) {
				t.Errorf("%d titles for %d pages", len(titles), len(pages))
			}
		})
	}
}

// checkJSONLD parses a page's structured data and checks each node's type
// has what search engines need.
func checkJSONLD(t *testing.T, page, js string, isBriefing bool, base, home string) {
	t.Helper()
	if strings.Contains(js, "<") {
		t.Errorf("%s: JSON-LD contains '<': %s", page, js)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Errorf("%s: JSON-LD does not parse: %v", page, err)
		return
	}
	if doc["@context"] != "https://schema.org" {
		t.Errorf("%s: @context %v", page, doc["@context"])
	}
	nodes := []any{doc}
	if g, ok := doc["@graph"].([]any); ok {
		nodes = g
	}
	types := map[string]bool{}
	for _, n := range nodes {
		node := n.(map[string]any)
		typ, _ := node["@type"].(string)
		types[typ] = true
		switch typ {
		case "NewsArticle", "Report":
			for _, f := range []string{"headline", "datePublished", "dateModified", "author", "publisher", "image", "mainEntityOfPage", "url", "description"} {
				if node[f] == nil || node[f] == "" {
					t.Errorf("%s: %s has no %s", page, typ, f)
				}
			}
			for _, f := range []string{"datePublished", "dateModified"} {
				if s, _ := node[f].(string); len(s) < 20 || !(strings.HasSuffix(s, "Z") || strings.Contains(s[19:], "+") || strings.Contains(s[19:], "-")) {
					t.Errorf("%s: %s %q has no offset", page, f, s)
				}
			}
			for _, a := range node["author"].([]any) {
				am := a.(map[string]any)
				if (am["@type"] != "Person" && am["@type"] != "Organization") || am["name"] == "" {
					t.Errorf("%s: author %v", page, am)
				}
			}
			pub := node["publisher"].(map[string]any)
			if logo, _ := pub["logo"].(map[string]any); logo == nil || !strings.HasPrefix(logo["url"].(string), base) {
				t.Errorf("%s: publisher %v", page, pub)
			}
		case "BreadcrumbList":
			items := node["itemListElement"].([]any)
			if len(items) < 2 {
				t.Errorf("%s: breadcrumbs %v", page, items)
			}
			for i, it := range items {
				m := it.(map[string]any)
				if m["position"] != float64(i+1) || m["name"] == "" || !strings.HasPrefix(m["item"].(string), base) {
					t.Errorf("%s: breadcrumb %v", page, m)
				}
			}
		case "WebSite":
			if node["name"] == "" || node["url"] != home { // the edition's home
				t.Errorf("%s: website %v", page, node)
			}
		default:
			t.Errorf("%s: unexpected type %q", page, typ)
		}
	}
	if isBriefing && (!types["BreadcrumbList"] || !(types["NewsArticle"] || types["Report"])) {
		t.Errorf("%s: a briefing's structured data has types %v", page, types)
	}
}

// TestNoBrokenLinks: no internal link or #anchor of either site leads
// nowhere. Pages copied from static/ are the site's own: the content
// manager's page links a bundle that only the deploy's brief cms adds.
func TestNoBrokenLinks(t *testing.T) {
	for _, s := range sites(t) {
		files := map[string][]byte{}
		for p, data := range s.files {
			if !strings.HasSuffix(p, ".html") || !s.fromStatic(p) {
				files[p] = data
			}
		}
		if broken := linkcheck.Check(files, s.site.Config.BasePath(), nil); len(broken) > 0 {
			t.Errorf("%s site: %d broken links:\n%v", s.name, len(broken), broken)
		}
	}
}

// TestFeedsValid: every Atom feed and the JSON Feed beside it are valid,
// one pair for each edition of the site and for each of its tags and
// jurisdictions.
func TestFeedsValid(t *testing.T) {
	for _, s := range sites(t) {
		problems, n := feeds.Check(s.files)
		if len(problems) > 0 {
			t.Errorf("%s site: %v", s.name, problems)
		}
		want := 0
		for _, e := range s.site.Editions {
			want += 2 * (1 + len(e.Tags) + len(e.Jurisdictions))
		}
		if n != want {
			t.Errorf("%s site: %d feeds, want %d", s.name, n, want)
		}
	}
}
