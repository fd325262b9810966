package content_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"brief/internal/content"
	"brief/internal/schema"
	"brief/internal/schema/schematest"
)

// compile compiles the front matter schema as editors get it.
func compile(t *testing.T, opt schema.Options) *jsonschema.Schema {
	return schematest.Compile(t, schema.FrontMatter(opt), false)
}

// schemaBlind lists what the parser rejects that no JSON Schema can see: the
// file as a whole (encoding, delimiters, syntax), a key set twice (decoders
// keep one), the order of two dates and how a funding item's period keys
// go together.
func schemaBlind(msg string) bool {
	for _, s := range []string{"not valid UTF-8", "no front matter", "not closed", "front matter is not valid", "set twice", "is before date",
		"is for a yearly amount", "needs its last year", "is before from", "the year of the item's date"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Every file of the parser's error corpus that it rejects for what a field
// holds, the schema rejects too: an editor sees in the editor what the build
// would say.
func TestSchemaRejectsWhatTheParserRejects(t *testing.T) {
	s := compile(t, schema.Options{})
	checked := 0
	for _, c := range content.ErrorCorpus() {
		_, ds := content.Parse("content/a.md", []byte(c.Src), content.Options{})
		valueError := false
		for _, d := range ds {
			if !schemaBlind(d.Msg) {
				valueError = true
			}
		}
		if !valueError {
			continue
		}
		fm, err := content.FrontMatter([]byte(c.Src))
		if err != nil {
			t.Errorf("%s: parser rejects a field but the block does not decode: %v", c.Name, err)
			continue
		}
		checked++
		if err := s.Validate(fm); err == nil {
			t.Errorf("%s: the parser says\n%s\nbut the schema accepts the front matter", c.Name, ds.Error())
		}
	}
	if checked < 40 {
		t.Errorf("only %d files of the corpus were checked", checked)
	}
}

// Every briefing of the example site validates against the schema made for
// that site, vocabularies included.
func TestExampleBriefingsValidate(t *testing.T) {
	root := filepath.Join("..", "..")
	site, err := schema.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	vocab := site.Vocabularies()
	if len(vocab["jurisdictions"]) == 0 {
		t.Fatal("the example site declares no jurisdictions")
	}
	s := compile(t, schema.Options{Vocabularies: vocab})
	files, _ := filepath.Glob(filepath.Join(root, "content", "briefings", "*.md"))
	more, _ := filepath.Glob(filepath.Join(root, "content", "briefings", "*", "index.md"))
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("found %d example briefings", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fm, err := content.FrontMatter(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := s.Validate(fm); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Every field, at the top and inside list items, set to values of every
// kind: the parser and the schema must reach the same verdict on each, so
// that the schema neither misses a mistake nor flags a valid briefing.
func TestSchemaAndParserAgreeOnEveryFieldAndKind(t *testing.T) {
	s := compile(t, schema.Options{})
	long := strings.Repeat("字", 5000)
	many := make([]any, 300)
	for i := range many {
		many[i] = "t" + strings.Repeat("x", i%7)
	}
	kinds := []any{
		nil, true, false, 0, 5, -5, 1.5, "", " ", "x", long, "2023-05-29", "2023-05-29T10:00:00+08:00",
		"100m", "1,00,000", "https://example.org/x", "/old/", "CNY", "cny", "hk-vatp", "a b",
		[]any{}, []any{"x"}, []any{""}, []any{5}, []any{nil}, many, map[string]any{"a": 1},
		[]any{map[string]any{"amount": "1m", "currency": "HKD"}},
		[]any{map[string]any{"url": "https://example.org/"}},
		[]any{map[string]any{"title": "T", "url": "https://example.org/", "extra": 1}},
	}
	base := func() map[string]any {
		return map[string]any{
			"title": "T", "date": "2023-05-29",
			"funding": []any{map[string]any{"amount": "100m", "currency": "CNY", "usd": "14m", "purpose": "p"}},
			"sources": []any{map[string]any{"title": "S", "url": "https://example.org/"}},
		}
	}
	check := func(where string, fm map[string]any) {
		src, err := json.MarshalIndent(fm, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		file := string(src) + "\n\nBody.\n"
		_, ds := content.Parse("content/a.md", []byte(file), content.Options{})
		parserOK := true
		for _, d := range ds {
			if !schemaBlind(d.Msg) {
				parserOK = false
			}
		}
		view, err := content.FrontMatter([]byte(file))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		verr := s.Validate(view)
		if schemaOK := verr == nil; schemaOK != parserOK {
			t.Errorf("%s: parser ok=%v (%v), schema ok=%v (%v)", where, parserOK, ds, schemaOK, verr)
		}
	}
	for _, f := range content.Fields() {
		for i, k := range kinds {
			fm := base()
			fm[f.Name] = k
			check(f.Name+" = kind "+strconv.Itoa(i), fm)
		}
		for _, sub := range f.Fields {
			for i, k := range kinds {
				fm := base()
				item := fm[f.Name].([]any)[0].(map[string]any)
				item[sub.Name] = k
				check(f.Name+"[0]."+sub.Name+" = kind "+strconv.Itoa(i), fm)
			}
		}
	}
}
