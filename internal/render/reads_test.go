package render_test

import (
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/config"
	"brief/internal/render"
)

// The default theme: briefing pages read their own body and reading time,
// lists read the cards they list, and nothing of a briefing page or a card
// depends on other briefings than the page's own and its neighbours.
func TestReadsOfTheDefaultTheme(t *testing.T) {
	th, ds := render.Load(brief.DefaultTheme(), nil, config.Default())
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	// Every page's head (the head helper) shows its briefing's word count
	// and share image, if it is a briefing page.
	head := render.Reads{Stats: render.Own, Pictures: render.Own}
	want := map[string]render.Reads{
		"briefing": {Bodies: render.Own, Stats: render.Own, Pictures: render.Own},
		"home":     {Cards: render.Listed, Stats: render.Own, Pictures: render.Own},
		// A term's page shows its name, note, count, parent and children,
		// which the build fingerprints with the page: not the model.
		"list": {Cards: render.Listed, Stats: render.Own, Pictures: render.Own},
		"404":  head,
		// Its filters list every tag, jurisdiction and year (the page's
		// .Terms and .Years), by name only.
		"search": head,
		// The archive lists every year's briefings by title.
		"archive": {Model: true, Stats: render.Own, Pictures: render.Own},
		// The tracker shows funded briefings' titles and links, and terms'
		// names: fingerprinted with the page, not the whole model.
		"funding": {Tracker: true, Stats: render.Own, Pictures: render.Own},
	}
	for kind, w := range want {
		if got := th.Reads[kind]; got != w {
			t.Errorf("%s: reads %+v, want %+v", kind, got, w)
		}
	}
	if want := (render.Reads{Pictures: render.Own}); th.CardReads != want {
		t.Errorf("card reads %+v, want %+v: its picture, nothing beyond its briefing", th.CardReads, want)
	}
}

