package feeds_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"brief/internal/alternates"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/feeds"
	"brief/internal/pages"
	"brief/internal/site"
)

// bilingual is a site in English and Traditional Chinese: a.md with its
// translation a.zh-Hant.md, and b.md alone; with the Set of its pages.
func bilingual(t *testing.T) (*site.Site, *alternates.Set) {
	t.Helper()
	cfg, ds := config.Parse([]byte("title = \"Brief\"\nbaseURL = \"https://x.example/\"\n[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"繁體中文\"\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	hk := time.FixedZone("HKT", 8*3600)
	a := content.Briefing{Path: "content/a.md", Title: "A", Date: time.Date(2024, 3, 1, 9, 0, 0, 0, hk), Updated: time.Date(2024, 3, 2, 9, 0, 0, 0, hk), Tags: []string{"Web3"}}
	za := a
	za.Path, za.Title = "content/a.zh-Hant.md", "甲"
	b := content.Briefing{Path: "content/b.md", Title: "B", Date: time.Date(2024, 2, 1, 0, 0, 0, 0, hk)}
	eds, ds := site.Editions(cfg, []*content.Briefing{&a, &za, &b}, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	set := alternates.New([]alternates.Language{{Code: "en", Name: "English"}, {Code: "zh-Hant", Name: "繁體中文"}})
	for _, s := range eds {
		for _, p := range pages.All(s) {
			set.Add(s.Language.Code, alternates.Key(p), p.URL)
		}
	}
	return eds[0], set
}

func TestSitemapAlternates(t *testing.T) {
	s, set := bilingual(t)
	var buf bytes.Buffer
	if err := feeds.Sitemap(&buf, s, set); err != nil {
		t.Fatal(err)
	}
	if problems := feeds.ValidateSitemap(buf.Bytes()); len(problems) > 0 {
		t.Fatalf("invalid sitemap: %v\n%s", problems, buf.String())
	}
	got := buf.String()
	for _, want := range []string{
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
		`  <url>
    <loc>https://x.example/zh-hant/briefings/a/</loc>
    <lastmod>2024-03-02</lastmod>
    <xhtml:link rel="alternate" hreflang="en" href="https://x.example/briefings/a/"></xhtml:link>
    <xhtml:link rel="alternate" hreflang="zh-Hant" href="https://x.example/zh-hant/briefings/a/"></xhtml:link>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://x.example/briefings/a/"></xhtml:link>
  </url>`,
		`  <url>
    <loc>https://x.example/briefings/b/</loc>
    <lastmod>2024-02-01</lastmod>
  </url>`, // no translation: no alternates
	} {
		if !strings.Contains(got, want) {
			t.Errorf("sitemap lacks\n%s\nin\n%s", want, got)
		}
	}
	if n := strings.Count(got, "<url>"); n != 9+8 { // the second edition lacks b
		t.Errorf("%d URLs, want 17:\n%s", n, got)
	}
}

// TestSitemapOneLanguage: a site of one language declares no xhtml
// namespace and lists no alternates.
func TestSitemapOneLanguage(t *testing.T) {
	var buf bytes.Buffer
	if err := feeds.Sitemap(&buf, feedSite(t), nil); err != nil {
		t.Fatal(err)
	}
	if problems := feeds.ValidateSitemap(buf.Bytes()); len(problems) > 0 {
		t.Fatalf("invalid sitemap: %v\n%s", problems, buf.String())
	}
	if strings.Contains(buf.String(), "xhtml") {
		t.Errorf("xhtml in a sitemap of one language:\n%s", buf.String())
	}
}

func TestValidateSitemap(t *testing.T) {
	const head = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`
	link := func(lang, href string) string {
		return `<xhtml:link rel="alternate" hreflang="` + lang + `" href="` + href + `"/>`
	}
	u := func(loc string, links ...string) string {
		return "<url><loc>" + loc + "</loc>" + strings.Join(links, "") + "</url>"
	}
	const a, b, c = "https://x.example/a/", "https://x.example/zh/a/", "https://x.example/fr/a/"
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"valid", u(a, link("en", a), link("zh", b)) + u(b, link("en", a), link("zh", b)), ""},
		{"not absolute", u("/a/"), "not an absolute"},
		{"twice", u(a) + u(a), "listed twice"},
		{"bad lastmod", "<url><loc>" + a + "</loc><lastmod>yesterday</lastmod></url>", "not a W3C date"},
		{"no self", u(a, link("zh", b)) + u(b, link("zh", b)), "leave out the URL itself"},
		{"no way back", u(a, link("en", a), link("zh", b)) + u(b), "lists other alternates"},
		{"missing", u(a, link("en", a), link("fr", c)), "is not in the sitemap"},
		{"no hreflang", u(a, link("", a)), "without hreflang"},
		{"language twice", u(a, link("en", a), link("en", b)) + u(b, link("en", a), link("en", b)), `hreflang "en" listed twice`},
		{"not a sitemap", `<feed/>`, "not a sitemap"},
	} {
		doc := tc.doc
		if !strings.HasPrefix(doc, "<feed") {
			doc = head + doc + "</urlset>"
		}
		got := strings.Join(feeds.ValidateSitemap([]byte(doc)), "\n")
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
	}
}
