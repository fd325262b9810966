package markdown

import (
	"strings"
	"testing"

	"brief/internal/diag"
)

// testPictures stands in for the build's image resolver.
func testPicture(dest string) (Picture, error) {
	switch dest {
	case "chart.png":
		return Picture{Src: "/briefings/x/chart-960w.png", Width: 1200, Height: 600,
			Srcset: "/briefings/x/chart-480w.png 480w, /briefings/x/chart-960w.png 960w, /briefings/x/chart-1200w.png 1200w",
			Sizes:  "(max-width: 704px) calc(100vw - 32px), 672px"}, nil
	case "map.svg":
		return Picture{Src: "/briefings/x/map.svg", Width: 400, Height: 300}, nil
	case "rule.png":
		return Picture{Src: "/img/rule-480w.png", Width: 480, Height: 4, Srcset: "/img/rule-480w.png 480w", Sizes: "480px"}, nil
	}
	return Picture{}, &ImageError{Msg: "not found", Hint: "looked for content/briefings/x/" + dest + " and static/" + dest}
}

func TestFigures(t *testing.T) {
	chart := `<img src="/briefings/x/chart-960w.png" alt="Funding by year" width="1200" height="600" ` +
		`srcset="/briefings/x/chart-480w.png 480w, /briefings/x/chart-960w.png 960w, /briefings/x/chart-1200w.png 1200w" ` +
		`sizes="(max-width: 704px) calc(100vw - 32px), 672px"`
	tests := []struct {
		name, src, want string
	}{
		{
			name: "alone in its paragraph: a figure captioned by the title",
			src:  "![Funding by year](chart.png \"Funding pledged, 2021-2024\")\n",
			want: "<figure>\n" + chart + ">\n<figcaption>Funding pledged, 2021-2024</figcaption>\n</figure>\n",
		},
		{
			// As goldmark writes a title: escapes resolved, escaped
			// spaces (the CJK option) dropped, entities kept escaped.
			name: "a caption written as goldmark writes a title",
			src:  "![Funding by year](chart.png \"图\\ 表 \\*2024\\* &amp; <b>\")\n",
			want: "<figure>\n" + chart + ">\n<figcaption>图表 *2024* &amp; &lt;b&gt;</figcaption>\n</figure>\n",
		},
		{
			name: "no title: a figure without caption",
			src:  "![Funding by year](chart.png)\n",
			want: "<figure>\n" + chart + ">\n</figure>\n",
		},
		{
			name: "in running text: an image, no figure",
			src:  "See ![Funding by year](chart.png) here.\n",
			want: "<p>See " + chart + "> here.</p>\n",
		},
		{
			name: "every image after the first loads lazily",
			src:  "![A map](map.svg)\n\n![Funding by year](chart.png)\n",
			want: "<figure>\n<img src=\"/briefings/x/map.svg\" alt=\"A map\" width=\"400\" height=\"300\">\n</figure>\n" +
				"<figure>\n" + chart + " loading=\"lazy\" decoding=\"async\">\n</figure>\n",
		},
		{
			name: "a linked image alone is a figure around the link",
			src:  "[![Funding by year](chart.png \"Source: budget\")](https://example.org/budget)\n",
			want: "<figure>\n<a href=\"https://example.org/budget\">" + chart + "></a>\n<figcaption>Source: budget</figcaption>\n</figure>\n",
		},
		{
			name: "decorative: empty alt, no title, no figure",
			src:  "![](rule.png \"Decorative\")\n",
			want: "<p><img src=\"/img/rule-480w.png\" alt=\"\" width=\"480\" height=\"4\" srcset=\"/img/rule-480w.png 480w\" sizes=\"480px\"></p>\n",
		},
		{
			name: "the caption is text, escaped",
			src:  "![A map](map.svg \"Zones <b>A</b> & \\\"B\\\"\")\n",
			want: "<figure>\n<img src=\"/briefings/x/map.svg\" alt=\"A map\" width=\"400\" height=\"300\">\n<figcaption>Zones &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;</figcaption>\n</figure>\n",
		},
		{
			name: "external images are not resolved",
			src:  "![A logo](https://example.org/logo.png)\n",
			want: "<figure>\n<img src=\"https://example.org/logo.png\" alt=\"A logo\">\n</figure>\n",
		},
		{
			name: "alt text keeps its words, markup dropped",
			src:  "![Funding *by* `year`](chart.png)\n",
			want: "<figure>\n" + strings.Replace(chart, `alt="Funding by year"`, `alt="Funding by year"`, 1) + ">\n</figure>\n",
		},
		{
			name: "images in code are left alone",
			src:  "`![](x.png)`\n\n    ![](y.png)\n",
			want: "<p><code>![](x.png)</code></p>\n<pre><code>![](y.png)\n</code></pre>\n",
		},
		{
			name: "in a list item: no figure",
			src:  "- ![A map](map.svg)\n",
			want: "<ul>\n<li><img src=\"/briefings/x/map.svg\" alt=\"A map\" width=\"400\" height=\"300\"></li>\n</ul>\n",
		},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tt := range tests {
			res := r.Render([]byte(tt.src), Context{SourcePath: "content/briefings/x/index.md", Image: testPicture})
			if len(res.Problems) > 0 {
				t.Errorf("%s (unsafe=%v): problems %v", tt.name, unsafe, res.Problems)
			}
			got := res.HTML
			if unsafe { // the sanitiser writes void elements and quotes its own way
				got = strings.NewReplacer("/>", ">", "&#34;", "&quot;").Replace(got)
			}
			if got != tt.want {
				t.Errorf("%s (unsafe=%v):\ngot  %q\nwant %q", tt.name, unsafe, got, tt.want)
			}
		}
	}
}

