package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"brief/internal/htmltest"
)

// renderHTML renders src with a safe renderer and no context.
func renderHTML(t *testing.T, r *Renderer, src string) string {
	t.Helper()
	res := r.Render([]byte(src), Context{SourcePath: "content/briefings/x.md"})
	if len(res.Problems) > 0 {
		t.Fatalf("unexpected problems for %q: %v", src, res.Problems)
	}
	return string(res.HTML)
}

func TestRenderFeatures(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src, want string
	}{
		{
			name: "table",
			src:  "| Regulator | Region |\n|:--|--:|\n| SFC | HK |\n",
			want: "<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">Regulator</th>\n<th style=\"text-align:right\">Region</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td style=\"text-align:left\">SFC</td>\n<td style=\"text-align:right\">HK</td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "strikethrough",
			src:  "~~withdrawn~~ draft\n",
			want: "<p><del>withdrawn</del> draft</p>\n",
		},
		{
			name: "linkify",
			src:  "See https://www.sfc.hk/en/ and www.pbc.gov.cn.\n",
			want: "<p>See <a href=\"https://www.sfc.hk/en/\">https://www.sfc.hk/en/</a> and <a href=\"http://www.pbc.gov.cn\">www.pbc.gov.cn</a>.</p>\n",
		},
		{
			name: "task list",
			src:  "- [x] licence filed\n- [ ] audit\n",
			want: "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> licence filed</li>\n<li><input disabled=\"\" type=\"checkbox\"> audit</li>\n</ul>\n",
		},
		{
			name: "definition list",
			src:  "VASP\n: Virtual asset service provider\n",
			want: "<dl>\n<dt>VASP</dt>\n<dd>Virtual asset service provider</dd>\n</dl>\n",
		},
		{
			name: "typographer writes characters, not entities",
			src:  "\"Web3\" isn't new -- nor is it --- dead...\n",
			want: "<p>“Web3” isn’t new – nor is it — dead…</p>\n",
		},
		{
			name: "emphasis next to CJK punctuation",
			src:  "投入**“1亿元”**支持\n",
			want: "<p>投入<strong>“1亿元”</strong>支持</p>\n",
		},
		{
			name: "emphasis between CJK punctuation marks",
			src:  "监管机构，**（暂定）**。\n",
			want: "<p>监管机构，<strong>（暂定）</strong>。</p>\n",
		},
		{
			name: "single star emphasis inside Chinese",
			src:  "这是*“重点”*内容\n",
			want: "<p>这是<em>“重点”</em>内容</p>\n",
		},
		{
			name: "CommonMark rules unchanged for Latin text",
			src:  "**\"Web3\"**is and foo*bar*baz and a * b * c\n",
			want: "<p>**“Web3”**is and foo<em>bar</em>baz and a * b * c</p>\n",
		},
		{
			name: "underscore keeps standard rules",
			src:  "snake_case_name and 中文_强调_中文\n",
			want: "<p>snake_case_name and 中文_强调_中文</p>\n",
		},
		{
			name: "soft line break between Chinese lines is dropped",
			src:  "第一行\n第二行\nEnglish\nline\n",
			want: "<p>第一行第二行\nEnglish\nline</p>\n",
		},
		{
			// Korean puts spaces between words: a break is one.
			name: "soft line break between Korean lines is kept",
			src:  "한국은행은\n발표했다\n",
			want: "<p>한국은행은\n발표했다</p>\n",
		},
		{
			// Full-width punctuation is as wide as the characters: a
			// browser would show the break as a space after "，".
			name: "soft line break next to Chinese punctuation is dropped",
			src:  "第一行，\n第二行。 \n（注）\n「第三行」\nEnglish，\nline\n",
			want: "<p>第一行，第二行。（注）「第三行」\nEnglish，\nline</p>\n",
		},
		{
			// The line's trailing whitespace is split off into a text
			// node of its own, empty once trimmed, or left on the text
			// before it: neither may keep the break, nor leave a space.
			name: "soft line break between Chinese lines is dropped after trailing whitespace",
			src:  "第一行 \n第二行\t\n第三行 \t\n第四行\t \r\n第五行\nEnglish \nline\n",
			want: "<p>第一行第二行第三行第四行第五行\nEnglish\nline</p>\n",
		},
		{
			name: "external links left alone",
			src:  "[SFC](https://www.sfc.hk/) [page](/briefings/x/) [mail](mailto:a@b.hk) [top](#top)\n",
			want: "<p><a href=\"https://www.sfc.hk/\">SFC</a> <a href=\"/briefings/x/\">page</a> <a href=\"mailto:a@b.hk\">mail</a> <a href=\"#top\">top</a></p>\n",
		},
		{
			name: "code is not touched",
			src:  "`**x**` and\n\n```go\nfmt.Println(\"a -- b\")\n```\n",
			want: "<p><code>**x**</code> and</p>\n<pre><code class=\"language-go\">fmt.Println(&quot;a -- b&quot;)\n</code></pre>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderHTML(t, r, tt.src); got != tt.want {
				t.Errorf("Render(%q)\n got: %q\nwant: %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestFootnotesArePrefixed(t *testing.T) {
	r := New(Options{})
	src := "Rule[^a].\n\n[^a]: Circular 2023.\n"
	wantFor := func(p string) string {
		return "<p>Rule<sup id=\"" + p + "fnref:1\"><a href=\"#" + p + "fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n" +
			"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"" + p + "fn:1\">\n" +
			"<p>Circular 2023.&#160;<a href=\"#" + p + "fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"
	}
	tests := []struct{ prefix, want string }{
		{"hk-retail-", wantFor("hk-retail-")},
		{"beijing-web3-", wantFor("beijing-web3-")},
		{"", wantFor("")},
		{`x"><script>`, wantFor("xscript")}, // cannot break out of the attribute
	}
	for _, tt := range tests {
		got := string(r.Render([]byte(src), Context{IDPrefix: tt.prefix}).HTML)
		if got != tt.want {
			t.Errorf("prefix %q:\n got: %q\nwant: %q", tt.prefix, got, tt.want)
		}
	}
}

// TestFootnotePrefixOnlyForFootnotes: a body without footnotes costs no
// more for having a prefix (its document got an attribute, and goldmark
// room for ten, per body), and one with a footnote keeps it prefixed.
func TestFootnotePrefixOnlyForFootnotes(t *testing.T) {
	r := goldmarkRenderer() // the attribute is goldmark's: the fast path sets none
	src := []byte("Plain text with `code` and [a link](/x) in it.\n")
	count := func(prefix string) float64 {
		return testing.AllocsPerRun(20, func() { r.Render(src, Context{IDPrefix: prefix}) })
	}
	if with, without := count("hk-retail-"), count(""); with != without && !raceEnabled {
		t.Errorf("a body without footnotes: %.0f allocations with a prefix, %.0f without", with, without)
	}
	got := r.Render([]byte("Rule[^a].\n\n[^a]: Circular.\n"), Context{IDPrefix: "p-"}).HTML
	if !strings.Contains(got, `id="p-fnref:1"`) || !strings.Contains(got, `<li id="p-fn:1">`) {
		t.Errorf("footnote without its prefix:\n%s", got)
	}
}

func TestRawHTMLAndScriptLinksNeutralisedWhenSafe(t *testing.T) {
	r := New(Options{})
	src := "<script>alert(1)</script>\n\nHi <b onclick=\"x()\">there</b> [js](javascript:alert(1))\n"
	got := renderHTML(t, r, src)
	want := "<!-- raw HTML omitted -->\n<p>Hi <!-- raw HTML omitted -->there<!-- raw HTML omitted --> <a href=\"\">js</a></p>\n"
	if got != want {
		t.Errorf("got:  %q\nwant: %q", got, want)
	}
}

func TestUnsafeHTMLIsSanitised(t *testing.T) {
	r := New(Options{Unsafe: true})
	tests := []struct{ name, src, want string }{
		{
			name: "plain raw HTML kept",
			src:  "<div class=\"note\"><b>Note</b> <abbr title=\"Securities and Futures Commission\">SFC</abbr></div>\n",
			want: "<div class=\"note\"><b>Note</b> <abbr title=\"Securities and Futures Commission\">SFC</abbr></div>\n",
		},
		{
			name: "script removed",
			src:  "<script>alert(1)</script>\n\nok\n",
			want: "\n<p>ok</p>\n",
		},
		{
			name: "event handlers and style removed",
			src:  "<p onclick=\"steal()\" style=\"position:fixed\">x</p>\n",
			want: "<p>x</p>\n",
		},
		{
			name: "javascript URLs removed",
			src:  "[js](javascript:alert(1)) <a href=\"javascript:alert(1)\">raw</a>\n",
			want: "<p>js raw</p>\n",
		},
		{
			name: "iframes removed",
			src:  "<iframe src=\"https://evil.example\"></iframe>\n",
			want: "\n",
		},
		{
			name: "external links get no nofollow or target",
			src:  "[SFC](https://www.sfc.hk/)\n",
			want: "<p><a href=\"https://www.sfc.hk/\">SFC</a></p>\n",
		},
		{
			name: "CJK heading ids survive",
			src:  "## 香港证监会\n",
			want: "<h2 id=\"香港证监会\">香港证监会</h2>\n",
		},
		{
			name: "table alignment survives",
			src:  "| a |\n|:-:|\n| 1 |\n",
			want: "<table>\n<thead>\n<tr>\n<th style=\"text-align: center\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align: center\">1</td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "task list survives",
			src:  "- [x] done\n",
			want: "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"/> done</li>\n</ul>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderHTML(t, r, tt.src); got != tt.want {
				t.Errorf("Render(%q)\n got: %q\nwant: %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestUnsafeFootnotesSurviveSanitising(t *testing.T) {
	r := New(Options{Unsafe: true})
	got := string(r.Render([]byte("A[^1]\n\n[^1]: B\n"), Context{IDPrefix: "hk-"}).HTML)
	// Attributes are compared as sets: their order is the HTML library's.
	doc, err := html.Parse(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []map[string]string{
		{"": "sup", "id": "hk-fnref:1"},
		{"": "a", "href": "#hk-fn:1", "class": "footnote-ref", "role": "doc-noteref"},
		{"": "div", "class": "footnotes", "role": "doc-endnotes"},
		{"": "li", "id": "hk-fn:1"},
		{"": "a", "href": "#hk-fnref:1", "class": "footnote-backref", "role": "doc-backlink"},
	} {
		found := htmltest.Find(doc, func(n *html.Node) bool {
			if n.Data != want[""] || len(n.Attr) != len(want)-1 {
				return false
			}
			for _, a := range n.Attr {
				if want[a.Key] != a.Val {
					return false
				}
			}
			return true
		})
		if found == nil {
			t.Errorf("sanitised footnotes lack %v in:\n%s", want, got)
		}
	}
}
