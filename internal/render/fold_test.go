package render

import (
	"bytes"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/funding/fundingtest"
	"brief/internal/pages"
	"brief/internal/site"
)

// unfolded renders p with a plain clone of the theme's set for its kind,
// as Render did before folding.
func unfolded(t *testing.T, th *Theme, p *Page) string {
	t.Helper()
	set, err := th.setOf(langOf(p.Site.Language), p.Kind).Clone()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, "base.html", p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func foldSite(t testing.TB) *site.Site {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	cfg.Description = `Briefings on "Web3" & <policy>`
	return fundingtest.Site(t, cfg, fundingtest.Corpus(t))
}

// defaultTheme loads the default theme for s, failing the test on any
// problem.
func defaultTheme(t testing.TB, s *site.Site) *Theme {
	t.Helper()
	th, ds := Load(brief.DefaultTheme(), nil, s.Config)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return th
}

// TestFoldDefaultTheme renders every page of a site through the default
// theme, folded and not, and checks that the bytes are the same and that
// the site-wide parts (navigation, footer, the stylesheet's and feeds'
// links) are text in the folded set, no longer actions run on each page.
func TestFoldDefaultTheme(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	v := NewViews(s)
	all := pages.All(s)
	kinds := map[string]bool{}
	for _, pg := range all {
		p := v.Page(pg)
		if pg.Kind == "funding" {
			continue // needs the tracker, which the build adds
		}
		kinds[pg.Kind] = true
		var b strings.Builder
		if err := th.Render(&b, p); err != nil {
			t.Fatal(err)
		}
		if want := unfolded(t, th, p); b.String() != want {
			t.Fatalf("%s %s: folded output differs:\n%s\nwant:\n%s", pg.Kind, pg.URL, b.String(), want)
		}
	}
	// The executor (package tmplexec) rendered every page but the first
	// of each set (folding renders that one).
	if th.ran.Load() == 0 || th.fellBack.Load() != 0 || len(th.refused) != 0 {
		t.Errorf("executor: %d pages rendered, %d given back to html/template, sets refused: %v", th.ran.Load(), th.fellBack.Load(), th.refused)
	}
	for _, b := range v.Site.Briefings {
		card, err := th.Card(b)
		if err != nil {
			t.Fatal(err)
		}
		set, _ := th.setOf(th.lang, "home").Clone()
		var want strings.Builder
		if err := set.ExecuteTemplate(&want, CardTemplate, b); err != nil {
			t.Fatal(err)
		}
		if string(card) != want.String() {
			t.Errorf("card of %s differs:\n%s\nwant:\n%s", b.Path, card, want.String())
		}
	}
	if n := th.fellBack.Load(); n != 0 || th.cardProgs[th.lang] == nil {
		t.Errorf("the executor did not render the cards (%d given back)", n)
	}
	if card := th.cards[th.lang].Lookup(CardTemplate).Tree.Root.String(); !strings.Contains(card, relURLAttr+" .URL") {
		t.Errorf("the card's link still calls three escapers:\n%s", card)
	}
	if len(kinds) < 6 {
		t.Fatalf("only %d page kinds rendered: %v", len(kinds), kinds)
	}
	p := v.Page(pages.Briefing(s.Briefings[0]))
	set, _, _, _, err, _ := th.folded(p, th.setOf(langOf(p.Site.Language), "briefing"), th.langKey(langOf(p.Site.Language)), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// (head.html's feed links with the site's title are in a with that
	// briefing pages do not take: they stay actions.)
	for name, fields := range map[string][]string{"base.html": {".Site.URLs", ".Site.Config", ".Section"}, "partials/head.html": {".Site.URLs"}} {
		before := th.sets["briefing"].Lookup(name).Tree.Root.String()
		after := set.Lookup(name).Tree.Root.String()
		for _, field := range fields {
			if !strings.Contains(before, field) {
				t.Fatalf("%s does not read %s: the test needs a new probe", name, field)
			}
			if strings.Contains(after, field) {
				t.Errorf("%s still reads %s on every page after folding:\n%s", name, field, after)
			}
		}
	}
	main := set.Lookup("main").Tree.Root.String()
	if !strings.Contains(main, relURLAttr+" $j.URL") || !strings.Contains(main, "_brief_url_attr") || strings.Contains(main, "_html_template_urlnormalizer") {
		t.Errorf("the links of briefing pages still call three escapers each:\n%s", main)
	}
	if after := set.Lookup("base.html").Tree.Root.String(); !strings.Contains(after, `<a class="site-title" href="/policy/">Test brief</a>`) {
		t.Errorf("the site's title link is not text in the folded base.html:\n%s", after)
	}
}

// TestFoldCases folds a theme made of the cases folding must get right:
// constants in every escaping context, page values inside constant
// blocks, variables, break, a partial called with the page and with a
// briefing, and a constant in a branch the first page does not take.
func TestFoldCases(t *testing.T) {
	s := foldSite(t)
	layouts := fstest.MapFS{
		"base.html": {Data: []byte(`<!doctype html><html lang="{{.Site.Config.Language}}"><head><title>{{.Title}} · {{.Site.Config.Title}}</title>
<script>var home = {{relURL .Site.URLs.Home}}; var title = {{.Title}}; var site = {{.Site.Config.Title}};</script>
<style>a::after { content: "{{.Site.Config.Title}}" }</style>
</head><body data-site="{{.Site.Config.Title}}" onclick="go({{.Site.Config.Description}})">
{{with .Site.Config.Description}}<p>{{.}} on {{$.Title}}</p>{{else}}none{{end}}
{{range $i, $b := .List}}{{if $i}}, {{end}}<a href="{{relURL $.Site.URLs.Home}}?b={{$b.Slug}}">{{$b.Title}}</a>{{if eq $i 1}}{{break}}{{end}}{{end}}
{{$t := .Site.Config.Title}}{{$t}}{{$t = .Title}}{{$t}}
{{if .List}}<a href="{{relURL .Site.URLs.Archive}}">more</a>{{end}}
{{template "partials/x.html" .}}{{range .List}}{{template "partials/x.html" .}}{{end}}
{{if .Site.Config.Title}}{{with .Briefing}}<h1>{{.Title}}</h1>{{end}}{{end}}
{{printf "%s / %s" .Site.Config.Title .Title}} {{len .Site.Config.Title}} {{.Site.Config.Title | len | printf "%d"}}
{{range $k, $v := .Site.Config.Parents}}{{$k}}&lt;{{$v}} {{end}}
<a href="/x?q={{.Site.Config.Title}}&p={{.Title}}">q</a>
<style>h1::before { content: "{{.Title}}" } main { background: url({{.URL}}) } p { color: {{.Title}} }</style>
<p style="width: {{len .List}}0px; color: {{.Title}}" title={{.Title}}>s</p><p style=color:{{.Kind}}>b</p>
<img srcset="{{.URL}} 1x" alt=""><script>var s = "{{.Title}}";</script><a onclick="go({{.URL}})">x</a>
<nav>{{.Kind}}: <a href="/t/"{{if eq .Section "tags"}} aria-current="page"{{end}}>Tags</a>{{with .Section}} in {{.}} of {{$.Title}}{{end}}</nav>
{{template "main" .}}
</body></html>`)},
		"partials/x.html": {Data: []byte(`<p>{{.Title}} {{relURL "/about/"}} {{"<b>"}}</p>`)},
		"list.html":       {Data: []byte(`{{define "main"}}<main>{{.Site.Config.Title}}{{range .List}}{{.Title}}{{end}}</main>{{end}}`)},
		"briefing.html":   {Data: []byte(`{{define "main"}}<main>{{with .Briefing}}{{.Title}} {{$.Site.Config.Title}}{{end}}</main>{{end}}`)},
	}
	// A field base.html reads that a config may not have is left out.
	if _, err := fs.Stat(layouts, "base.html"); err != nil {
		t.Fatal(err)
	}
	th, ds := Load(brief.DefaultTheme(), layouts, s.Config)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	v := NewViews(s)
	tag := s.Tags[0]
	ps := []pages.Page{
		{Kind: "list", Title: "Empty", URL: "/empty/"}, // first: the list's constants are not seen
		{Kind: "list", Title: "A <tag>", URL: tag.URL, Term: tag, List: s.Briefings},
		{Kind: "list", Title: "Two", URL: "/two/", List: s.Briefings[:2]},
		{Kind: "list", Section: "tags", Title: "Tag", URL: "/t/x/", List: s.Briefings[:1]},
		{Kind: "list", Section: "jurisdictions", Title: "Place", URL: "/j/x/", List: s.Briefings[1:3]},
		{Kind: "list", Section: "tags", Title: "Tag 2", URL: "/t/y/", List: s.Briefings[2:4]},
		pages.Briefing(s.Briefings[0]),
		pages.Briefing(s.Briefings[1]),
	}
	for _, pg := range ps {
		p := v.Page(pg)
		var b strings.Builder
		if err := th.Render(&b, p); err != nil {
			t.Fatal(err)
		}
		if want := unfolded(t, th, p); b.String() != want {
			t.Errorf("%s %s: folded output differs:\n%s\nwant:\n%s", pg.Kind, pg.URL, b.String(), want)
		}
	}
	// Every context above (styles, scripts, queries, srcset, attributes
	// without quotes, event handlers) runs on the executor.
	if th.ran.Load() == 0 || th.fellBack.Load() != 0 || len(th.refused) != 0 {
		t.Errorf("executor: %d pages rendered, %d given back to html/template, sets refused: %v", th.ran.Load(), th.fellBack.Load(), th.refused)
	}
}

// TestFoldConcurrent renders every page from several goroutines at once,
// as the build does, on a fresh model: the pages that fold their kind's
// set and those that wait for it make the same bytes (run with -race).
func TestFoldConcurrent(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	v := NewViews(s)
	var ps []*Page
	for _, pg := range pages.All(s) {
		if pg.Kind != "funding" {
			ps = append(ps, v.Page(pg))
		}
	}
	want := make([]string, len(ps))
	for i, p := range ps {
		want[i] = unfolded(t, th, p)
	}
	got := make([][4]string, len(ps))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i, p := range ps {
				var b strings.Builder
				if err := th.Render(&b, p); err != nil {
					t.Error(err)
				}
				got[i][g] = b.String()
			}
		})
	}
	wg.Wait()
	for i := range ps {
		for g := range 4 {
			if got[i][g] != want[i] {
				t.Fatalf("goroutine %d, %s: folded output differs", g, ps[i].URL)
			}
		}
	}
}

