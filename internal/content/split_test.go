package content

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgSplit is the split adrg/frontmatter makes, which brief used before it
// split files in place: its default formats, each decoder only recording
// the block.
func adrgSplit(text []byte) (blk block, headLen int) {
	record := func(s syntax) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			*v.(*block) = block{syntax: s, data: data, found: true}
			return nil
		}
	}
	fs := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", record(syntaxYAML)),
		frontmatter.NewFormat("---yaml", "---", record(syntaxYAML)),
		frontmatter.NewFormat("+++", "+++", record(syntaxTOML)),
		frontmatter.NewFormat("---toml", "---", record(syntaxTOML)),
		frontmatter.NewFormat(";;;", ";;;", record(syntaxJSON)),
		frontmatter.NewFormat("---json", "---", record(syntaxJSON)),
		{Start: "{", End: "}", Unmarshal: record(syntaxJSON), UnmarshalDelims: true, RequiresNewLine: true},
	}
	rest, err := frontmatter.Parse(bytes.NewReader(text), &blk, fs...)
	if err != nil {
		panic(err) // the decoders cannot fail
	}
	return blk, len(text) - len(rest)
}

func checkSplit(t *testing.T, text string) {
	t.Helper()
	got, gotLen := split([]byte(text))
	want, wantLen := adrgSplit([]byte(text))
	if got.found != want.found || got.syntax != want.syntax || !bytes.Equal(got.data, want.data) || gotLen != wantLen {
		t.Errorf("split(%q) = %v %v %q %d, adrg/frontmatter: %v %v %q %d", text,
			got.found, got.syntax, got.data, gotLen, want.found, want.syntax, want.data, wantLen)
	}
}

// TestSplitAgrees: split, which finds the block in place, agrees with
// adrg/frontmatter, which copied every file through its read buffer (a
// tenth of a build's allocations), on blocks of every format, blank lines,
// whitespace around delimiters, unclosed blocks, CRLF left over, and files
// that end on a delimiter.
func TestSplitAgrees(t *testing.T) {
	for _, text := range []string{
		"", "\n", "---", "---\n", "---\n---", "---\n---\n", "---\ntitle: x\n---\nbody\n",
		"\n\n  ---  \ntitle: x\n ---\t\nbody", "---yaml\na: 1\n---\n", "+++\na = 1\n+++\nb",
		"---toml\na = 1\n---\n", ";;;\n{}\n;;;\n", "---json\n{}\n---\n", "{\n\"a\": 1\n}\n\nbody",
		"{\n\"a\": 1\n}\nbody\n}\n\n", "{\n}", "{\n}\n", "{\n}\nx", "title: x\n---\n", "---\ntitle: x\n",
		"---\ntitle: x\n+++\n", "+++\n---\n+++", "\ufeff---\n---\n", "---\r\na: 1\r\n---\r\nbody",
		"  \n\t\n---\n\n---\n\nbody", "---\n--- \n", "---\n----\n---\n", "{\n}\n}\n\n", "{\n}\n \n",
	} {
		checkSplit(t, text)
	}
	lines := []string{"---", "+++", ";;;", "{", "}", "---yaml", "---json", "---toml", "", " ", " --- ",
		"title: x", "a = 1", "\"a\": 1", "body text", "\t}\t"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(7) {
			b.WriteString(lines[r.IntN(len(lines))])
			b.WriteString("\n")
		}
		if r.IntN(2) == 0 {
			b.WriteString(lines[r.IntN(len(lines))])
		}
		checkSplit(t, b.String())
	}
}

// FuzzSplitAgrees: split agrees with adrg/frontmatter on any text.
func FuzzSplitAgrees(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "{\n}\n\n", "+++\n+++", "\n ;;; \n;;;"} {
		f.Add(s)
	}
	f.Fuzz(checkSplit)
}
