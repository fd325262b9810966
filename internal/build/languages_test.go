package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/golden"
	"brief/internal/site"
	"brief/internal/sources"
)

// exampleSite reads the repository's own site (site.toml, content/,
// static/) into memory; the theme is the embedded default.
func exampleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	return siteDir(t, filepath.Join("..", ".."))
}

// siteDir reads the site in the folder root into memory: site.toml,
// content/ and static/.
func siteDir(t testing.TB, root string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	if data, err := os.ReadFile(filepath.Join(root, sources.ConfigFile)); err == nil {
		fsys[sources.ConfigFile] = &fstest.MapFile{Data: data}
	}
	for _, top := range []string{sources.ContentDir, sources.StaticDir} {
		err := fs.WalkDir(os.DirFS(root), top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, ok := sources.Classify(p); !ok {
				return nil
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return fsys
}

// manifest lists every output file with the SHA-256 of its bytes.
func manifest(files map[string][]byte) []byte {
	var b strings.Builder
	for _, p := range paths(files) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(files[p]), p)
	}
	return []byte(b.String())
}

// TestSingleLanguageUnchanged holds a site without [languages] to the
// output it had before languages existed, file for file and byte for byte:
// the manifests were written by the build before the second language was
// added. A deliberate change of the theme or of the example site rewrites
// them with -update.
func TestSingleLanguageUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{{"fixture", fixture()}, {"example", oneLanguage(exampleSite(t))}} {
		t.Run(tc.name, func(t *testing.T) {
			_, mem := mustBuild(t, tc.fsys, build.Options{Fingerprint: true})
			golden.Check(t, filepath.Join("testdata", "golden", "single-language-"+tc.name+".txt"), manifest(mem.Files))
		})
	}
}

// termNameInChinese is a tag's or jurisdiction's name (zh-Hant = "...")
// or its table of name, description and note (zh-Hant = { ... }) in the
// Chinese edition, in site.toml.
var termNameInChinese = regexp.MustCompile(`zh-Hant = "[^"]*", |, zh-Hant = \{[^{}]*\}`)

// oneLanguage is a site without its [languages] tables, translations and
// names of terms in other languages: the example site as it was before its
// Traditional Chinese edition.
func oneLanguage(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for p, f := range fsys {
		if _, _, translation := sources.FileLanguage(p); !translation {
			out[p] = f
		}
	}
	var cfg []string
	skip := false
	for _, line := range strings.SplitAfter(string(fsys[sources.ConfigFile].Data), "\n") {
		if strings.HasPrefix(line, "[") {
			skip = strings.HasPrefix(line, "[languages")
		}
		if !skip {
			cfg = append(cfg, termNameInChinese.ReplaceAllString(line, ""))
		}
	}
	out[sources.ConfigFile] = file(strings.Join(cfg, ""))
	return out
}

// bilingual is the fixture site with a Traditional Chinese edition: two
// translations by file name (one with its own funding, one inheriting it),
// one by translationKey with another slug, and an untranslated briefing.
func bilingual() fstest.MapFS {
	fsys := fixture()
	cfg := string(fsys["site.toml"].Data) + `
[languages.en]
name = "English"

[languages.zh-Hant]
name = "繁體中文"
title = "測試簡報"
description = "測試用的政策簡報。"
`
	fsys["site.toml"] = file(cfg)
	fsys["content/briefings/beijing-web3.zh-Hant.md"] = file(`---
title: "北京每年投入一億元人民幣發展 Web3"
date: 2023-05-30
jurisdiction: [Beijing]
tags: [Web3, funding]
summary: "朝陽區每年投入一億元人民幣支持 Web3 產業。"
funding:
  - amount: "1亿"
    currency: CNY
    purpose: "Web3 產業支持"
---

北京朝陽區發佈白皮書。

## 北京市政策

參閱[香港政策宣言](hk-policy.md#宣言內容)。
`)
	fsys["content/briefings/hk-policy.zh-Hant.md"] = file(`---
title: "香港虛擬資產政策宣言"
date: 2022-10-31T10:00:00+08:00
jurisdiction: Hong Kong
tags: [Web3]
summary: "政府闡述虛擬資產的願景。"
---

## 宣言內容

宣言很短。
`)
	fsys["content/briefings/chaoyang-zh.zh-Hant.md"] = file(`---
title: "朝陽區開設 Web3 中心"
date: 2023-07-11
jurisdiction: [Chaoyang]
tags: [Web3]
translationKey: chaoyang
---

中心開幕。
`)
	fsys["content/briefings/chaoyang-hub.md"] = file(strings.Replace(string(fsys["content/briefings/chaoyang-hub.md"].Data),
		"tags: [Web3, WEB3 ]", "tags: [Web3, WEB3 ]\ntranslationKey: chaoyang", 1))
	return fsys
}

