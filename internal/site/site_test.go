package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/site"
)

var now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// brf makes a parsed briefing; fields not given keep their zero values.
func brf(path, date string, tags, juris []string) *content.Briefing {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		panic(err)
	}
	return &content.Briefing{Path: path, Title: path, Date: d, Tags: tags, Jurisdictions: juris, Lines: content.NewFieldLines(content.FieldLine{Field: "jurisdiction", Line: 4}, content.FieldLine{Field: "slug", Line: 5}, content.FieldLine{Field: "tags", Line: 3})}
}

func cfgWith(t *testing.T, toml string) *config.Config {
	t.Helper()
	cfg, ds := config.Parse([]byte(toml))
	if len(ds) > 0 {
		t.Fatalf("config: %v", ds)
	}
	return cfg
}

func newSite(t *testing.T, cfg *config.Config, bs ...*content.Briefing) *site.Site {
	t.Helper()
	s, ds := site.New(cfg, bs, site.Options{Now: now})
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	return s
}

func TestSlugsAndURLs(t *testing.T) {
	for _, tc := range []struct {
		path, slug, permalink, date string
		wantURL                     string
	}{
		{"content/briefings/hk-vatp.md", "", "", "2023-06-01", "/briefings/hk-vatp/"},
		{"content/briefings/Hong Kong's VATP Rules.md", "", "", "2023-06-01", "/briefings/hong-kongs-vatp-rules/"},
		{"content/briefings/2023/nested-name.md", "", "", "2023-06-01", "/briefings/nested-name/"},
		{"content/briefings/北京数字经济.md", "", "", "2023-06-01", "/briefings/北京数字经济/"},
		{"content/briefings/x.md", "My-Own-Slug", "", "2023-06-01", "/briefings/my-own-slug/"},
		{"content/briefings/x.md", "", "/:year/:month/:day/:slug/", "2023-06-01", "/2023/06/01/x/"},
		{"content/briefings/x.md", "", "/news/:year/:slug/", "2021-12-31", "/news/2021/x/"},
	} {
		cfg := config.Default()
		if tc.permalink != "" {
			cfg.Permalinks.Briefings = tc.permalink
		}
		b := brf(tc.path, tc.date, nil, nil)
		b.Slug = tc.slug
		s := newSite(t, cfg, b)
		if got := s.Briefings[0].URL; got != tc.wantURL {
			t.Errorf("%s (slug %q, permalink %q): URL %q, want %q", tc.path, tc.slug, tc.permalink, got, tc.wantURL)
		}
	}
}

func TestNoSlugFromFileName(t *testing.T) {
	_, ds := site.New(config.Default(), []*content.Briefing{brf("content/briefings/___.md", "2023-01-01", nil, nil)}, site.Options{Now: now})
	if len(ds) != 1 || ds[0].File != "content/briefings/___.md" || ds[0].Field != "slug" || !strings.Contains(ds[0].Msg, "URL") {
		t.Errorf("want one slug error, got %v", ds)
	}
}

func TestOrderAndNeighbours(t *testing.T) {
	s := newSite(t, config.Default(),
		brf("content/briefings/b.md", "2023-01-01", nil, nil),
		brf("content/briefings/c.md", "2024-01-01", nil, nil),
		brf("content/briefings/a.md", "2023-01-01", nil, nil), // same day as b: path order
	)
	var got []string
	for _, b := range s.Briefings {
		got = append(got, b.Slug)
	}
	if !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Fatalf("order %v, want newest first, ties by path", got)
	}
	if s.Briefings[0].Newer != nil || s.Briefings[0].Older != s.Briefings[1] || s.Briefings[2].Newer != s.Briefings[1] || s.Briefings[2].Older != nil {
		t.Error("Newer/Older do not follow the order")
	}
}

