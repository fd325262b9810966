package cms

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"brief/internal/content"
	"brief/internal/money"
)

// DecapVersion is the Decap CMS release brief's configuration is written
// for and tested with (npm's decap-cms).
const DecapVersion = "3.16.3"

// AdminDir is where brief cms writes the CMS, relative to the site folder:
// static/admin/ is published as /admin/.
const AdminDir = "static/admin"

// BundleDir is where the Decap bundle goes inside AdminDir.
const BundleDir = "decap"

// Site is what the Decap configuration needs to know about a site.
type Site struct {
	Title        string
	BaseURL      string              // the site's absolute URL, or "/"
	Vocabularies map[string][]string // names a field with a vocabulary may take
	Currencies   []string            // the site's own currencies, offered first
}

// media is where pictures uploaded through the CMS go, and their URL.
const (
	mediaFolder  = "static/images/uploads"
	publicFolder = "/images/uploads"
)

// Decap is Decap CMS's config.yml for a site: one collection, briefings, with
// a form field for every front matter field an editor sets by hand, in the
// form brief reads: the same names, dates as YYYY-MM-DD, files in
// content/briefings named by the title's slug (Chinese kept).
func Decap(s Site) ([]byte, error) {
	cfg := decapConfig{
		Backend:      decapBackend{Name: "git-gateway", Branch: "main"},
		LocalBackend: true,
		MediaFolder:  mediaFolder,
		PublicFolder: publicFolder,
		Slug:         decapSlug{Encoding: "unicode", CleanAccents: false, SanitizeReplacement: "-"},
	}
	if strings.HasPrefix(s.BaseURL, "http") {
		cfg.SiteURL, cfg.DisplayURL = s.BaseURL, s.BaseURL
	}
	briefings := decapCollection{
		Name:            "briefings",
		Label:           "Briefings",
		LabelSingular:   "Briefing",
		Description:     "Policy briefings: one Markdown file each in content/briefings.",
		Folder:          "content/briefings",
		Create:          true,
		Extension:       "md",
		Format:          "yaml-frontmatter",
		Slug:            "{{slug}}",
		IdentifierField: "title",
		Summary:         "{{title}} ({{date}})",
		SortableFields:  []string{"date", "title"},
		PreviewPath:     "briefings/{{slug}}/",
		Editor:          decapEditor{Preview: false},
	}
	for _, f := range content.Fields() {
		if w := decapField(f, s); w != nil {
			briefings.Fields = append(briefings.Fields, w)
		}
	}
	briefings.Fields = append(briefings.Fields, &decapWidget{Label: "Body", Name: "body", Widget: "markdown",
		Hint: "The briefing. A link to another briefing's file (hk-vatp.md) becomes its URL."})
	cfg.Collections = []decapCollection{briefings}

	var b bytes.Buffer
	b.WriteString("# Decap CMS for " + oneLine(s.Title) + ", written by brief cms from the briefing fields\n")
	b.WriteString("# and site.toml: run brief cms again after changing them, rather than editing this file.\n")
	b.WriteString("# local_backend lets `npx decap-server` serve the files of this folder to\n")
	b.WriteString("# http://127.0.0.1:1313/admin/ under brief serve; online, Netlify Identity and Git Gateway.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// decapField is the form field for one front matter field, or nil for the
// fields left to the file itself (slug and aliases: rare, and a wrong one
// moves or redirects a page).
func decapField(f content.Field, s Site) *decapWidget {
	w := &decapWidget{Label: label(f.Name), Name: f.Name, Hint: f.Doc, Required: boolPtr(f.Required)}
	switch f.Type {
	case content.Text:
		w.Widget = "string"
		if names, ok := s.Vocabularies[f.Vocabulary]; ok && f.Vocabulary != "" && len(names) > 0 {
			w.Widget, w.Options = "select", names // one of the site's names
		}
	case content.String:
		switch {
		case len(f.Enum) > 0:
			w.Widget, w.Options = "select", f.Enum
		case f.Paragraph:
			w.Widget = "text"
		default:
			w.Widget = "string"
		}
	case content.Year:
		w.Widget, w.ValueType, w.Min, w.Max = "number", "int", ptr(1900), ptr(2100)
	case content.Date:
		w.Widget, w.Format, w.DateFormat, w.TimeFormat = "datetime", "YYYY-MM-DD", "YYYY-MM-DD", false
		if f.Required {
			w.Default = ptr("{{now}}") // today, in the editor's time zone
		}
	case content.Names, content.Terms:
		if names, ok := s.Vocabularies[f.Vocabulary]; ok && f.Vocabulary != "" && len(names) > 0 {
			w.Widget, w.Multiple, w.Options = "select", true, names
		} else {
			// One text box per name: Decap's comma-separated list box
			// loses commas typed quickly.
			w.Widget, w.LabelSingular = "list", strings.TrimSuffix(strings.ToLower(label(f.Name)), "s")
			w.Field = &decapWidget{Label: label(f.Name), Name: f.Name, Widget: "string"}
		}
	case content.Bool:
		w.Widget, w.Default = "boolean", false
	case content.Picture:
		w.Widget, w.ChooseURL = "image", true
	case content.URL:
		w.Widget = "string"
		w.Pattern = []string{jsPattern(f.Type.Patterns()[0]), "an absolute link, starting with https:// or http://"}
	case content.Amount:
		w.Widget = "string"
		w.Pattern = []string{jsPattern(money.AmountPattern()), `a number, or text such as "100m", "1.2bn" or "2,500,000"`}
	case content.Currency:
		w.Widget, w.Options = "select", currencies(s.Currencies)
	case content.List:
		w.Widget = "list"
		w.Summary = "{{fields." + f.Fields[0].Name + "}}"
		for _, sub := range f.Fields {
			w.Fields = append(w.Fields, decapField(sub, s))
		}
	case content.Slug, content.Paths:
		return nil
	default:
		panic(fmt.Sprintf("cms: no Decap widget for %q of type %d", f.Name, f.Type))
	}
	return w
}

// jsPattern writes the invisible runes of a pattern (white space beyond
// ASCII) as JavaScript's \uXXXX escapes: Decap runs patterns as
// JavaScript, and in config.yml they stay readable and safe from YAML's own
// treatment of line separators.
func jsPattern(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r > 0x7f && (unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r)) && r <= 0xffff {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// currencies lists the site's currencies first, then every other ISO code.
func currencies(first []string) []string {
	out := append([]string(nil), first...)
	seen := map[string]bool{}
	for _, c := range first {
		seen[c] = true
	}
	for _, c := range money.Codes() {
		if !seen[c] {
			out = append(out, c)
		}
	}
	return out
}

func boolPtr(b bool) *bool    { return &b }
func ptr[T any](v T) *T       { return &v }
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type decapConfig struct {
	Backend      decapBackend      `yaml:"backend"`
	LocalBackend bool              `yaml:"local_backend"`
	SiteURL      string            `yaml:"site_url,omitempty"`
	DisplayURL   string            `yaml:"display_url,omitempty"`
	MediaFolder  string            `yaml:"media_folder"`
	PublicFolder string            `yaml:"public_folder"`
	Slug         decapSlug         `yaml:"slug"`
	Collections  []decapCollection `yaml:"collections"`
}

type decapBackend struct {
	Name   string `yaml:"name"`
	Branch string `yaml:"branch"`
}

type decapSlug struct {
	Encoding            string `yaml:"encoding"`
	CleanAccents        bool   `yaml:"clean_accents"`
	SanitizeReplacement string `yaml:"sanitize_replacement"`
}

type decapCollection struct {
	Name            string         `yaml:"name"`
	Label           string         `yaml:"label"`
	LabelSingular   string         `yaml:"label_singular"`
	Description     string         `yaml:"description"`
	Folder          string         `yaml:"folder"`
	Create          bool           `yaml:"create"`
	Extension       string         `yaml:"extension"`
	Format          string         `yaml:"format"`
	Slug            string         `yaml:"slug"`
	IdentifierField string         `yaml:"identifier_field"`
	Summary         string         `yaml:"summary"`
	SortableFields  []string       `yaml:"sortable_fields"`
	PreviewPath     string         `yaml:"preview_path"`
	Editor          decapEditor    `yaml:"editor"`
	Fields          []*decapWidget `yaml:"fields"`
}

// decapEditor turns off Decap's preview pane: without templates of the
// theme it shows only the raw fields, and the form gets the whole width.
type decapEditor struct {
	Preview bool `yaml:"preview"`
}

type decapWidget struct {
	Label         string         `yaml:"label"`
	Name          string         `yaml:"name"`
	Widget        string         `yaml:"widget"`
	Required      *bool          `yaml:"required,omitempty"`
	Default       any            `yaml:"default,omitempty"`
	Format        string         `yaml:"format,omitempty"`
	DateFormat    string         `yaml:"date_format,omitempty"`
	TimeFormat    any            `yaml:"time_format,omitempty"`
	Multiple      bool           `yaml:"multiple,omitempty"`
	ValueType     string         `yaml:"value_type,omitempty"`
	Min           *int           `yaml:"min,omitempty"`
	Max           *int           `yaml:"max,omitempty"`
	Options       []string       `yaml:"options,omitempty"`
	Pattern       []string       `yaml:"pattern,omitempty,flow"`
	ChooseURL     bool           `yaml:"choose_url,omitempty"`
	Summary       string         `yaml:"summary,omitempty"`
	LabelSingular string         `yaml:"label_singular,omitempty"`
	Field         *decapWidget   `yaml:"field,omitempty"`
	Fields        []*decapWidget `yaml:"fields,omitempty"`
	Hint          string         `yaml:"hint,omitempty"`
}

// IndexHTML is the page at /admin/ that starts Decap from the bundle beside
// it: no script from another site, none inline.
func IndexHTML(siteTitle string) []byte {
	var b bytes.Buffer
	if err := indexPage.Execute(&b, struct{ Title, Bundle string }{siteTitle, BundleDir + "/decap-cms.js"}); err != nil {
		panic(err) // the template and its data are ours
	}
	return b.Bytes()
}

var indexPage = template.Must(template.New("admin").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager · {{.Title}}</title>
</head>
<body>
<!-- Written by brief cms. Decap CMS reads config.yml beside this page. -->
<script src="{{.Bundle}}"></script>
</body>
</html>
`))
