package build_test

import (
	"bytes"
	"encoding/xml"
	"maps"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"brief/internal/build"
	"brief/internal/feeds"
	"brief/internal/htmltest"
	"brief/internal/output"
)

// builtPage is what the symmetry tests read of a built page.
type builtPage struct {
	lang      string            // <html lang>
	canonical string            // absolute
	hreflang  map[string]string // hreflang -> absolute URL
	order     []string          // the hreflang values in the order written
	switcher  []switchLink
}

type switchLink struct{ href, hreflang, lang, current string }

// readPages parses every HTML page of a build but the redirect pages at
// old paths, by site path ("/zh-hant/tags/").
func readPages(t *testing.T, mem *output.Memory) map[string]*builtPage {
	t.Helper()
	out := map[string]*builtPage{}
	for _, p := range paths(mem.Files) {
		if !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "admin/") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(mem.Files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "meta" && htmltest.Attr(n, "http-equiv") == "refresh" }) != nil {
			continue // an alias's redirect page
		}
		bp := &builtPage{hreflang: map[string]string{}}
		htmltest.Walk(doc, func(n *html.Node) {
			switch {
			case n.Type != html.ElementNode:
			case n.Data == "html":
				bp.lang = htmltest.Attr(n, "lang")
			case n.Data == "link" && htmltest.Attr(n, "rel") == "canonical":
				bp.canonical = unescape(t, htmltest.Attr(n, "href"))
			case n.Data == "link" && htmltest.Attr(n, "rel") == "alternate" && htmltest.Attr(n, "hreflang") != "":
				h := htmltest.Attr(n, "hreflang")
				if _, dup := bp.hreflang[h]; dup {
					t.Errorf("/%s: hreflang %q twice", p, h)
				}
				bp.hreflang[h] = unescape(t, htmltest.Attr(n, "href"))
				bp.order = append(bp.order, h)
			case n.Data == "nav" && htmltest.HasClass(n, "languages"):
				if htmltest.Attr(n, "aria-label") == "" {
					t.Errorf("/%s: the language switcher has no aria-label", p)
				}
				htmltest.Walk(n, func(a *html.Node) {
					if a.Type == html.ElementNode && a.Data == "a" {
						bp.switcher = append(bp.switcher, switchLink{unescape(t, htmltest.Attr(a, "href")), htmltest.Attr(a, "hreflang"), htmltest.Attr(a, "lang"), htmltest.Attr(a, "aria-current")})
					}
				})
			}
		})
		sitePath := "/" + strings.TrimSuffix(p, "index.html")
		out[sitePath] = bp
	}
	return out
}

// unescape undoes the percent-encoding html/template gives the non-ASCII
// characters of URLs in attributes (the sitemap has them as they are).
func unescape(t *testing.T, u string) string {
	t.Helper()
	s, err := url.PathUnescape(u)
	if err != nil {
		t.Errorf("%q: %v", u, err)
	}
	return s
}

// pathOf is the site path of an absolute URL of the site at base.
func pathOf(t *testing.T, base, abs string) string {
	t.Helper()
	if !strings.HasPrefix(abs, base) {
		t.Errorf("%s is not a URL of the site (%s)", abs, base)
		return abs
	}
	return "/" + strings.TrimPrefix(abs, base)
}

// checkAlternates checks the language links of a whole built site: every
// hreflang alternate exists, has the language it claims and links back
// with the same set; each page lists itself; x-default is the default
// language's version whenever there is one; the sitemap lists the same
// alternates as the pages' heads; and every link of the language switcher
// leads to a page that exists, in the language it says, the current one
// marked. It returns how many pages had alternates.
func checkAlternates(t *testing.T, mem *output.Memory, base, defaultLang string, langs []string) int {
	t.Helper()
	all := readPages(t, mem)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	basePath := strings.TrimSuffix(u.Path, "/") // links within the site start with it
	withAlternates := 0
	for p, bp := range all {
		if len(bp.hreflang) > 0 {
			withAlternates++
			if bp.hreflang[bp.lang] != bp.canonical {
				t.Errorf("%s: hreflang %q is %q, not the page itself (%s)", p, bp.lang, bp.hreflang[bp.lang], bp.canonical)
			}
			if d, ok := bp.hreflang[defaultLang]; ok != (bp.hreflang["x-default"] != "") || d != bp.hreflang["x-default"] {
				t.Errorf("%s: x-default %q, default language's version %q", p, bp.hreflang["x-default"], d)
			}
			for h, abs := range bp.hreflang {
				other := all[pathOf(t, base, abs)]
				switch {
				case other == nil:
					t.Errorf("%s: alternate %s (%s) does not exist", p, abs, h)
				case h != "x-default" && other.lang != h:
					t.Errorf("%s: alternate %s claims %s, and is in %q", p, abs, h, other.lang)
				case !maps.Equal(other.hreflang, bp.hreflang):
					t.Errorf("%s: alternate %s lists\n%v\nand the page\n%v", p, abs, other.hreflang, bp.hreflang)
				}
			}
		}
		if len(bp.switcher) > 0 && len(bp.switcher) != len(langs) {
			t.Errorf("%s: the switcher has %d languages, want %d", p, len(bp.switcher), len(langs))
		}
		for i, l := range bp.switcher {
			l.href = strings.TrimPrefix(l.href, basePath)
			target := all[strings.TrimSuffix(l.href, "index.html")]
			switch {
			case i >= len(langs) || l.hreflang != langs[i] || l.lang != langs[i]:
				t.Errorf("%s: switcher link %d: hreflang %q, lang %q, want %q", p, i, l.hreflang, l.lang, langs[i])
			case target == nil:
				t.Errorf("%s: switcher link to %s (%s) leads nowhere", p, l.href, l.hreflang)
			case target.lang != l.hreflang:
				t.Errorf("%s: switcher link to %s says %s, and the page is in %q", p, l.href, l.hreflang, target.lang)
			case (l.current == "page") != (l.hreflang == bp.lang):
				t.Errorf("%s: switcher link %s: aria-current %q on a page in %s", p, l.hreflang, l.current, bp.lang)
			case l.current == "page" && target != bp:
				t.Errorf("%s: the current language's link goes to %s", p, l.href)
			case l.hreflang != bp.lang && bp.hreflang[l.hreflang] != "" && pathOf(t, base, bp.hreflang[l.hreflang]) != l.href:
				t.Errorf("%s: switcher goes to %s, and the translation is %s", p, l.href, bp.hreflang[l.hreflang])
			}
		}
	}

	data := mem.Files["sitemap.xml"]
	if problems := feeds.ValidateSitemap(data); len(problems) > 0 {
		t.Errorf("invalid sitemap: %v", problems)
	}
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	for _, u := range set.URLs {
		bp := all[pathOf(t, base, u.Loc)]
		if bp == nil {
			t.Errorf("sitemap lists %s, which is no page", u.Loc)
			continue
		}
		got := map[string]string{}
		for _, l := range u.Links {
			got[l.HrefLang] = l.Href
		}
		if !maps.Equal(got, bp.hreflang) {
			t.Errorf("sitemap: %s has alternates\n%v\nand its head\n%v", u.Loc, got, bp.hreflang)
		}
	}
	return withAlternates
}

