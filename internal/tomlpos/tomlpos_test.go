package tomlpos

import (
	"slices"
	"testing"

	"github.com/pelletier/go-toml/v2/unstable"
)

const site = `# brief site
title = "Brief"
"base URL".x = 1

[jurisdictions]
Beijing = { parent = "China" }
"Hong Kong" = {}

[currency.rates]
CNY = 0.138
tags = [
  "a",   # first
  "b",
  [ "nested" ],
]

[[funding]]
amount = "100m"
currency.code = "CNY"

[[funding]]

amount = "5m"
`

func TestParse(t *testing.T) {
	x := Parse([]byte(site))
	for path, want := range map[string]int{
		"title":                         2,
		"base URL":                      3,
		"base URL.x":                    3,
		"jurisdictions":                 5,
		"jurisdictions.Beijing":         6,
		"jurisdictions.Beijing.parent":  6,
		"jurisdictions.Hong Kong":       7,
		"currency":                      9, // a prefix of the first header that names it
		"currency.rates":                9,
		"currency.rates.CNY":            10,
		"currency.rates.tags":           11,
		"funding":                       17,
		"funding.amount":                18,
		"funding.currency.code":         19,
		"nowhere":                       0,
		"jurisdictions.Beijing.parent.": 0,
	} {
		if got := x.Line(path); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
	if got := x.Elements("currency.rates.tags"); !slices.Equal(got, []int{12, 13, 14}) {
		t.Errorf("elements of tags on lines %v, want 12, 13, 14", got)
	}
	tables := x.Tables("funding")
	if len(tables) != 2 || tables[0].Line != 17 || tables[1].Line != 21 {
		t.Fatalf("funding tables %+v", tables)
	}
	if tables[0].Keys["amount"] != 18 || tables[0].Keys["currency"] != 19 || tables[1].Keys["amount"] != 23 {
		t.Errorf("keys of the funding tables %+v, %+v", tables[0].Keys, tables[1].Keys)
	}
	if x.Elements("title") != nil {
		t.Error("a string has elements")
	}
}

// Text the decoder would refuse still gives what comes before the error.
func TestParseStopsAtAnError(t *testing.T) {
	x := Parse([]byte("a = 1\nb = [\nc = 3\n"))
	if x.Line("a") != 1 || x.Line("c") != 0 {
		t.Errorf("a on %d, c on %d", x.Line("a"), x.Line("c"))
	}
}

// A node's line from the line feeds' offsets is the parser's own (Shape,
// which counts them from the text's start), on every node of texts with
// multi-line strings, CRLF line ends, empty lines and inline tables.
func TestLinesAgreeWithShape(t *testing.T) {
	texts := []string{
		site,
		"",
		"a = 1",
		"\n\n\na = 1\n",
		"a = 1\r\nb = [\r\n  1,\r\n  2,\r\n]\r\n[t]\r\nc = { d = 1, e = [3] }\r\n",
		"s = \"\"\"\nline\nline\n\"\"\"\nt = '''\n\n'''\nu = 2\n",
		"[[x]]\n[[x]]\ny = [[1, 2], [], [\n3]]\n# end\n",
		"k = \"\\n\"\nl = \"\"\"a\\\nb\"\"\"\nm = 3\n",
	}
	for _, text := range texts {
		src := []byte(text)
		ls := newLines(src)
		var p unstable.Parser
		p.Reset(src)
		var visit func(n *unstable.Node)
		visit = func(n *unstable.Node) {
			for ; n.Valid(); n = n.Next() {
				if n.Raw.Length > 0 || n.Kind == unstable.InlineTable {
					if got, want := ls.of(n), p.Shape(n.Raw).Start.Line; got != want {
						t.Errorf("%q: node %v at %d on line %d, want %d", text, n.Kind, n.Raw.Offset, got, want)
					}
				}
				visit(n.Child())
			}
		}
		for p.NextExpression() {
			visit(p.Expression())
		}
		if err := p.Error(); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}
