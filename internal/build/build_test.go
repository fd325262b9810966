package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/feeds"
	"brief/internal/linkcheck"
	"brief/internal/output"
	"brief/internal/search"
)

func TestDeterministic(t *testing.T) {
	_, first := mustBuild(t, fixture(), build.Options{})
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8, 1} {
		runtime.GOMAXPROCS(procs)
		_, again := mustBuild(t, fixture(), build.Options{})
		if !slices.Equal(paths(first.Files), paths(again.Files)) {
			t.Fatalf("GOMAXPROCS=%d: output paths differ:\n%v\n%v", procs, paths(first.Files), paths(again.Files))
		}
		for p, data := range first.Files {
			if !bytes.Equal(data, again.Files[p]) {
				t.Errorf("GOMAXPROCS=%d: %s differs between builds", procs, p)
			}
		}
	}
}

// Hidden files in static/ are published (security.txt, .htaccess); hidden
// files in content/, version-control folders and editor droppings are not.
func TestHiddenSources(t *testing.T) {
	fsys := fixture()
	fsys["static/.well-known/security.txt"] = file("Contact: mailto:a@example.org\n")
	fsys["static/.git/HEAD"] = file("ref: refs/heads/main\n")
	fsys["static/css/x.css~"] = file("backup")
	fsys["content/.hidden.md"] = file("---\ntitle: Hidden\ndate: 2023-01-01\n---\nx\n")
	fsys["content/.drafts/y.md"] = file("---\ntitle: Y\ndate: 2023-01-01\n---\nx\n")
	_, mem := mustBuild(t, fsys, build.Options{})
	if got := string(mem.Files[".well-known/security.txt"]); got != "Contact: mailto:a@example.org\n" {
		t.Errorf(".well-known/security.txt = %q", got)
	}
	for _, p := range []string{".git/HEAD", "css/x.css~", "briefings/hidden/index.html", "briefings/y/index.html"} {
		if _, ok := mem.Files[p]; ok {
			t.Errorf("%s was published", p)
		}
	}
}

func TestExpectedOutputs(t *testing.T) {
	res, mem := mustBuild(t, fixture(), build.Options{})
	want := []string{
		"404.html", "_redirects", "archive/2022/index.html", "archive/2023/index.html", "archive/index.html",
		"briefings/beijing-web3/index.html", "briefings/chaoyang-hub/index.html", "briefings/hk-policy/index.html",
		"css/brief.css", "feed.xml", "index.html",
		"jurisdictions/beijing/feed.xml", "jurisdictions/beijing/index.html",
		"jurisdictions/chaoyang/feed.xml", "jurisdictions/chaoyang/index.html",
		"jurisdictions/china/feed.xml", "jurisdictions/china/index.html",
		"jurisdictions/hong-kong/feed.xml", "jurisdictions/hong-kong/index.html",
		"jurisdictions/index.html", "js/search.js", "old/hk-policy/index.html", "page/2/index.html",
		"robots.txt", "search/index.html", "search/manifest.json", "search/f/0.json", "sitemap.xml",
		"tags/funding/feed.xml", "tags/funding/index.html", "tags/index.html",
		"tags/policy/feed.xml", "tags/policy/index.html",
		"tags/web3/feed.xml", "tags/web3/index.html", "tags/web3/page/2/index.html",
	}
	got := paths(mem.Files)
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("missing output %s", p)
		}
	}
	for _, p := range []string{"briefings/draft-note/index.html", "briefings/future-plan/index.html", "tags/drafts/index.html", "tags/future/index.html"} {
		if slices.Contains(got, p) {
			t.Errorf("unpublished output %s was written", p)
		}
	}
	if !slices.Equal(res.Written, got) {
		t.Errorf("Result.Written does not list the files written:\n%v\n%v", res.Written, got)
	}
	if res.Site.Skipped.Drafts != 1 || res.Site.Skipped.Future != 1 {
		t.Errorf("Skipped = %+v, want one draft and one future", res.Site.Skipped)
	}
}