// TestHrefLangSymmetry: in a built bilingual site every alternate links
// back, every alternate exists, x-default is consistent, the sitemap
// agrees with the heads and the switcher never leads to a missing page;
// under a base path too.
func TestHrefLangSymmetry(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		fsys       fstest.MapFS
		min        int // pages with alternates, at least
	}{
		{"fixture", "", bilingual(), 20},
		{"fixture under a path", "https://x.example/policy/", bilingual(), 20},
		{"example", "", exampleSite(t), 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, mem := mustBuild(t, tc.fsys, build.Options{BaseURL: tc.base})
			base := tc.base
			if base == "" {
				base = baseOf(t, mem)
			}
			if n := checkAlternates(t, mem, base, "en", []string{"en", "zh-Hant"}); n < tc.min {
				t.Errorf("%d pages with alternates, want at least %d", n, tc.min)
			}
		})
	}
}

// baseOf is the site's base URL, from the home page's canonical link.
func baseOf(t *testing.T, mem *output.Memory) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(mem.Files["index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	n := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "link" && htmltest.Attr(n, "rel") == "canonical" })
	if n == nil {
		t.Fatal("home page without a canonical link")
	}
	return htmltest.Attr(n, "href")
}

// TestOneLanguageHasNoAlternates: a site without [languages] has no
// hreflang links, no switcher and a sitemap without alternates.
func TestOneLanguageHasNoAlternates(t *testing.T) {
	_, mem := mustBuild(t, fixture(), build.Options{})
	for p, data := range mem.Files {
		if strings.HasSuffix(p, ".html") && (bytes.Contains(data, []byte("hreflang")) || bytes.Contains(data, []byte(`class="languages"`))) {
			t.Errorf("%s: hreflang or a switcher in a site of one language", p)
		}
	}
	if bytes.Contains(mem.Files["sitemap.xml"], []byte("xhtml")) {
		t.Error("sitemap with alternates in a site of one language")
	}
}

// TestGoldenBilingual compares pages of both editions of the bilingual
// fixture with reviewed copies: their heads carry the hreflang links and
// the translations in structured data, their headers the switcher.
func TestGoldenBilingual(t *testing.T) {
	_, mem := mustBuild(t, bilingual(), build.Options{})
	checkGoldens(t, mem, []goldenPage{
		{"bilingual-briefing.zh-Hant.html", "zh-hant/briefings/beijing-web3/index.html"},
		{"bilingual-briefing.en.html", "briefings/beijing-web3/index.html"},
		{"bilingual-home.zh-Hant.html", "zh-hant/index.html"},
	})
}

// TestIncrementalAlternates: adding, retitling, moving and removing a
// translation, or a briefing's only page in a language, changes the
// hreflang links, the switcher and the sitemap of every page concerned
// exactly as a full build does; so does adding a year only one edition has.
func TestIncrementalAlternates(t *testing.T) {
	fsys := bilingual()
	const p = "content/briefings/chaoyang-zh.zh-Hant.md"
	zh := string(fsys[p].Data)
	delete(fsys, p)
	checkIncremental(t, fsys,
		put(p, zh),
		replaceIn(p, `title: "朝陽區開設 Web3 中心"`, `title: "朝陽 Web3 中心"`),
		replaceIn(p, "date: 2023-07-11", "date: 2021-07-11\nslug: chaoyang-centre"),
		replaceIn(p, "translationKey: chaoyang", "translationKey: other"),
		del(p),
		put("content/briefings/only-zh.zh-Hant.md", "---\ntitle: \"只有中文\"\ndate: 2020-01-02\ntags: [Web3]\n---\n\n正文。\n"),
		del("content/briefings/only-zh.zh-Hant.md"),
	)
}
