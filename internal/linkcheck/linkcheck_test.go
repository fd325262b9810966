package linkcheck_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"brief/internal/linkcheck"
)

// site builds an output set whose pages link with the given base prefix
// ("" for a site at the root, "/policy" under a sub-folder).
func site(base string) map[string][]byte {
	page := func(body string) []byte {
		return []byte("<!doctype html><html><head><link rel=\"canonical\" href=\"https://x.example" + base + "/\">" +
			"<link rel=\"stylesheet\" href=\"" + base + "/css/site.css\"></head><body>" + body + "</body></html>")
	}
	return map[string][]byte{
		"index.html": page(`<h1 id="top">Home</h1>
<a href="` + base + `/briefings/a/">a</a>
<a href="` + base + `/briefings/a/#intro">a's intro</a>
<a href="` + base + `/briefings/a">a without slash</a>
<a href="briefings/a/">relative</a>
<a href="#top">top</a>
<a href="">self</a>
<a href="` + base + `/feed.xml">feed</a>
<a href="` + base + `/tags/%E6%95%B0%E5%AD%97/">encoded</a>
<a href="` + base + `/tags/数字/?page=1">query</a>
<a href="https://example.org/nowhere">external</a>
<a href="//cdn.example.org/x.js">protocol-relative</a>
<a href="mailto:desk@example.org">mail</a>
<img src="` + base + `/img/logo.svg" alt="">`),
		"briefings/a/index.html": page(`<h2 id="intro">Intro</h2><a href="../">briefings</a><a href="#intro">here</a><a href="../../tags/数字/">tag</a>`),
		"tags/数字/index.html":     page(`<a name="legacy">old anchor</a>`),
		"briefings/index.html":   page(`<a href="a/">a</a>`),
		"css/site.css":           []byte("body{}"),
		"img/logo.svg":           []byte("<svg/>"),
		"feed.xml":               []byte("<feed/>"),
	}
}

func TestNoFalseAlarms(t *testing.T) {
	for _, base := range []string{"", "/policy"} {
		if l := linkcheck.Check(site(base), base+"/", nil); len(l) > 0 {
			t.Errorf("base %q: %v", base, l)
		}
	}
}