func TestTags(t *testing.T) {
	s := newSite(t, config.Default(),
		brf("content/briefings/a.md", "2023-01-01", []string{"Web3", "数字人民币"}, nil),
		brf("content/briefings/b.md", "2023-02-01", []string{"web3"}, nil),
		brf("content/briefings/c.md", "2023-03-01", []string{"Web3", "PHP"}, nil),
		brf("content/briefings/d.md", "2023-04-01", []string{"php"}, nil),
	)
	want := []struct {
		name, url string
		n         int
	}{
		{"PHP", "/tags/php/", 2}, // a tie: the smaller string wins, whatever the file order
		{"Web3", "/tags/web3/", 3},
		{"数字人民币", "/tags/数字人民币/", 1},
	}
	if len(s.Tags) != len(want) {
		t.Fatalf("tags: %d, want %d", len(s.Tags), len(want))
	}
	for i, w := range want {
		tg := s.Tags[i]
		if tg.Name != w.name || tg.URL != w.url || len(tg.Briefings) != w.n || tg.Kind != site.TagsKind {
			t.Errorf("tag %d = %q %s (%d briefings), want %q %s (%d)", i, tg.Name, tg.URL, len(tg.Briefings), w.name, w.url, w.n)
		}
	}
	// Briefings point at the shared term whatever spelling they used.
	if b := s.Briefings[2]; b.Slug != "b" || len(b.Tags) != 1 || b.Tags[0] != s.Tags[1] {
		t.Errorf("b's tags = %v, want the Web3 term", b.Tags)
	}
	// Tag lists are newest first.
	if got := s.Tags[1].Briefings; got[0].Slug != "c" || got[2].Slug != "a" {
		t.Errorf("Web3 lists %s..%s, want c..a", got[0].Slug, got[2].Slug)
	}
}

func TestTagSlugClash(t *testing.T) {
	_, ds := site.New(config.Default(), []*content.Briefing{
		brf("content/briefings/a.md", "2023-01-01", []string{"C++"}, nil),
		brf("content/briefings/b.md", "2023-01-02", []string{"C#"}, nil),
	}, site.Options{Now: now})
	if len(ds) != 1 {
		t.Fatalf("want one clash, got %v", ds)
	}
	d := ds[0]
	for _, s := range []string{`"C++"`, `"C#"`, "/tags/c/", "content/briefings/"} {
		if !strings.Contains(d.Error(), s) {
			t.Errorf("clash message lacks %s: %v", s, d)
		}
	}
	if d.Field != "tags" || d.Line != 3 {
		t.Errorf("clash points at %s line %d, want the tags line", d.Field, d.Line)
	}
}

// Names that differ only in case, width, spaces or hyphens are one term,
// named by the most used spelling (package vocab warns about the others).
func TestTagSpellingsAreOneTerm(t *testing.T) {
	s := newSite(t, config.Default(),
		brf("content/briefings/a.md", "2023-01-01", []string{"white paper", "Web3"}, nil),
		brf("content/briefings/b.md", "2023-01-02", []string{"white-paper", "ＷＥＢ３"}, nil),
		brf("content/briefings/c.md", "2023-01-03", []string{"white paper", "White-Paper"}, nil),
	)
	var got []string
	for _, tg := range s.Tags {
		got = append(got, fmt.Sprintf("%s %s %d", tg.Name, tg.URL, len(tg.Briefings)))
	}
	want := []string{"Web3 /tags/web3/ 2", "white paper /tags/white-paper/ 3"}
	if !slices.Equal(got, want) {
		t.Errorf("tags %q, want %q", got, want)
	}
	if c := s.Briefings[0]; len(c.Tags) != 1 {
		t.Errorf("c is filed under %d tags, want one", len(c.Tags))
	}
}