// TestGrandparentJurisdiction: China is named only in site.toml, yet its
// page and feed list Beijing's briefing and Chaoyang's (Beijing's child).
func TestGrandparentJurisdiction(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	page := string(mem.Files["jurisdictions/china/index.html"])
	mustContain(t, "China's page", []byte(page), "/briefings/beijing-web3/", "/briefings/chaoyang-hub/", "2 briefings")
	mustContain(t, "China's feed", mem.Files["jurisdictions/china/feed.xml"], "/briefings/beijing-web3/", "/briefings/chaoyang-hub/")
}

func TestDraftsAndFuture(t *testing.T) {
	for _, tc := range []struct {
		name          string
		opt           build.Options
		draft, future bool
	}{
		{"default", build.Options{}, false, false},
		{"drafts", build.Options{Drafts: true}, true, false},
		{"future", build.Options{Future: true}, false, true},
		{"both", build.Options{Drafts: true, Future: true}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, mem := mustBuild(t, fixture(), tc.opt)
			for _, c := range []struct {
				page, tag string
				want      bool
			}{
				{"briefings/draft-note/index.html", "tags/drafts/index.html", tc.draft},
				{"briefings/future-plan/index.html", "tags/future/index.html", tc.future},
			} {
				if hasPath(mem, c.page) != c.want || hasPath(mem, c.tag) != c.want {
					t.Errorf("%s written = %v, %s written = %v, want %v", c.page, hasPath(mem, c.page), c.tag, hasPath(mem, c.tag), c.want)
				}
				if got := searchFinds(t, mem, strings.TrimSuffix(c.page, "index.html")); got != c.want {
					t.Errorf("search finds %s: %v, want %v", c.page, got, c.want)
				}
			}
		})
	}
}

// TestFutureUsesClock: a briefing dated one hour after the clock is future;
// the clock, not time.Now, decides.
func TestFutureUsesClock(t *testing.T) {
	fsys := with(fixture(), map[string]string{"content/briefings/soon.md": "---\ntitle: Soon\ndate: 2024-06-01T20:30:00+08:00\n---\nx\n"})
	_, mem := mustBuild(t, fsys, build.Options{}) // 12:30 UTC, after the clock's 12:00 UTC
	if hasPath(mem, "briefings/soon/index.html") {
		t.Error("a briefing half an hour after the clock was published")
	}
	opt := build.Options{Now: buildClock.Add(31 * 60 * 1e9)}
	_, mem = mustBuild(t, fsys, opt)
	if !hasPath(mem, "briefings/soon/index.html") {
		t.Error("a briefing before the clock was not published")
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	fsys := with(fixture(), map[string]string{
		"content/briefings/typo.md":    "---\ntitel: Typo\ndate: 2023-01-01\n---\nx\n",
		"content/briefings/money.md":   "---\ntitle: Money\ndate: 2023-01-01\nfunding:\n  - amount: 5m\n    currency: XYZ\n---\nx\n",
		"content/briefings/nofront.md": "just text\n",
		"content/briefings/badlink.md": "---\ntitle: Bad link\ndate: 2023-01-01\n---\n\nSee [this](missing.md).\n",
		"layouts/list.html":            "{{define \"main\"}}{{if}}{{end}}\n",
	})
	_, _, err := buildFS(t, fsys, build.Options{})
	l := diagnostics(t, err)
	want := []struct{ file, field, msg string }{
		{"content/briefings/badlink.md", "", "missing.md"},
		{"content/briefings/money.md", "funding[0].currency", "XYZ"},
		{"content/briefings/nofront.md", "", "no front matter"},
		{"content/briefings/typo.md", "titel", "unknown field"},
		{"content/briefings/typo.md", "title", "missing"},
		{"layouts/list.html", "", ""},
	}
	for _, w := range want {
		found := false
		for _, d := range l {
			if d.File == w.file && d.Field == w.field && strings.Contains(d.Msg, w.msg) && d.Severity == diag.Error {
				found = true
			}
		}
		if !found {
			t.Errorf("no error for %s %s %q in:\n%v", w.file, w.field, w.msg, l)
		}
	}
	for _, d := range l {
		if d.File == "content/briefings/badlink.md" && d.Line != 6 {
			t.Errorf("broken link reported on line %d, want 6: %v", d.Line, d)
		}
		if d.File == "content/briefings/typo.md" && d.Field == "titel" && !strings.Contains(d.Hint, `"title"`) {
			t.Errorf("no did-you-mean hint: %v", d)
		}
	}
	if !slices.EqualFunc(l, l.Sorted(), func(a, b diag.Diagnostic) bool { return a == b }) {
		t.Errorf("diagnostics are not sorted:\n%v", []diag.Diagnostic(l))
	}
	if l.Warnings() != nil {
		t.Errorf("an error list carries warnings: %v", l.Warnings())
	}
}

func TestURLClashes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		file  string // the diagnostic's file
		want  []string
	}{
		{
			name: "slug",
			files: map[string]string{
				"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\nslug: same\n---\nx\n",
				"content/briefings/b.md": "---\ntitle: B\ndate: 2023-01-02\nslug: same\n---\nx\n",
			},
			file: "content/briefings/b.md",
			want: []string{"/briefings/same/index.html", "content/briefings/a.md", "content/briefings/b.md"},
		},
		{
			name: "alias of one is the URL of another",
			files: map[string]string{
				"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/briefings/hk-policy/]\n---\nx\n",
			},
			file: "content/briefings/a.md",
			want: []string{"alias /briefings/hk-policy/", "content/briefings/hk-policy.md"},
		},
		{
			name: "static file over a page",
			files: map[string]string{
				"static/tags/index.html": "<p>mine</p>",
			},
			file: "static/tags/index.html",
			want: []string{"tags/index.html", "the tags index"},
		},
		{
			name: "file name and slug",
			files: map[string]string{
				"content/briefings/other.md": "---\ntitle: Other\ndate: 2023-01-01\nslug: Hk-Policy\n---\nx\n",
			},
			file: "content/briefings/other.md",
			want: []string{"/briefings/hk-policy/index.html", "content/briefings/hk-policy.md"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(fixture(), tc.files), build.Options{})
			l := diagnostics(t, err)
			if len(l) != 1 {
				t.Fatalf("want one clash, got:\n%v", l)
			}
			d := l[0]
			// Either side may carry the error; the message must name the other.
			if d.File != tc.file && !strings.Contains(d.Msg, tc.file) {
				t.Errorf("clash does not name %q: %v", tc.file, d)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Error(), w) {
					t.Errorf("clash message lacks %q: %v", w, d)
				}
			}
		})
	}
}

