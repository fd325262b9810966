package content

import (
	"strings"
	"testing"
)

// TestSyntaxErrors: a front matter block that does not decode is reported at
// the line of the FILE where the editor went wrong (not where the decoder
// gave up, nor a line counted from the block), with a hint, and the body's
// links are still checked (see build's tests).
func TestSyntaxErrors(t *testing.T) {
	yaml := func(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\n\nBody.\n" }
	toml := func(lines ...string) string { return "+++\n" + strings.Join(lines, "\n") + "\n+++\n\nBody.\n" }
	json := func(lines ...string) string { return "\n{\n" + strings.Join(lines, "\n") + "\n}\n\nBody.\n" }
	tests := []struct{ name, src, want string }{
		// YAML: line 1 is ---, the block starts on line 2.
		{"yaml quote never closed", yaml(`title: "Beijing`, "date: 2023-05-29"),
			`content/a.md:2: front matter is not valid YAML: found unexpected end of stream (a quote, [ or { opened on this line is never closed)`},
		{"yaml quote never closed later", yaml("title: a", "date: 2023-05-29", `summary: 'x`),
			`content/a.md:4: front matter is not valid YAML: found unexpected end of stream (a quote, [ or { opened on this line is never closed)`},
		{"yaml field indented", yaml("title: a", "  date: 2023-05-29"),
			`content/a.md:3: front matter is not valid YAML: mapping values are not allowed in this context (put text that contains ": " in quotes, and indent a field no more than the one above it)`},
		{"yaml list item indented wrongly", yaml("title: a", "date: 2023-05-29", "funding:", "  - amount: 5", "   currency: CNY"),
			`content/a.md:6: front matter is not valid YAML: did not find expected '-' indicator (start each item of a list with - in the same column, and indent the fields of an item under its first)`},
		{"yaml error after a list over two lines", yaml("title: a", "date: 2023-05-29", "tags: [a,", "  b]", "summary: x: y"),
			`content/a.md:6: front matter is not valid YAML: mapping values are not allowed in this context (put text that contains ": " in quotes, and indent a field no more than the one above it)`},
		{"yaml at sign", yaml("title: @handle", "date: 2023-05-29"),
			"content/a.md:2: front matter is not valid YAML: found character that cannot start any token (put text that starts with @, ` or % in quotes)"},
		{"yaml tab", yaml("title: a", "\tdate: 2023-05-29"),
			`content/a.md:3: front matter is not valid YAML: found a tab character that violates indentation (indent with spaces, not tabs)`},
		{"yaml tab before a list item", yaml("title: a", "date: 2023-05-29", "tags:", "\t- Web3"),
			`content/a.md:5: front matter is not valid YAML: found character that cannot start any token (indent with spaces, not tabs)`},
		{"yaml escape", yaml(`title: "a\q"`, "date: 2023-05-29"),
			`content/a.md:2: front matter is not valid YAML: found unknown escape character (in double quotes write a backslash as \\, or use single quotes)`},
		{"yaml text after a quote", yaml(`title: "a" b`, "date: 2023-05-29"),
			`content/a.md:2: front matter is not valid YAML: did not find expected key (indent the fields of one map to the same column, and put text that continues after a closing quote or ] inside the quotes)`},
		{"yaml missing colon", yaml("title: a", "date 2023-05-29", "summary: x"),
			`content/a.md:3: front matter is not valid YAML: could not find expected ':' (write each field as "name: value")`},
		{"yaml list on the field's line", yaml("title: a", "date: 2023-05-29", "tags: - a"),
			`content/a.md:4: front matter is not valid YAML: block sequence entries are not allowed in this context (start a list on the line after its field, with each - indented under it, or write [a, b])`},
		{"yaml ampersand", yaml("title: &", "date: 2023-05-29"),
			`content/a.md:2: front matter is not valid YAML: did not find expected alphabetic or numeric character (put text that starts with & or * in quotes)`},

		// TOML: line 1 is +++.
		{"toml quote never closed", toml(`title = "a`, "date = 2023-05-29"),
			`content/a.md:2: front matter is not valid TOML: strings cannot contain newlines (close the quotes on the same line, or write text over several lines between """ and """)`},
		{"toml apostrophe", toml(`title = 'it's'`, "date = 2023-05-29"),
			`content/a.md:2: front matter is not valid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 's' instead (write one key = value per line; text that contains an apostrophe or quotes needs double quotes ("it's"))`},
		{"toml list never closed", toml(`title = "a"`, "date = 2023-05-29", `tags = ["a"`, `summary = "s"`),
			`content/a.md:4: front matter is not valid TOML: expected a comma (',') or array terminator (']'), but got 's' (close the list with ], and put a comma between items)`},
		{"toml bare word", toml("title = hello", "date = 2023-05-29"),
			`content/a.md:2: front matter is not valid TOML: expected value but found "hello" instead (write a value after =: text in double quotes, a number, true or false, a date such as 2023-05-29, or a list such as ["a", "b"])`},
		{"toml array of tables not closed", toml(`title = "a"`, "date = 2023-05-29", "[[funding]", "amount = 1"),
			`content/a.md:4: front matter is not valid TOML: expected end of table array name delimiter ']', but got '\n' instead (close the name of an array of tables with ]], as in [[funding]])`},
		{"toml key twice", toml(`title = "a"`, `title = "b"`),
			`content/a.md:3: front matter is not valid TOML: Key 'title' has already been defined. (set each key once; remove one of them)`},

		// JSON: line 1 is empty, { is on line 2.
		{"json date unquoted", json(`"title": "a",`, `"date": 2023-05-29`),
			`content/a.md:4: front matter is not valid JSON: invalid character '-' after object key:value pair (write text and dates in double quotes, e.g. "2023-05-29")`},
		{"json comma missing", json(`"title": "a"`, `"date": "2023-05-29"`),
			`content/a.md:4: front matter is not valid JSON: invalid character '"' after object key:value pair (put a comma between fields)`},
		{"json trailing comma", json(`"title": "a",`, `"date": "2023-05-29",`),
			`content/a.md:5: front matter is not valid JSON: invalid character '}' looking for beginning of object key string (remove the comma after the last field)`},
		{"json key unquoted", json(`title: "a"`),
			`content/a.md:3: front matter is not valid JSON: invalid character 't' where a key should be (write keys in double quotes, e.g. "title")`},
		{"json colon missing", json(`"title" "a"`),
			`content/a.md:3: front matter is not valid JSON: invalid character '"' after object key (put a colon between a key and its value, e.g. "title": "...")`},
		{"json single quotes", json(`"title": 'a'`),
			`content/a.md:3: front matter is not valid JSON: invalid character '\'' looking for beginning of value (use double quotes, not single quotes)`},
		{"json list never closed", json(`"title": "a",`, `"tags": ["a",`),
			`content/a.md:5: front matter is not valid JSON: invalid character '}' looking for beginning of value (write the missing value, or remove the comma before it)`},
		{"json misspelt true", json(`"title": "a",`, `"draft": True`),
			`content/a.md:4: front matter is not valid JSON: invalid character 'T' looking for beginning of value (write text and dates in double quotes, numbers as digits, and true, false or null in lower case)`},

		// Type errors give an example in the block's own syntax.
		{"toml title a list", toml(`title = ["a"]`, "date = 2023-05-29"),
			`content/a.md:2: title: want a string, got a list (write title = "...")`},
		{"json tags a string map", json(`"title": "a",`, `"date": "2023-05-29",`, `"tags": {"a": 1}`),
			`content/a.md:5: tags: want a list of strings, got a map (write "tags": ["Web3", "funding"])`},
		{"toml funding a string", toml(`title = "a"`, "date = 2023-05-29", `funding = "100m"`),
			`content/a.md:4: funding: want a list of funding items, got a string (write funding = [{amount = "100m", currency = "CNY"}])`},
		{"json sources a string", json(`"title": "a",`, `"date": "2023-05-29",`, `"sources": "https://x.org/"`),
			`content/a.md:5: sources: want a list of sources, got a string (write "sources": [{"title": "SFC", "url": "https://www.sfc.hk/"}])`},
		{"toml source without url", toml(`title = "a"`, "date = 2023-05-29", "[[sources]]", `title = "SFC"`),
			`content/a.md:4: sources[0].url: required field is missing (add url = "https://...")`},
		{"source URL of another scheme", yaml("title: a", "date: 2023-05-29", "sources:", "  - url: javascript:alert(1)"),
			`content/a.md:5: sources[0].url: "javascript:alert(1)" is not an absolute http(s) URL (links must start with https:// or http://)`},
		{"source URL without its scheme", yaml("title: a", "date: 2023-05-29", "sources:", "  - url: www.sfc.hk:443/x"),
			`content/a.md:5: sources[0].url: "www.sfc.hk:443/x" is not an absolute http(s) URL (write "https://www.sfc.hk:443/x")`},
		{"slug that climbs", yaml("title: a", "date: 2023-05-29", "slug: ../x"),
			`content/a.md:4: slug: "../x" is not a valid URL segment (try "x")`},
		{"json item not text", json(`"title": "a",`, `"date": "2023-05-29",`, `"authors": [["x"]]`),
			`content/a.md:5: authors[0]: want a string, got a list (write each item as text, e.g. ["Brief Desk"])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnostics(t, tt.src)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
