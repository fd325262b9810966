package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brief/internal/corpus"
)

// dumpNode writes a tree with its kinds and lines, for comparing two.
func dumpNode(b *strings.Builder, n *node) {
	fmt.Fprintf(b, "(%d %q @%d", n.kind, n.text, n.line)
	for _, it := range n.items {
		dumpNode(b, it)
	}
	for _, e := range n.keys {
		fmt.Fprintf(b, " %q@%d=", e.key, e.line)
		dumpNode(b, e.val)
	}
	b.WriteString(")")
}

func dump(n *node) string {
	var b strings.Builder
	dumpNode(&b, n)
	return b.String()
}

// checkQuick fails when quickYAML decodes data to anything but what yaml.v3
// does, or makes a tree of plain text that is not clean (Parse does not
// look); it reports whether quickYAML took it.
func checkQuick(t *testing.T, data string) bool {
	t.Helper()
	got, ok := quickYAML([]byte(data), 3, nil)
	if !ok {
		return false
	}
	if plainText(data) && !cleanTree(got) {
		t.Errorf("quickYAML made a tree with a control character of plain text %q", data)
	}
	want, err := fullYAML([]byte(data), 3)
	if err != nil {
		t.Errorf("quickYAML decoded what yaml.v3 refuses (%s: %s):\n%s", err.msg, err.hint, data)
		return true
	}
	if g, w := dump(got), dump(want); g != w {
		t.Errorf("quickYAML(%q)\n got %s\nwant %s", data, g, w)
	}
	return true
}

// TestQuickYAMLAgrees: the quick decoder takes the front matter of nearly
// every generated briefing and of the example site, and agrees with
// yaml.v3 on it, and on a table of shapes near its limits, lines included.
func TestQuickYAMLAgrees(t *testing.T) {
	took, all := 0, 0
	files, err := filepath.Glob("../../content/briefings/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example briefings: %v", err)
	}
	var blocks []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, string(src))
	}
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: 400, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	generated, _ := filepath.Glob(filepath.Join(dir, corpus.BriefingsDir, "*.md"))
	if len(generated) != 400 {
		t.Fatalf("generated %d briefings, want 400", len(generated))
	}
	for _, f := range generated {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, string(src))
	}
	for _, src := range blocks {
		blk, _ := split([]byte(src))
		if !blk.found || blk.syntax != syntaxYAML {
			continue
		}
		all++
		if checkQuick(t, string(blk.data)) {
			took++
		}
	}
	t.Logf("quickYAML took %d of %d front matter blocks", took, all)
	if took < all*9/10 {
		t.Errorf("quickYAML took %d of %d front matter blocks, want at least 90%%", took, all)
	}
	for _, data := range []string{
		"title: x\n", "title: \"x\"\n", "title: \"\"\n", "a: true\nb: False\nc: NULL\nd: yes\ne: no\n",
		"n: 0123\nm: 089\nd: 2023-05-29\nbad: 2023-13-01\nt: 2023-05-27T16:00:00+08:00\n",
		"tags: []\n", "tags: [a, b c, 香港]\n", "tags: [a,b]\n", "tags: [a, , b]\n", "tags: [a, b,]\n",
		"tags: [true, 12, 2020-01-01, null]\n", "url: https://x.org/a\n", "x: a:b\n", "x: a: b\n", "x: a #c\n", "x: a#c\n",
		"sources:\n  - title: \"a\"\n    url: \"b\"\n  - title: c\n", "sources:\n- a\n- b\nnext: 1\n",
		"s:\n  - a\n  - b\n", "s:\n  - a\n    b\n", "s:\n  -  title: a\n     url: b\n", "s:\n  - title: a\n  url: b\n",
		"s:\n  - title: a\n    title: b\n", "a: 1\na: 2\n", "a:\nb: 1\n", "a:\n", "\n\ntitle: x\n\n\n", "# c\ntitle: x\n",
		"title: x \n", "title:x\n", "title : x\n", "t: \"a \\\" b\"\n", "t: 'a'\n", "t: \"a\" b\n", "t: x\n  y\n",
		"t: ~\n", "t: &a x\nu: *a\n", "t: !!str 1\n", "t: [a]\n  - b\n", "T_1-x: v\n", "1a: v\n", "t: \u00a0x\n",
		"t: a\u0085b\n", "t: a\u2028b\n", "t: 1e5\n", "t: -1\n", "t: .5\n", "t: 1_000\n", "t: 0x1F\n",
		"f:\n  - amount: \"1m\"\n    per: year\n    from: 2023\n  - amount: \"2m\"\n",
	} {
		checkQuick(t, data)
	}
	lines := []string{"title: x", "title: \"Hong Kong\"", "tags: [a, b]", "tags:", "  - a", "  - k: v", "    u: w",
		"- a", "  x", "", "d: 2020-02-30", "n: 42", "b: true", "k: \"a: b\"", "e:", "    - z"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			b.WriteString(lines[r.IntN(len(lines))])
			b.WriteString("\n")
		}
		checkQuick(t, b.String())
	}
}

// FuzzQuickYAMLAgrees: whatever quickYAML decodes, yaml.v3 decodes alike.
func FuzzQuickYAMLAgrees(f *testing.F) {
	for _, s := range []string{"title: x\n", "tags: [a, b]\ns:\n  - t: \"x\"\n    u: y\n", "d: 2023-01-02\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) { checkQuick(t, data) })
}

// TestRealDateAgrees holds realDate to time.Parse("2006-1-2") on every
// month and day from 00 to 99 of years around leap-year rules.
func TestRealDateAgrees(t *testing.T) {
	for _, y := range []string{"0000", "0001", "0004", "0100", "0400", "1900", "1999", "2000", "2023", "2024", "2100", "9999"} {
		for m := range 100 {
			for d := range 100 {
				s := fmt.Sprintf("%s-%02d-%02d", y, m, d)
				_, err := time.Parse("2006-1-2", s)
				if got := realDate([]byte(s)); got != (err == nil) {
					t.Fatalf("realDate(%s) = %v, time.Parse: %v", s, got, err)
				}
			}
		}
	}
}
