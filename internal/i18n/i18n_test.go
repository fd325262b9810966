package i18n_test

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"brief/internal/i18n"
)

const enFile = `
hello = "Hello"
greet = "Hello, {name}"
briefing_count = { one = "{count} briefing", other = "{count} briefings" }
list_separator = ", "
by = "by {authors}"
q_and_a = "Q&A <b>"
[format]
date = "{day} {month} {year}"
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
`

const zhFile = `
hello = "你好"
greet = "你好，{name}"
briefing_count = "{count} 篇簡報"
list_separator = "、"
by = "作者：{authors}"
q_and_a = "問答"
[format]
date = "{year}年{month_number}月{day}日"
short_date = "{year}年{month_number}月{day}日"
money = "words"
money_units = { "100000000" = "億", "10000" = "萬" }
[format.currencies]
CNY = "人民幣{amount}元"
`

var uses = []i18n.Use{
	{Key: "hello"}, {Key: "greet", Args: []string{"name"}}, {Key: "briefing_count", Args: []string{"count"}},
	{Key: "list_separator"}, {Key: "by", Args: []string{"authors"}}, {Key: "q_and_a"},
}

func theme() []i18n.File {
	return []i18n.File{
		{Lang: "en", Path: "(default theme) layouts/i18n/en.toml", Src: []byte(enFile)},
		{Lang: "zh-Hant", Path: "(default theme) layouts/i18n/zh-Hant.toml", Src: []byte(zhFile)},
	}
}

func load(t *testing.T, site []i18n.File, langs ...string) map[string]*i18n.Catalog {
	t.Helper()
	cats, ds := i18n.Load(theme(), site, langs, uses)
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	return cats
}

func TestT(t *testing.T) {
	cats := load(t, nil, "en", "zh-Hant")
	en, zh := cats["en"], cats["zh-Hant"]
	for _, c := range []struct {
		cat  *i18n.Catalog
		key  string
		args []any
		want template.HTML
	}{
		{en, "hello", nil, "Hello"},
		{zh, "hello", nil, "你好"},
		{en, "greet", []any{"name", "O'Neil & <Co>"}, "Hello, O&#39;Neil &amp; &lt;Co&gt;"},
		{en, "greet", []any{"name", template.HTML("<a href=\"/x/\">X</a>")}, `Hello, <a href="/x/">X</a>`},
		{en, "briefing_count", []any{"count", 1}, "1 briefing"},
		{en, "briefing_count", []any{"count", 0}, "0 briefings"},
		{en, "briefing_count", []any{"count", 21}, "21 briefings"},
		{zh, "briefing_count", []any{"count", 1}, "1 篇簡報"},
		{en, "by", []any{"authors", []string{"Jane", "Brief Desk"}}, "by Jane, Brief Desk"},
		{zh, "by", []any{"authors", []string{"Jane", "Brief Desk"}}, "作者：Jane、Brief Desk"},
		{en, "q_and_a", nil, "Q&amp;A &lt;b&gt;"},
	} {
		got, err := c.cat.T(c.key, c.args...)
		if err != nil || got != c.want {
			t.Errorf("%s T %q %v = %q, %v; want %q", c.cat.Lang(), c.key, c.args, got, err, c.want)
		}
	}
	if _, err := en.T("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := en.T("greet"); err == nil || !strings.Contains(err.Error(), "{name}") {
		t.Errorf("missing value: %v", err)
	}
	if _, err := en.T("greet", "name"); err == nil {
		t.Error("an odd number of arguments is accepted")
	}
}

