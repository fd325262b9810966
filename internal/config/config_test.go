package config_test

import (
	"strings"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/diag"
)

func TestDefaults(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n"} {
		cfg, ds := config.Parse([]byte(src))
		if len(ds) > 0 {
			t.Fatalf("%q: %v", src, ds)
		}
		if cfg.Title != "Briefings" || cfg.BaseURL != "/" || cfg.BasePath() != "/" || cfg.Language != "en" || cfg.Timezone != "UTC" ||
			cfg.Location != time.UTC || cfg.Paginate != 10 || cfg.UnsafeHTML || cfg.Minify ||
			cfg.Permalinks.Briefings != "/briefings/:slug/" || len(cfg.Parents) != 0 ||
			cfg.Currency.Rates.Report != "USD" || cfg.Currency.Tolerance.String() != "15" {
			t.Errorf("%q: defaults %+v", src, cfg)
		}
	}
}

// everyKey sets every key of site.toml.
const everyKey = `title = " China & HK Brief "
description = "Sourced briefings."
baseURL = "https://example.org/policy"
language = "zh-Hant"
timezone = "Asia/Hong_Kong"
paginate = 7
unsafeHTML = true
minify = true

[permalinks]
briefings = "/:year/:month/:day/:slug/"

[jurisdictions]
Beijing = { parent = "China" }
"Chaoyang District" = { parent = "Beijing", note = "A district of Beijing" }
"Hong Kong" = { description = "The Special Administrative Region's own rules." }

[tags]
Web3 = "Blockchain-based internet services."
funding = ""

[currency]
report = "HKD"
asOf = 2023-06-30
source = " Mid-market "
tolerance = 7.5
[currency.rates]
CNY = 1.08
USD = "7.8"
`

func TestEveryKey(t *testing.T) {
	cfg, ds := config.Parse([]byte(everyKey))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"title", cfg.Title, "China & HK Brief"},
		{"description", cfg.Description, "Sourced briefings."},
		{"baseURL", cfg.BaseURL, "https://example.org/policy/"},
		{"base path", cfg.BasePath(), "/policy/"},
		{"language", cfg.Language, "zh-Hant"},
		{"timezone", cfg.Timezone, "Asia/Hong_Kong"},
		{"location", cfg.Location.String(), "Asia/Hong_Kong"},
		{"paginate", cfg.Paginate, 7},
		{"unsafeHTML", cfg.UnsafeHTML, true},
		{"minify", cfg.Minify, true},
		{"permalink", cfg.Permalinks.Briefings, "/:year/:month/:day/:slug/"},
		{"parent of Beijing", cfg.Parents["Beijing"], "China"},
		{"parent of Chaoyang District", cfg.Parents["Chaoyang District"], "Beijing"},
		{"report", cfg.Currency.Rates.Report, "HKD"},
		{"asOf", cfg.Currency.Rates.AsOf, "2023-06-30"},
		{"source", cfg.Currency.Rates.Source, "Mid-market"},
		{"tolerance", cfg.Currency.Tolerance.String(), "7.5"},
		{"CNY rate", cfg.Currency.Rates.PerUnit["CNY"].String(), "1.08"},
		{"USD rate", cfg.Currency.Rates.PerUnit["USD"].String(), "7.8"},
		{"ancestors", strings.Join(cfg.Ancestors("Chaoyang District"), ","), "Beijing,China"},
		{"line of paginate", cfg.Lines["paginate"], 6},
		{"line of a rate", cfg.Lines["currency.rates.USD"], 29},
		{"top-level jurisdiction", cfg.Jurisdictions["Hong Kong"].Description, "The Special Administrative Region's own rules."},
		{"note", cfg.Jurisdictions["Chaoyang District"].Note, "A district of Beijing"},
		{"tag description", cfg.Tags["Web3"].Description, "Blockchain-based internet services."},
		{"jurisdictions declared", strings.Join(cfg.Vocabularies()["jurisdictions"], ","), "Beijing,Chaoyang District,China,Hong Kong"},
		{"tags declared", strings.Join(cfg.Vocabularies()["tags"], ","), "Web3,funding"},
		{"line of a jurisdiction", cfg.Lines["jurisdictions.Chaoyang District"], 15},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// errorCase is a site.toml and the one diagnostic Parse must report for it.
