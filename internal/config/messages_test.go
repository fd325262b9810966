package config_test

import (
	"strings"
	"testing"

	"brief/internal/config"
)

// TestMessages: every problem in site.toml is reported at once, each at its
// line with its key and a hint; one wrong type does not hide the others.
func TestMessages(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"types, all at once", "title = 5\npaginate = \"ten\"\nminify = \"yes\"\nunsafeHTML = 1\ntimezone = 8\n",
			`site.toml:1: title: want a string, got an integer (write title = "...")` + "\n" +
				`site.toml:2: paginate: want a whole number, got a string (write paginate = 10)` + "\n" +
				`site.toml:3: minify: want true or false, got a string (write minify = true)` + "\n" +
				`site.toml:4: unsafeHTML: want true or false, got an integer (write unsafeHTML = true)` + "\n" +
				`site.toml:5: timezone: want a string, got an integer (write timezone = "Asia/Hong_Kong")`},
		{"a type error does not hide a value error", "baseURL = [\"x\"]\npaginate = 0\n",
			`site.toml:1: baseURL: want a string, got an array (write baseURL = "https://example.org/")` + "\n" +
				`site.toml:2: paginate: must be at least 1, got 0 (use a number such as 10)`},
		{"syntax error names its key", "title = \"a\n",
			`site.toml:1: title: strings cannot contain newlines (close the quotes on the same line, or write text over several lines between """ and """)`},
		{"syntax error without a key", "[currency\n",
			`site.toml:2: expected '.' or ']' to end table name, but got '\n' instead (close the table name with ])`},
		{"permalink climbing out", "[permalinks]\nbriefings = \"/../:slug/\"\n",
			`site.toml:2: permalinks.briefings: permalink "/../:slug/" has a ".." segment, which would put pages outside their folder (write a path such as "/briefings/:year/:slug/")`},
		{"permalink with a dot segment", "[permalinks]\nbriefings = \"/a/./:slug/\"\n",
			`site.toml:2: permalinks.briefings: permalink "/a/./:slug/" has a "." segment, which would put pages outside their folder (write a path such as "/briefings/:year/:slug/")`},
		{"permalink with an empty segment", "[permalinks]\nbriefings = \"/a//:slug/\"\n",
			`site.toml:2: permalinks.briefings: permalink "/a//:slug/" has an empty segment (write a path such as "/briefings/:year/:slug/")`},
		{"permalink with a backslash", "[permalinks]\nbriefings = '/a\\b/:slug/'\n",
			`site.toml:2: permalinks.briefings: permalink "/a\\b/:slug/" contains '\\', which is not allowed in a URL path (write a path such as "/briefings/:year/:slug/")`},
		{"permalink with a space", "[permalinks]\nbriefings = \"/my briefs/:slug/\"\n",
			`site.toml:2: permalinks.briefings: permalink "/my briefs/:slug/" contains ' ', which is not allowed in a URL path (write a path such as "/briefings/:year/:slug/")`},
		{"permalink a number", "[permalinks]\nbriefings = 1\n",
			`site.toml:2: permalinks.briefings: want a string, got an integer (write briefings = "/briefings/:year/:slug/")`},
		{"permalinks not a table", "permalinks = \"/b/:slug/\"\n",
			`site.toml:1: permalinks: want a table, got a string (write [permalinks] and, under it, briefings = "/briefings/:slug/")`},
		{"jurisdiction not a table", "[jurisdictions]\nBeijing = \"China\"\n",
			`site.toml:2: jurisdictions.Beijing: want a table, got a string (write Beijing = { parent = "China" }, or Beijing = {} for one without a parent)`},
		{"jurisdiction with a space, parent a number", "[jurisdictions]\n\"Chaoyang District\" = { parent = 1 }\n",
			`site.toml:2: jurisdictions.Chaoyang District.parent: want a string, got an integer (write parent = "China")`},
		{"jurisdiction with an empty parent", "[jurisdictions]\nBeijing = { parent = \" \" }\n",
			`site.toml:2: jurisdictions.Beijing.parent: must not be empty (write { parent = "China" }, or {} for a jurisdiction without a parent)`},
		{"jurisdiction with another key", "[jurisdictions]\nBeijing = { parent = \"China\", parnet = \"x\" }\n",
			`site.toml:2: jurisdictions.Beijing.parnet: unknown key (did you mean "parent"?)`},
		{"jurisdiction with a key nothing like one", "[jurisdictions]\nBeijing = { population = 21 }\n",
			`site.toml:2: jurisdictions.Beijing.population: unknown key (a jurisdiction has parent, description and note, e.g. { parent = "China", description = "..." })`},
		{"currency keys", "[currency]\nreport = 840\nsource = 1\nasOf = true\nrates = 1\nfoo = 2\n",
			`site.toml:2: currency.report: want a string, got an integer (write report = "USD")` + "\n" +
				`site.toml:3: currency.source: want a string, got an integer (write source = "Approximate mid-market rates")` + "\n" +
				`site.toml:4: currency.asOf: want a date, got a boolean (write a date such as 2023-06-30)` + "\n" +
				`site.toml:5: currency.rates: want a table, got an integer (write [currency.rates] and, under it, CNY = 0.138)` + "\n" +
				`site.toml:6: currency.foo: unknown key (known keys: currency.report, currency.asOf, currency.source, currency.tolerance, currency.rates)`},
		{"report currency nowhere near a code", "[currency]\nreport = \"Dollars\"\n",
			`site.toml:2: currency.report: unknown currency "Dollars" (use an ISO 4217 code such as "USD")`},
		{"timezone Local depends on the machine", "timezone = \"Local\"\n",
			`site.toml:1: timezone: unknown time zone "Local" (use an IANA name such as "Asia/Hong_Kong" or "UTC")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := config.Parse([]byte(tt.src))
			if got := ds.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			for _, d := range ds {
				if d.Hint == "" || d.Line == 0 {
					t.Errorf("no hint or no line: %v", d)
				}
			}
		})
	}
}

// TestEveryKnownKeyIsRead: a key listed as known is read, not reported.
func TestEveryKnownKeyIsRead(t *testing.T) {
	src := strings.Join([]string{
		`title = "t"`, `description = "d"`, `baseURL = "https://x.org/"`, `language = "zh"`, `timezone = "UTC"`,
		`paginate = 5`, `unsafeHTML = true`, `minify = true`,
		`[permalinks]`, `briefings = "/b/:slug/"`,
		`[jurisdictions]`, `Beijing = { parent = "China" }`,
		`[currency]`, `report = "USD"`, `asOf = 2023-06-30`, `source = "s"`, `tolerance = 10`,
		`[currency.rates]`, `CNY = 0.14`,
	}, "\n")
	cfg, ds := config.Parse([]byte(src))
	if len(ds) != 0 {
		t.Fatalf("unexpected: %v", ds)
	}
	if cfg.Title != "t" || cfg.Description != "d" || cfg.Language != "zh" || cfg.Paginate != 5 || !cfg.UnsafeHTML || !cfg.Minify ||
		cfg.Permalinks.Briefings != "/b/:slug/" || cfg.Parents["Beijing"] != "China" || cfg.Currency.Rates.Source != "s" ||
		cfg.Currency.Tolerance.String() != "10" || cfg.Currency.Rates.PerUnit["CNY"].String() != "0.14" {
		t.Errorf("settings not applied: %+v", cfg)
	}
}

// TestHostileValues: what site.toml says reaches every page, so control
// characters, years no rate is dated and base URLs that lose part of
// themselves are errors at their key.
func TestHostileValues(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"escaped BEL in the title", "title = \"Ding \\u0007\"\n",
			`site.toml:1: title: contains the control character U+0007 (BEL) (remove it: control characters are invisible and garble pages, feeds and terminals)`},
		{"ESC in a jurisdiction's parent", "[jurisdictions]\nBeijing = { parent = \"Chi\\u001bna\" }\n",
			`site.toml:2: jurisdictions.Beijing.parent: contains the control character U+001B (ESC) (remove it: control characters are invisible and garble pages, feeds and terminals)`},
		{"C1 in a jurisdiction's name", "[jurisdictions]\n\"Bei\\u0085jing\" = { parent = \"China\" }\n",
			`site.toml:2: jurisdictions."Bei\u0085jing": key contains the control character U+0085 (NEL) (remove it: control characters are invisible and garble pages, feeds and terminals)`},
		{"tab and line feed are text", "description = \"\"\"a\tb\nc\"\"\"\n", ``},
		{"rates dated in the year 0", "[currency]\nasOf = 0000-01-01\n",
			`site.toml:2: currency.asOf: year 0 is outside 1900 to 2100 (check the year)`},
		{"rates dated 2203 as text, rates given", "[currency]\nasOf = \"2203-01-01\"\n[currency.rates]\nCNY = 0.14\n",
			`site.toml:2: currency.asOf: year 2203 is outside 1900 to 2100 (check the year)`},
		{"base URL with a query", "baseURL = \"https://example.org/a/?q=1\"\n",
			`site.toml:1: baseURL: base URL "https://example.org/a/?q=1" has a query or #fragment, which no page URL can keep (write "https://example.org/a/")`},
		{"base URL with a fragment", "baseURL = \"https://example.org/#top\"\n",
			`site.toml:1: baseURL: base URL "https://example.org/#top" has a query or #fragment, which no page URL can keep (write "https://example.org/")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := config.Parse([]byte(tt.src))
			if got := ds.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