func TestFigureProblems(t *testing.T) {
	const file = "content/briefings/x/index.md"
	tests := []struct {
		name, src string
		want      diag.List
	}{
		{
			name: "no alt text",
			src:  "Intro.\n\n![](chart.png)\n",
			want: diag.List{{File: file, Line: 13, Msg: `image "chart.png" has no alt text`,
				Hint: `describe what it shows for readers who cannot see it: ![A bar chart of ...](chart.png); if it is only decoration, say so: ![](chart.png "decorative")`}},
		},
		{
			name: "only spaces are no alt text",
			src:  "![  ](chart.png \"A caption is not a description\")\n",
			want: diag.List{{File: file, Line: 11, Msg: `image "chart.png" has no alt text`,
				Hint: `describe what it shows for readers who cannot see it: ![A bar chart of ...](chart.png); if it is only decoration, say so: ![](chart.png "decorative")`}},
		},
		{
			name: "decorative with alt text",
			src:  "![A rule](rule.png \"decorative\")\n",
			want: diag.List{{File: file, Line: 11, Msg: `image "rule.png" is marked decorative but has alt text`,
				Hint: `remove the alt text, or the "decorative" title if the image tells something`}},
		},
		{
			name: "missing image, at its line",
			src:  "One.\n\nTwo ![A photo](photo.jpg) three.\n",
			want: diag.List{{File: file, Line: 13, Msg: `image "photo.jpg": not found`,
				Hint: "looked for content/briefings/x/photo.jpg and static/photo.jpg"}},
		},
		{
			name: "external images still need alt text",
			src:  "![](https://example.org/a.png)\n",
			want: diag.List{{File: file, Line: 11, Msg: `image "https://example.org/a.png" has no alt text`,
				Hint: `describe what it shows for readers who cannot see it: ![A bar chart of ...](https://example.org/a.png); if it is only decoration, say so: ![](https://example.org/a.png "decorative")`}},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		res := r.Render([]byte(tt.src), Context{SourcePath: file, LineOffset: 10, Image: testPicture})
		if got := res.Problems; len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
			t.Errorf("%s:\ngot  %v\nwant %v", tt.name, got, tt.want)
		}
	}
}

// Without a resolver (a renderer used outside a build), images keep their
// destinations and alt text is still required.
func TestFiguresWithoutResolver(t *testing.T) {
	res := New(Options{}).Render([]byte("![A map](map.svg \"Zones\")\n\n![](x.png)\n"), Context{SourcePath: "x.md"})
	want := "<figure>\n<img src=\"map.svg\" alt=\"A map\">\n<figcaption>Zones</figcaption>\n</figure>\n" +
		"<figure>\n<img src=\"x.png\" alt=\"\" loading=\"lazy\" decoding=\"async\">\n</figure>\n"
	if res.HTML != want {
		t.Errorf("got  %q\nwant %q", res.HTML, want)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "has no alt text") {
		t.Errorf("problems = %v, want one about alt text", res.Problems)
	}
}

// With raw HTML allowed, the sanitiser keeps what figures write on images
// and nothing else in those attributes.
func TestSanitiserImageAttributes(t *testing.T) {
	r := New(Options{Unsafe: true})
	src := `<p><img src="a.png" alt="x" srcset="javascript:alert(1) 1x, data:x 2x" sizes="100vw" loading="soon" decoding="async"></p>` + "\n"
	got := r.Render([]byte(src), Context{SourcePath: "x.md"}).HTML
	for _, bad := range []string{"javascript", "data:", "soon"} {
		if strings.Contains(got, bad) {
			t.Errorf("sanitised HTML keeps %q: %s", bad, got)
		}
	}
	for _, good := range []string{`sizes="100vw"`, `decoding="async"`} {
		if !strings.Contains(got, good) {
			t.Errorf("sanitised HTML lost %s: %s", good, got)
		}
	}
	if !srcsetPattern.MatchString("/briefings/数字/x-480w.png 480w, https://cdn.example/x.png 2x") {
		t.Error("srcsetPattern refuses site paths and https URLs")
	}
}
