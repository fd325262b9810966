package cms

import (
	"encoding/json"
	"testing"

	"brief/internal/content"
	"brief/internal/schema"
)

// Every type either has a Front Matter CMS field or is left out on purpose:
// a new type fails here rather than vanishing from the form.
func TestFrontMatterCoversEveryType(t *testing.T) {
	for _, typ := range content.Types() {
		frontMatterField(content.Field{Name: "x", Type: typ}, nil)
	}
}

func TestFrontMatterConfig(t *testing.T) {
	raw, err := schema.Indent(FrontMatter(map[string][]string{"jurisdictions": {"Beijing", "Hong Kong"}}, "http://127.0.0.1:1313"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Folders []struct{ Path string } `json:"frontMatter.content.pageFolders"`
		Types   []struct {
			Name   string
			Fields []struct {
				Name, Type string
				Required   bool
				Choices    []string
				Multiple   bool
			}
		} `json:"frontMatter.taxonomy.contentTypes"`
	}
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Folders) != 1 || cfg.Folders[0].Path != "[[workspace]]/content/briefings" {
		t.Errorf("folders %+v", cfg.Folders)
	}
	if len(cfg.Types) != 1 || cfg.Types[0].Name != "default" {
		t.Fatalf("content types %+v", cfg.Types)
	}
	got := map[string]string{}
	for _, f := range cfg.Types[0].Fields {
		got[f.Name] = f.Type
		switch f.Name {
		case "title", "date":
			if !f.Required {
				t.Errorf("%s is not required", f.Name)
			}
		case "jurisdiction":
			if !f.Multiple || len(f.Choices) != 2 {
				t.Errorf("jurisdiction %+v", f)
			}
		}
	}
	want := map[string]string{"title": "string", "date": "datetime", "updated": "datetime", "jurisdiction": "choice",
		"tags": "list", "summary": "string", "image": "image", "imageAlt": "string", "authors": "list", "draft": "draft"}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%s: type %q, want %q", name, got[name], typ)
		}
	}
	for _, f := range content.Fields() {
		if _, ok := got[f.Name]; !ok && f.Type != content.List && f.Type != content.Slug && f.Type != content.Paths {
			t.Errorf("%s is missing", f.Name)
		}
	}
}
