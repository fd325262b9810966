package render_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/config"
	"brief/internal/render"
)

func TestLoadOverridesAndErrors(t *testing.T) {
	cfg := config.Default()
	th, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{
		"404.html":             {Data: []byte(`{{define "main"}}<p>Lost: {{.Title}}</p>{{end}}`)},
		"assets/css/brief.css": {Data: []byte("main{}")},
		".hidden.html":         {Data: []byte("{{if}}")}, // ignored: hidden
	}, cfg)
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if string(th.Assets["css/brief.css"]) != "main{}" || th.Assets["js/search.js"] == nil {
		t.Errorf("assets: override %q, default js present %v", th.Assets["css/brief.css"], th.Assets["js/search.js"] != nil)
	}
	plain, _ := render.Load(brief.DefaultTheme(), nil, cfg)
	if plain.Hash == th.Hash {
		t.Error("an override does not change the theme's hash")
	}
	if plain.Reads["briefing"].Model || plain.CardReads.Model {
		t.Error("the default theme's briefing pages or cards are marked as reading the whole model; every one would then re-render on any edit")
	}

	_, ds = render.Load(brief.DefaultTheme(), fstest.MapFS{
		"list.html":          {Data: []byte("{{define \"main\"}}\n\n{{if}}{{end}}\n")},
		"partials/card.html": {Data: []byte("{{.Title")},
	}, cfg)
	var files []string
	for _, d := range ds {
		files = append(files, d.File)
	}
	joined := strings.Join(files, " ")
	if !strings.Contains(joined, "layouts/list.html") || !strings.Contains(joined, "layouts/partials/card.html") {
		t.Errorf("want errors in both broken templates, got %v", ds)
	}
	for _, d := range ds {
		if d.File == "layouts/list.html" && d.Line != 3 {
			t.Errorf("list.html error on line %d, want 3: %v", d.Line, d)
		}
	}
}