func TestAliases(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	redirects := string(mem.Files["_redirects"])
	if !strings.Contains(redirects, "/old/hk-policy/ /briefings/hk-policy/ 301!\n") {
		t.Errorf("_redirects lacks the alias rule:\n%s", redirects)
	}
	mustContain(t, "redirect page", mem.Files["old/hk-policy/index.html"],
		`<link rel="canonical" href="https://brief.example/briefings/hk-policy/">`,
		`content="0; url=https://brief.example/briefings/hk-policy/"`, `noindex`)

	// The site's own rules come first, then the generated ones.
	own := "/chat https://t.me/example 302\n"
	_, mem = mustBuild(t, with(fixture(), map[string]string{"static/_redirects": own}), build.Options{})
	redirects = string(mem.Files["_redirects"])
	if !strings.HasPrefix(redirects, own) || !strings.Contains(redirects, "/old/hk-policy/ /briefings/hk-policy/ 301!") {
		t.Errorf("_redirects does not merge the site's rules and the aliases:\n%s", redirects)
	}

	// Under a base path, both sides of the rule carry it.
	fsys := with(fixture(), nil)
	_, mem = mustBuild(t, fsys, build.Options{BaseURL: "https://x.example/policy/"})
	if r := string(mem.Files["_redirects"]); !strings.Contains(r, "/policy/old/hk-policy/ /policy/briefings/hk-policy/ 301!") {
		t.Errorf("_redirects ignores the base path:\n%s", r)
	}
}

func TestNoAliasesNoRedirects(t *testing.T) {
	fsys := with(fixture(), nil)
	fsys["content/briefings/hk-policy.md"] = file(strings.Replace(string(fsys["content/briefings/hk-policy.md"].Data), "aliases: [/old/hk-policy/]\n", "", 1))
	_, mem := mustBuild(t, fsys, build.Options{})
	if hasPath(mem, "_redirects") {
		t.Errorf("_redirects written without aliases or a static one:\n%s", mem.Files["_redirects"])
	}
}