// A declared name is spelled as site.toml spells it, and carries its
// description and note.
func TestDeclaredTerms(t *testing.T) {
	cfg := cfgWith(t, `[jurisdictions]
"Hong Kong" = { note = "Special Administrative Region of China", description = "Briefings on Hong Kong." }
Shenzhen = { parent = "China" }
[tags]
Web3 = "The decentralised web."
funding = ""
`)
	s := newSite(t, cfg,
		brf("content/briefings/a.md", "2023-01-01", []string{"web3", "FUNDING"}, []string{"hong kong"}),
		brf("content/briefings/b.md", "2023-01-02", []string{"web3"}, []string{"shenzhen"}),
	)
	var got []string
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, x := range ts {
			got = append(got, fmt.Sprintf("%s %s %q %q", x.Name, x.URL, x.Description, x.Note))
		}
	}
	want := []string{
		`funding /tags/funding/ "" ""`,
		`Web3 /tags/web3/ "The decentralised web." ""`,
		`China /jurisdictions/china/ "" ""`,
		`Hong Kong /jurisdictions/hong-kong/ "Briefings on Hong Kong." "Special Administrative Region of China"`,
		`Shenzhen /jurisdictions/shenzhen/ "" ""`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("terms:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestJurisdictionParents(t *testing.T) {
	cfg := cfgWith(t, `[jurisdictions]
Beijing = { parent = "China" }
Chaoyang = { parent = "Beijing" }
Shanghai = { parent = "China" }
Kowloon = { parent = "Hong Kong" }
`)
	s := newSite(t, cfg,
		brf("content/briefings/bj.md", "2023-05-01", nil, []string{"Beijing"}),
		brf("content/briefings/cy.md", "2023-07-01", nil, []string{"chaoyang"}), // spelled as site.toml does on its page
		brf("content/briefings/sh.md", "2023-01-01", nil, []string{"Shanghai"}),
		brf("content/briefings/hk.md", "2022-01-01", nil, []string{"Hong Kong"}),
	)
	byName := map[string]*site.Term{}
	var names []string
	for _, j := range s.Jurisdictions {
		byName[j.Name] = j
		names = append(names, j.Name)
	}
	// China is named only in site.toml; Kowloon is in site.toml but unused:
	// no page, and Hong Kong does not become its parent.
	if !slices.Equal(names, []string{"Beijing", "Chaoyang", "China", "Hong Kong", "Shanghai"}) {
		t.Fatalf("jurisdictions %v", names)
	}
	slugs := func(bs []*site.Briefing) string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Slug)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		name, parent, children, briefings string
		own                               int
	}{
		{"China", "", "Beijing,Shanghai", "cy,bj,sh", 0},
		{"Beijing", "China", "Chaoyang", "cy,bj", 1},
		{"Chaoyang", "Beijing", "", "cy", 1},
		{"Shanghai", "China", "", "sh", 1},
		{"Hong Kong", "", "", "hk", 1},
	} {
		j := byName[tc.name]
		parent := ""
		if j.Parent != nil {
			parent = j.Parent.Name
		}
		var children []string
		for _, c := range j.Children {
			children = append(children, c.Name)
		}
		if parent != tc.parent || strings.Join(children, ",") != tc.children || slugs(j.Briefings) != tc.briefings || j.Own != tc.own {
			t.Errorf("%s: parent %q children %v briefings %s own %d; want %q %q %s %d",
				tc.name, parent, children, slugs(j.Briefings), j.Own, tc.parent, tc.children, tc.briefings, tc.own)
		}
	}
	if byName["China"].URL != "/jurisdictions/china/" || byName["Hong Kong"].URL != "/jurisdictions/hong-kong/" {
		t.Errorf("URLs: %s %s", byName["China"].URL, byName["Hong Kong"].URL)
	}
	// A briefing lists only the jurisdictions it names, not their parents.
	if sh := s.Briefings[2]; sh.Slug != "sh" || len(sh.Jurisdictions) != 1 || sh.Jurisdictions[0].Name != "Shanghai" {
		t.Errorf("sh's jurisdictions: %v", sh.Jurisdictions)
	}
}

func TestDraftsFutureAndLookup(t *testing.T) {
	draft := brf("content/briefings/draft.md", "2023-01-01", []string{"Only-draft"}, nil)
	draft.Draft = true
	future := brf("content/briefings/future.md", "2030-01-01", nil, nil)
	pub := brf("content/briefings/pub.md", "2023-01-01", nil, nil)
	all := []*content.Briefing{draft, future, pub}
	for _, tc := range []struct {
		opt           site.Options
		published     []string
		drafts, fut   int
		draftTagPages int
	}{
		{site.Options{Now: now}, []string{"pub"}, 1, 1, 0},
		{site.Options{Now: now, Drafts: true}, []string{"draft", "pub"}, 0, 1, 1},
		{site.Options{Now: now, Future: true}, []string{"future", "pub"}, 1, 0, 0},
		{site.Options{Now: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}, []string{"future", "pub"}, 1, 0, 0},
	} {
		s, ds := site.New(config.Default(), all, tc.opt)
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		var got []string
		for _, b := range s.Briefings {
			got = append(got, b.Slug)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.published) || s.Skipped.Drafts != tc.drafts || s.Skipped.Future != tc.fut || len(s.Tags) != tc.draftTagPages {
			t.Errorf("%+v: published %v skipped %+v tags %d", tc.opt, got, s.Skipped, len(s.Tags))
		}
		// Lookup finds unpublished briefings too, for link checks.
		b, published := s.Lookup("content/briefings/draft.md")
		if b == nil || b.URL != "/briefings/draft/" || published != tc.opt.Drafts {
			t.Errorf("%+v: Lookup(draft) = %v, %v", tc.opt, b, published)
		}
	}
	s := newSite(t, config.Default(), pub)
	if b, published := s.Lookup("content/briefings/missing.md"); b != nil || published {
		t.Error("Lookup found a missing file")
	}
}