func TestBrokenLinks(t *testing.T) {
	for _, base := range []string{"", "/policy"} {
		files := site(base)
		files["briefings/b/index.html"] = []byte(`<a href="` + base + `/briefings/gone/">gone</a>
<a href="` + base + `/briefings/a/#nope">bad fragment</a>
<a href="../gone/">relative gone</a>
<a href="#missing">missing here</a>
<a href="` + base + `/briefings/a/#intro">fine</a>
<a href="/elsewhere/x/">outside the base path</a>
<a href="` + base + `/tags/数字/#legacy">named anchor</a>`)
		files["tags/other/index.html"] = []byte(`<a href="` + base + `/briefings/gone/">gone again</a>`)
		files["tags/third/index.html"] = []byte(`<a href="` + base + `/briefings/gone/">and again</a>`)
		l := linkcheck.Check(files, base+"/", nil)
		var got []string
		for _, d := range l {
			got = append(got, d.File+": "+d.Msg)
		}
		want := []string{
			"briefings/b/index.html: broken link to #missing: no element with id \"missing\"",
			"briefings/b/index.html: broken link to ../gone/",
			"briefings/b/index.html: broken link to " + base + "/briefings/a/#nope: no element with id \"nope\"",
			"briefings/b/index.html: broken link to " + base + "/briefings/gone/ (and on 2 more pages)",
		}
		if base == "" {
			// At the root, /elsewhere/ is inside the site.
			want = append(want, "briefings/b/index.html: broken link to /elsewhere/x/")
		}
		if strings.Join(sorted(got), "\n") != strings.Join(sorted(want), "\n") {
			t.Errorf("base %q:\ngot\n%s\nwant\n%s", base, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !isSorted(l.Error()) {
			t.Errorf("diagnostics not sorted")
		}
	}
}

// TestBasePathItself: a link to the base path without its final slash is
// the home page.
func TestBasePathItself(t *testing.T) {
	files := site("/policy")
	files["about.html"] = []byte(`<a href="/policy">home</a>`)
	if l := linkcheck.Check(files, "/policy/", nil); len(l) > 0 {
		t.Fatalf("link to the base path reported as broken: %v", l)
	}
}

// TestRelativeLinkToRoot: "../../" from briefings/a/ and "./" from the home
// page both lead to the home page.
func TestRelativeLinkToRoot(t *testing.T) {
	files := site("")
	files["briefings/a/index.html"] = []byte(`<a href="../../">home</a>`)
	files["index.html"] = []byte(`<a href="./">home</a>`)
	if l := linkcheck.Check(files, "/", nil); len(l) > 0 {
		t.Fatalf("relative link to the root reported as broken: %v", l)
	}
}

// TestBrokenLinkInSource: a broken link written in a briefing is reported
// at its Markdown file and line; one from the theme stays on the page.
func TestBrokenLinkInSource(t *testing.T) {
	files := site("")
	files["briefings/b/index.html"] = []byte(`<p><a href="/briefings/gone/">gone</a> <a href="/tags/%E6%B6%88%E5%A4%B1/">消失</a></p>
<nav><a href="/theme/gone/">theme</a></nav>`)
	src := fstest.MapFS{"content/briefings/b.md": {Data: []byte("---\ntitle: B\n---\n\nSee [gone](/briefings/gone/).\n\nAnd [消失](/tags/消失/).\n")}}
	origin := linkcheck.InSources(src, map[string]string{"briefings/b/index.html": "content/briefings/b.md"})
	var got []string
	for _, d := range linkcheck.Check(files, "/", origin) {
		got = append(got, d.Error())
	}
	want := []string{
		"briefings/b/index.html: broken link to /theme/gone/ (fix the link, or add the page it points to)",
		"content/briefings/b.md:5: broken link to /briefings/gone/ (on page /briefings/b/) (fix the link, or add the page it points to)",
		"content/briefings/b.md:7: broken link to /tags/%E6%B6%88%E5%A4%B1/ (on page /briefings/b/) (fix the link, or add the page it points to)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func isSorted(lines string) bool {
	l := strings.Split(lines, "\n")
	for i := 1; i < len(l); i++ {
		if l[i] < l[i-1] {
			return false
		}
	}
	return true
}

// TestBrokenLinkInTemplate: a broken link that a site's template writes is
// reported once, at the template's line, with the number of pages it is on;
// one under the base path is found as the template writes it for relURL.
func TestBrokenLinkInTemplate(t *testing.T) {
	page := func(body string) []byte { return []byte("<!doctype html><html><body>" + body + "</body></html>") }
	files := map[string][]byte{
		"index.html":             page(`<a href="/policy/about/">About</a> <a href="/policy/gone/">Gone</a>`),
		"briefings/a/index.html": page(`<a href="/policy/about/">About</a> <a href="/policy/">Home</a>`),
		"tags/index.html":        page(`<a href="/policy/about/">About</a>`),
	}
	templates := map[string][]byte{
		"layouts/base.html":            []byte("<body>\n{{template \"main\" .}}\n</body>\n"),
		"layouts/partials/footer.html": []byte("<footer>\n  <a href=\"{{relURL \"/about/\"}}\">About</a>\n</footer>\n"),
	}
	origin := linkcheck.FirstOf(linkcheck.InSources(fstest.MapFS{}, nil), linkcheck.InTemplates(templates, "/policy/"))
	got := linkcheck.Check(files, "/policy/", origin).Error()
	want := "index.html: broken link to /policy/gone/ (fix the link, or add the page it points to)\n" +
		"layouts/partials/footer.html:2: broken link to /policy/about/ (on page /briefings/a/ and on 2 more pages) (fix the link, or add the page it points to)"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
