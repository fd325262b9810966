package build_test

import (
	"html"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/sources"
)

// headText finds what a reader or a search engine reads in a page's
// <head>: the title, the text of meta tags and link titles, and the names
// and descriptions of its structured data.
var headText = regexp.MustCompile(`<title>([^<]*)</title>|<meta (?:name|property)="(?:description|og:title|og:description|og:site_name|og:image:alt|twitter:title|twitter:description|twitter:image:alt|article:section|article:tag)" content="([^"]*)"|<link [^>]*title="([^"]*)"|"(?:name|description|headline|caption|alternateName)":"((?:[^"\\]|\\.)*)"`)

// english is English prose: two words in a row, or a word brief writes
// on its own (a breadcrumb, a share title's prefix).
var english = regexp.MustCompile(`[A-Za-z]{2,} [a-z]{2,}|\b(?:Home|Archive|Jurisdictions|Tags|Tag|Page|page|Briefings?|Search)\b`)

// Every word in the <head> of a Chinese page is Chinese: the descriptions,
// share titles and breadcrumb names brief writes, the terms' descriptions
// from site.toml and the share image's text. The example site is built as
// it is and with one briefing a page, so that lists have later pages, and
// so is the three-language site, whose editions have no description of
// their own and whose terms have no Chinese descriptions.
func TestChineseHeads(t *testing.T) {
	example := exampleSite(t)
	cfg := string(example[sources.ConfigFile].Data)
	if !strings.Contains(cfg, "paginate = 10") {
		t.Fatal("the example's site.toml no longer says paginate = 10: update the test")
	}
	paged := with(example, map[string]string{sources.ConfigFile: strings.Replace(cfg, "paginate = 10", "paginate = 1", 1)})
	for name, fsys := range map[string]fstest.MapFS{"example": example, "example, one a page": paged, "trilingual": trilingual(t)} {
		t.Run(name, func(t *testing.T) {
			_, mem := mustBuild(t, fsys, build.Options{})
			pages := 0
			for _, p := range paths(mem.Files) {
				if !strings.HasPrefix(p, "zh-han") || !strings.HasSuffix(p, ".html") {
					continue
				}
				pages++
				page := string(mem.Files[p])
				head := page[:max(0, strings.Index(page, "</head>"))]
				for _, m := range headText.FindAllStringSubmatch(head, -1) {
					text := html.UnescapeString(m[1] + m[2] + m[3] + m[4])
					if w := english.FindString(text); w != "" {
						t.Errorf("%s: %q is English (%q)", p, text, w)
					}
				}
			}
			if pages < 20 {
				t.Errorf("only %d Chinese pages", pages)
			}
		})
	}
}

// The text brief writes is checked like the templates': a site whose own
// language file lacks a key of it, or words it with a placeholder brief
// does not give, fails before anything is rendered, naming the language,
// the key and the file.
func TestMissingHeadText(t *testing.T) {
	fsys := fixture()
	theme, err := fs.ReadFile(brief.DefaultTheme(), "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	// French: the theme's English file less the meta descriptions of year
	// pages, with the archive's worded with an unknown placeholder.
	var fr []string
	for _, line := range strings.SplitAfter(string(theme), "\n") {
		switch {
		case strings.HasPrefix(line, "describe_of_year "):
		case strings.HasPrefix(line, "describe_archive "):
			fr = append(fr, "describe_archive = \"Les archives de {site} : {count}.\"\n")
		default:
			fr = append(fr, line)
		}
	}
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[jurisdictions]", "language = \"fr\"\n\n[jurisdictions]", 1)
	if !strings.Contains(cfg, `language = "fr"`) {
		t.Fatal("the fixture's site.toml changed: update the test")
	}
	_, _, err = buildFS(t, with(fsys, map[string]string{"site.toml": cfg, "layouts/i18n/fr.toml": strings.Join(fr, "")}), build.Options{})
	got := diagnostics(t, err).Error()
	for _, want := range []string{
		`layouts/i18n/fr.toml: describe_of_year: language "fr" has no interface text for "describe_of_year"`,
		`describe_archive: {count} is not given`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}