func TestBilingualOutputs(t *testing.T) {
	res, mem := mustBuild(t, bilingual(), build.Options{})
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	for _, p := range []string{
		"index.html", "briefings/beijing-web3/index.html", "tags/web3/index.html", "feed.xml", "search/manifest.json",
		"zh-hant/index.html", "zh-hant/briefings/beijing-web3/index.html", "zh-hant/briefings/hk-policy/index.html",
		"zh-hant/briefings/chaoyang-zh/index.html", "zh-hant/tags/web3/index.html", "zh-hant/jurisdictions/beijing/index.html",
		"zh-hant/jurisdictions/index.html", "zh-hant/tags/index.html", "zh-hant/archive/index.html", "zh-hant/archive/2023/index.html",
		"zh-hant/funding/index.html", "zh-hant/search/index.html", "zh-hant/search/manifest.json", "zh-hant/feed.xml",
		"zh-hant/feed.json", "zh-hant/tags/web3/feed.xml", "zh-hant/data/briefings.json", "zh-hant/data/funding.csv",
		"zh-hant/404.html", "sitemap.xml", "robots.txt",
	} {
		if !hasPath(mem, p) {
			t.Errorf("no %s", p)
		}
	}
	for _, p := range []string{"zh-hant/sitemap.xml", "zh-hant/robots.txt", "briefings/beijing-web3.zh-hant/index.html", "briefings/chaoyang-zh/index.html"} {
		if hasPath(mem, p) {
			t.Errorf("%s should not exist", p)
		}
	}
	zh := string(mem.Files["zh-hant/briefings/beijing-web3/index.html"])
	mustContain(t, "the Chinese briefing", []byte(zh), `<html lang="zh-Hant">`, "測試簡報", `href="/zh-hant/jurisdictions/beijing/"`,
		// A link to the English file goes to its translation in this edition.
		`href="/zh-hant/briefings/hk-policy/#%E5%AE%A3%E8%A8%80%E5%85%A7%E5%AE%B9"`)
	mustContain(t, "the English briefing", mem.Files["briefings/beijing-web3/index.html"], `<html lang="en">`, "Test Brief")
	mustContain(t, "the Chinese feed", mem.Files["zh-hant/feed.xml"], "測試簡報", "https://brief.example/zh-hant/briefings/beijing-web3/")
	if strings.Contains(string(mem.Files["zh-hant/feed.xml"]), "https://brief.example/briefings/") {
		t.Error("the Chinese feed lists English briefings")
	}
	// Each edition's data file names that edition's home page.
	mustContain(t, "the Chinese data file", mem.Files["zh-hant/data/briefings.json"], `"url": "https://brief.example/zh-hant/"`)
	mustContain(t, "the English data file", mem.Files["data/briefings.json"], `"url": "https://brief.example/"`)
	// One sitemap for the site, with the pages of both editions.
	mustContain(t, "the sitemap", mem.Files["sitemap.xml"], "https://brief.example/briefings/beijing-web3/", "https://brief.example/zh-hant/briefings/beijing-web3/")
	// The Chinese search index holds the Chinese edition only.
	if res.Site.Language.Code != "en" || len(res.Site.Editions) != 2 {
		t.Errorf("result site: %v, %d editions", res.Site.Language.Code, len(res.Site.Editions))
	}
}

