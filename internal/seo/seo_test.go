package seo_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"brief"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/seo"
	"brief/internal/site"
)

// model makes a site of n briefings, one a day back from 1 August 2025,
// all on Hong Kong; every third is tagged Web3, and the first has no summary.
func model(t testing.TB, n int, cfgSrc string) *site.Site {
	t.Helper()
	cfg, ds := config.Parse([]byte(cfgSrc))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var bs []*content.Briefing
	for i := range n {
		b := &content.Briefing{Path: fmt.Sprintf("content/b%03d.md", i), Title: fmt.Sprintf("Briefing %d", i),
			Date: time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, -i), Jurisdictions: []string{"Hong Kong"}, Summary: fmt.Sprintf("Summary %d.", i)}
		if i%3 == 0 {
			b.Tags = []string{"Web3"}
		}
		if i == 0 {
			b.Summary = ""
			b.Jurisdictions = []string{"Hong Kong", "Shenzhen"}
			b.Tags = []string{"Web3", "funding", "licensing"}
		}
		bs = append(bs, b)
	}
	s, ds := site.New(cfg, bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return s
}

// catalog is the default theme's interface text in lang.
func catalog(t testing.TB, lang string) *i18n.Catalog {
	t.Helper()
	var files []i18n.File
	for _, l := range []string{"en", "zh-Hant", "zh-Hans"} {
		b, err := fs.ReadFile(brief.DefaultTheme(), i18n.Dir+"/"+l+".toml")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, i18n.File{Lang: l, Path: "layouts/i18n/" + l + ".toml", Src: b})
	}
	cats, ds := i18n.Load(files, nil, []string{lang}, nil)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return cats[lang]
}

// describe is seo.Description in English, failing the test on an error.
func describe(t *testing.T, s *site.Site, p seo.Page) string {
	t.Helper()
	return describeIn(t, s, catalog(t, "en"), p)
}