// TestKeepFolds: a model made again with the same configuration takes the
// folded sets of the one before (a front matter edit folds nothing again)
// and renders what a fresh fold renders; one of another configuration
// folds its own.
func TestKeepFolds(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	old := NewViews(s)
	home := pages.All(s)[0]
	var b strings.Builder
	if err := th.Render(&b, old.Page(home)); err != nil {
		t.Fatal(err)
	}
	again := NewViews(fundingtest.Site(t, s.Config, fundingtest.Corpus(t)))
	again.KeepFolds(old)
	if len(again.Site.folds.sets) == 0 || again.Site.folds.sets[foldKey{th, home.Kind, home.Section, th.manifest.Load().Hash}] == nil {
		t.Fatal("the new model's views did not take the folded sets")
	}
	p := again.Page(pages.All(again.Site.Site)[0])
	b.Reset()
	if err := th.Render(&b, p); err != nil {
		t.Fatal(err)
	}
	if want := unfolded(t, th, p); b.String() != want {
		t.Fatalf("kept folds render differently:\n%s\nwant:\n%s", b.String(), want)
	}
	cfg := *s.Config
	cfg.Title = "Another title"
	other := NewViews(fundingtest.Site(t, &cfg, fundingtest.Corpus(t)))
	other.KeepFolds(old)
	if len(other.Site.folds.sets) != 0 {
		t.Error("views of another configuration took the folded sets")
	}
}