func TestStaticFiles(t *testing.T) {
	theme := brief.DefaultTheme()
	themeCSS, err := fsReadFile(theme, "assets/css/brief.css")
	if err != nil {
		t.Fatal(err)
	}
	_, mem := mustBuild(t, fixture(), build.Options{})
	if !bytes.Equal(mem.Files["css/brief.css"], themeCSS) {
		t.Error("the theme's stylesheet is not copied as is")
	}
	fsys := with(fixture(), map[string]string{
		"static/css/brief.css": "body{color:red}",
		"static/img/logo.svg":  "<svg/>",
		"static/.DS_Store":     "junk",
		"static/notes.txt~":    "editor backup",
	})
	_, mem = mustBuild(t, fsys, build.Options{})
	if got := string(mem.Files["css/brief.css"]); got != "body{color:red}" {
		t.Errorf("static/css/brief.css does not override the theme's: %q", got)
	}
	if got := string(mem.Files["img/logo.svg"]); got != "<svg/>" {
		t.Errorf("img/logo.svg = %q", got)
	}
	for _, p := range []string{".DS_Store", "notes.txt~"} {
		if hasPath(mem, p) {
			t.Errorf("editor or OS dropping %s was copied", p)
		}
	}
	// A site's layouts/assets/ overrides the theme's too.
	_, mem = mustBuild(t, with(fixture(), map[string]string{"layouts/assets/css/brief.css": "main{}"}), build.Options{})
	if got := string(mem.Files["css/brief.css"]); got != "main{}" {
		t.Errorf("layouts/assets/css/brief.css does not override the theme's: %q", got)
	}
}

func TestRobots(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	want := "User-agent: *\nAllow: /\nSitemap: https://brief.example/sitemap.xml\n"
	if got := string(mem.Files["robots.txt"]); got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
	own := "User-agent: *\nDisallow: /\n"
	_, mem = mustBuild(t, with(fixture(), map[string]string{"static/robots.txt": own}), build.Options{})
	if got := string(mem.Files["robots.txt"]); got != own {
		t.Errorf("static/robots.txt not used: %q", got)
	}
}

func TestBrokenMarkdownLink(t *testing.T) {
	fsys := with(fixture(), map[string]string{
		"content/briefings/x.md": "---\ntitle: X\ndate: 2023-01-01\n---\n\nLine one.\n\nSee [gone](../briefings/gone.md) and [ok](hk-policy.md).\n",
	})
	_, _, err := buildFS(t, fsys, build.Options{})
	l := diagnostics(t, err)
	if len(l) != 1 || l[0].File != "content/briefings/x.md" || l[0].Line != 8 || !strings.Contains(l[0].Msg, "gone.md") {
		t.Errorf("want one error at content/briefings/x.md:8 about gone.md, got:\n%v", l)
	}
}

func TestLinkToDraftWarns(t *testing.T) {
	fsys := with(fixture(), map[string]string{
		"content/briefings/x.md": "---\ntitle: X\ndate: 2023-01-01\n---\n\nSee [the note](draft-note.md).\n",
	})
	res, mem := mustBuild(t, fsys, build.Options{})
	if len(res.Warnings) != 1 || res.Warnings[0].File != "content/briefings/x.md" || !strings.Contains(res.Warnings[0].Msg, "not published") {
		t.Fatalf("want one warning about the draft link, got:\n%v", res.Warnings)
	}
	mustContain(t, "x's page", mem.Files["briefings/x/index.html"], `href="/briefings/draft-note/"`)
	res, _ = mustBuild(t, fsys, build.Options{Drafts: true})
	if len(res.Warnings) != 0 {
		t.Errorf("with drafts on, the link is fine, got warnings:\n%v", res.Warnings)
	}
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Content string `xml:"content"`
		Author  []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

// wellFormed walks every token, which finds unbalanced or illegal XML.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, data)
		}
	}
}

