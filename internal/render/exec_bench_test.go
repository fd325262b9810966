package render

import (
	"bytes"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/pages"
)

// BenchmarkRenderBriefing renders a briefing page and a card with the
// executor (package tmplexec) and with html/template alone:
//
//	go test ./internal/render -run XXX -bench RenderBriefing -benchmem
func BenchmarkRenderBriefing(b *testing.B) {
	for _, mode := range []string{"tmplexec", "html"} {
		b.Run(mode, func(b *testing.B) {
			if mode == "html" {
				b.Setenv("BRIEF_TEMPLATES", "html")
			}
			s := foldSite(b)
			th, ds := Load(brief.DefaultTheme(), nil, s.Config)
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			v := NewViews(s)
			p := v.Page(pages.Briefing(s.Briefings[0]))
			var buf bytes.Buffer
			if err := th.Render(&buf, p); err != nil { // folds
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				buf.Reset()
				if err := th.Render(&buf, p); err != nil {
					b.Fatal(err)
				}
				if _, err := th.Card(p.Briefing); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderKinds renders every page of each kind of a small site
// (but the funding tracker, which the build adds) with the executor:
//
//	go test ./internal/render -run XXX -bench RenderKinds -benchmem
func BenchmarkRenderKinds(b *testing.B) {
	s := foldSite(b)
	th := defaultTheme(b, s)
	v := NewViews(s)
	byKind := map[string][]*Page{}
	var kinds []string
	for _, pg := range pages.All(s) {
		if pg.Kind == "funding" {
			continue
		}
		if byKind[pg.Kind] == nil {
			kinds = append(kinds, pg.Kind)
		}
		byKind[pg.Kind] = append(byKind[pg.Kind], v.Page(pg))
	}
	var buf bytes.Buffer
	for _, kind := range kinds {
		for _, p := range byKind[kind] { // folds
			buf.Reset()
			if err := th.Render(&buf, p); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(kind, func(b *testing.B) {
			for i := range b.N {
				p := byKind[kind][i%len(byKind[kind])]
				buf.Reset()
				if err := th.Render(&buf, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderHead renders the briefing and list pages of a small site
// with the default theme's head, with a head that only calls the head
// helper, and with none, to show what the head costs:
//
//	go test ./internal/render -run XXX -bench RenderHead -benchmem
func BenchmarkRenderHead(b *testing.B) {
	s := foldSite(b)
	over := fstest.MapFS{"partials/head.html": {Data: []byte(`{{- $h := head . -}}`)}}
	for _, mode := range []string{"default", "headhelper", "nohead"} {
		b.Run(mode, func(b *testing.B) {
			var th *Theme
			switch mode {
			case "default":
				th = defaultTheme(b, s)
			case "headhelper":
				th, _ = Load(brief.DefaultTheme(), over, s.Config)
			case "nohead":
				th, _ = Load(brief.DefaultTheme(), fstest.MapFS{"partials/head.html": {Data: []byte(``)}}, s.Config)
			}
			v := NewViews(s)
			var ps []*Page
			for _, pg := range pages.All(s) {
				if pg.Kind == "briefing" || pg.Kind == "list" {
					ps = append(ps, v.Page(pg))
				}
			}
			var buf bytes.Buffer
			for _, p := range ps {
				buf.Reset()
				if err := th.Render(&buf, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := range b.N {
				buf.Reset()
				if err := th.Render(&buf, ps[i%len(ps)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