// Plain fills in the same message as T without escaping: for a meta
// description or a JSON-LD name, which are escaped where they are written.
func TestPlain(t *testing.T) {
	cats := load(t, nil, "en", "zh-Hant")
	en, zh := cats["en"], cats["zh-Hant"]
	for _, c := range []struct {
		cat  *i18n.Catalog
		key  string
		args []any
		want string
	}{
		{en, "hello", nil, "Hello"},
		{en, "greet", []any{"name", "O'Neil & <Co>"}, "Hello, O'Neil & <Co>"},
		{en, "briefing_count", []any{"count", 1}, "1 briefing"},
		{en, "briefing_count", []any{"count", 3}, "3 briefings"},
		{zh, "briefing_count", []any{"count", 3}, "3 篇簡報"},
		{en, "by", []any{"authors", []string{"Jane", "A&B"}}, "by Jane, A&B"},
		{zh, "by", []any{"authors", []string{"Jane", "A&B"}}, "作者：Jane、A&B"},
		{en, "q_and_a", nil, "Q&A <b>"},
	} {
		got, err := c.cat.Plain(c.key, c.args...)
		if err != nil || got != c.want {
			t.Errorf("%s Plain %q %v = %q, %v; want %q", c.cat.Lang(), c.key, c.args, got, err, c.want)
		}
	}
	if _, err := en.Plain("greet"); err == nil || !strings.Contains(err.Error(), "{name}") {
		t.Errorf("missing value: %v", err)
	}
	if _, err := en.Plain("nope"); err == nil {
		t.Error("an unknown key is accepted")
	}
}

// An argument comes out of T as html/template prints a string itself, in
// text and in a quoted attribute, so that moving a name into a sentence of
// T changes no byte of a page.
func TestArgumentsEscapedAsTemplates(t *testing.T) {
	cat := load(t, nil, "en")["en"]
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"T": cat.T}).Parse(
		`<p title="{{.}}">{{.}}</p>|<p title="{{T "greet" "name" .}}">{{T "greet" "name" .}}</p>`))
	for _, s := range []string{`plain`, `O'Neil`, `"quoted"`, `a&b`, `<script>`, `1+1`, "nul\x00", `香港 & 深圳`, `&amp;`} {
		var b strings.Builder
		if err := tmpl.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		direct, viaT, _ := strings.Cut(b.String(), "|")
		want := strings.ReplaceAll(strings.ReplaceAll(direct, `title="`, `title="Hello, `), `">`, `">Hello, `)
		if viaT != want {
			t.Errorf("%q: through T %s, printed %s", s, viaT, direct)
		}
	}
}

func TestDate(t *testing.T) {
	cats := load(t, nil, "en", "zh-Hant")
	d := time.Date(2023, 5, 27, 10, 0, 0, 0, time.UTC)
	if got := cats["en"].Date(d); got != "27 May 2023" {
		t.Errorf("en: %q", got)
	}
	if got := cats["zh-Hant"].Date(d); got != "2023年5月27日" {
		t.Errorf("zh-Hant: %q", got)
	}
}

func TestSiteOverridesKeyByKey(t *testing.T) {
	cats := load(t, []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte(`hello = "Welcome"`)}}, "en")
	if got, _ := cats["en"].T("hello"); got != "Welcome" {
		t.Errorf("override: %q", got)
	}
	if got, _ := cats["en"].T("greet", "name", "X"); got != "Hello, X" {
		t.Errorf("a key the site does not set: %q", got)
	}
}

func TestLanguageMatchesItsFile(t *testing.T) {
	// zh-HK is written in Traditional characters: the theme's zh-Hant.
	cats := load(t, nil, "en-GB", "zh-HK")
	if got, _ := cats["zh-HK"].T("hello"); got != "你好" {
		t.Errorf("zh-HK: %q", got)
	}
	if got, _ := cats["en-GB"].T("hello"); got != "Hello" {
		t.Errorf("en-GB: %q", got)
	}
}