// Each override replaces one template of the default theme; what the page
// kind then reads is derived from the parse trees, whatever the spelling.
func TestReadsOfOverrides(t *testing.T) {
	main := func(body string) string { return `{{define "main"}}` + body + `{{end}}` }
	for _, tc := range []struct {
		name, file, src string
		kind            string // "card" for partials/card.html
		want            render.Reads
	}{
		{"own fields only", "briefing.html", main(`{{.Briefing.Title}} {{.Briefing.URL}} {{.Site.Config.Title}} {{.Site.URLs.Tags}}`), "briefing", render.Reads{}},
		{"site lists through with", "404.html", main(`{{with .Site}}{{len .Briefings}}{{end}}`), "404", render.Reads{Model: true}},
		{"site lists through a variable", "briefing.html", main(`{{$s := .Site}}{{range $s.Tags}}{{.Name}}{{end}}`), "briefing", render.Reads{Model: true}},
		{"site lists through $", "briefing.html", main(`{{with .Briefing}}{{range $.Site.Years}}{{.Year}}{{end}}{{end}}`), "briefing", render.Reads{Model: true}},
		{"a term's briefings", "briefing.html", main(`{{range .Briefing.Tags}}{{range .Briefings}}{{.Title}}{{end}}{{end}}`), "briefing", render.Reads{Model: true}},
		{"a term's count", "briefing.html", main(`{{range .Briefing.Tags}}{{len .Briefings}}{{end}}`), "briefing", render.Reads{Model: true}},
		{"own terms' names", "briefing.html", main(`{{range .Briefing.Jurisdictions}}{{.Name}} {{.URL}}{{end}}`), "briefing", render.Reads{}},
		{"a term's parent", "briefing.html", main(`{{range .Briefing.Jurisdictions}}{{with .Parent}}{{.Name}}{{end}}{{end}}`), "briefing", render.Reads{Model: true}},
		{"neighbour's title", "briefing.html", main(`{{with .Briefing.Newer}}{{.Title}}{{end}}`), "briefing", render.Reads{}},
		{"neighbour's body", "briefing.html", main(`{{.Briefing.Newer.Content}}`), "briefing", render.Reads{Bodies: render.Neighbours}},
		{"neighbour's neighbour", "briefing.html", main(`{{.Briefing.Newer.Newer.Title}}`), "briefing", render.Reads{Model: true}},
		{"a term page's name, count and family", "list.html", main(`{{with .Term}}{{.Name}} {{.Note}} {{len .Briefings}}{{with .Parent}}{{.Name}}{{end}}{{range .Children}}{{.URL}} {{len .Briefings}}{{end}}{{end}}`), "list", render.Reads{}},
		{"a term page's briefings", "list.html", main(`{{range .Term.Briefings}}{{.Title}}{{end}}`), "list", render.Reads{Model: true}},
		{"a term page's newest briefing", "list.html", main(`{{(index .Term.Briefings 0).URL}}`), "list", render.Reads{Model: true}},
		{"a term page's translations", "list.html", main(`{{range .Term.Translations}}{{.URL}}{{end}}`), "list", render.Reads{Model: true}},
		{"a term printed whole", "list.html", main(`{{.Term.Parent}}`), "list", render.Reads{Model: true, Bodies: render.Any, Stats: render.Any, Pictures: render.Any, Cards: render.Any}},
		{"years' counts", "archive.html", main(`{{range .Years}}{{.Year}} {{len .Briefings}}{{end}}`), "archive", render.Reads{}},
		{"years' briefings", "archive.html", main(`{{range .Years}}{{range .Briefings}}{{.Title}}{{end}}{{end}}`), "archive", render.Reads{Model: true}},
		{"tracker's figures and briefings' titles", "funding.html", main(`{{with .Funding}}{{.Total}}{{range .Entries}}{{.Original}} {{.Briefing.Title}} {{.Briefing.URL}} {{with .Jurisdiction}}{{.Name}}{{end}}{{end}}{{range .ByTag}}{{range .Rows}}{{.Label}}{{end}}{{end}}{{end}}`), "funding", render.Reads{Tracker: true}},
		{"tracker's briefings' neighbours", "funding.html", main(`{{range .Funding.Entries}}{{.Briefing.Newer.Title}}{{end}}`), "funding", render.Reads{Tracker: true, Model: true}},
		{"tracker's terms' briefings", "funding.html", main(`{{range .Funding.Entries}}{{with .Jurisdiction}}{{len .Briefings}}{{end}}{{end}}`), "funding", render.Reads{Tracker: true, Model: true}},
		{"tracker's briefing printed whole", "funding.html", main(`{{range .Funding.Entries}}{{.Briefing}}{{end}}`), "funding", render.Reads{Tracker: true, Model: true, Bodies: render.Any, Stats: render.Any, Pictures: render.Any, Cards: render.Any}},
		{"listed bodies", "list.html", main(`{{range .List}}{{.Content}}{{end}}`), "list", render.Reads{Bodies: render.Listed}},
		{"listed reading times through a variable", "home.html", main(`{{range $i, $b := .List}}{{$b.ReadingMinutes}}{{end}}`), "home", render.Reads{Stats: render.Listed}},
		{"index into the list", "home.html", main(`{{(index .List 0).Content}}`), "home", render.Reads{Bodies: render.Listed}},
		{"any body through the site", "home.html", main(`{{range .Site.Briefings}}{{.Content}}{{end}}`), "home", render.Reads{Model: true, Bodies: render.Any}},
		{"a partial called with the site", "404.html", main(`{{template "partials/tags.html" .Site}}`) + `{{define "partials/tags.html"}}{{range .Tags}}{{.Name}}{{end}}{{end}}`, "404", render.Reads{Model: true}},
		{"a block", "404.html", main(`{{block "years" .Site}}{{range .Years}}{{.URL}}{{end}}{{end}}`), "404", render.Reads{Model: true}},
		{"own body in a with variable", "briefing.html", main(`{{with $b := .Briefing}}{{$b.Content}}{{end}}`), "briefing", render.Reads{Bodies: render.Own}},
		{"card reading its body", "partials/card.html", `<article>{{.Content}} {{.Words}}</article>`, "card", render.Reads{Bodies: render.Own, Stats: render.Own}},
		{"card reading the next card", "partials/card.html", `<article>{{with .Older}}{{.Card}}{{end}}</article>`, "card", render.Reads{Cards: render.Neighbours}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{tc.file: {Data: []byte(tc.src)}}, config.Default())
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			got := th.CardReads
			if tc.kind != "card" {
				got = th.Reads[tc.kind]
			}
			// What the rest of the theme reads: the same theme with the
			// overridden file emptied.
			empty := `{{define "main"}}{{end}}`
			if tc.kind == "card" {
				empty = "<article></article>"
			}
			bare, _ := render.Load(brief.DefaultTheme(), fstest.MapFS{tc.file: {Data: []byte(empty)}}, config.Default())
			base := bare.CardReads
			if tc.kind != "card" {
				base = bare.Reads[tc.kind]
			}
			want := render.Reads{Model: tc.want.Model || base.Model, Tracker: tc.want.Tracker || base.Tracker, Bodies: tc.want.Bodies | base.Bodies, Stats: tc.want.Stats | base.Stats,
				Pictures: tc.want.Pictures | base.Pictures, Cards: tc.want.Cards | base.Cards}
			if got != want {
				t.Errorf("reads %+v, want %+v", got, want)
			}
		})
	}
}

// A view handed whole to print, or a value the walk cannot type, counts as
// reading everything it could hold.
func TestReadsAssumesTheWorst(t *testing.T) {
	for _, src := range []string{
		`{{define "main"}}{{printf "%v" .Briefing}}{{end}}`,
		`{{define "main"}}{{.Briefing.Tags}}{{end}}`,
		`{{define "main"}}{{.Site}}{{end}}`,
	} {
		th, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{"briefing.html": {Data: []byte(src)}}, config.Default())
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		r := th.Reads["briefing"]
		if !r.Model || !r.Bodies.Has(render.Any) || !r.Cards.Has(render.Any) {
			t.Errorf("%s: reads %+v, want everything", src, r)
		}
	}
}