func TestYears(t *testing.T) {
	s := newSite(t, config.Default(),
		brf("content/briefings/a.md", "2021-03-01", nil, nil),
		brf("content/briefings/b.md", "2023-01-01", nil, nil),
		brf("content/briefings/c.md", "2023-12-31", nil, nil),
	)
	if len(s.Years) != 2 || s.Years[0].Year != 2023 || s.Years[0].URL != "/archive/2023/" || len(s.Years[0].Briefings) != 2 ||
		s.Years[1].Year != 2021 || len(s.Years[1].Briefings) != 1 {
		t.Errorf("years: %+v %+v", s.Years[0], s.Years[1])
	}
	// A briefing's year is the year in its own offset: 1 January 00:30 in
	// Hong Kong is 2024, though it is still 2023 in UTC.
	hk := time.FixedZone("HKT", 8*3600)
	b := brf("content/briefings/ny.md", "2024-01-01", nil, nil)
	b.Date = time.Date(2024, 1, 1, 0, 30, 0, 0, hk)
	s = newSite(t, config.Default(), b)
	if s.Years[0].Year != 2024 {
		t.Errorf("year %d, want 2024", s.Years[0].Year)
	}
}

func TestURLHelpers(t *testing.T) {
	for _, tc := range []struct {
		base string
		n    int
		want string
	}{
		{"/", 1, "/"}, {"/", 2, "/page/2/"}, {"/tags/web3/", 0, "/tags/web3/"}, {"/tags/web3/", 3, "/tags/web3/page/3/"},
	} {
		if got := site.PageURL(tc.base, tc.n); got != tc.want {
			t.Errorf("PageURL(%q, %d) = %q, want %q", tc.base, tc.n, got, tc.want)
		}
	}
	for url, want := range map[string]string{
		"/": "index.html", "/tags/web3/": "tags/web3/index.html", "/feed.xml": "feed.xml",
		"/jurisdictions/北京/": "jurisdictions/北京/index.html", "/page/2/": "page/2/index.html",
	} {
		if got := site.OutputPath(url); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", url, got, want)
		}
	}
	s, _ := site.New(config.Default(), nil, site.Options{})
	if got := s.URLs.Year(2023); got != "/archive/2023/" {
		t.Errorf("URLs.Year = %q", got)
	}
}

// A term whose name has no letter or digit has no URL: an error, never a
// made-up one.
func TestTermWithoutURL(t *testing.T) {
	_, ds := site.New(config.Default(), []*content.Briefing{
		brf("content/briefings/a.md", "2023-01-01", []string{"Web3", " +++ "}, nil),
	}, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	want := `content/briefings/a.md:3: tags: "+++" has no letter or digit to make a URL from (give it at least one letter or digit)`
	if len(ds) != 1 || ds[0].Error() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}

// TestParentOnlyJurisdictionClash: a jurisdiction named only as a parent in
// site.toml is reported at its line there when its URL clashes.
func TestParentOnlyJurisdictionClash(t *testing.T) {
	cfg := cfgWith(t, "[jurisdictions]\nBeijing = { parent = \"Hong Kong!\" }\n")
	_, ds := site.New(cfg, []*content.Briefing{
		brf("content/briefings/a.md", "2023-01-01", nil, []string{"Beijing"}),
		brf("content/briefings/b.md", "2023-01-02", nil, []string{"Hong Kong"}),
	}, site.Options{Now: now})
	want := `site.toml:2: jurisdictions.Beijing.parent: "Hong Kong!" and "Hong Kong" (used in content/briefings/b.md) both map to /jurisdictions/hong-kong/ (rename one of them so that their URLs differ)`
	if got := ds.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