type errorCase struct {
	name, src string
	line      int
	field     string
	msg, hint string
}

// errorCases is the corpus of bad site.toml files. The schema test also
// checks that the JSON Schema rejects those it can see.
func errorCases() []errorCase {
	return []errorCase{
		{"unknown key with a near one", "title = \"x\"\ntitel = \"y\"\n", 2, "titel", "unknown key", `did you mean "title"?`},
		{"unknown key, nothing near", "zzzzzzzz = 1\n", 1, "zzzzzzzz", "unknown key", "known keys: title, description, baseURL"},
		{"unknown nested key", "[currency]\nreprot = \"USD\"\n", 2, "currency.reprot", "unknown key", `did you mean "currency.report"?`},
		{"TOML syntax", "title = \"x\"\npaginate = = 3\n", 2, "paginate", "expected value but found '=' instead", "write a value after ="},
		{"baseURL without scheme", "baseURL = \"example.org\"\n", 1, "baseURL", "invalid base URL", "full URL"},
		{"baseURL of another scheme", "baseURL = \"ftp://example.org/\"\n", 1, "baseURL", "invalid base URL", "full URL"},
		{"baseURL without host", "baseURL = \"https:///x/\"\n", 1, "baseURL", "invalid base URL", ""},
		{"timezone", "\ntimezone = \"Mars/Olympus\"\n", 2, "timezone", `unknown time zone "Mars/Olympus"`, "IANA"},
		{"paginate zero", "paginate = 0\n", 1, "paginate", "at least 1, got 0", ""},
		{"paginate negative", "paginate = -3\n", 1, "paginate", "at least 1, got -3", ""},
		{"permalink without slug", "[permalinks]\nbriefings = \"/:year/\"\n", 2, "permalinks.briefings", "must contain :slug", ""},
		{"permalink not rooted", "[permalinks]\nbriefings = \"briefings/:slug/\"\n", 2, "permalinks.briefings", "must start and end with /", ""},
		{"permalink unknown token", "[permalinks]\nbriefings = \"/:hour/:slug/\"\n", 2, "permalinks.briefings", `unknown token ":hour"`, ""},
		{"permalink of another kind", "[permalinks]\ntags = \"/t/:slug/\"\n", 2, "permalinks.tags", "unknown permalink kind", `only "briefings"`},
		{"jurisdiction note not text", "[jurisdictions]\n\"Hong Kong\" = { note = 1 }\n", 2, "jurisdictions.Hong Kong.note", "want a string, got an integer", `note = "..."`},
		{"jurisdiction description not text", "[jurisdictions]\nMacao = { description = [\"x\"] }\n", 2, "jurisdictions.Macao.description", "want a string, got an array", ""},
		{"term text in a language not text", "[jurisdictions]\n\"Hong Kong\" = { en = { description = 1 } }\n", 2, "jurisdictions.Hong Kong.en.description", "want a string, got an integer", ""},
		{"a tag's note in a language", "[tags]\nWeb3 = { en = { note = \"x\" } }\n", 2, "tags.Web3.en.note", "unknown key", "in a language, a term has name, description"},
		{"tags not a table", "tags = [\"Web3\"]\n", 1, "tags", "want a table, got an array", "[tags]"},
		{"tag description not text", "[tags]\nWeb3 = [\"x\"]\n", 2, "tags.Web3", "want a string, got an array", `Web3 = "What the tag is about"`},
		{"tag twice in two cases", "[tags]\nWeb3 = \"\"\nweb3 = \"x\"\n", 3, "tags.web3", `"web3" is already set as "Web3" on line 2`, "differ only in case"},
		{"tag without a letter", "[tags]\n\"!!!\" = \"\"\n", 2, "tags.!!!", "no letter or digit", "letter or digit"},
		{"jurisdiction twice in two cases", "[jurisdictions]\nBeijing = { parent = \"China\" }\nbeijing = { parent = \"PRC\" }\n", 3, "jurisdictions.beijing", `"beijing" is already set as "Beijing" on line 2`, "differ only in case"},
		{"report currency", "[currency]\nreport = \"USDD\"\n", 2, "currency.report", `unknown currency "USDD"`, `did you mean "USD"?`},
		{"rate of an unknown currency", "[currency]\nasOf = 2023-06-30\n[currency.rates]\nXYZ = 1\n", 4, "currency.rates.XYZ", `unknown currency "XYZ"`, ""},
		{"rate zero", "[currency]\nasOf = 2023-06-30\n[currency.rates]\nCNY = 0\n", 4, "currency.rates.CNY", "invalid rate 0", ""},
		{"rate negative", "[currency]\nasOf = 2023-06-30\n[currency.rates]\nCNY = -0.1\n", 4, "currency.rates.CNY", "invalid rate", ""},
		{"rate text", "[currency]\nasOf = 2023-06-30\n[currency.rates]\nCNY = \"cheap\"\n", 4, "currency.rates.CNY", "invalid rate", ""},
		{"rates without a date", "[currency]\nreport = \"USD\"\n[currency.rates]\nCNY = 0.14\n", 1, "currency.asOf", "without a date", "asOf"},
		{"asOf not a date", "[currency]\nasOf = \"2023-13-45\"\n", 2, "currency.asOf", `invalid date "2023-13-45"`, ""},
		{"asOf a number", "[currency]\nasOf = 20230630\n", 2, "currency.asOf", "want a date, got an integer", "2023-06-30"},
		{"tolerance negative", "[currency]\ntolerance = -5\n", 2, "currency.tolerance", "invalid tolerance -5", ""},
		{"tolerance text", "[currency]\ntolerance = \"lots\"\n", 2, "currency.tolerance", "invalid tolerance lots", ""},
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range errorCases() {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := config.Parse([]byte(tc.src))
			if len(ds) != 1 {
				t.Fatalf("want one diagnostic, got %d:\n%v", len(ds), ds)
			}
			d := ds[0]
			if d.File != config.File || d.Line != tc.line || d.Field != tc.field || d.Severity != diag.Error ||
				!strings.Contains(d.Msg, tc.msg) || !strings.Contains(d.Hint, tc.hint) {
				t.Errorf("got %s:%d field %q msg %q hint %q (severity %d)\nwant line %d field %q msg ~%q hint ~%q",
					d.File, d.Line, d.Field, d.Msg, d.Hint, d.Severity, tc.line, tc.field, tc.msg, tc.hint)
			}
		})
	}
}

