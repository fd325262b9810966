package content

import (
	"bytes"
	"testing"
)

// FuzzParse checks that Parse never panics and keeps its promises: a nil
// briefing comes with an error, and every diagnostic points into the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		doc(okTitle, okDate, "tags: [a, b]", "funding:", "  - amount: 100m", "    currency: CNY"),
		"+++\ntitle = \"T\"\ndate = 2023-05-29\n[[funding]]\namount = 1\ncurrency = \"HKD\"\ntags = [\n \"a\", # c\n]\n+++\n",
		"{\n\"title\": \"T\", \"date\": \"2023-05-29\", \"funding\": [{\"amount\": 1}]\n}\n\nbody",
		";;;\n{\"a\": [1, {\"b\": null}]}\n;;;\n",
		"\uFEFF---\r\ntitle: x\r\n---\r\n",
		"---\na: &a [*a]\n---\n",
		"---\na: &a [1,2]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n---\n",
		"+++\na = '''\nx = 1\n'''\nb = \"\"\"\n[t]\n\"\"\"\n+++\n",
		"---\n",
		"\xff---\n",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		b, list := Parse("content/f.md", src, Options{})
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		if b == nil && !list.HasErrors() {
			t.Fatal("nil briefing without an error")
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range list {
			if d.Line < 1 || d.Line > lines {
				t.Fatalf("line %d outside the file's %d lines: %s", d.Line, lines, d.Error())
			}
		}
		if b != nil && (b.BodyLine < 1 || b.BodyLine > lines+1) {
			t.Fatalf("body line %d outside the file's %d lines", b.BodyLine, lines)
		}
	})
}