func TestTranslationsInTheModel(t *testing.T) {
	res, _ := mustBuild(t, bilingual(), build.Options{})
	en, zh := res.Site.Editions[0], res.Site.Editions[1]
	if zh.Language.Code != "zh-Hant" || zh.Language.Prefix != "/zh-hant" || zh.Language.Home != "/zh-hant/" || zh.Language.Name != "繁體中文" {
		t.Errorf("zh-Hant edition's language: %+v", zh.Language)
	}
	if len(en.Languages) != 2 || en.Languages[1].Home != "/zh-hant/" {
		t.Errorf("languages: %+v", en.Languages)
	}
	translations := func(s *site.Site) string {
		var out []string
		for _, b := range s.Briefings {
			var ts []string
			for _, tr := range b.Translations {
				ts = append(ts, tr.Language.Code+" "+tr.URL+" "+tr.Title)
			}
			out = append(out, b.URL+": "+strings.Join(ts, "; "))
		}
		return strings.Join(out, "\n")
	}
	want := `/briefings/chaoyang-hub/: zh-Hant /zh-hant/briefings/chaoyang-zh/ 朝陽區開設 Web3 中心
/briefings/beijing-web3/: zh-Hant /zh-hant/briefings/beijing-web3/ 北京每年投入一億元人民幣發展 Web3
/briefings/hk-policy/: zh-Hant /zh-hant/briefings/hk-policy/ 香港虛擬資產政策宣言`
	if got := translations(en); got != want {
		t.Errorf("English translations:\n%s\nwant\n%s", got, want)
	}
	want = `/zh-hant/briefings/chaoyang-zh/: en /briefings/chaoyang-hub/ Chaoyang opens a Web3 hub
/zh-hant/briefings/beijing-web3/: en /briefings/beijing-web3/ Beijing pledges CNY 100m a year for Web3
/zh-hant/briefings/hk-policy/: en /briefings/hk-policy/ Hong Kong policy statement on virtual assets`
	if got := translations(zh); got != want {
		t.Errorf("Chinese translations:\n%s\nwant\n%s", got, want)
	}
	for _, tag := range zh.Tags {
		if tag.Name == "Web3" && (len(tag.Translations) != 1 || tag.Translations[0].URL != "/tags/web3/") {
			t.Errorf("the Chinese Web3 tag's translations: %+v", tag.Translations)
		}
	}
	hk, _ := zh.Lookup("content/briefings/hk-policy.zh-Hant.md")
	if hk.Inherits == nil || hk.Inherits.Path != "content/briefings/hk-policy.md" || len(hk.Funding) != 1 {
		t.Errorf("the translation without funding inherits the original's: %+v", hk.Inherits)
	}
}