// TestKeyCase: the TOML decoder matches keys whatever their case; brief
// does not, so a miscased key is reported on its line with the right name.
func TestKeyCase(t *testing.T) {
	_, ds := config.Parse([]byte("title = \"x\"\nbaseUrl = \"https://example.org/\"\n"))
	want := `site.toml:2: baseUrl: unknown key (did you mean "baseURL"?)`
	if len(ds) != 1 || ds[0].Error() != want {
		t.Fatalf("got %v, want %s", ds, want)
	}
}

func TestErrorsKeepDefaults(t *testing.T) {
	cfg, ds := config.Parse([]byte("paginate = 0\ntimezone = \"Nowhere\"\nbaseURL = \"nope\"\n"))
	if len(ds) != 3 {
		t.Fatalf("want 3 diagnostics, got %v", ds)
	}
	if cfg.Paginate != 10 || cfg.Location != time.UTC || cfg.BaseURL != "/" {
		t.Errorf("a bad value replaced a default: %+v", cfg)
	}
}

func TestParentCycle(t *testing.T) {
	cfg, ds := config.Parse([]byte(`[jurisdictions]
A = { parent = "B" }
B = { parent = "C" }
C = { parent = "A" }
D = { parent = "A" }
`))
	if len(ds) == 0 {
		t.Fatal("a parent cycle was accepted")
	}
	for _, d := range ds {
		if !strings.Contains(d.Msg, "parent cycle") || !strings.HasPrefix(d.Field, "jurisdictions.") || d.Line < 2 {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	// Whatever is left must not loop.
	for _, j := range []string{"A", "B", "C", "D"} {
		if len(cfg.Ancestors(j)) > 4 {
			t.Errorf("Ancestors(%s) = %v", j, cfg.Ancestors(j))
		}
	}
	if _, ds := config.Parse([]byte("[jurisdictions]\nA = { parent = \"A\" }\n")); len(ds) != 1 || ds[0].Line != 2 {
		t.Errorf("self-parent: %v", ds)
	}
}

func TestSetBaseURL(t *testing.T) {
	for _, tc := range []struct {
		in, url, path string
		bad           bool
	}{
		{"", "/", "/", false},
		{"/", "/", "/", false},
		{" https://example.org ", "https://example.org/", "/", false},
		{"https://example.org/policy", "https://example.org/policy/", "/policy/", false},
		{"http://localhost:1313/", "http://localhost:1313/", "/", false},
		{"https://example.org/a/?q=1#top", "https://example.org/a/", "/a/", false},
		{"https://deploy-preview-42--brief.netlify.app", "https://deploy-preview-42--brief.netlify.app/", "/", false},
		{"example.org", "", "", true},
		{"//example.org/", "", "", true},
		{"mailto:x@example.org", "", "", true},
	} {
		cfg := config.Default()
		err := cfg.SetBaseURL(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("SetBaseURL(%q) error %v, want error %v", tc.in, err, tc.bad)
			continue
		}
		if !tc.bad && (cfg.BaseURL != tc.url || cfg.BasePath() != tc.path) {
			t.Errorf("SetBaseURL(%q): %q path %q, want %q path %q", tc.in, cfg.BaseURL, cfg.BasePath(), tc.url, tc.path)
		}
		if tc.bad && cfg.BaseURL != "/" {
			t.Errorf("SetBaseURL(%q) failed but changed BaseURL to %q", tc.in, cfg.BaseURL)
		}
	}
}

func TestNetlifyBaseURL(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"not on Netlify", map[string]string{"URL": "https://brief.example/"}, ""},
		{"production", map[string]string{"NETLIFY": "true", "CONTEXT": "production", "URL": "https://brief.example", "DEPLOY_PRIME_URL": "https://main--brief.netlify.app"}, "https://brief.example"},
		{"deploy preview", map[string]string{"NETLIFY": "true", "CONTEXT": "deploy-preview", "URL": "https://brief.example", "DEPLOY_PRIME_URL": "https://deploy-preview-7--brief.netlify.app"}, "https://deploy-preview-7--brief.netlify.app"},
		{"branch deploy", map[string]string{"NETLIFY": "true", "CONTEXT": "branch-deploy", "URL": "https://brief.example", "DEPLOY_PRIME_URL": "https://staging--brief.netlify.app"}, "https://staging--brief.netlify.app"},
		{"preview without prime URL", map[string]string{"NETLIFY": "true", "CONTEXT": "deploy-preview", "URL": "https://brief.example"}, "https://brief.example"},
		{"NETLIFY not exactly true", map[string]string{"NETLIFY": "1", "CONTEXT": "production", "URL": "https://brief.example"}, ""},
	} {
		if got := config.NetlifyBaseURL(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSEOAndAuthors(t *testing.T) {
	cfg, ds := config.Parse([]byte(`title = "Brief"
[seo]
image = "/img/card.png"
imageAlt = "The Brief's card"
logo = "https://cdn.example.org/logo.png"
articleType = "Report"
publisher = "Brief Desk Ltd"
twitter = "briefdesk"

[authors]
"Brief Desk" = { type = "Organization", url = "https://example.org/about/" }
"Jane Doe" = { url = "https://example.org/jane/" }
`))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := config.SEO{Image: "/img/card.png", ImageAlt: "The Brief's card", Logo: "https://cdn.example.org/logo.png",
		ArticleType: "Report", Publisher: "Brief Desk Ltd", Twitter: "@briefdesk"}
	if cfg.SEO != want {
		t.Errorf("seo = %+v, want %+v", cfg.SEO, want)
	}
	if a := cfg.Authors["Brief Desk"]; a.Type != "Organization" || a.URL != "https://example.org/about/" {
		t.Errorf("Brief Desk = %+v", a)
	}
	if a := cfg.Authors["Jane Doe"]; a.Type != "Person" {
		t.Errorf("Jane Doe = %+v", a)
	}
	def := config.Default().SEO
	if def.Image != "/images/share.png" || def.Logo != "/images/logo.png" || def.ArticleType != "NewsArticle" {
		t.Errorf("default seo = %+v", def)
	}
}

func TestSEOErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"[seo]\narticleType = \"Reprot\"\n", `site.toml:2: seo.articleType: unknown article type "Reprot" (did you mean "Report"?`},
		{"[seo]\nimage = \"images/x.png\"\n", `site.toml:2: seo.image: invalid image "images/x.png"`},
		{"[seo]\nimgae = \"/x.png\"\n", `site.toml:2: seo.imgae: unknown key (did you mean "seo.image"?)`},
		{"[authors]\n\"Jo\" = { type = \"Robot\" }\n", `site.toml:2: authors.Jo.type: unknown author type "Robot"`},
		{"[authors]\n\"Jo\" = { url = \"example.org\" }\n", `site.toml:2: authors.Jo.url: invalid URL "example.org"`},
	} {
		_, ds := config.Parse([]byte(tc.src))
		if !strings.Contains(ds.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, ds, tc.want)
		}
	}
}