// TestFoldIntoOutputBuffer: the first page of each kind, folded into the
// page's own buffer when it is given an empty one, is the page rendered
// without folding, as it is through any other writer and after what a
// buffer holds already.
func TestFoldIntoOutputBuffer(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	for _, how := range []string{"writer", "empty buffer", "grown buffer", "buffer with text"} {
		v := NewViews(s) // folds again
		firsts := 0
		for _, pg := range pages.All(s) {
			if pg.Kind == "funding" {
				continue // needs the tracker, which the build adds
			}
			p := v.Page(pg)
			var got string
			var b bytes.Buffer
			switch how {
			case "writer":
				var sb strings.Builder
				if err := th.Render(&sb, p); err != nil {
					t.Fatal(err)
				}
				got = sb.String()
			case "grown buffer":
				b.Grow(1 << 16)
				fallthrough
			case "empty buffer":
				if err := th.Render(&b, p); err != nil {
					t.Fatal(err)
				}
				got = b.String()
			case "buffer with text":
				b.WriteString("before\x00fold<0>\x00")
				if err := th.Render(&b, p); err != nil {
					t.Fatal(err)
				}
				rest, ok := strings.CutPrefix(b.String(), "before\x00fold<0>\x00")
				if !ok {
					t.Fatalf("%s %s: the buffer's text is gone: %q", pg.Kind, pg.URL, b.String())
				}
				got = rest
			}
			if want := unfolded(t, th, p); got != want {
				t.Fatalf("%s: %s %s: output differs:\n%s\nwant:\n%s", how, pg.Kind, pg.URL, got, want)
			}
			firsts++
		}
		if firsts == 0 {
			t.Fatal("no pages")
		}
	}
}
