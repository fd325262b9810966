package render

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"brief/internal/jsonld"
	"brief/internal/pages"
	"brief/internal/seo"
	"brief/internal/site"
)

// TestHeadFollowsTermsChangedInPlace: the places a model's pages share in
// their structured data, encoded once (jsonld.Prepare), follow its terms
// when an update in place changes them (Views.RefreshTerms).
func TestHeadFollowsTermsChangedInPlace(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	var b *site.Briefing
	for _, x := range s.Briefings {
		if len(x.Jurisdictions) > 0 {
			b = x
			break
		}
	}
	if b == nil {
		t.Fatal("no briefing with a jurisdiction")
	}
	v := NewViews(s)
	ld := func() string {
		var out strings.Builder
		if err := th.Render(&out, v.Page(pages.Briefing(b))); err != nil {
			t.Fatal(err)
		}
		_, after, _ := strings.Cut(out.String(), `<script type="application/ld+json">`)
		script, _, _ := strings.Cut(after, "</script>")
		return script
	}
	j := b.Jurisdictions[0]
	old := `"name":` + quote(j.Name)
	if n := strings.Count(ld(), old); n != 2 {
		t.Fatalf("%s %d times in the structured data, want 2 (its place and its breadcrumb)", old, n)
	}
	name := j.Name
	defer func() { j.Name = name }()
	j.Name = "Renamed Place"
	v.RefreshTerms([]*site.Term{j}, nil, nil)
	if got := ld(); strings.Count(got, `"name":"Renamed Place"`) != 2 {
		t.Errorf("after the term changed, the structured data is\n%s", got)
	}
}

func quote(s string) string { return `"` + s + `"` }

// TestLentStructuredData: every page's structured data, lent to it while
// it renders (seo.OfLent), is its own when pages render at once on many
// goroutines and their buffers go from one to the next; all are returned.
func TestLentStructuredData(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	v := NewViews(s)
	var ps []pages.Page
	for _, b := range s.Briefings {
		ps = append(ps, pages.Briefing(b))
	}
	ps = append(ps, pages.All(s)...)
	render := func(p pages.Page) (string, *Page) {
		page := v.Page(p)
		var out strings.Builder
		if err := th.Render(&out, page); err != nil {
			t.Error(err)
		}
		return out.String(), page
	}
	want := make([]string, len(ps))
	for i, p := range ps {
		want[i], _ = render(p)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				for i := range ps {
					k := (i + g*7 + round) % len(ps)
					got, page := render(ps[k])
					if got != want[k] {
						t.Errorf("%s rendered at once with others differs", ps[k].URL)
						return
					}
					if page.lent != (seo.Lent{}) || page.more != nil {
						t.Errorf("%s keeps its structured data lent", ps[k].URL)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestLentKeptWhileAnotherRenders: one page rendered on two goroutines at
// once (the dev server, a folded kind's first page) keeps what either
// render lent until both have written it; returning it when the first
// ends gave the second's document to the next page while it was copied.
func TestLentKeptWhileAnotherRenders(t *testing.T) {
	var p Page
	_, firstDoc := jsonld.LendScript(jsonld.Node{"@type": "Thing"})
	_, secondDoc := jsonld.LendScript(jsonld.Node{"@type": "Thing"})
	first, second := seo.Lent{Lent: firstDoc}, seo.Lent{Lent: secondDoc}
	p.beginRender()
	p.beginRender()
	p.lend(first)
	p.lend(second)
	p.returnLent() // one render ends: the other may still copy its document
	if p.lent != first || len(p.more) != 1 || p.more[0] != second {
		t.Fatalf("after one of two renders ended: lent %v, more %v; want both kept", p.lent, p.more)
	}
	p.returnLent()
	if p.lent != (seo.Lent{}) || p.more != nil || p.rendering != 0 {
		t.Errorf("after both ended: lent %v, more %v, rendering %d; want all returned", p.lent, p.more, p.rendering)
	}
}

// TestCrumbsReuseTheHeadsTrail: during a render, the crumbs helper gives
// the trail the head helper found (the same slice, not worked out again),
// which is the trail seo finds for the page itself, less the page; after
// the render, nothing is kept.
func TestCrumbsReuseTheHeadsTrail(t *testing.T) {
	s := foldSite(t)
	th := defaultTheme(t, s)
	c := th.Catalog(s.Config.Language)
	v := NewViews(s)
	n := 0
	for _, pg := range pages.All(s) {
		p := v.Page(pg)
		want, err := seo.Trail(c, p.seoPage())
		if err != nil {
			t.Fatal(err)
		}
		p.beginRender()
		h, err := th.headIn(c)(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := crumbsIn(c, p)
		if err != nil || !slices.Equal(got, want[:max(0, len(want)-1)]) {
			t.Fatalf("%s: crumbs %v, %v; seo's trail %v", pg.URL, got, err, want)
		}
		if len(got) > 0 {
			n++
			if &got[0] != &h.Crumbs[0] {
				t.Errorf("%s: the crumbs helper worked the trail out again", pg.URL)
			}
		}
		p.returnLent()
		if _, ok := p.keptTrail(c); ok {
			t.Errorf("%s: a trail kept after the render", pg.URL)
		}
	}
	if n == 0 {
		t.Fatal("no page with a trail")
	}
}

// TestKnownAbsAreAbsURL: the absolute URLs made once per model for the
// heads (knownAbs) are the ones site.AbsURL makes, under any base URL,
// and cover the site's own pages, terms and years.
func TestKnownAbsAreAbsURL(t *testing.T) {
	s := foldSite(t)
	for _, base := range []string{"https://example.org/", "https://example.org/policy/", "/policy/", ""} {
		s.Config.BaseURL = base
		known := knownAbs(s)
		for p, u := range known {
			if want := site.AbsURL(s.Config, p); u != want {
				t.Errorf("base %q: %q -> %q, want %q", base, p, u, want)
			}
		}
		for _, p := range []string{s.URLs.Home, s.URLs.Tags, s.URLs.Jurisdictions, s.URLs.Archive, s.Tags[0].URL, s.Jurisdictions[0].URL, s.Years[0].URL} {
			if _, ok := known[p]; !ok {
				t.Errorf("base %q: %q is not made once", base, p)
			}
		}
	}
}