// A short date, for tables and notes, is the language's format.short_date,
// else the ISO form.
func TestShortDate(t *testing.T) {
	cats := load(t, nil, "en", "zh-Hant")
	d := time.Date(2023, 6, 30, 10, 0, 0, 0, time.UTC)
	if got := cats["en"].ShortDate(d); got != "2023-06-30" {
		t.Errorf("en: %q", got)
	}
	if got := cats["zh-Hant"].ShortDate(d); got != "2023年6月30日" {
		t.Errorf("zh-Hant: %q", got)
	}
	site := []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("[format]\nshort_date = \"{day2}/{month2}/{year}\"\n")}}
	if got := load(t, site, "en")["en"].ShortDate(d); got != "30/06/2023" {
		t.Errorf("en with its own short_date: %q", got)
	}
}

func TestProblems(t *testing.T) {
	for _, c := range []struct {
		name  string
		site  []i18n.File
		langs []string
		uses  []i18n.Use
		want  []string
	}{
		{
			name:  "a key missing in one language",
			site:  []i18n.File{{Lang: "fr", Path: "layouts/i18n/fr.toml", Src: []byte("hello = \"Bonjour\"\n[format]\ndate = \"{day}/{month_number}/{year}\"\n")}},
			langs: []string{"en", "fr"},
			want: []string{
				`layouts/i18n/fr.toml: greet: language "fr" has no interface text for "greet", which the templates use (add greet = "..." to layouts/i18n/fr.toml)`,
			},
		},
		{
			name:  "a key no template uses",
			site:  []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("\n\nhelo = \"Hi\"\n")}},
			langs: []string{"en"},
			want:  []string{`layouts/i18n/en.toml:3: warning: helo: unknown interface text key (did you mean "hello"?)`},
		},
		{
			name:  "a placeholder no template gives",
			site:  []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("greet = \"Hello, {nmae}\"\n")}},
			langs: []string{"en"},
			want:  []string{`layouts/i18n/en.toml:1: greet: {nmae} is not given by the templates that use "greet" (the templates give {name})`},
		},
		{
			name:  "plural forms without other, a form that does not exist",
			site:  []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("briefing_count = { one = \"x\", several = \"y\" }\n")}},
			langs: []string{"en"},
			want:  []string{`layouts/i18n/en.toml:1: briefing_count.several: unknown plural form`},
		},
		{
			name:  "a language without any file",
			langs: []string{"en", "de"},
			want:  []string{`layouts/i18n/de.toml: warning: no interface text for language "de": its pages use English`},
		},
		{
			name:  "an unknown placeholder in a short date",
			site:  []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("[format]\nshort_date = \"{yaer}-{month2}\"\n")}},
			langs: []string{"en"},
			want:  []string{`layouts/i18n/en.toml:2: format.short_date: unknown placeholder {yaer}`},
		},
		{
			name:  "a TOML error",
			site:  []i18n.File{{Lang: "en", Path: "layouts/i18n/en.toml", Src: []byte("hello = \"Hi\nx = 1\n")}},
			langs: []string{"en"},
			want:  []string{`layouts/i18n/en.toml:1:`},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := uses
			if c.uses != nil {
				u = c.uses
			}
			_, ds := i18n.Load(theme(), c.site, c.langs, u)
			got := ds.Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in:\n%s", w, got)
				}
			}
		})
	}
}

// The text a script fills in itself: forms by CLDR name, placeholders as
// written, nothing escaped (the attribute it goes into is escaped by the
// template).
func TestJSON(t *testing.T) {
	cats := load(t, nil, "en", "zh-Hant")
	got, err := cats["en"].JSON("briefing_count", "q_and_a", "greet")
	want := `{"briefing_count":{"one":"{count} briefing","other":"{count} briefings"},"greet":"Hello, {name}","q_and_a":"Q\u0026A \u003cb\u003e"}`
	if err != nil || got != want {
		t.Errorf("en: %s, %v\nwant %s", got, err, want)
	}
	if got, _ := cats["zh-Hant"].JSON("briefing_count"); got != `{"briefing_count":"{count} 篇簡報"}` {
		t.Errorf("zh-Hant: %s", got)
	}
	if _, err := cats["en"].JSON("nope"); err == nil {
		t.Error("an unknown key gives no error")
	}
}
