package content

import (
	"slices"
	"strings"
	"testing"
)

// doc builds a YAML file: line 1 is ---, the given lines start on line 2.
func doc(lines ...string) string {
	return "---\n" + strings.Join(lines, "\n") + "\n---\nBody.\n"
}

// valid front matter lines that the error cases add to.
const (
	okTitle = "title: A briefing"
	okDate  = "date: 2023-05-29"
)

func diagnostics(t *testing.T, src string) []string {
	t.Helper()
	_, list := Parse("content/a.md", []byte(src), Options{})
	var out []string
	for _, d := range list.Sorted() {
		out = append(out, d.Error())
	}
	return out
}

// parseErrorCase is a file and every diagnostic Parse must report for it.
type parseErrorCase struct {
	name string
	src  string
	want []string
}

// parseErrorCases is the corpus of bad input. The schema tests also check
// that JSON Schema rejects each file the parser rejects for a field's value.
func parseErrorCases() []parseErrorCase {
	return []parseErrorCase{
		// The file as a whole.
		{"no front matter", "# Just Markdown\n", []string{
			`content/a.md:1: no front matter (start the file with a block such as ---\ntitle: My briefing\ndate: 2023-05-29\n---)`}},
		{"empty file", "", []string{
			`content/a.md:1: no front matter (start the file with a block such as ---\ntitle: My briefing\ndate: 2023-05-29\n---)`}},
		{"unclosed yaml", "---\ntitle: x\ndate: 2023-05-29\n\nBody\n", []string{
			`content/a.md:1: front matter block is not closed (end it with a line holding only ---)`}},
		{"unclosed yaml after blank lines", "\n\n---\ntitle: x\n", []string{
			`content/a.md:3: front matter block is not closed (end it with a line holding only ---)`}},
		{"unclosed toml", "+++\ntitle = \"x\"\n", []string{
			`content/a.md:1: front matter block is not closed (end it with a line holding only +++)`}},
		{"unclosed json", "{\n\"title\": \"x\"\n}\nBody right after\n", []string{
			`content/a.md:1: front matter block is not closed (end the JSON object with a line holding only }, then an empty line)`}},
		{"invalid utf-8 in body", doc(okTitle, okDate) + "ok\nbad \xff byte\n", []string{
			`content/a.md:7: file is not valid UTF-8 (save the file as UTF-8)`}},
		{"invalid utf-8 in front matter", doc("title: caf\xe9", okDate), []string{
			`content/a.md:2: file is not valid UTF-8 (save the file as UTF-8)`}},
		{"yaml syntax", doc(okTitle, okDate, "tags: [a, b"), []string{
			`content/a.md:4: front matter is not valid YAML: did not find expected ',' or ']' (close the list with ], and put items that contain commas or brackets in quotes)`}},
		{"yaml syntax scanner", doc(okTitle, okDate, "summary: a: b"), []string{
			`content/a.md:4: front matter is not valid YAML: mapping values are not allowed in this context (put text that contains ": " in quotes, and indent a field no more than the one above it)`}},
		{"yaml syntax first line", doc("title: a: b", okDate), []string{
			`content/a.md:2: front matter is not valid YAML: mapping values are not allowed in this context (put text that contains ": " in quotes, and indent a field no more than the one above it)`}},
		{"yaml unknown anchor", doc(okTitle, okDate, "tags: *nope"), []string{
			`content/a.md:4: front matter is not valid YAML: unknown anchor 'nope' referenced (put text that starts with * in quotes)`}},
		{"toml syntax", "+++\ntitle = \"x\"\ndate = \n+++\n", []string{
			`content/a.md:3: front matter is not valid TOML: expected value but found '\n' instead (write a value after =: text in double quotes, a number, true or false, a date such as 2023-05-29, or a list such as ["a", "b"])`}},
		{"json syntax", "{\n  \"title\": \"x\",\n  \"date\": 2023-05-29\n}\n\n", []string{
			`content/a.md:3: front matter is not valid JSON: invalid character '-' after object key:value pair (write text and dates in double quotes, e.g. "2023-05-29")`}},
		{"json trailing text", ";;;\n{\"title\": \"x\", \"date\": \"2023-05-29\"}\n[]\n;;;\n", []string{
			`content/a.md:3: front matter is not valid JSON: unexpected text after the closing } (end the front matter with its closing }, then an empty line, then the body)`}},
		{"alias bomb", doc("a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
			"e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]"), []string{
			`content/a.md:2: front matter is not valid YAML: more than 10000 values (front matter holds a briefing's fields, not data)`}},
		{"not a map", doc("- title", "- date"), []string{
			`content/a.md:2: front matter must be a map of fields, got a list (write one field per line, e.g. title: "...")`}},

		// Keys.
		{"unknown field with suggestion", doc(okTitle, okDate, "jurisdicton: Hong Kong"), []string{
			`content/a.md:4: jurisdicton: unknown field (did you mean "jurisdiction"?)`}},
		{"camelCase is unknown", doc(okTitle, okDate, "Title: Again"), []string{
			`content/a.md:4: Title: unknown field (did you mean "title"?)`}},
		{"unknown field without suggestion", doc(okTitle, okDate, "weather: sunny"), []string{
			`content/a.md:4: weather: unknown field (known fields: title, date, updated, jurisdiction, tags, summary, image, imageAlt, funding, sources, authors, slug, aliases, draft, translationKey)`}},
		{"duplicate field", doc(okTitle, okDate, "title: Again"), []string{
			`content/a.md:4: title: set twice (first on line 2) (remove one of them)`}},
		{"missing title and date", doc("summary: s"), []string{
			`content/a.md:1: date: required field is missing (add date: 2023-05-29)`,
			`content/a.md:1: title: required field is missing (add title: "...")`}},
		{"missing date in toml", "+++\ntitle = \"x\"\n+++\n", []string{
			`content/a.md:1: date: required field is missing (add date = 2023-05-29)`}},
		{"empty front matter", "---\n---\n", []string{
			`content/a.md:1: date: required field is missing (add date: 2023-05-29)`,
			`content/a.md:1: title: required field is missing (add title: "...")`}},

		// title, summary.
		{"empty title", doc(`title: "  "`, okDate), []string{
			`content/a.md:2: title: must not be empty (write title: "...")`}},
		{"null title", doc("title:", okDate), []string{
			`content/a.md:2: title: must not be empty (write title: "...")`}},
		{"number title", doc("title: 2024", okDate), []string{
			`content/a.md:2: title: want a string, got a number (put the value in quotes)`}},
		{"list summary", doc(okTitle, okDate, "summary: [a]"), []string{
			`content/a.md:4: summary: want a string, got a list (write summary: "...")`}},

		// date, updated.
		{"impossible date", doc(okTitle, "date: 2023-02-30"), []string{
			`content/a.md:3: date: "2023-02-30" is not a real date (check the month and day)`}},
		{"impossible month", doc(okTitle, "date: 2023-13-01T10:00:00+08:00"), []string{
			`content/a.md:3: date: "2023-13-01T10:00:00+08:00" is not a real date (check the month and day)`}},
		{"unreadable date", doc(okTitle, "date: 29/05/2023"), []string{
			`content/a.md:3: date: cannot read "29/05/2023" as a date (write YYYY-MM-DD, or RFC 3339 with an offset such as 2023-05-29T10:00:00+08:00)`}},
		{"bad time of day", doc(okTitle, "date: 2023-05-29T25:00:00+08:00"), []string{
			`content/a.md:3: date: cannot read "2023-05-29T25:00:00+08:00" as a date (write YYYY-MM-DD, or RFC 3339 with an offset such as 2023-05-29T10:00:00+08:00)`}},
		{"date without offset", doc(okTitle, "date: 2023-05-29T10:00:00"), []string{
			`content/a.md:3: date: "2023-05-29T10:00:00" has no UTC offset (add one, e.g. "2023-05-29T10:00:00+08:00")`}},
		{"toml local date-time", "+++\ntitle = \"x\"\ndate = 2023-05-29T10:00:00\n+++\n", []string{
			`content/a.md:3: date: "2023-05-29T10:00:00" has no UTC offset (add one, e.g. "2023-05-29T10:00:00+08:00")`}},
		{"number date", doc(okTitle, "date: 20230529"), []string{
			`content/a.md:3: date: want a date, got a number (write YYYY-MM-DD, or RFC 3339 with an offset such as 2023-05-29T10:00:00+08:00)`}},
		{"null date", doc(okTitle, "date:"), []string{
			`content/a.md:3: date: must not be empty (write YYYY-MM-DD, or RFC 3339 with an offset such as 2023-05-29T10:00:00+08:00)`}},
		{"updated before date", doc(okTitle, okDate, "updated: 2023-05-01"), []string{
			`content/a.md:4: updated: 2023-05-01 is before date 2023-05-29 (updated must be on or after date)`}},
		{"updated before date across offsets", doc(okTitle, "date: 2023-05-29T10:00:00+08:00", "updated: 2023-05-29T01:59:59Z"), []string{
			`content/a.md:4: updated: 2023-05-29T01:59:59Z is before date 2023-05-29T10:00:00+08:00 (updated must be on or after date)`}},
		{"impossible updated", doc(okTitle, okDate, "updated: 2023-04-31"), []string{
			`content/a.md:4: updated: "2023-04-31" is not a real date (check the month and day)`}},

		// jurisdiction, tags, authors.
		{"jurisdiction map", doc(okTitle, okDate, "jurisdiction: {a: b}"), []string{
			`content/a.md:4: jurisdiction: want a list of strings, got a map (write jurisdiction: ["Beijing", "China"])`}},
		{"jurisdiction number item", doc(okTitle, okDate, "jurisdiction:", "  - China", "  - 852"), []string{
			`content/a.md:6: jurisdiction[1]: want a string, got a number (put the value in quotes)`}},
		{"tags number", doc(okTitle, okDate, "tags: 5"), []string{
			`content/a.md:4: tags: want a list of strings, got a number (write tags: ["Web3", "funding"])`}},
		{"tags empty item", doc(okTitle, okDate, `tags: [a, "", b]`), []string{
			`content/a.md:4: tags[1]: must not be empty (remove the empty item)`}},
		{"empty single tag", doc(okTitle, okDate, `tags: ""`), []string{
			`content/a.md:4: tags: must not be empty (remove the field, or write tags: ["Web3", "funding"])`}},
		{"authors bool", doc(okTitle, okDate, "authors: true"), []string{
			`content/a.md:4: authors: want a list of strings, got a boolean (write authors: ["Brief Desk"])`}},

		// draft.
		{"draft yes", doc(okTitle, okDate, "draft: yes"), []string{
			`content/a.md:4: draft: want true or false, got "yes" (write draft: true)`}},
		{"draft off", doc(okTitle, okDate, "draft: off"), []string{
			`content/a.md:4: draft: want true or false, got "off" (write draft: false)`}},
		{"draft quoted in toml", "+++\ntitle = \"x\"\ndate = 2023-05-29\ndraft = \"true\"\n+++\n", []string{
			`content/a.md:4: draft: want true or false, got "true" (write draft = true)`}},
		{"draft other string", doc(okTitle, okDate, "draft: maybe"), []string{
			`content/a.md:4: draft: want true or false, got "maybe" (write true or false, without quotes)`}},
		{"draft number", doc(okTitle, okDate, "draft: 1"), []string{
			`content/a.md:4: draft: want true or false, got a number (write true or false)`}},

		// slug, aliases.
		{"slug with space and slash", doc(okTitle, okDate, "slug: hk stablecoin/rules"), []string{
			`content/a.md:4: slug: "hk stablecoin/rules" is not a valid URL segment (try "hk-stablecoin-rules")`}},
		{"slug dot dot", doc(okTitle, okDate, "slug: .."), []string{
			`content/a.md:4: slug: ".." is not a valid URL segment (use letters, digits and hyphens)`}},
		{"empty slug", doc(okTitle, okDate, `slug: ""`), []string{
			`content/a.md:4: slug: must not be empty (remove the field to use the file name)`}},
		{"alias without slash", doc(okTitle, okDate, "aliases: [old/x]"), []string{
			`content/a.md:4: aliases[0]: "old/x" does not start with / (write "/old/x")`}},
		{"alias full url", doc(okTitle, okDate, "aliases:", "  - /fine/", "  - https://example.com/old/"), []string{
			`content/a.md:6: aliases[1]: "https://example.com/old/" is a full URL, not a path (write only its path, e.g. "/old/")`}},
		{"alias unclean", doc(okTitle, okDate, "aliases: ['/a/../b', '//host/x', '/a b']"), []string{
			`content/a.md:4: aliases[0]: "/a/../b" contains a "." or ".." segment (write the path as it resolves, without . or .. segments)`,
			`content/a.md:4: aliases[1]: "//host/x" starts with //, which browsers read as another host (write "/host/x")`,
			`content/a.md:4: aliases[2]: "/a b" contains whitespace, which ends a rule's path in _redirects (use hyphens instead of spaces)`}},

		// sources.
		{"sources not a list", doc(okTitle, okDate, "sources: https://example.com"), []string{
			`content/a.md:4: sources: want a list of sources, got a string (write sources: [{title: "SFC", url: "https://www.sfc.hk/"}])`}},
		{"source not a map", doc(okTitle, okDate, "sources:", "  - https://example.com"), []string{
			`content/a.md:5: sources[0]: want a map with title and url, got a string (give each source a url and, if you like, a title)`}},
		{"source problems", doc(okTitle, okDate, "sources:", "  - title: No link", "  - url: www.sfc.hk/x", "  - url: ftp://example.com/f", "    link: x", "  - url: ''"), []string{
			`content/a.md:5: sources[0].url: required field is missing (add url: "https://...")`,
			`content/a.md:6: sources[1].url: "www.sfc.hk/x" is not an absolute http(s) URL (write "https://www.sfc.hk/x")`,
			`content/a.md:7: sources[2].url: "ftp://example.com/f" is not an absolute http(s) URL (links must start with https:// or http://)`,
			`content/a.md:8: sources[2].link: unknown field (known fields: title, url)`,
			`content/a.md:9: sources[3].url: must not be empty (write an absolute URL such as "https://www.sfc.hk/")`}},
		// Only a host without its scheme gets "https://" put before it.
		{"source URLs that are no host", doc(okTitle, okDate, "sources:", "  - url: javascript:alert(1)", "  - url: /relative/page", "  - url: //www.sfc.hk/x", "  - url: notes"), []string{
			`content/a.md:5: sources[0].url: "javascript:alert(1)" is not an absolute http(s) URL (links must start with https:// or http://)`,
			`content/a.md:6: sources[1].url: "/relative/page" is not an absolute http(s) URL (write the full address, with https:// and the site's name, e.g. "https://www.sfc.hk/")`,
			`content/a.md:7: sources[2].url: "//www.sfc.hk/x" is not an absolute http(s) URL (write "https://www.sfc.hk/x")`,
			`content/a.md:8: sources[3].url: "notes" is not an absolute http(s) URL (links must start with https:// or http://)`}},

		// funding.
		{"funding not a list", doc(okTitle, okDate, "funding: 100m"), []string{
			`content/a.md:4: funding: want a list of funding items, got a string (write funding: [{amount: "100m", currency: "CNY"}])`}},
		{"funding item not a map", doc(okTitle, okDate, "funding: [100m]"), []string{
			`content/a.md:4: funding[0]: want a map with amount and currency, got a string (give each item an amount and a currency)`}},
		{"funding missing fields", doc(okTitle, okDate, "funding:", "  - purpose: Pilot"), []string{
			`content/a.md:5: funding[0].amount: required field is missing (add amount: "100m")`,
			`content/a.md:5: funding[0].currency: required field is missing (add currency: "CNY")`}},
		{"funding unknown key", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    purpse: x"), []string{
			`content/a.md:7: funding[0].purpse: unknown field (did you mean "purpose"?)`}},
		{"funding duplicate key", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    amount: 2m"), []string{
			`content/a.md:7: funding[0].amount: set twice (first on line 5) (remove one of them)`}},
		{"funding unreadable amount", doc(okTitle, okDate, "funding:", "  - amount: lots", "    currency: HKD"), []string{
			`content/a.md:5: funding[0].amount: cannot read amount "lots" (write 100000000, "100m", "1.2bn" or "100 million")`}},
		{"funding negative amount", doc(okTitle, okDate, "funding:", "  - amount: -5000000", "    currency: HKD"), []string{
			`content/a.md:5: funding[0].amount: amount must not be negative (write the size of the amount without a sign; say in the text if it is a cut)`}},
		{"funding amount wrong type", doc(okTitle, okDate, "funding:", "  - amount: true", "    currency: HKD", "    usd: [1]"), []string{
			`content/a.md:5: funding[0].amount: want a number or a string, got a boolean (write a number, or text such as "100m")`,
			`content/a.md:7: funding[0].usd: want a number or a string, got a list (write a number, or text such as "100m")`}},
		{"funding bad usd", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    usd: about 1m"), []string{
			`content/a.md:7: funding[0].usd: cannot read amount "about 1m" (write 100000000, "100m", "1.2bn" or "100 million")`}},
		{"funding lower-case currency", doc(okTitle, okDate, "funding:", "  - amount: 100m", "    currency: cny"), []string{
			`content/a.md:6: funding[0].currency: "cny" must be upper case (write "CNY")`}},
		{"funding currency typo", doc(okTitle, okDate, "funding:", "  - amount: 100m", "    currency: HDK"), []string{
			`content/a.md:6: funding[0].currency: unknown currency "HDK" (did you mean "HKD"?)`}},
		{"funding currency name", doc(okTitle, okDate, "funding:", "  - amount: 100m", "    currency: RMB"), []string{
			`content/a.md:6: funding[0].currency: unknown currency "RMB" (write "CNY")`}},
		{"funding item date", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    date: 2024-02-30"), []string{
			`content/a.md:7: funding[0].date: "2024-02-30" is not a real date (check the month and day)`}},
		{"funding item jurisdiction empty", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    jurisdiction: ' '"), []string{
			`content/a.md:7: funding[0].jurisdiction: must not be empty (write jurisdiction: "...")`}},
		{"funding per month", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    per: yaer", "    to: 2025"), []string{
			`content/a.md:7: funding[0].per: unknown value "yaer" (did you mean "year"?)`}},
		{"funding from without per", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    from: 2023"), []string{
			`content/a.md:7: funding[0].from: from is for a yearly amount (add per: year for an amount given each year, or remove from)`}},
		{"funding per without to", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    per: year"), []string{
			`content/a.md:7: funding[0].to: a yearly amount needs its last year (add to: the last year the amount is given, e.g. to: 2025)`}},
		{"funding to before from", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    per: year", "    from: 2025", "    to: 2023"), []string{
			`content/a.md:9: funding[0].to: 2023 is before from: 2025 (from is the first year and to the last)`}},
		{"funding year out of range", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    per: year", "    to: 3025"), []string{
			`content/a.md:8: funding[0].to: year 3025 is outside 1900 to 2100 (check the year)`}},
		{"funding currency unknown", doc(okTitle, okDate, "funding:", "  - amount: 100m", "    currency: QQQ"), []string{
			`content/a.md:6: funding[0].currency: unknown currency "QQQ" (use an ISO 4217 code such as "CNY", "HKD" or "USD")`}},
		{"funding currency number", doc(okTitle, okDate, "funding:", "  - amount: 100m", "    currency: 156", "    purpose: [x]"), []string{
			`content/a.md:6: funding[0].currency: want a string, got a number (put the value in quotes)`,
			`content/a.md:7: funding[0].purpose: want a string, got a list (write purpose: "...")`}},
		{"funding second item", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "  - amount: 2m", "    currency: XYZ"), []string{
			`content/a.md:8: funding[1].currency: unknown currency "XYZ" (use an ISO 4217 code such as "CNY", "HKD" or "USD")`}},

		// Lines in the other formats.
		{"toml tables lines", "+++\ntitle = \"x\"\ndate = 2023-05-29\n\n[[funding]]\namount = \"1m\"\ncurrency = \"HKD\"\n\n[[funding]]\namount = \"2m\"\ncurrency = \"hkd\"\npurpse = \"y\"\n+++\n", []string{
			`content/a.md:11: funding[1].currency: "hkd" must be upper case (write "HKD")`,
			`content/a.md:12: funding[1].purpse: unknown field (did you mean "purpose"?)`}},
		{"toml inline array lines", "+++\ntitle = \"x\"\ndate = 2023-05-29\ntags = [\n  \"a\",  # first\n  \"\",\n]\nfunding = [\n  { amount = \"1m\", currency = \"HKD\" },\n  { amount = \"1m\", currency = \"HK\" },\n]\n+++\n", []string{
			`content/a.md:6: tags[1]: must not be empty (remove the empty item)`,
			`content/a.md:10: funding[1].currency: unknown currency "HK" (use an ISO 4217 code such as "CNY", "HKD" or "USD")`}},
		{"toml unknown key", "+++\ntitle = \"x\"\ndate = 2023-05-29\n\"jurisdicton\" = \"China\"\n+++\n", []string{
			`content/a.md:4: jurisdicton: unknown field (did you mean "jurisdiction"?)`}},
		{"json lines", "{\n  \"title\": \"x\",\n  \"date\": \"2023-05-29\",\n  \"title\": \"y\",\n  \"funding\": [\n    {\"amount\": 1, \"currency\": \"HKD\"},\n    {\n      \"amount\": -1,\n      \"currency\": \"HKD\"\n    }\n  ]\n}\n\n", []string{
			`content/a.md:4: title: set twice (first on line 2) (remove one of them)`,
			`content/a.md:8: funding[1].amount: amount must not be negative (write the size of the amount without a sign; say in the text if it is a cut)`}},
		// A field the schema does not know, told for its control
		// characters only, is still told when set twice.
		{"unknown field with controls set twice", "{\n\"title\": \"x\",\n\"date\": \"2023-05-29\",\n\"note\": \"a\\u0001\",\n\"note\": \"b\\u0001\"\n}\n\n", []string{
			`content/a.md:4: note: contains the control character U+0001 (remove it: control characters are invisible and garble pages, feeds and terminals)`,
			`content/a.md:5: note: contains the control character U+0001 (remove it: control characters are invisible and garble pages, feeds and terminals)`,
			`content/a.md:5: note: set twice (first on line 4) (remove one of them)`}},
		{"json with semicolons", ";;;\n{\n  \"title\": \"x\",\n  \"date\": \"2023-05-29\",\n  \"draft\": \"no\"\n}\n;;;\n", []string{
			`content/a.md:5: draft: want true or false, got "no" (write "draft": false)`}},

		// Several problems in one file are all reported, in line order.
		{"many at once", doc(
			"titel: A briefing",
			"date: 2023-02-29",
			"jurisdiction: [Hong Kong, 1]",
			"tags: [ok, '']",
			"draft: yes",
			"funding:",
			"  - amount: 100m",
			"    currency: usd",
			"sources:",
			"  - url: example.com"), []string{
			`content/a.md:1: title: required field is missing (add title: "...")`,
			`content/a.md:2: titel: unknown field (did you mean "title"?)`,
			`content/a.md:3: date: "2023-02-29" is not a real date (check the month and day)`,
			`content/a.md:4: jurisdiction[1]: want a string, got a number (put the value in quotes)`,
			`content/a.md:5: tags[1]: must not be empty (remove the empty item)`,
			`content/a.md:6: draft: want true or false, got "yes" (write draft: true)`,
			`content/a.md:9: funding[0].currency: "usd" must be upper case (write "USD")`,
			`content/a.md:11: sources[0].url: "example.com" is not an absolute http(s) URL (write "https://example.com")`}},
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnostics(t, tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
