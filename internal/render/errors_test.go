package render_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"brief"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/site"
)

// TestTemplateErrors: a template in a site's layouts/ that does not parse
// or does not execute is reported at its file and line, with the action it
// is about and a hint.
func TestTemplateErrors(t *testing.T) {
	main := func(body string) string { return "{{define \"main\"}}\n" + body + "\n{{end}}\n" }
	tests := []struct{ name, file, src, want string }{
		// Parse errors, found when the theme loads.
		{"single brace", "briefing.html", main("{{if .Title}}\n{{end}"),
			`layouts/briefing.html:3: an action ends with a single "}" (close the action with }})`},
		{"if never ended", "briefing.html", "{{define \"main\"}}\n{{if .Title}}\n",
			`layouts/briefing.html:3: unexpected EOF (close every {{if}}, {{range}}, {{with}}, {{block}} and {{define}} with {{end}})`},
		{"misspelt helper", "briefing.html", main("{{monye .Title}}"),
			`layouts/briefing.html:2: function "monye" not defined (did you mean "money"?)`},
		{"end too many", "home.html", main("{{end}}"),
			`layouts/home.html:3: unexpected {{end}} (remove it, or add the {{if}}, {{range}}, {{with}} or {{define}} it belongs to)`},
		{"action not closed", "briefing.html", main("{{.Title"),
			`layouts/briefing.html:3: unexpected "{" in operand (close the action with }})`},
		{"undefined variable", "briefing.html", main("{{$x}}"),
			`layouts/briefing.html:2: undefined variable "$x" (set the variable first, in the same template, e.g. {{$x := .Title}})`},
		{"partial that does not parse", "partials/card.html", "<div>\n{{.Title}\n</div>\n",
			`layouts/partials/card.html:2: an action ends with a single "}" (close the action with }})`},

		// Execution errors, found when a page is made.
		{"misspelt field", "briefing.html", main("<h1>{{.Titel}}</h1>"),
			`layouts/briefing.html:2: .Titel: can't evaluate field Titel in type *render.Page (did you mean .Title?)`},
		{"misspelt field of a briefing", "briefing.html", main("{{.Briefing.Sumary}}"),
			`layouts/briefing.html:2: .Briefing.Sumary: can't evaluate field Sumary in type *render.Briefing (did you mean .Summary?)`},
		{"empty on this page", "briefing.html", main("{{.Term.Name}}"),
			`layouts/briefing.html:2: .Term.Name: nil pointer evaluating *render.Term.Name (this value is empty on some pages: guard it with {{with ...}} or {{if ...}})`},
		{"index out of range", "briefing.html", main("{{index .List 5}}"),
			`layouts/briefing.html:2: index .List 5: error calling index: index out of range: 5 (check the length first, e.g. {{if gt (len .List) 5}})`},
		{"missing partial", "briefing.html", main(`{{template "partials/nope.html" .}}`),
			`layouts/briefing.html:2: {{template "partials/nope.html" .}}: no such template "partials/nope.html" (include a file of layouts/ by its path, e.g. {{template "partials/card.html" .}})`},
		{"misspelt partial", "briefing.html", main(`{{template "partials/crad.html" .}}`),
			`layouts/briefing.html:2: {{template "partials/crad.html" .}}: no such template "partials/crad.html" (did you mean "partials/card.html"?)`},
		{"branches in different contexts", "briefing.html", main(`<a href="{{.URL}}{{if .Title}}">x</a>{{end}}`),
			`layouts/briefing.html:2: {{if .Title}}: {{if}} branches end in different contexts (make every branch end in the same place: all inside, or all outside, the same tag, attribute and quotes)`},
		{"script never closed", "briefing.html", main("<script>var x = {{.Title}}"),
			`(default theme) layouts/base.html: ends in a non-text context (close every tag, attribute quote, <script> and <style> that the template opens, in this template or one it includes: layouts/briefing.html)`},
		{"attribute never closed", "briefing.html", main(`<a href="x`),
			`(default theme) layouts/base.html: "\"" in attribute name: "site-footer\">\n  <p>" (quote attribute values and keep actions out of tag and attribute names, in this template or one it includes: layouts/briefing.html)`},
		{"wrong argument", "briefing.html", main(`{{money 1 "CNY"}}`),
			`layouts/briefing.html:2: 1: can't handle 1 for arg of type money.Decimal (give the helper a value of the type it takes)`},
		{"too many arguments", "briefing.html", main("{{relURL .URL .URL}}"),
			`layouts/briefing.html:2: relURL: wrong number of args for relURL: want 1 got 2 (relURL takes 1 argument(s))`},
	}
	cb, _ := content.Parse("content/briefings/x.md", []byte("---\ntitle: T\ndate: 2023-05-29\n---\nx\n"), content.Options{})
	cfg := config.Default()
	s, _ := site.New(cfg, []*content.Briefing{cb}, site.Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{tt.file: {Data: []byte(tt.src)}}, cfg)
			got := ds.Error()
			if len(ds) == 0 {
				var buf bytes.Buffer
				page := pages.Briefing(s.Briefings[0])
				page.List = s.Briefings
				err := th.Render(&buf, render.NewViews(s).Page(page))
				if err == nil {
					t.Fatalf("no error")
				}
				got = render.ExecDiag("briefing", err).Error()
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestUnknownHelperListsHelpers: with no helper near the name, the hint lists
// them all, brief's and Go's.
func TestUnknownHelperListsHelpers(t *testing.T) {
	_, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{"list.html": {Data: []byte("{{define \"main\"}}\n{{frobnicate .Title}}\n{{end}}\n")}}, config.Default())
	got := ds.Error()
	want := `layouts/list.html:2: function "frobnicate" not defined (helpers are absURL, add, `
	if !strings.HasPrefix(got, want) || !strings.Contains(got, " relURL, ") || !strings.HasSuffix(got, ", slice, urlquery)") {
		t.Errorf("got:\n%s\nwant it to start with:\n%s", got, want)
	}
}
