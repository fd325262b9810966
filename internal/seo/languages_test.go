package seo_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"brief/internal/alternates"
	"brief/internal/jsonld"
	"brief/internal/seo"
)

// TestLanguages: a page with versions in other languages lists them all,
// with x-default, as absolute hreflang links, and its structured data
// names the original or the translations; a page without versions, and
// the 404 page, list none.
func TestLanguages(t *testing.T) {
	s := model(t, 2, "title = \"Brief\"\nbaseURL = \"https://x.example/\"\n")
	env := jsonld.Env{Site: s, Abs: func(p string) string { return "https://x.example" + p }}
	set := alternates.New([]alternates.Language{{Code: "en", Name: "English"}, {Code: "zh-Hant", Name: "繁體中文"}})
	set.Add("en", alternates.HomeKey, "/")
	set.Add("zh-Hant", alternates.HomeKey, "/zh-hant/")
	b := s.Briefings[1]
	set.Add("en", "briefing/x", b.URL)
	set.Add("zh-Hant", "briefing/x", "/zh-hant/briefings/x/")

	h := head(t, env, seo.Page{Kind: "briefing", Title: b.Title, URL: b.URL, Briefing: b, Alternates: set})
	want := []alternates.Link{{HrefLang: "en", URL: "https://x.example" + b.URL}, {HrefLang: "zh-Hant", URL: "https://x.example/zh-hant/briefings/x/"}, {HrefLang: "x-default", URL: "https://x.example" + b.URL}}
	if !reflect.DeepEqual(h.HrefLang, want) {
		t.Errorf("HrefLang = %v, want %v", h.HrefLang, want)
	}
	article := graphNode(t, h, "NewsArticle")
	tr, _ := article["workTranslation"].([]any)
	if len(tr) != 1 || tr[0].(map[string]any)["@id"] != "https://x.example/zh-hant/briefings/x/#article" || tr[0].(map[string]any)["inLanguage"] != "zh-Hant" {
		t.Errorf("workTranslation = %v", article["workTranslation"])
	}

	home := head(t, env, seo.Page{Kind: "home", URL: "/", Number: 1, Total: 1, Alternates: set})
	if len(home.HrefLang) != 3 {
		t.Errorf("home page HrefLang = %v", home.HrefLang)
	}
	if tr, _ := graphNode(t, home, "WebSite")["workTranslation"].([]any); len(tr) != 1 || tr[0].(map[string]any)["@id"] != "https://x.example/zh-hant/#website" {
		t.Errorf("home page's WebSite workTranslation = %v", tr)
	}

	alone := s.Briefings[0]
	if h := head(t, env, seo.Page{Kind: "briefing", Title: alone.Title, URL: alone.URL, Briefing: alone, Alternates: set}); h.HrefLang != nil {
		t.Errorf("a briefing without translations: HrefLang %v", h.HrefLang)
	}
	if h := head(t, env, seo.Page{Kind: "404", URL: "/", NoIndex: true, Alternates: set}); h.HrefLang != nil {
		t.Errorf("the 404 page: HrefLang %v", h.HrefLang)
	}
}

// graphNode is the node of type typ in a head's structured data.
func graphNode(t *testing.T, h seo.Head, typ string) map[string]any {
	t.Helper()
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(h.JSONLD), &doc); err != nil {
		t.Fatal(err)
	}
	var one map[string]any
	if err := json.Unmarshal([]byte(h.JSONLD), &one); err != nil {
		t.Fatal(err)
	}
	for _, n := range append(doc.Graph, one) {
		if n["@type"] == typ {
			return n
		}
	}
	t.Fatalf("no %s in %s", typ, h.JSONLD)
	return nil
}
