// Package cms writes the configuration of content editors that fill in a
// briefing's front matter through a form: Front Matter CMS (a VS Code
// extension, frontmatter.json) and Decap CMS (a web app under /admin/). Both
// are generated from content.Fields and the site's vocabularies, as the JSON
// Schema is, so that the forms write what brief reads.
package cms

import (
	"fmt"

	"brief/internal/content"
	"brief/internal/schema"
)

// FrontMatterFile is the name Front Matter CMS reads at the workspace root.
const FrontMatterFile = "frontmatter.json"

// FrontMatter is a Front Matter CMS project configuration with one content
// type, "default", so that the extension uses it for every briefing without
// writing a content-type key into the files. Lists of maps (funding,
// sources) are left out: its block fields write a "fieldGroup" key into every
// item, which brief would reject; editors write those in YAML, checked by the
// schema and brief serve.
func FrontMatter(vocab map[string][]string, previewHost string) *schema.Object {
	var fields []any
	for _, f := range content.Fields() {
		if fm := frontMatterField(f, vocab); fm != nil {
			fields = append(fields, fm)
		}
	}
	return schema.Obj(
		"$schema", "https://frontmatter.codes/frontmatter.schema.json",
		"frontMatter.content.pageFolders", []any{schema.Obj("title", "Briefings", "path", "[[workspace]]/content/briefings")},
		"frontMatter.content.publicFolder", "static",
		"frontMatter.content.defaultFileType", "md",
		"frontMatter.taxonomy.dateFormat", "yyyy-MM-dd",
		"frontMatter.preview.host", previewHost,
		"frontMatter.taxonomy.contentTypes", []any{schema.Obj(
			"name", "default",
			"pageBundle", false,
			"previewPath", "/briefings/",
			"fields", fields,
		)},
	)
}

func frontMatterField(f content.Field, vocab map[string][]string) *schema.Object {
	o := schema.Obj("title", label(f.Name), "name", f.Name)
	switch f.Type {
	case content.Text:
		o.Set("type", "string").Set("single", true)
	case content.String:
		o.Set("type", "string").Set("single", !f.Paragraph)
	case content.Date:
		o.Set("type", "datetime").Set("dateFormat", "yyyy-MM-dd")
		if f.Name == "date" {
			o.Set("isPublishDate", true).Set("default", "{{now}}")
		} else {
			o.Set("isModifiedDate", true)
		}
	case content.Picture:
		o.Set("type", "image")
	case content.Names, content.Terms:
		if names, ok := vocab[f.Vocabulary]; ok && f.Vocabulary != "" {
			o.Set("type", "choice").Set("choices", names).Set("multiple", true)
		} else {
			o.Set("type", "list")
		}
	case content.Bool:
		if f.Name == "draft" {
			o.Set("type", "draft")
		} else {
			o.Set("type", "boolean")
		}
	case content.Slug, content.Paths, content.List, content.URL, content.Amount, content.Currency, content.Year:
		// Slug and aliases are for the rare briefing that needs them (an
		// empty slug would be an error); lists of maps and the types of
		// their keys, see FrontMatter.
		return nil
	default:
		panic(fmt.Sprintf("cms: no Front Matter CMS field for %q of type %d", f.Name, f.Type))
	}
	o.Set("description", f.Doc)
	if f.Required {
		o.Set("required", true)
	}
	return o
}