// A jurisdiction without a parent is declared with an empty table; with
// [jurisdictions] present, its names (and their parents) are the only ones
// briefings may use.
func TestTopLevelJurisdiction(t *testing.T) {
	cfg, ds := config.Parse([]byte("[jurisdictions]\n\"Hong Kong\" = {}\nShenzhen = { parent = \"China\" }\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if _, ok := cfg.Jurisdictions["Hong Kong"]; !ok || cfg.Parents["Hong Kong"] != "" {
		t.Errorf("Hong Kong: %+v, parent %q", cfg.Jurisdictions, cfg.Parents["Hong Kong"])
	}
	for _, name := range []string{"hong kong", "HONG KONG", "china", "Shenzhen"} {
		if _, _, ok := cfg.Declared(config.JurisdictionsVocabulary, name); !ok {
			t.Errorf("%q is not declared", name)
		}
	}
	if got, _, _ := cfg.Declared(config.JurisdictionsVocabulary, "china"); got != "China" {
		t.Errorf("china is spelled %q", got)
	}
	if _, _, ok := cfg.Declared(config.JurisdictionsVocabulary, "Macao"); ok {
		t.Error("Macao is declared")
	}
	if _, ok := config.Default().Vocabularies()["jurisdictions"]; ok {
		t.Error("a site without [jurisdictions] has a closed list")
	}
}

// An empty table closes nothing.
func TestEmptyVocabularyTables(t *testing.T) {
	cfg, ds := config.Parse([]byte("[jurisdictions]\n[tags]\n"))
	if len(ds) > 0 || len(cfg.Vocabularies()) != 0 {
		t.Errorf("diagnostics %v, vocabularies %v", ds, cfg.Vocabularies())
	}
}
