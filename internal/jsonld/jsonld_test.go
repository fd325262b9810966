package jsonld_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"brief/internal/alternates"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/jsonld"
	"brief/internal/site"
)

func env(t *testing.T, cfgSrc string, bs ...*content.Briefing) (jsonld.Env, *site.Site) {
	t.Helper()
	cfg, ds := config.Parse([]byte(cfgSrc))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if err := cfg.SetBaseURL("https://example.org/policy/"); err != nil {
		t.Fatal(err)
	}
	s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return jsonld.Env{
		Site: s,
		Abs: func(p string) string {
			if strings.Contains(p, "://") {
				return p
			}
			return "https://example.org/policy" + p
		},
		Image: site.Image{URL: "/images/share.png", Width: 1200, Height: 630},
		Logo:  site.Image{URL: "/images/logo.png", Width: 512, Height: 512},
	}, s
}

var hk = time.FixedZone("HKT", 8*3600)

func briefing() *content.Briefing {
	return &content.Briefing{
		Path: "content/briefings/sz.md", Title: "Shenzhen funds Web3 </script><script>alert(1)</script> labs",
		Date: time.Date(2023, 5, 29, 10, 0, 0, 0, hk), Updated: time.Date(2023, 6, 2, 9, 30, 0, 0, hk),
		Jurisdictions: []string{"Shenzhen"}, Tags: []string{"Web3", "funding"}, Summary: "A fund & a <plan>.",
		Sources: []content.Source{{Title: "Shenzhen government", URL: "https://www.sz.gov.cn/"}},
		Authors: []string{"Brief Desk", "Jane Doe"},
	}
}

const cfgSrc = `title = "Policy Brief"
[jurisdictions]
Shenzhen = { parent = "China" }
[authors]
"Brief Desk" = { type = "Organization", url = "https://example.org/about/" }
`

// decode parses a Script's output as a browser's JSON-LD reader would.
func decode(t *testing.T, js string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, js)
	}
	return doc
}

func TestArticle(t *testing.T) {
	e, s := env(t, cfgSrc, briefing())
	b := s.Briefings[0]
	doc := decode(t, string(jsonld.Script(jsonld.Article(e, b, site.Image{}, 321, b.Summary))))
	url := "https://example.org/policy/briefings/sz/"
	want := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "NewsArticle",
		"headline":      b.Title,
		"description":   "A fund & a <plan>.",
		"datePublished": "2023-05-29T10:00:00+08:00",
		"dateModified":  "2023-06-02T09:30:00+08:00",
		"url":           url,
		"inLanguage":    "en",
		"wordCount":     321.0,
	}
	for k, v := range want {
		if doc[k] != v {
			t.Errorf("%s = %#v, want %#v", k, doc[k], v)
		}
	}
	if m := doc["mainEntityOfPage"].(map[string]any); m["@id"] != url {
		t.Errorf("mainEntityOfPage %v", m)
	}
	authors := doc["author"].([]any)
	if a := authors[0].(map[string]any); a["@type"] != "Organization" || a["name"] != "Brief Desk" || a["url"] != "https://example.org/about/" {
		t.Errorf("first author %v", a)
	}
	if a := authors[1].(map[string]any); a["@type"] != "Person" || a["name"] != "Jane Doe" {
		t.Errorf("second author %v", a)
	}
	pub := doc["publisher"].(map[string]any)
	logo := pub["logo"].(map[string]any)
	if pub["@type"] != "Organization" || pub["name"] != "Policy Brief" || logo["url"] != "https://example.org/policy/images/logo.png" || logo["width"] != 512.0 {
		t.Errorf("publisher %v", pub)
	}
	img := doc["image"].([]any)[0].(map[string]any)
	if img["url"] != "https://example.org/policy/images/share.png" || img["width"] != 1200.0 || img["height"] != 630.0 {
		t.Errorf("image %v", img)
	}
	if kw := doc["keywords"].([]any); len(kw) != 2 || kw[0] != "Web3" || kw[1] != "funding" {
		t.Errorf("keywords %v", kw)
	}
	place := doc["spatialCoverage"].([]any)[0].(map[string]any)
	parent := place["containedInPlace"].(map[string]any)
	if place["@type"] != "Place" || place["name"] != "Shenzhen" || parent["name"] != "China" || parent["url"] != "https://example.org/policy/jurisdictions/china/" {
		t.Errorf("spatialCoverage %v", place)
	}
	cite := doc["citation"].([]any)[0].(map[string]any)
	if cite["name"] != "Shenzhen government" || cite["url"] != "https://www.sz.gov.cn/" || doc["isBasedOn"].([]any)[0] != "https://www.sz.gov.cn/" {
		t.Errorf("citation %v, isBasedOn %v", cite, doc["isBasedOn"])
	}
}

