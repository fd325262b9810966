package build_test

import (
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/linkcheck"
	"brief/internal/search"
	"brief/internal/site"
)

// trilingual reads testdata/trilingual, a site in English, Traditional
// and Simplified Chinese written for these tests: briefings translated
// into one language or both, one with another slug and a translationKey,
// a page bundle with a picture and a PDF, a bundle with only a Chinese
// index, a draft original with a published translation, briefings in one
// language only, terms with names in each language (which the Chinese
// briefings write), funding that translations omit or repeat, and lists
// of several pages.
func trilingual(t testing.TB) fstest.MapFS {
	t.Helper()
	return siteDir(t, filepath.Join("testdata", "trilingual"))
}

// termBriefings lists each edition's terms with the briefings filed under
// them: "zh-Hant tags 穩定幣: hkma-stablecoin-sandbox.zh-Hant.md, ...".
func termBriefings(s *site.Site) []string {
	var out []string
	for _, e := range s.Editions {
		for _, ts := range [][]*site.Term{e.Jurisdictions, e.Tags} {
			for _, tm := range ts {
				var bs []string
				for _, b := range tm.Briefings {
					bs = append(bs, strings.TrimPrefix(b.Path, "content/briefings/"))
				}
				slices.Sort(bs)
				out = append(out, e.Language.Code+" "+tm.Kind+" "+tm.Name+": "+strings.Join(bs, ", "))
			}
		}
	}
	return out
}

