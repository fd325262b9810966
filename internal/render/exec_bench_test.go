package render

import (
	"bytes"
	"testing"

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
