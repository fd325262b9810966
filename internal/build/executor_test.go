package build_test

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"brief/internal/build"
	"brief/internal/corpus"
)

// overrides are a site's own layouts that use what the default theme does
// not: ranges over maps and numbers, else-with, assignment, break and
// continue, method calls with arguments, comparisons, index, len, printf,
// a partial called from a range, and values in a style attribute.
var overrides = map[string]string{
	"layouts/list.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{$n := 0}}{{range $i, $b := .List}}{{if ge $i 3}}{{break}}{{end}}{{if eq (len $b.Tags) 0}}{{continue}}{{end}}{{$n = add $n 1}}
<article data-i="{{$i}}"><a href="{{relURL $b.URL}}" title="{{$b.Title}}">{{$b.Title}}</a> {{printf "%d tags" (len $b.Tags)}}
{{with $b.Summary}}<p>{{.}}</p>{{else with $b.Title}}<p>{{.}}</p>{{end}}{{template "partials/tagline.html" $b}}</article>{{end}}
<p>{{$n}} shown{{if and .Pager (gt .Pager.Total 1)}}, page {{.Pager.Number}} of {{.Pager.Total}}{{end}}</p>
{{range 3}}<i>{{.}}</i>{{end}}{{range $k, $v := .Site.Config.Jurisdictions}}{{$k}}:{{len $v.Names}} {{end}}{{range .Site.Config.Parents}}{{.}}{{end}}
{{with index .List 0}}<b>{{.Date.Year}} {{.Date.Format "2006"}} {{date .Date}} {{not .Updated.IsZero}}</b>{{end}}{{end}}`,
	"layouts/partials/tagline.html": `<small>{{range $j, $t := .Tags}}{{if $j}}, {{end}}<a href="{{relURL $t.URL}}">{{$t.Name}}</a>{{end}}{{if .Figures}} · {{(index .Figures 0).Original}}{{end}}</small>`,
	"layouts/partials/card.html":    `<article class="card" style="--title: '{{.Title}}'; background: url({{.URL}})">{{with .Picture}}<img src="{{relURL .Small.URL}}" alt="{{.Alt}}">{{end}}<h2><a href="{{relURL .URL}}">{{.Title}}</a></h2>{{if ne .Summary ""}}<p>{{.Summary}}</p>{{end}}{{T "by_authors" "authors" .Authors}}</article>`,
}

// TestExecutorMatchesHTMLTemplate builds every test site, the default
// theme's and a site's own layouts, with the template executor (package
// tmplexec) and with html/template alone (BRIEF_TEMPLATES=html), and
// compares every output byte for byte.
func TestExecutorMatchesHTMLTemplate(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: 150, Seed: 7, Images: 4}); err != nil {
		t.Fatal(err)
	}
	gen := siteDir(t, dir)
	sites := map[string]fstest.MapFS{
		"fixture":            fixture(),
		"fixture, own theme": with(fixture(), overrides),
		"example":            exampleSite(t),
		"trilingual":         trilingual(t),
		"corpus":             gen,
		"corpus, own theme":  with(gen, overrides),
	}
	for _, name := range slices.Sorted(maps.Keys(sites)) {
		fsys := sites[name]
		t.Run(name, func(t *testing.T) {
			t.Setenv("BRIEF_TEMPLATES", "html")
			_, want := mustBuild(t, fsys, build.Options{})
			t.Setenv("BRIEF_TEMPLATES", "")
			_, got := mustBuild(t, fsys, build.Options{})
			if !slices.Equal(paths(got.Files), paths(want.Files)) {
				t.Fatalf("outputs differ:\n%v\n%v", paths(got.Files), paths(want.Files))
			}
			for p, data := range want.Files {
				if !bytes.Equal(data, got.Files[p]) {
					t.Errorf("%s differs:\n%s\nhtml/template:\n%s", p, got.Files[p], data)
				}
			}
		})
	}
}