func TestFeeds(t *testing.T) {
	for _, minify := range []bool{false, true} {
		_, mem := mustBuild(t, fixture(), build.Options{Minify: minify})
		for _, tc := range []struct {
			path, updated, self string
			entries             []string
			content             bool
		}{
			// Newest entry: Chaoyang, 10 July 2023, midnight in Hong Kong; never the clock.
			{"feed.xml", "2023-07-10T00:00:00+08:00", "https://brief.example/feed.xml",
				[]string{"Chaoyang opens a Web3 hub", "Beijing pledges CNY 100m a year for Web3", "Hong Kong policy statement on virtual assets"}, true},
			// Beijing's newest change is its update of 2 June.
			{"tags/funding/feed.xml", "2023-06-02T00:00:00+08:00", "https://brief.example/tags/funding/feed.xml",
				[]string{"Beijing pledges CNY 100m a year for Web3"}, false},
			{"jurisdictions/beijing/feed.xml", "2023-07-10T00:00:00+08:00", "https://brief.example/jurisdictions/beijing/feed.xml",
				[]string{"Chaoyang opens a Web3 hub", "Beijing pledges CNY 100m a year for Web3"}, false},
		} {
			data := mem.Files[tc.path]
			wellFormed(t, tc.path, data)
			var f atomDoc
			if err := xml.Unmarshal(data, &f); err != nil {
				t.Fatalf("%s: %v", tc.path, err)
			}
			if f.Updated != tc.updated {
				t.Errorf("minify=%v %s: updated = %q, want %q", minify, tc.path, f.Updated, tc.updated)
			}
			var titles []string
			for _, e := range f.Entries {
				titles = append(titles, e.Title)
				if len(e.Author) == 0 || e.Author[0].Name == "" {
					t.Errorf("%s: entry %q has no author", tc.path, e.Title)
				}
				if (e.Content != "") != tc.content {
					t.Errorf("%s: entry %q has content = %v, want %v", tc.path, e.Title, e.Content != "", tc.content)
				}
			}
			if !slices.Equal(titles, tc.entries) {
				t.Errorf("%s: entries %q, want %q", tc.path, titles, tc.entries)
			}
			self := ""
			for _, l := range f.Links {
				if l.Rel == "self" {
					self = l.Href
				}
			}
			if self != tc.self {
				t.Errorf("%s: self link %q, want %q", tc.path, self, tc.self)
			}
		}
		if c := string(mem.Files["feed.xml"]); !strings.Contains(c, "beijing-web3-fn:1") {
			t.Errorf("the site feed lacks the rendered body with its footnote")
		}
	}
}

func TestFeedOfEmptySite(t *testing.T) {
	_, mem := mustBuild(t, mapFS(map[string]string{"content/briefings/d.md": "---\ntitle: D\ndate: 2023-01-01\ndraft: true\n---\nx\n"}), build.Options{})
	var f atomDoc
	if err := xml.Unmarshal(mem.Files["feed.xml"], &f); err != nil {
		t.Fatal(err)
	}
	if f.Updated != "1970-01-01T00:00:00Z" || len(f.Entries) != 0 {
		t.Errorf("empty feed: updated %q with %d entries", f.Updated, len(f.Entries))
	}
	mustContain(t, "empty home page", mem.Files["index.html"], "No briefings yet.")
}

func TestSitemap(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	data := mem.Files["sitemap.xml"]
	wellFormed(t, "sitemap.xml", data)
	if problems := feeds.ValidateSitemap(data); len(problems) > 0 {
		t.Errorf("invalid sitemap: %v", problems)
	}
	var u struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &u); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range u.URLs {
		if _, dup := got[x.Loc]; dup {
			t.Errorf("sitemap lists %s twice", x.Loc)
		}
		got[x.Loc] = x.LastMod
	}
	for loc, lastmod := range map[string]string{
		"https://brief.example/":                        "2023-07-10",
		"https://brief.example/briefings/beijing-web3/": "2023-06-02",
		"https://brief.example/briefings/hk-policy/":    "2022-10-31",
		"https://brief.example/tags/web3/":              "",
		"https://brief.example/jurisdictions/china/":    "",
		"https://brief.example/archive/2023/":           "",
	} {
		if m, ok := got[loc]; !ok || m != lastmod {
			t.Errorf("sitemap: %s lastmod %q (listed %v), want %q", loc, m, ok, lastmod)
		}
	}
	for loc := range got {
		if strings.Contains(loc, "draft") || strings.Contains(loc, "future") || strings.Contains(loc, "404") || strings.Contains(loc, "/old/") {
			t.Errorf("sitemap lists %s", loc)
		}
	}
}

