package markdown

import (
	"reflect"
	"testing"

	"brief/internal/diag"
)

func TestHeadingIDs(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name     string
		src      string
		wantHTML string
		want     []Heading
	}{
		{
			name:     "CJK kept",
			src:      "## 香港证监会\n",
			wantHTML: "<h2 id=\"香港证监会\">香港证监会</h2>\n",
			want:     []Heading{{2, "香港证监会", "香港证监会"}},
		},
		{
			// The label, and the id made from it, are the text as shown.
			name:     "escapes and entities resolved",
			src:      "## R&amp;D \\& the \\*rules\\*\n",
			wantHTML: "<h2 id=\"r-d-the-rules\">R&amp;D &amp; the *rules*</h2>\n",
			want:     []Heading{{2, "r-d-the-rules", "R&D & the *rules*"}},
		},
		{
			name: "duplicates numbered in order",
			src:  "## 香港证监会\n\n## 香港证监会\n\n## Hong Kong\n\n## Hong  Kong!\n",
			wantHTML: "<h2 id=\"香港证监会\">香港证监会</h2>\n<h2 id=\"香港证监会-1\">香港证监会</h2>\n" +
				"<h2 id=\"hong-kong\">Hong Kong</h2>\n<h2 id=\"hong-kong-1\">Hong  Kong!</h2>\n",
			want: []Heading{{2, "香港证监会", "香港证监会"}, {2, "香港证监会-1", "香港证监会"}, {2, "hong-kong", "Hong Kong"}, {2, "hong-kong-1", "Hong Kong!"}},
		},
		{
			name:     "punctuation and markup",
			src:      "# SFC / VASP: *new* `rules`, “2024”？\n",
			wantHTML: "<h1 id=\"sfc-vasp-new-rules-2024\">SFC / VASP: <em>new</em> <code>rules</code>, “2024”？</h1>\n",
			want:     []Heading{{1, "sfc-vasp-new-rules-2024", "SFC / VASP: new rules, “2024”？"}},
		},
		{
			name:     "link text counts, URL does not",
			src:      "### See [the circular](https://www.sfc.hk/c.pdf)\n",
			wantHTML: "<h3 id=\"see-the-circular\">See <a href=\"https://www.sfc.hk/c.pdf\">the circular</a></h3>\n",
			want:     []Heading{{3, "see-the-circular", "See the circular"}},
		},
		{
			name:     "no letters falls back to section",
			src:      "## ?!\n\n## …\n",
			wantHTML: "<h2 id=\"section\">?!</h2>\n<h2 id=\"section-1\">…</h2>\n",
			want:     []Heading{{2, "section", "?!"}, {2, "section-1", "…"}},
		},
		{
			name:     "setext heading",
			src:      "数字资产\n====\n",
			wantHTML: "<h1 id=\"数字资产\">数字资产</h1>\n",
			want:     []Heading{{1, "数字资产", "数字资产"}},
		},
		{
			name:     "explicit id wins and generated ids step around it",
			src:      "## Fees\n\n## Schedule {#fees}\n",
			wantHTML: "<h2 id=\"fees-1\">Fees</h2>\n<h2 id=\"fees\">Schedule</h2>\n",
			want:     []Heading{{2, "fees-1", "Fees"}, {2, "fees", "Schedule"}},
		},
		{
			name:     "only id and class attributes survive",
			src:      "## Fees {#fees .wide onclick=\"steal()\" style=\"color:red\"}\n",
			wantHTML: "<h2 id=\"fees\" class=\"wide\">Fees</h2>\n",
			want:     []Heading{{2, "fees", "Fees"}},
		},
		{
			name:     "explicit CJK id",
			src:      "## Licensing {#发牌}\n",
			wantHTML: "<h2 id=\"发牌\">Licensing</h2>\n",
			want:     []Heading{{2, "发牌", "Licensing"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render([]byte(tt.src), Context{SourcePath: "content/briefings/x.md"})
			if string(res.HTML) != tt.wantHTML {
				t.Errorf("HTML\n got: %q\nwant: %q", res.HTML, tt.wantHTML)
			}
			if !reflect.DeepEqual(res.Headings, tt.want) {
				t.Errorf("Headings\n got: %+v\nwant: %+v", res.Headings, tt.want)
			}
			if len(res.Problems) > 0 {
				t.Errorf("unexpected problems: %v", res.Problems)
			}
		})
	}
}

func TestHeadingIDProblems(t *testing.T) {
	r := New(Options{})
	src := "## A {#same}\n\n## B {#same}\n\n## C {id=\"a b\"}\n"
	res := r.Render([]byte(src), Context{SourcePath: "content/briefings/x.md", LineOffset: 4})
	wantHTML := "<h2 id=\"same\">A</h2>\n<h2 id=\"b\">B</h2>\n<h2 id=\"c\">C</h2>\n"
	if string(res.HTML) != wantHTML {
		t.Errorf("HTML\n got: %q\nwant: %q", res.HTML, wantHTML)
	}
	want := diag.List{
		diag.Warnf("content/briefings/x.md", 7, "", "each heading id must be unique on the page", `duplicate heading id "same"`),
		diag.Warnf("content/briefings/x.md", 9, "", "ids cannot contain spaces; use hyphens", `heading id "a b" ignored`),
	}
	if !reflect.DeepEqual(res.Problems, want) {
		t.Errorf("Problems\n got: %v\nwant: %v", res.Problems, want)
	}
}

func TestHeadingIDsAreStableAcrossRenders(t *testing.T) {
	r := New(Options{})
	src := []byte("## 香港\n\n## 香港\n")
	first := r.Render(src, Context{}).Headings
	for range 3 {
		if again := r.Render(src, Context{}).Headings; !reflect.DeepEqual(again, first) {
			t.Fatalf("ids changed between renders: %v then %v", first, again)
		}
	}
}
