package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// headingBodies hold headings with explicit ids and classes, attributes
// that must go, repeated and escaped texts, and headings in footnotes,
// quotes and lists.
var headingBodies = []string{
	"# One\n\n## Two\n\n### Two\n\ntext\n\n## One {#one}\n",
	"## Fees {#fees .wide onclick=\"x()\" style=\"color:red\"}\n\n## Risks {.note}\n\n## Dup {#fees}\n",
	"## R&amp;D \\<b\\> \"quoted\" 'single'\n\nSetext\n======\n\nAnother\n---\n",
	"## 香港证监会\n\n## 香港证监会\n\n## `code` and *emphasis* [link](/x)\n",
	"Rule[^1].\n\n[^1]: Note.\n\n    ## not a heading\n\n> ## Quoted\n\n- ## Listed\n",
	"## {#only-id}\n\n## Spaced id {#has space}\n\n## Class with quote {.a\"b}\n",
	"######  Six\n\n####### Seven is text\n",
}

var (
	headingStart  = regexp.MustCompile(`<h[1-6]`)
	headingWithID = regexp.MustCompile(`<h[1-6] id="[^"]+"`)
)

// TestHeadingTagsAgree: a Render writes every heading's id and class
// from its state, as goldmark writes them from the node's attributes
// (goldmark driven directly, where the transformer still sets them).
func TestHeadingTagsAgree(t *testing.T) {
	r := New(Options{})
	for _, body := range headingBodies {
		got := r.Render([]byte(body), Context{}).HTML
		var want bytes.Buffer
		if err := r.md.Convert([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if got != want.String() {
			t.Errorf("%q:\nRender  %s\ngoldmark %s", body, got, want.String())
		}
		if opened := len(headingStart.FindAllString(got, -1)); opened != len(headingWithID.FindAllString(got, -1)) {
			t.Errorf("%q: a heading without its id:\n%s", body, got)
		}
	}
}

// TestHeadingAllocations: a heading's id costs no attribute on its node.
func TestHeadingAllocations(t *testing.T) {
	r := goldmarkRenderer() // goldmark's costs, not the fast path's
	var many strings.Builder
	for i := range 50 {
		fmt.Fprintf(&many, "## Heading %d\n\n", i)
	}
	count := func(src string) float64 {
		return testing.AllocsPerRun(20, func() { r.Render([]byte(src), Context{}) })
	}
	per := (count(many.String()) - count("## Heading\n\n")) / 49
	// Per heading: its node, text and lines, its label, slug and id,
	// their lists' growth (10.7 in all); an attribute on the node cost
	// three more.
	if per > 11.5 {
		t.Errorf("a heading costs %.2f allocations, want at most 11.5", per)
	}
}