func TestArticleOptions(t *testing.T) {
	c := briefing()
	c.Authors, c.Updated = nil, time.Time{}
	e, s := env(t, "[seo]\narticleType = \"Report\"\npublisher = \"Brief Desk Ltd\"\n", c)
	b := s.Briefings[0]
	cover := site.Image{URL: "https://cdn.example.org/sz.jpg", Alt: "Shenzhen skyline"}
	doc := decode(t, string(jsonld.Script(jsonld.Article(e, b, cover, 0, ""))))
	if doc["@type"] != "Report" || doc["dateModified"] != doc["datePublished"] {
		t.Errorf("type %v, modified %v", doc["@type"], doc["dateModified"])
	}
	// Without authors, the publisher is the author.
	if a := doc["author"].([]any)[0].(map[string]any); a["@type"] != "Organization" || a["name"] != "Brief Desk Ltd" {
		t.Errorf("author %v", a)
	}
	if img := doc["image"].([]any)[0].(map[string]any); img["url"] != "https://cdn.example.org/sz.jpg" || img["caption"] != "Shenzhen skyline" || img["width"] != nil {
		t.Errorf("the briefing's own image: %v", img)
	}
}

func TestScriptCannotBeClosedByContent(t *testing.T) {
	e, s := env(t, cfgSrc, briefing())
	js := string(jsonld.Script(jsonld.Article(e, s.Briefings[0], site.Image{}, 0, ""), jsonld.WebSite(e)))
	for _, bad := range []string{"<", ">", "</script", "<!--"} {
		if strings.Contains(js, bad) {
			t.Errorf("JSON-LD contains %q: %s", bad, js)
		}
	}
	doc := decode(t, js)
	graph := doc["@graph"].([]any)
	if got := graph[0].(map[string]any)["headline"]; got != s.Briefings[0].Title {
		t.Errorf("headline %q does not survive the escaping", got)
	}
	if graph[1].(map[string]any)["@type"] != "WebSite" {
		t.Errorf("graph %v", graph)
	}
}

func TestBreadcrumbs(t *testing.T) {
	e, _ := env(t, "")
	doc := decode(t, string(jsonld.Script(jsonld.Breadcrumbs(e, []jsonld.Crumb{{Name: "Home", URL: "/"}, {Name: "Tags", URL: "/tags/"}, {Name: "Web3", URL: "/tags/web3/"}}))))
	items := doc["itemListElement"].([]any)
	if len(items) != 3 {
		t.Fatalf("items %v", items)
	}
	for i, it := range items {
		m := it.(map[string]any)
		if m["@type"] != "ListItem" || m["position"] != float64(i+1) || m["name"] == "" || !strings.HasPrefix(m["item"].(string), "https://example.org/policy/") {
			t.Errorf("item %d: %v", i, m)
		}
	}
}

func TestWebSite(t *testing.T) {
	e, _ := env(t, "title = \"Brief\"\ndescription = \"Sourced.\"\nlanguage = \"en-GB\"\n")
	doc := decode(t, string(jsonld.Script(jsonld.WebSite(e))))
	if doc["@type"] != "WebSite" || doc["name"] != "Brief" || doc["url"] != "https://example.org/policy/" || doc["description"] != "Sourced." || doc["inLanguage"] != "en-GB" {
		t.Errorf("website %v", doc)
	}
}

func TestTranslations(t *testing.T) {
	const en, zh, hans = "https://x.example/b/", "https://x.example/zh-hant/b/", "https://x.example/zh-hans/b/"
	versions := []alternates.Version{{Lang: "en", URL: "/b/"}, {Lang: "zh-Hant", URL: "/zh-hant/b/"}, {Lang: "zh-Hans", URL: "/zh-hans/b/"}}
	env := jsonld.Env{Abs: func(p string) string { return "https://x.example" + p }}
	article := func(url string) jsonld.Node {
		return jsonld.Node{"@type": "NewsArticle", "@id": url + "#article", "url": url}
	}
	ref := func(lang, url string) jsonld.Node {
		return jsonld.Node{"@type": "NewsArticle", "@id": url + "#article", "url": url, "inLanguage": lang}
	}

	original := article(en)
	jsonld.Translations(env, original, "#article", "/b/", versions)
	if want := []jsonld.Node{ref("zh-Hant", zh), ref("zh-Hans", hans)}; !reflect.DeepEqual(original["workTranslation"], want) {
		t.Errorf("original's workTranslation = %v, want %v", original["workTranslation"], want)
	}
	if _, ok := original["translationOfWork"]; ok {
		t.Error("the original has a translationOfWork")
	}

	translation := article(hans)
	jsonld.Translations(env, translation, "#article", "/zh-hans/b/", versions)
	if want := ref("en", en); !reflect.DeepEqual(translation["translationOfWork"], want) {
		t.Errorf("translation's translationOfWork = %v, want %v", translation["translationOfWork"], want)
	}
	if _, ok := translation["workTranslation"]; ok {
		t.Error("a translation has a workTranslation")
	}

	alone := article(en)
	jsonld.Translations(env, alone, "#article", "/b/", versions[:1])
	if len(alone) != 3 {
		t.Errorf("a page without versions gained %v", alone)
	}
}