// TestTermNamesInBriefingsLanguage: a briefing may name a tag or jurisdiction in
// its own language, as site.toml translates it (tags: [穩定幣] in a
// zh-Hant briefing), or by its declared name; both file it under the one
// term that every edition shares.
func TestTermNamesInBriefingsLanguage(t *testing.T) {
	res, _ := mustBuild(t, trilingual(t), build.Options{})
	got := termBriefings(res.Site)
	for _, want := range []string{
		"en tags stablecoins: hkma-stablecoin-sandbox.md",
		"zh-Hant tags 穩定幣: hk-draft-guidance.zh-Hant.md, hkma-stablecoin-sandbox.zh-Hant.md",
		"zh-Hans tags 稳定币: hkma-stablecoin-sandbox.zh-Hans.md",
		"zh-Hans tags 沙盒: hkma-stablecoin-sandbox.zh-Hans.md",
		"zh-Hans tags 资助: guangzhou-metaverse-plan/index.zh-Hans.md, shenzhen-blockchain-grants.zh-Hans.md",
		"zh-Hant tags 存款: xianggang-daibi-cunkuan.zh-Hant.md",
		"zh-Hans jurisdictions 香港: hkma-stablecoin-sandbox.zh-Hans.md",
		"zh-Hans jurisdictions 广东: guangzhou-metaverse-plan/index.zh-Hans.md, shenzhen-blockchain-grants.zh-Hans.md",
		"zh-Hant jurisdictions 深圳: shenzhen-blockchain-grants.zh-Hant.md",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestTranslatedTermNameErrors: a name in a briefing's language keeps the
// closed list's errors and hints; a name of another language says which
// to write, and a name that could mean two terms is an error.
func TestTranslatedTermNameErrors(t *testing.T) {
	const sandbox = "content/briefings/hkma-stablecoin-sandbox.zh-Hant.md"
	zh := string(trilingual(t)[sandbox].Data)
	cfg := string(trilingual(t)["site.toml"].Data)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a near miss", map[string]string{sandbox: strings.Replace(zh, "tags: [穩定幣, 沙盒]", "tags: [穩定弊, 沙盒]", 1)},
			sandbox + `:5: tags: unknown tag "穩定弊" (did you mean "穩定幣"?)`},
		{"another language's name", map[string]string{sandbox: strings.Replace(zh, "tags: [穩定幣, 沙盒]", "tags: [稳定币, 沙盒]", 1)},
			sandbox + `:5: tags: unknown tag "稳定币" ("稳定币" names the tag "stablecoins" in zh-Hans; a briefing in zh-Hant writes "穩定幣" (or "stablecoins"))`},
		{"a name of two terms", map[string]string{"site.toml": strings.Replace(cfg, "payments = \"\"", "payments = \"\"\n\"沙盒\" = { zh-Hant = \"試驗場\", zh-Hans = \"试验场\" }", 1)},
			sandbox + `:5: tags: "沙盒" is ambiguous in zh-Hant: it could be the tag "sandbox" (named "沙盒" in zh-Hant) or the tag "沙盒" (write the declared name of the one you mean ("sandbox" or "沙盒"), or rename one of them in site.toml)`},
		// Both tags in use, one page for two: site.toml's error alone, not
		// a second one at a briefing for the URL the two names share.
		{"one translated name for two terms", map[string]string{"site.toml": strings.Replace(cfg, `stablecoins = { zh-Hant = "穩定幣"`, `stablecoins = { zh-Hant = "沙盒"`, 1)},
			`site.toml:26: tags.stablecoins.zh-Hant: in zh-Hant, "stablecoins" is named "沙盒", which makes the same URL as "sandbox" ("沙盒") (give them different names in zh-Hant: each gets its own page)`},
		{"a jurisdiction's name", map[string]string{sandbox: strings.Replace(zh, "jurisdiction: Hong Kong", "jurisdiction: 香港島", 1)},
			sandbox + `:4: jurisdiction: unknown jurisdiction "香港島" (did you mean "香港"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(trilingual(t), tc.files), build.Options{})
			if s := strings.TrimSpace(diagnostics(t, err).Errors().Sorted().Error()); s != tc.want {
				t.Errorf("got\n%s\nwant\n%s", s, tc.want)
			}
		})
	}
}

// TestTrilingualPagesAndLinks walks the whole output of the three-language
// site: every page's <html lang> is its edition's, its hreflang alternates exist, are in the language they
// claim and link back with the same set, x-default is the English version,
// the sitemap agrees with the heads, every language switcher link leads to
// a page in its language (term pages without that language's briefings,
// page 2 of a shorter list, year pages, search, tracker and 404 included),
// and no link or picture of any page points to a missing file.
func TestTrilingualPagesAndLinks(t *testing.T) {
	for _, tc := range []struct {
		base   string
		drafts bool // the draft original published, with its translation
	}{{"https://gbdf.example.org/", false}, {"https://x.example/gbdf/", false}, {"https://gbdf.example.org/", true}} {
		base := tc.base
		t.Run(fmt.Sprintf("%s drafts=%v", base, tc.drafts), func(t *testing.T) {
			_, mem := mustBuild(t, trilingual(t), build.Options{BaseURL: base, Drafts: tc.drafts})
			if n := checkAlternates(t, mem, base, "en", []string{"en", "zh-Hant", "zh-Hans"}); n < 40 {
				t.Errorf("%d pages with alternates, want at least 40", n)
			}
			u, _ := url.Parse(base)
			for p, page := range readPages(t, mem) {
				want := "en"
				for _, l := range []string{"zh-Hant", "zh-Hans"} {
					if strings.HasPrefix(p, "/"+strings.ToLower(l)+"/") {
						want = l
					}
				}
				if page.lang != want {
					t.Errorf("%s: <html lang=%q>, want %q", p, page.lang, want)
				}
			}
			if broken := linkcheck.Check(mem.Files, u.Path, nil); len(broken) > 0 {
				t.Errorf("broken links:\n%v", broken)
			}
		})
	}
}

// TestTrilingualIncremental: after each edit, an incremental rebuild of the
// three-language site equals a full build, including a site template that
// shows the titles of a briefing's translations (.Translations), which
// other briefings' edits change: the original's and a translation's
// titles edited, tags and a jurisdiction edited in their Chinese names, a
// translation added and removed, a bundle of translations only getting its
// index.md (its files move beside it) and losing it again.
func TestTrilingualIncremental(t *testing.T) {
	theme, err := fs.ReadFile(brief.DefaultTheme(), "briefing.html")
	if err != nil {
		t.Fatal(err)
	}
	const mark = "</article>"
	if !strings.Contains(string(theme), mark) {
		t.Fatalf("the theme's briefing.html has no %s: update the test", mark)
	}
	fsys := trilingual(t)
	fsys["layouts/briefing.html"] = file(strings.Replace(string(theme), mark,
		`<ul class="versions">{{range .Translations}}<li><a href="{{relURL .URL}}" hreflang="{{.Language.Code}}">{{.Title}}</a></li>{{end}}</ul>`+mark, 1))
	const (
		sandbox = "content/briefings/hkma-stablecoin-sandbox.md"
		grants  = "content/briefings/shenzhen-blockchain-grants.zh-Hant.md"
		macau   = "content/briefings/macau-payments-note/index.md"
	)
	deposits := "content/briefings/hk-tokenised-deposits.zh-Hans.md"
	checkIncremental(t, fsys,
		replaceIn(sandbox, "HKMA opens a sandbox", "The HKMA opens a sandbox"),
		replaceIn("content/briefings/hkma-stablecoin-sandbox.zh-Hans.md", "香港金管局为稳定币", "金管局为稳定币"),
		replaceIn("content/briefings/hkma-stablecoin-sandbox.zh-Hant.md", "tags: [穩定幣, 沙盒]", "tags: [沙盒]"),
		replaceIn("content/briefings/hkma-stablecoin-sandbox.zh-Hant.md", "jurisdiction: Hong Kong", "jurisdiction: 澳門"),
		put(deposits, "---\ntitle: \"香港银行试行代币化存款\"\ndate: 2023-11-20T09:00:00+08:00\njurisdiction: 香港\ntags: [deposits]\nsummary: \"多家银行测试存款代币。\"\n---\n\n银行试行存款代币。\n"),
		replaceIn("content/briefings/hk-tokenised-deposits.md", "Banks in Hong Kong try", "Hong Kong banks try"),
		del(deposits),
		del(grants),
		put(macau, "---\ntitle: \"A note on payments in Macau\"\ndate: 2024-01-05T09:00:00+08:00\njurisdiction: Macau\ntags: [payments]\nsummary: \"Macau promotes electronic payments.\"\nimage: tower.png\nimageAlt: \"A tower\"\n---\n\n![A tower](tower.png)\n\nSee [the report](report.pdf).\n"),
		replaceIn(macau, "A note on payments", "Notes on payments"),
		del(macau),
	)
}

// TestBundleOfTranslationsOnly: a page bundle may hold only a translation
// (index.zh-Hant.md, no index.md): its files and resized pictures are
// beside its page, and nothing is published where the English page would be.
func TestBundleOfTranslationsOnly(t *testing.T) {
	_, mem := mustBuild(t, trilingual(t), build.Options{})
	const dir = "zh-hant/briefings/macau-payments-note/"
	for _, p := range []string{"index.html", "report.pdf", "tower.png", "tower-64w.png"} {
		if !hasPath(mem, dir+p) {
			t.Errorf("no %s%s", dir, p)
		}
	}
	for p := range mem.Files {
		if strings.Contains(p, "macau-payments-note") && !strings.HasPrefix(p, dir) {
			t.Errorf("%s: published outside the only edition's page", p)
		}
	}
	mustContain(t, "the page", mem.Files[dir+"index.html"], `src="/zh-hant/briefings/macau-payments-note/tower-64w.png"`, `href="report.pdf"`)
}

// TestTrilingualErrors: the language errors of issue 17 on the
// three-language site, each at its file (and line, where there is one),
// with its field and a hint.
func TestTrilingualErrors(t *testing.T) {
	fsys := trilingual(t)
	const (
		dir  = "content/briefings/"
		en   = dir + "hkma-stablecoin-sandbox.md"
		hant = dir + "hkma-stablecoin-sandbox.zh-Hant.md"
	)
	enText, hantText := string(fsys[en].Data), string(fsys[hant].Data)
	cfg := string(fsys["site.toml"].Data)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a regional tag the site writes otherwise", map[string]string{dir + "hkma-stablecoin-sandbox.zh-CN.md": hantText},
			dir + `hkma-stablecoin-sandbox.zh-CN.md: language "zh-CN" is not one of the site's languages (en, zh-Hant, zh-Hans) (did you mean "zh-Hans"? (name the file hkma-stablecoin-sandbox.zh-Hans.md))`},
		{"the default language's region", map[string]string{dir + "en-note-2019.en-GB.md": enText},
			dir + `en-note-2019.en-GB.md: language "en-GB" is not one of the site's languages (en, zh-Hant, zh-Hans) (did you mean "en"? (name the file en-note-2019.md))`},
		{"a language the site lacks", map[string]string{dir + "en-note-2019.fr.md": enText},
			dir + `en-note-2019.fr.md: language "fr" is not one of the site's languages (en, zh-Hant, zh-Hans) (declare it in site.toml as [languages.fr], or use one of en, zh-Hant, zh-Hans)`},
		{"a language in the front matter", map[string]string{hant: strings.Replace(hantText, "date:", "lang: zh-Hans\ndate:", 1)},
			hant + `:3: lang: unknown field (remove it: the file name says the language (zh-Hant), and a briefing of another language is a file of its own)`},
		{"a language in an original's front matter", map[string]string{en: strings.Replace(enText, "date:", "language: en\ndate:", 1)},
			en + `:3: language: unknown field (remove it: a briefing's language is in its file name (hkma-stablecoin-sandbox.zh-Hant.md is in zh-Hant; without one, in the site's default language))`},
		{"two files of one language and key", map[string]string{dir + "hkma-sandbox-2.zh-Hant.md": strings.Replace(hantText, "date:", "translationKey: briefings/hkma-stablecoin-sandbox\ndate:", 1)},
			dir + `hkma-sandbox-2.zh-Hant.md:3: translationKey: content/briefings/hkma-sandbox-2.zh-Hant.md and content/briefings/hkma-stablecoin-sandbox.zh-Hant.md (content/briefings/hkma-stablecoin-sandbox.zh-Hant.md:1) are both the zh-Hant edition of "briefings/hkma-stablecoin-sandbox" (give one of them another translationKey, or remove one)`},
		{"a tag's translated name makes another's URL", map[string]string{"site.toml": strings.Replace(cfg, `grants = { zh-Hant = "資助"`, `grants = { zh-Hant = "沙盒"`, 1)},
			`site.toml:27: tags.sandbox.zh-Hant: in zh-Hant, "sandbox" is named "沙盒", which makes the same URL as "grants" ("沙盒") (give them different names in zh-Hant: each gets its own page)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(fsys, tc.files), build.Options{})
			if s := strings.TrimSpace(diagnostics(t, err).Errors().Sorted().Error()); s != tc.want {
				t.Errorf("got\n%s\nwant\n%s", s, tc.want)
			}
		})
	}
	// The warning, with the build going on.
	res, _ := mustBuild(t, fsys, build.Options{})
	want := dir + `hk-draft-guidance.zh-Hant.md:1: warning: translates content/briefings/hk-draft-guidance.md, which is a draft: the translation is published without it (publish the original, or keep the translation a draft until it is)`
	if s := strings.TrimSpace(res.Warnings.Sorted().Error()); s != want {
		t.Errorf("warnings:\n%s\nwant\n%s", s, want)
	}
}

// TestTrilingualSearch: each edition's search index holds its own
// briefings only, and the Chinese ones keep their two-character pairs:
// a word of a Simplified and of a Traditional briefing is found in its
// edition's index, by the reader that mirrors search.js, and not in the
// others.
func TestTrilingualSearch(t *testing.T) {
	_, mem := mustBuild(t, trilingual(t), build.Options{})
	for _, tc := range []struct {
		prefix, query string
		want          []string // URLs found, best first
	}{
		{"zh-hans/", "稳定币", []string{"/zh-hans/briefings/hkma-stablecoin-sandbox/"}},
		{"zh-hans/", "跨境支付", []string{"/zh-hans/briefings/hengqin-cross-border/"}},
		{"zh-hans/", "穩定幣", nil},
		{"zh-hant/", "穩定幣", []string{"/zh-hant/briefings/hkma-stablecoin-sandbox/", "/zh-hant/briefings/hk-draft-guidance/"}},
		{"zh-hant/", "代幣化", []string{"/zh-hant/briefings/xianggang-daibi-cunkuan/"}},
		{"zh-hant/", "电子支付", nil},
		{"zh-hant/", "電子支付", []string{"/zh-hant/briefings/macau-payments-note/"}},
		{"", "sandbox", []string{"/briefings/hkma-stablecoin-sandbox/", "/briefings/hk-tokenised-deposits/"}},
		{"", "稳定币", nil},
	} {
		r, err := search.Open(func(p string) ([]byte, error) {
			data, ok := mem.Files[tc.prefix+"search/"+p]
			if !ok {
				return nil, fmt.Errorf("no file %ssearch/%s", tc.prefix, p)
			}
			return data, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := r.Search(tc.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			f, err := r.Fragment(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, f.URL)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("/%ssearch/ %q: %v, want %v", tc.prefix, tc.query, got, tc.want)
		}
	}
}
