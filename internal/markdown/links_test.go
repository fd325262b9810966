package markdown

import (
	"reflect"
	"testing"

	"brief/internal/diag"
)

// briefingURLs stands in for the site model: the .md files that exist.
var briefingURLs = map[string]string{
	"content/briefings/hk-retail-trading.md": "/briefings/hk-retail-trading/",
	"content/other/x.md":                     "/other/x/",
	"content/index.md":                       "/",
	"content/briefings/数字资产.md":              "/briefings/数字资产/",
}

func resolveTestURL(p string) (string, bool) {
	u, ok := briefingURLs[p]
	return u, ok
}

func TestMarkdownLinks(t *testing.T) {
	r := New(Options{})
	const source = "content/briefings/beijing-web3.md"
	tests := []struct {
		name     string
		src      string
		wantHTML string
		want     diag.List
	}{
		{
			name:     "sibling file",
			src:      "[see](hk-retail-trading.md)\n",
			wantHTML: "<p><a href=\"/briefings/hk-retail-trading/\">see</a></p>\n",
		},
		{
			name:     "fragment kept",
			src:      "[fees](hk-retail-trading.md#fees)\n",
			wantHTML: "<p><a href=\"/briefings/hk-retail-trading/#fees\">fees</a></p>\n",
		},
		{
			name:     "parent folder",
			src:      "[x](../other/x.md#section)\n",
			wantHTML: "<p><a href=\"/other/x/#section\">x</a></p>\n",
		},
		{
			name:     "root-relative",
			src:      "[home](/content/index.md)\n",
			wantHTML: "<p><a href=\"/\">home</a></p>\n",
		},
		{
			name:     "dot segments cleaned",
			src:      "[x](./../briefings/./hk-retail-trading.md)\n",
			wantHTML: "<p><a href=\"/briefings/hk-retail-trading/\">x</a></p>\n",
		},
		{
			name:     "percent-encoded CJK file name",
			src:      "[资产](%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7.md)\n",
			wantHTML: "<p><a href=\"/briefings/%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7/\">资产</a></p>\n",
		},
		{
			name:     "reference-style link",
			src:      "[see][r]\n\n[r]: hk-retail-trading.md\n",
			wantHTML: "<p><a href=\"/briefings/hk-retail-trading/\">see</a></p>\n",
		},
		{
			name:     "absolute and non-md links untouched",
			src:      "[a](https://example.com/readme.md) [b](notes.txt) [c](#top) [d](/briefings/x/) [e](mailto:x@y.md)\n",
			wantHTML: "<p><a href=\"https://example.com/readme.md\">a</a> <a href=\"notes.txt\">b</a> <a href=\"#top\">c</a> <a href=\"/briefings/x/\">d</a> <a href=\"mailto:x@y.md\">e</a></p>\n",
		},
		{
			name:     "missing file keeps the text",
			src:      "Intro.\n\nRead [the *retail* rules](hk-retail.md) now.\n",
			wantHTML: "<p>Intro.</p>\n<p>Read the <em>retail</em> rules now.</p>\n",
			want: diag.List{brokenLink(diag.Errorf(source, 13, "", "no file content/briefings/hk-retail.md; check the name",
				`link to missing briefing "hk-retail.md"`))},
		},
		{
			name:     "missing file with fragment, on a later line of a paragraph",
			src:      "First line\nsecond [x](../other/y.md#a) line\n",
			wantHTML: "<p>First line\nsecond x line</p>\n",
			want: diag.List{brokenLink(diag.Errorf(source, 12, "", "no file content/other/y.md; check the name",
				`link to missing briefing "../other/y.md"`))},
		},
		{
			name:     "escaping the site root",
			src:      "[up](../../../secret.md)\n",
			wantHTML: "<p>up</p>\n",
			want: diag.List{brokenLink(diag.Errorf(source, 11, "", "links to .md files are relative to this file's folder and must stay inside the site",
				`link to "../../../secret.md" points outside the site`))},
		},
		{
			name:     "inside a table cell",
			src:      "| a |\n|---|\n| [x](nope.md) |\n",
			wantHTML: "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n",
			want: diag.List{brokenLink(diag.Errorf(source, 13, "", "no file content/briefings/nope.md; check the name",
				`link to missing briefing "nope.md"`))},
		},
		{
			name:     "empty link text still has a line",
			src:      "a\n\nb [](gone.md)\n",
			wantHTML: "<p>a</p>\n<p>b </p>\n",
			want: diag.List{brokenLink(diag.Errorf(source, 13, "", "no file content/briefings/gone.md; check the name",
				`link to missing briefing "gone.md"`))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Body line 1 is file line 11, as after a 9-line front matter block and a blank line.
			res := r.Render([]byte(tt.src), Context{SourcePath: source, LineOffset: 10, Resolve: resolveTestURL})
			if string(res.HTML) != tt.wantHTML {
				t.Errorf("HTML\n got: %q\nwant: %q", res.HTML, tt.wantHTML)
			}
			if !reflect.DeepEqual(res.Problems, tt.want) {
				t.Errorf("Problems\n got: %v\nwant: %v", res.Problems, tt.want)
			}
		})
	}
}

func TestMissingLinkMessage(t *testing.T) {
	r := New(Options{})
	res := r.Render([]byte("x\n[see](hk-retail.md)\n"), Context{
		SourcePath: "content/briefings/beijing-web3.md", LineOffset: 6, Resolve: resolveTestURL,
	})
	want := `content/briefings/beijing-web3.md:8: link to missing briefing "hk-retail.md" (no file content/briefings/hk-retail.md; check the name)`
	if got := res.Problems.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !res.Problems.HasErrors() {
		t.Error("a missing briefing must fail the build")
	}
}

func TestNilResolveLeavesLinks(t *testing.T) {
	r := New(Options{})
	res := r.Render([]byte("[see](hk-retail.md)\n"), Context{SourcePath: "content/briefings/a.md"})
	if want := "<p><a href=\"hk-retail.md\">see</a></p>\n"; string(res.HTML) != want {
		t.Errorf("got %q, want %q", res.HTML, want)
	}
	if len(res.Problems) != 0 {
		t.Errorf("unexpected problems: %v", res.Problems)
	}
}