func describeIn(t *testing.T, s *site.Site, c *i18n.Catalog, p seo.Page) string {
	t.Helper()
	d, err := seo.Description(s, c, p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// head is seo.Of in English, failing the test on an error.
func head(t *testing.T, env jsonld.Env, p seo.Page) seo.Head {
	t.Helper()
	return headIn(t, env, catalog(t, "en"), p)
}

func headIn(t *testing.T, env jsonld.Env, c *i18n.Catalog, p seo.Page) seo.Head {
	t.Helper()
	h, err := seo.Of(env, c, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func term(s *site.Site, kind, name string) *site.Term {
	terms := s.Tags
	if kind == site.JurisdictionsKind {
		terms = s.Jurisdictions
	}
	for _, t := range terms {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func window(all []*site.Briefing, n, per int) []*site.Briefing {
	lo := min((n-1)*per, len(all))
	return all[lo:min(n*per, len(all))]
}

func TestDescriptions(t *testing.T) {
	s := model(t, 23, "title = \"HK Brief\"\ndescription = \"Sourced briefings.\"\npaginate = 10\n")
	hk, web3 := term(s, site.JurisdictionsKind, "Hong Kong"), term(s, site.TagsKind, "Web3")
	y := s.Years[0]
	for _, tc := range []struct {
		name string
		page seo.Page
		want string
	}{
		{"briefing with a summary", seo.Page{Kind: "briefing", Briefing: s.Briefings[1], Description: s.Briefings[1].Summary}, "Summary 1."},
		{"briefing without", seo.Page{Kind: "briefing", Briefing: s.Briefings[0]}, "A briefing of 1 August 2025 on Hong Kong and Shenzhen, tagged Web3, funding and licensing: Briefing 0."},
		{"jurisdiction", seo.Page{Kind: "list", Term: hk, Number: 1, Window: window(hk.Briefings, 1, 10)}, "23 briefings on Hong Kong, newest 1 August 2025."},
		{"jurisdiction, page 2", seo.Page{Kind: "list", Term: hk, Number: 2, Window: window(hk.Briefings, 2, 10)}, "Briefings 11 to 20 of 23 on Hong Kong, from 22 July 2025 back to 13 July 2025."},
		{"jurisdiction, last page", seo.Page{Kind: "list", Term: hk, Number: 3, Window: window(hk.Briefings, 3, 10)}, "Briefings 21 to 23 of 23 on Hong Kong, from 12 July 2025 back to 10 July 2025."},
		{"one briefing", seo.Page{Kind: "list", Term: term(s, site.JurisdictionsKind, "Shenzhen"), Number: 1}, "One briefing on Shenzhen, of 1 August 2025."},
		{"tag", seo.Page{Kind: "list", Term: web3, Number: 1}, "8 briefings tagged Web3, newest 1 August 2025."},
		{"year", seo.Page{Kind: "list", Year: y, Number: 1}, "23 briefings of 2025, newest 1 August 2025."},
		{"home", seo.Page{Kind: "home", Number: 1}, "Sourced briefings."},
		{"home, page 3", seo.Page{Kind: "home", Number: 3, Window: window(s.Briefings, 3, 10)}, "Briefings 21 to 23 of 23, from 12 July 2025 back to 10 July 2025."},
		{"archive", seo.Page{Kind: "archive"}, "The archive of HK Brief: 23 briefings by year, of 2025."},
		{"tags", seo.Page{Kind: "terms", Section: site.TagsKind, Terms: s.Tags}, "3 tags across 23 briefings of HK Brief, with the number of briefings under each."},
		{"jurisdictions", seo.Page{Kind: "terms", Section: site.JurisdictionsKind, Terms: s.Jurisdictions}, "2 jurisdictions covered by 23 briefings of HK Brief, with the number of briefings on each."},
		{"search", seo.Page{Kind: "search"}, "Search 23 briefings of HK Brief by title, summary, tag or jurisdiction."},
		{"given", seo.Page{Kind: "funding", Description: "Every funding figure."}, "Every funding figure."},
	} {
		if got := describe(t, s, tc.page); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// site.toml's description of a tag or jurisdiction is the meta description
// of its first page; a jurisdiction's note qualifies its name elsewhere.
func TestTermDescriptions(t *testing.T) {
	s := model(t, 23, `paginate = 10
[jurisdictions]
"Hong Kong" = { note = "Special Administrative Region of China" }
Shenzhen = { parent = "China", description = "Briefings on Shenzhen." }
[tags]
Web3 = "The decentralised web."
funding = ""
licensing = ""
`)
	hk, sz, web3 := term(s, site.JurisdictionsKind, "Hong Kong"), term(s, site.JurisdictionsKind, "Shenzhen"), term(s, site.TagsKind, "Web3")
	for _, tc := range []struct {
		name string
		page seo.Page
		want string
	}{
		{"note", seo.Page{Kind: "list", Term: hk, Number: 1, Window: window(hk.Briefings, 1, 10)}, "23 briefings on Hong Kong (Special Administrative Region of China), newest 1 August 2025."},
		{"note, page 2", seo.Page{Kind: "list", Term: hk, Number: 2, Window: window(hk.Briefings, 2, 10)}, "Briefings 11 to 20 of 23 on Hong Kong (Special Administrative Region of China), from 22 July 2025 back to 13 July 2025."},
		{"jurisdiction description", seo.Page{Kind: "list", Term: sz, Number: 1}, "Briefings on Shenzhen."},
		{"tag description", seo.Page{Kind: "list", Term: web3, Number: 1}, "The decentralised web."},
		{"tag description, page 2", seo.Page{Kind: "list", Term: web3, Number: 2}, "8 briefings tagged Web3, newest 1 August 2025."},
	} {
		if got := describe(t, s, tc.page); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestEmptySite(t *testing.T) {
	s := model(t, 0, "")
	if got := describe(t, s, seo.Page{Kind: "home", Number: 1}); got != "No briefings yet." {
		t.Errorf("home: %q", got)
	}
	if got := describe(t, s, seo.Page{Kind: "archive"}); !strings.Contains(got, "no briefings yet") {
		t.Errorf("archive: %q", got)
	}
}

func testEnv(s *site.Site) jsonld.Env {
	return jsonld.Env{Site: s, Abs: func(p string) string { return "https://hk.example" + p },
		Image: site.Image{URL: "/images/share.png", Width: 1200, Height: 630}}
}

func TestTitlesAreUnique(t *testing.T) {
	s := model(t, 23, "title = \"HK Brief\"\n[jurisdictions]\nWeb3 = { parent = \"Hong Kong\" }\n")
	hk := term(s, site.JurisdictionsKind, "Hong Kong")
	web3 := term(s, site.TagsKind, "Web3")
	titles := map[string]string{
		"home":           head(t, testEnv(s), seo.Page{Kind: "home", Number: 1}).Title,
		"home 2":         head(t, testEnv(s), seo.Page{Kind: "home", Number: 2}).Title,
		"tag Web3":       head(t, testEnv(s), seo.Page{Kind: "list", Term: web3, Title: "Web3", Number: 1}).Title,
		"Hong Kong":      head(t, testEnv(s), seo.Page{Kind: "list", Term: hk, Title: "Hong Kong", Number: 1}).Title,
		"Hong Kong p. 2": head(t, testEnv(s), seo.Page{Kind: "list", Term: hk, Title: "Hong Kong (page 2)", Number: 2}).Title,
	}
	want := map[string]string{
		"home": "HK Brief", "home 2": "Latest briefings, page 2 · HK Brief", "tag Web3": "Tag: Web3 · HK Brief",
		"Hong Kong": "Hong Kong · HK Brief", "Hong Kong p. 2": "Hong Kong (page 2) · HK Brief",
	}
	for k, v := range want {
		if titles[k] != v {
			t.Errorf("%s: title %q, want %q", k, titles[k], v)
		}
	}
}

func TestHead(t *testing.T) {
	s := model(t, 3, "title = \"HK Brief\"\nlanguage = \"en-GB\"\n[seo]\ntwitter = \"hkbrief\"\nimageAlt = \"HK Brief\"\n[authors]\nJo = { url = \"https://hk.example/jo/\" }\n")
	b := s.Briefings[1]
	b.Authors = []string{"Jo"}
	h := head(t, testEnv(s), seo.Page{Kind: "briefing", Title: b.Title, URL: b.URL, Briefing: b, Description: b.Summary})
	if h.Title != "Briefing 1 · HK Brief" || h.ShareTitle != "Briefing 1" || h.Canonical != "https://hk.example/briefings/b001/" ||
		h.Type != "article" || h.Locale != "en_GB" || h.Twitter != "@hkbrief" || h.ImageURL != "https://hk.example/images/share.png" || h.Image.Alt != "HK Brief" {
		t.Errorf("head %+v", h)
	}
	if a := h.Article; a == nil || a.Published != "2025-07-31T09:00:00Z" || a.Modified != "" || a.Section != "Hong Kong" || len(a.Authors) != 1 || a.Authors[0] != "https://hk.example/jo/" {
		t.Errorf("article %+v", h.Article)
	}
	if !strings.Contains(string(h.JSONLD), `"@type":"NewsArticle"`) || !strings.Contains(string(h.JSONLD), `"@type":"BreadcrumbList"`) {
		t.Errorf("JSON-LD %s", h.JSONLD)
	}
	// The briefing's own image replaces the site's.
	cover := site.Image{URL: "/briefings/b001/cover.jpg", Alt: "A harbour", Width: 800, Height: 600}
	h = head(t, testEnv(s), seo.Page{Kind: "briefing", URL: b.URL, Briefing: b, Cover: cover})
	if h.ImageURL != "https://hk.example/briefings/b001/cover.jpg" || h.Image.Alt != "A harbour" || h.Image.Width != 800 {
		t.Errorf("own image: %+v", h.Image)
	}
	// Pages not to be indexed have no canonical URL.
	if h := head(t, testEnv(s), seo.Page{Kind: "404", Title: "Page not found", URL: "/404.html", NoIndex: true}); h.Canonical != "" || !h.NoIndex || h.JSONLD != "" {
		t.Errorf("404 head %+v", h)
	}
	home := head(t, testEnv(s), seo.Page{Kind: "home", URL: "/", Number: 1})
	if home.ShareTitle != "HK Brief" || !strings.Contains(string(home.JSONLD), `"@type":"WebSite"`) {
		t.Errorf("home head %+v", home)
	}
}

func TestTrails(t *testing.T) {
	s := model(t, 3, "[jurisdictions]\nShenzhen = { parent = \"Guangdong\" }\nGuangdong = { parent = \"China\" }\n")
	sz := term(s, site.JurisdictionsKind, "Shenzhen")
	en := catalog(t, "en")
	if got := trail(t, en, seo.Page{Kind: "list", Term: sz, Number: 2, URLs: s.URLs}); got != "Home=/ > Jurisdictions=/jurisdictions/ > China=/jurisdictions/china/ > Guangdong=/jurisdictions/guangdong/ > Shenzhen=/jurisdictions/shenzhen/ > Page 2=/jurisdictions/shenzhen/page/2/" {
		t.Errorf("term trail: %s", got)
	}
	if got := trail(t, en, seo.Page{Kind: "briefing", Briefing: s.Briefings[1], URLs: s.URLs}); got != "Home=/ > Jurisdictions=/jurisdictions/ > Hong Kong=/jurisdictions/hong-kong/ > Briefing 1=/briefings/b001/" {
		t.Errorf("briefing trail: %s", got)
	}
	s.Briefings[2].Jurisdictions = nil
	if got := trail(t, en, seo.Page{Kind: "briefing", Briefing: s.Briefings[2], URLs: s.URLs}); got != "Home=/ > Archive=/archive/ > 2025=/archive/2025/ > Briefing 2=/briefings/b002/" {
		t.Errorf("trail without jurisdiction: %s", got)
	}
	if got := trail(t, en, seo.Page{Kind: "list", Year: s.Years[0], Number: 2, URLs: s.URLs}); got != "Home=/ > Archive=/archive/ > 2025=/archive/2025/ > Page 2=/archive/2025/page/2/" {
		t.Errorf("year trail: %s", got)
	}
}

// trail is seo.Trail as "name=URL > ...".
func trail(t *testing.T, c *i18n.Catalog, p seo.Page) string {
	t.Helper()
	cs, err := seo.Trail(c, p)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Name+"="+c.URL)
	}
	return strings.Join(out, " > ")
}