func TestLanguageErrors(t *testing.T) {
	zhHK := string(bilingual()["content/briefings/hk-policy.zh-Hant.md"].Data)
	for _, tc := range []struct {
		name  string
		fsys  fstest.MapFS
		files map[string]string
		want  string // every problem, errors and warnings
	}{
		{"a translation in a site of one language", fixture(), map[string]string{"content/briefings/hk-policy.zh-Hant.md": zhHK},
			`content/briefings/hk-policy.zh-Hant.md: the file name says the language "zh-Hant", and the site has one language (en) (declare the languages in site.toml, [languages.en] with name = "English" and [languages.zh-Hant] with name = "..."; or rename the file hk-policy.md if it is no translation)`},
		{"a language not declared", bilingual(), map[string]string{"content/briefings/hk-policy.zh-Hans.md": zhHK},
			`content/briefings/hk-policy.zh-Hans.md: language "zh-Hans" is not one of the site's languages (en, zh-Hant) (did you mean "zh-Hant"?)`},
		{"two files of one language and key", bilingual(), map[string]string{"content/briefings/hk-zh.zh-Hant.md": strings.Replace(zhHK, "tags: [Web3]", "tags: [Web3]\ntranslationKey: briefings/hk-policy", 1),
			"content/briefings/hk-policy.md": strings.Replace(string(fixture()["content/briefings/hk-policy.md"].Data), "tags: [Web3, Policy]", "tags: [Web3, Policy]\ntranslationKey: briefings/hk-policy", 1)},
			`content/briefings/hk-zh.zh-Hant.md:6: translationKey: content/briefings/hk-zh.zh-Hant.md and content/briefings/hk-policy.zh-Hant.md (content/briefings/hk-policy.zh-Hant.md:1) are both the zh-Hant edition of "briefings/hk-policy" (give one of them another translationKey, or remove one)`},
		{"a translation of a draft", bilingual(), map[string]string{"content/briefings/draft-note.zh-Hant.md": "---\ntitle: 未完成\ndate: 2023-01-01\n---\n\n未完。\n"},
			`content/briefings/draft-note.zh-Hant.md:1: warning: translates content/briefings/draft-note.md, which is a draft: the translation is published without it (publish the original, or keep the translation a draft until it is)`},
		{"a translation that contradicts the original's funding", bilingual(), map[string]string{"content/briefings/beijing-web3.zh-Hant.md": strings.Replace(string(bilingual()["content/briefings/beijing-web3.zh-Hant.md"].Data), `"1亿"`, `"2亿"`, 1)},
			`content/briefings/beijing-web3.zh-Hant.md:8: funding[0]: CNY 200,000,000 differs from CNY 100,000,000 in the briefing it translates (content/briefings/beijing-web3.md:10) (state the original's amounts, or leave funding out of the translation to show the original's)`},
		{"a translation with more funding items", bilingual(), map[string]string{"content/briefings/hk-policy.zh-Hant.md": strings.Replace(zhHK, "tags: [Web3]", "tags: [Web3]\nfunding:\n  - amount: 1\n    currency: HKD\n  - amount: 2\n    currency: HKD", 1)},
			`content/briefings/hk-policy.zh-Hant.md:6: funding: has 2 funding items, and the briefing it translates has 1 (content/briefings/hk-policy.md:8) (state the original's amounts, or leave funding out of the translation to show the original's)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _, err := buildFS(t, with(tc.fsys, tc.files), build.Options{})
			var got diag.List
			if err != nil {
				got = diagnostics(t, err)
			} else {
				got = res.Warnings
			}
			if s := strings.TrimSpace(got.Sorted().Error()); s != tc.want {
				t.Errorf("got\n%s\nwant\n%s", s, tc.want)
			}
		})
	}
}

// A page bundle's translation is index.zh-Hant.md beside index.md: its
// page is under the language's prefix and shows the resized pictures from
// the original's folder; the bundle's files are beside each edition's
// page too, so that a relative link to one ([the data](t.csv)) works in
// every language.
func TestBundleTranslation(t *testing.T) {
	fsys := bundleSite()
	for p, f := range bilingual() {
		if p == "site.toml" {
			fsys[p] = f
		}
	}
	fsys["content/briefings/hk-stablecoins/index.zh-Hant.md"] = file(`---
title: "香港向穩定幣發行人發牌"
date: 2024-05-01
jurisdiction: Hong Kong
tags: [stablecoins]
image: photo.jpg
imageAlt: "黃昏的維多利亞港"
---

條例於八月一日生效。

![每季持牌發行人](chart.png "持牌發行人，2025")
`)
	_, mem := mustBuild(t, fsys, build.Options{})
	zh := mem.Files["zh-hant/briefings/hk-stablecoins/index.html"]
	mustContain(t, "the bundle's translation", zh, `lang="zh-Hant"`, `src="/briefings/hk-stablecoins/chart`, "香港向穩定幣發行人發牌")
	if !hasPath(mem, "briefings/hk-stablecoins/chart.png") || !hasPath(mem, "zh-hant/briefings/hk-stablecoins/chart.png") {
		t.Error("the bundle's files are published beside each edition's page")
	}
	copies := map[string]int{}
	for p := range mem.Files {
		if regexp.MustCompile(`-\d+w\.\w+$`).MatchString(p) {
			copies[path.Dir(p)]++
		}
	}
	if copies["briefings/hk-stablecoins"] == 0 || copies["zh-hant/briefings/hk-stablecoins"] > 0 {
		t.Errorf("the resized copies are published once, beside the original: %v", copies)
	}
}

// TestFundingWithTranslations: a briefing's translations describe the same
// money, so each edition counts it once: the English edition's totals and
// data are those of the site without translations, and the Chinese
// edition's (one translation with its own items, one inheriting them) add
// up to the same figures.
func TestFundingWithTranslations(t *testing.T) {
	_, one := mustBuild(t, fixture(), build.Options{})
	_, two := mustBuild(t, bilingual(), build.Options{})
	for _, p := range []string{"data/funding.csv", "data/briefings.json", "jurisdictions/china/index.html", "archive/2022/index.html", "funding/index.html"} {
		if a, b := mainOf(one.Files[p]), mainOf(two.Files[p]); a != b {
			t.Errorf("%s differs once the site has translations:\n%s", p, golden.LineDiff(a, b))
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(two.Files["zh-hant/data/funding.csv"])).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("zh-hant/data/funding.csv: %d rows, %v", len(rows), err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+" "+r[5]+" "+r[6]+" "+r[7])
	}
	want := "https://brief.example/zh-hant/briefings/beijing-web3/ 100000000 CNY 13800000," +
		"https://brief.example/zh-hant/briefings/hk-policy/ 50000000 HKD 6400000"
	if strings.Join(got, ",") != want {
		t.Errorf("the Chinese edition's funding rows:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	mustContain(t, "the Chinese China page", two.Files["zh-hant/jurisdictions/china/index.html"], "1,380萬美元")
	mustContain(t, "the Chinese 2022 archive", two.Files["zh-hant/archive/2022/index.html"], "640萬美元")
	mustContain(t, "the English tracker", two.Files["funding/index.html"], "2 funding figures in 2 briefings, in total ≈ US$20.2m")
	mustContain(t, "the Chinese tracker", two.Files["zh-hant/funding/index.html"], "2 篇簡報載有 2 項資金數字", `title="USD 20,200,000`)
}

// mainOf is a page's <main> (what differs between editions besides the
// head and the language switcher), or the whole file when it has none.
func mainOf(b []byte) string {
	s := string(b)
	if i, j := strings.Index(s, "<main"), strings.Index(s, "</main>"); i >= 0 && j > i {
		return s[i:j]
	}
	return s
}

// TestTermTranslations: a term's identity across editions is its name as
// declared (briefings of every language write it so); its translated name
// in site.toml names its page in the edition, and each page lists the
// others as its translations: the 香港 page is the Hong Kong page's.
func TestTermTranslations(t *testing.T) {
	fsys := bilingual()
	fsys["site.toml"] = file(strings.Replace(string(fsys["site.toml"].Data), `"Hong Kong" = {}`, `"Hong Kong" = { zh-Hant = "香港" }`, 1))
	res, _ := mustBuild(t, fsys, build.Options{})
	var got []string
	for _, e := range res.Site.Editions {
		for _, j := range e.Jurisdictions {
			for _, tr := range j.Translations {
				got = append(got, e.Language.Code+" "+j.URL+" -> "+tr.Language.Code+" "+tr.URL+" "+tr.Title)
			}
		}
	}
	want := `en /jurisdictions/beijing/ -> zh-Hant /zh-hant/jurisdictions/beijing/ Beijing
en /jurisdictions/chaoyang/ -> zh-Hant /zh-hant/jurisdictions/chaoyang/ Chaoyang
en /jurisdictions/china/ -> zh-Hant /zh-hant/jurisdictions/china/ China
en /jurisdictions/hong-kong/ -> zh-Hant /zh-hant/jurisdictions/香港/ 香港
zh-Hant /zh-hant/jurisdictions/beijing/ -> en /jurisdictions/beijing/ Beijing
zh-Hant /zh-hant/jurisdictions/chaoyang/ -> en /jurisdictions/chaoyang/ Chaoyang
zh-Hant /zh-hant/jurisdictions/china/ -> en /jurisdictions/china/ China
zh-Hant /zh-hant/jurisdictions/香港/ -> en /jurisdictions/hong-kong/ Hong Kong`
	if s := strings.Join(got, "\n"); s != want {
		t.Errorf("term translations:\n%s\nwant\n%s", s, want)
	}
}

// Netlify serves /404.html for every missing path unless told otherwise:
// each other edition's missing paths get that edition's 404 page, after the
// aliases and without forcing, so files that exist still win.
func TestEditionNotFoundRules(t *testing.T) {
	_, mem := mustBuild(t, bilingual(), build.Options{})
	red := string(mem.Files["_redirects"])
	rule := "/zh-hant/* /zh-hant/404.html 404\n"
	if !strings.HasSuffix(red, rule) {
		t.Fatalf("_redirects does not end with %q:\n%s", rule, red)
	}
	if strings.Contains(red, "/* /404.html") {
		t.Errorf("the default edition needs no rule (Netlify's own 404 is /404.html):\n%s", red)
	}
}
