package schema_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"brief/internal/content"
	"brief/internal/schema"
	"brief/internal/schema/schematest"
)

// Both schemas are valid draft 2020-12 (the compiler checks them against the
// meta-schema) with every pattern valid in Go and in ECMAScript, and they
// give the same verdicts with either regular expression engine.
func TestSchemasCompileInBothEngines(t *testing.T) {
	fm := schema.FrontMatter(schema.Options{Vocabularies: map[string][]string{"jurisdictions": {"Beijing", "China"}}})
	for _, ecma := range []bool{false, true} {
		s := schematest.Compile(t, fm, ecma)
		good := schematest.JSON(t, `{"title": "T", "date": "2024-02-29T10:00:00+08:00", "jurisdiction": ["Beijing"],
			"funding": [{"amount": "1,500,000", "currency": "HKD", "usd": 192000}], "aliases": "/old/", "slug": "香港",
			"sources": [{"url": "https://www.sfc.hk/"}], "summary": null, "draft": false}`)
		if err := s.Validate(good); err != nil {
			t.Errorf("ECMAScript %v: %v", ecma, err)
		}
		for _, bad := range []string{
			`{"title": "T", "date": "2023-02-29"}`,
			`{"title": "T", "date": "2023-05-29", "jurisdiction": "Bejing"}`,
			`{"title": " ", "date": "2023-05-29"}`,
			`{"title": "T", "date": "2023-05-29", "slug": ".."}`,
			`{"title": "T", "date": "2023-05-29", "funding": [{"amount": "1,00,000", "currency": "INR"}]}`,
		} {
			if err := s.Validate(schematest.JSON(t, bad)); err == nil {
				t.Errorf("ECMAScript %v: accepted %s", ecma, bad)
			}
		}
		schematest.Compile(t, schema.SiteConfig(), ecma)
	}
}

// The properties, required fields and item keys are the parser's own.
func TestFrontMatterFollowsTheFieldTable(t *testing.T) {
	var got map[string]any
	raw, _ := schema.Indent(schema.FrontMatter(schema.Options{}))
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	props := got["properties"].(map[string]any)
	var names, required []string
	for _, f := range content.Fields() {
		names = append(names, f.Name)
		if f.Required {
			required = append(required, f.Name)
		}
		p := props[f.Name].(map[string]any)
		if p["description"] != f.Doc || f.Doc == "" {
			t.Errorf("%s: description %q", f.Name, p["description"])
		}
		if f.Type == content.List {
			items := p["items"].(map[string]any)["properties"].(map[string]any)
			for _, sub := range f.Fields {
				if items[sub.Name] == nil {
					t.Errorf("%s: no item key %s", f.Name, sub.Name)
				}
			}
			if len(items) != len(f.Fields) {
				t.Errorf("%s: item keys %v", f.Name, items)
			}
		}
	}
	if len(props) != len(names) {
		t.Errorf("properties %v, fields %v", props, names)
	}
	gotReq := []string{}
	for _, r := range got["required"].([]any) {
		gotReq = append(gotReq, r.(string))
	}
	if !slices.Equal(gotReq, required) {
		t.Errorf("required %v, want %v", gotReq, required)
	}
}

func TestOutputIsStable(t *testing.T) {
	opt := schema.Options{Vocabularies: map[string][]string{"jurisdictions": {"A", "B"}}}
	a, _ := schema.Indent(schema.FrontMatter(opt))
	b, _ := schema.Indent(schema.FrontMatter(opt))
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("{\n  \"$schema\": \""+schema.Draft+"\",\n  \"title\"")) {
		t.Errorf("unstable or unordered output:\n%.200s", a)
	}
	if bytes.Contains(a, []byte(`\u003c`)) {
		t.Error("HTML-escaped output")
	}
}