// TestSearchIndex: the index finds a briefing by a word of its body and
// of a heading, under a base path, and its fragment carries what a result
// shows; a jurisdiction filter includes children's briefings.
func TestSearchIndex(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{BaseURL: "https://x.example/policy/"})
	r := searchReader(t, mem)
	for _, q := range []string{"white paper", "北京", "Zhongguancun", "support"} { // body, heading, footnote, funding purpose
		hits, err := r.Search(q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 {
			t.Fatalf("%q: %d hits, want 1", q, len(hits))
		}
		d, err := r.Fragment(hits[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.URL != "/policy/briefings/beijing-web3/" || d.Date != "2023-05-29" || !slices.Equal(d.Tags, []string{"Web3", "funding"}) ||
			!slices.Equal(d.Jurisdictions, []string{"Beijing"}) || !strings.HasPrefix(d.Summary, "Chaoyang district") ||
			!strings.Contains(d.Text, "Chaoyang district published a white paper") {
			t.Errorf("%q: fragment = %+v", q, d)
		}
	}
	hits, err := r.Search("", []search.Filter{{Kind: "jurisdiction", Value: "china"}})
	if err != nil || len(hits) != 2 {
		t.Errorf("China filter: %v hits, %v; want Beijing's and Chaoyang's", hits, err)
	}
}

func TestMinify(t *testing.T) {
	_, plain := mustBuild(t, fixture(), build.Options{})
	_, small := mustBuild(t, fixture(), build.Options{Minify: true})
	for _, p := range []string{"index.html", "briefings/beijing-web3/index.html", "css/brief.css", "feed.xml"} {
		if len(small.Files[p]) >= len(plain.Files[p]) {
			t.Errorf("%s: minified %d bytes, plain %d", p, len(small.Files[p]), len(plain.Files[p]))
		}
	}
	mustContain(t, "minified page", small.Files["index.html"], "</body>", "</html>", `class="card"`)
	if !json.Valid(small.Files["search/manifest.json"]) {
		t.Error("minified search manifest is not JSON")
	}
	if _, err := searchReader(t, small).Fragment(0); err != nil { // the compressed files are left alone
		t.Error(err)
	}
	// site.toml can ask for it too.
	fsys := with(fixture(), nil)
	fsys["site.toml"] = file(string(fsys["site.toml"].Data) + "\n")
	fsys["site.toml"] = file(strings.Replace(string(fsys["site.toml"].Data), "paginate = 2\n", "paginate = 2\nminify = true\n", 1))
	_, viaConfig := mustBuild(t, fsys, build.Options{})
	if !bytes.Equal(viaConfig.Files["index.html"], small.Files["index.html"]) {
		t.Error("minify = true in site.toml differs from the Minify option")
	}
}

// TestNoBrokenLinks: every internal link of the built site leads somewhere,
// at the root and under a base path.
func TestNoBrokenLinks(t *testing.T) {
	for _, base := range []string{"", "https://x.example/policy/"} {
		_, mem := mustBuild(t, fixture(), build.Options{BaseURL: base})
		basePath := "/"
		if base != "" {
			basePath = "/policy/"
		}
		if l := linkcheck.Check(mem.Files, basePath, nil); len(l) > 0 {
			t.Errorf("base %q: broken links:\n%v", base, l)
		}
	}
}

func TestSiteWithoutConfigOrStatic(t *testing.T) {
	res, mem := mustBuild(t, mapFS(map[string]string{
		"content/briefings/only.md": "---\ntitle: Only\ndate: 2023-01-01\n---\nBody.\n",
	}), build.Options{})
	if res.Site.Config.Title != "Briefings" {
		t.Errorf("default title = %q", res.Site.Config.Title)
	}
	mustContain(t, "only page", mem.Files["briefings/only/index.html"], "<title>Only · Briefings</title>", `href="/briefings/only/"`)
}

// TestIncrementalTouchesLittle: a rebuild with no change writes nothing; a
// body edit rewrites the page and the full-content feed, not tag pages.
func TestIncrementalTouchesLittle(t *testing.T) {
	fsys := fixture()
	bl := build.New(brief.DefaultTheme())
	if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	inc := build.Options{Now: buildClock, Incremental: true}
	res, err := bl.Build(fsys, &build.Changes{}, inc, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Removed) != 0 || res.Parsed != 0 {
		t.Errorf("no-change rebuild wrote %v, removed %v, parsed %d", res.Written, res.Removed, res.Parsed)
	}
	p := "content/briefings/hk-policy.md"
	fsys[p] = file(strings.Replace(string(fsys[p].Data), "The statement is short.", "The statement is brief.", 1))
	res, err = bl.Build(fsys, build.ChangedPaths(p), inc, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	// The page, the full-content feeds (Atom and JSON), the briefing's search fragment, the
	// manifest and the chunk holding "brief" and "short" (renamed: chunks
	// are named by their content).
	var chunks []string
	for _, p := range res.Written {
		if strings.HasPrefix(p, "search/c/") {
			chunks = append(chunks, p)
		}
	}
	want := append([]string{"briefings/hk-policy/index.html", "feed.json", "feed.xml"}, chunks...)
	want = append(want, "search/f/0.json", "search/manifest.json")
	if !slices.Equal(res.Written, want) || len(chunks) != 1 || res.Parsed != 1 {
		t.Errorf("body edit wrote %v (parsed %d), want the page, the feeds, one chunk, the fragment and the manifest", res.Written, res.Parsed)
	}
	if len(res.Removed) != 1 || !strings.HasPrefix(res.Removed[0], "search/c/") {
		t.Errorf("body edit removed %v, want the old chunk", res.Removed)
	}
}

func TestBaseURLOption(t *testing.T) {
	_, _, err := buildFS(t, fixture(), build.Options{BaseURL: "ftp://nope"})
	l := diagnostics(t, err)
	if len(l) != 1 || l[0].Field != "--baseURL" {
		t.Errorf("bad --baseURL: %v", l)
	}
	_, mem := mustBuild(t, fixture(), build.Options{BaseURL: "https://x.example/policy"})
	mustContain(t, "page under a base path", mem.Files["briefings/beijing-web3/index.html"],
		`<link rel="canonical" href="https://x.example/policy/briefings/beijing-web3/">`,
		`href="/policy/briefings/hk-policy/#what-it-says"`, `href="/policy/css/brief.css"`)
}

// TestURLClashInEdition: a clash between two briefings of an edition other
// than the default names both at their files, with the edition's language,
// in a one-shot build (whose plan names a briefing's page from the
// briefing when asked) as in any other.
func TestURLClashInEdition(t *testing.T) {
	fsys := with(trilingual(t), map[string]string{
		"content/briefings/other.zh-Hant.md": "---\ntitle: 其他\ndate: 2023-01-01\nslug: hkma-stablecoin-sandbox\n---\nx\n",
	})
	for _, once := range []bool{false, true} {
		_, _, err := buildFS(t, fsys, build.Options{Once: once})
		l := diagnostics(t, err).Errors()
		if len(l) != 1 {
			t.Fatalf("once %v: want one clash, got:\n%v", once, l)
		}
		got := l[0].Error()
		for _, w := range []string{
			"content/briefings/other.zh-Hant.md:4: slug: briefing content/briefings/other.zh-Hant.md (zh-Hant) would be written to /zh-hant/briefings/hkma-stablecoin-sandbox/index.html",
			"which briefing content/briefings/hkma-stablecoin-sandbox.zh-Hant.md (zh-Hant) (content/briefings/hkma-stablecoin-sandbox.zh-Hant.md:1) already makes",
		} {
			if !strings.Contains(got, w) {
				t.Errorf("once %v: clash message lacks %q:\n%s", once, w, got)
			}
		}
	}
}
