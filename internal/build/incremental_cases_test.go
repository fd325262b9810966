package build_test

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// edit changes fsys and returns the changed paths, as a watcher reports them.
type edit func(fsys fstest.MapFS) []string

// replaceIn edits one file's text.
func replaceIn(p, old, new string) edit {
	return func(fsys fstest.MapFS) []string {
		fsys[p] = file(strings.Replace(string(fsys[p].Data), old, new, 1))
		return []string{p}
	}
}

func put(p, text string) edit {
	return func(fsys fstest.MapFS) []string { fsys[p] = file(text); return []string{p} }
}

func del(p string) edit {
	return func(fsys fstest.MapFS) []string { delete(fsys, p); return []string{p} }
}

// checkIncremental builds fsys, then applies each edit with an incremental
// rebuild, and after each compares the output (a failed build leaves it as
// it was) and the warnings with a full build of the same sources. It
// returns the paths the rebuilds removed.
func checkIncremental(t *testing.T, fsys fstest.MapFS, edits ...edit) (removed []string) {
	t.Helper()
	bl := build.New(brief.DefaultTheme())
	first := output.NewMemory()
	if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, first); err != nil {
		t.Fatalf("initial build: %v", err)
	}
	running := first.Files
	for i, e := range edits {
		mem := output.NewMemory()
		res, err := bl.Build(fsys, build.ChangedPaths(e(fsys)...), build.Options{Now: buildClock, Incremental: true}, mem)
		fullRes, full, fullErr := buildFS(t, fsys, build.Options{})
		if (err == nil) != (fullErr == nil) {
			t.Fatalf("edit %d: incremental error %v, full error %v", i+1, err, fullErr)
		}
		if err != nil {
			continue
		}
		for p, data := range mem.Files {
			running[p] = data
		}
		for _, p := range res.Removed {
			delete(running, p)
		}
		removed = append(removed, res.Removed...)
		if diff := compareOutputs(running, full.Files); diff != "" {
			t.Fatalf("edit %d: incremental output differs from a full build:\n%s", i+1, diff)
		}
		if iw, fw := res.Warnings.Error(), fullRes.Warnings.Error(); iw != fw {
			t.Errorf("edit %d: warnings differ\nincremental:\n%s\nfull:\n%s", i+1, iw, fw)
		}
	}
	return removed
}

func TestIncrementalCases(t *testing.T) {
	const hk = "content/briefings/hk-policy.md"
	for _, tc := range []struct {
		name  string
		edits []edit
	}{
		{"body edit", []edit{replaceIn(hk, "The statement is short.", "The statement is brief.")}},
		{"title shows on lists, neighbours and feeds", []edit{replaceIn(hk, "Hong Kong policy statement", "HK statement")}},
		{"redate reorders lists and moves years", []edit{replaceIn(hk, "date: 2022-10-31T10:00:00+08:00", "date: 2023-08-01T10:00:00+08:00")}},
		{"site.toml fails, content changes meanwhile, then it is fixed", []edit{
			replaceIn("site.toml", "paginate = 2", "pagnate = 2"),
			replaceIn(hk, "The statement is short.", "Edited while site.toml was broken."),
			replaceIn("content/briefings/beijing-web3.md", "tags: [Web3, funding]", "tags: [Web3, funding, pilots]"),
			replaceIn("site.toml", "pagnate = 2", "paginate = 2"),
		}},
		{"a broken briefing, then fixed", []edit{
			replaceIn(hk, "title:", "titel:"),
			replaceIn(hk, "titel:", "title:"),
		}},
		{"timezone re-dates date-only front matter", []edit{replaceIn("site.toml", `timezone = "Asia/Hong_Kong"`, `timezone = "UTC"`)}},
		{"year page count", []edit{
			// 2023 has two briefings, two a page; a third one adds page 2
			// and changes page 1's count but not its list.
			put("content/briefings/early.md", "---\ntitle: Early\ndate: 2023-01-05\n---\nx\n"),
			put("content/briefings/earlier.md", "---\ntitle: Earlier\ndate: 2023-01-02\n---\nx\n"),
			replaceIn("content/briefings/earlier.md", "date: 2023-01-02", "date: 2022-01-02"),
		}},
		{"a draft link target is published", []edit{
			put("content/briefings/x.md", "---\ntitle: X\ndate: 2023-01-01\n---\n\nSee [the note](draft-note.md).\n"),
			replaceIn("content/briefings/draft-note.md", "draft: true\n", ""),
		}},
		{"a published link target becomes a draft", []edit{
			put("content/briefings/x.md", "---\ntitle: X\ndate: 2023-01-01\n---\n\nSee [it](hk-policy.md).\n"),
			replaceIn(hk, "tags:", "draft: true\ntags:"),
		}},
		{"tag spelling changes by majority", []edit{
			replaceIn(hk, "tags: [Web3, Policy]", "tags: [WEB3, Policy]"),
			replaceIn("content/briefings/chaoyang-hub.md", "tags: [Web3, WEB3 ]", "tags: [WEB3]"),
		}},
		{"parent changes in site.toml", []edit{replaceIn("site.toml", `Chaoyang = { parent = "Beijing" }`, `Chaoyang = { parent = "China" }`)}},
		{"rename a linked file and its link", []edit{func(fsys fstest.MapFS) []string {
			fsys["content/briefings/hk-statement.md"] = fsys[hk]
			delete(fsys, hk)
			b := "content/briefings/beijing-web3.md"
			fsys[b] = file(strings.Replace(string(fsys[b].Data), "hk-policy.md", "hk-statement.md", 1))
			return []string{hk, "content/briefings/hk-statement.md", b}
		}}},
		{"layout override, then removed", []edit{
			put("layouts/partials/card.html", "<article class=\"card\"><a href=\"{{relURL .URL}}\">{{.Title}}</a></article>\n"),
			del("layouts/partials/card.html"),
		}},
		{"a layout that reads site lists", []edit{
			put("layouts/404.html", "{{define \"main\"}}{{range .Site.Briefings}}{{.Title}}{{end}}{{end}}\n"),
			replaceIn(hk, "Hong Kong policy statement", "HK statement"),
		}},
		{"a 404 page that reads the site through with", []edit{
			put("layouts/404.html", "{{define \"main\"}}{{with .Site}}{{len .Briefings}} briefings{{end}}{{end}}\n"),
			put("content/briefings/new.md", "---\ntitle: New\ndate: 2023-03-01\n---\nx\n"),
			del("content/briefings/new.md"),
		}},
		{"a briefing page that reads its tags' counts", []edit{
			put("layouts/briefing.html", "{{define \"main\"}}{{range .Briefing.Tags}}{{.Name}} {{len .Briefings}} {{end}}{{end}}\n"),
			put("content/briefings/new.md", "---\ntitle: New\ndate: 2023-03-01\ntags: [policy]\n---\nx\n"),
		}},
		{"a card that shows its body", []edit{
			put("layouts/partials/card.html", "<article>{{.Title}} {{.Content}}</article>\n"),
			replaceIn(hk, "The statement is short.", "The statement is brief."),
		}},
		{"static file added, changed, removed", []edit{
			put("static/files/a.txt", "one"),
			put("static/files/a.txt", "two"),
			put("static/robots.txt", "User-agent: *\n"),
			del("static/files/a.txt"),
			del("static/robots.txt"),
		}},
		{"hidden static files are published and rebuilt", []edit{
			put("static/.well-known/security.txt", "Contact: mailto:a@example.org\n"),
			put("static/.well-known/security.txt", "Contact: mailto:b@example.org\n"),
			put("static/.htaccess", "Options -Indexes\n"),
			del("static/.well-known/security.txt"),
		}},
		{"baseURL changes every link", []edit{replaceIn("site.toml", `baseURL = "https://brief.example/"`, `baseURL = "https://x.example/policy/"`)}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkIncremental(t, fixture(), tc.edits...) })
	}
}

// TestIncrementalRemovesGonePages: deleting a tag's only briefing removes the
// tag's pages and feed, and the briefing's alias.
func TestIncrementalRemovesGonePages(t *testing.T) {
	removed := checkIncremental(t, fixture(), del("content/briefings/hk-policy.md"),
		replaceIn("content/briefings/beijing-web3.md", "Compare the [Hong Kong statement](hk-policy.md#what-it-says).", ""))
	for _, p := range []string{"briefings/hk-policy/index.html", "old/hk-policy/index.html", "tags/policy/index.html",
		"tags/policy/feed.xml", "jurisdictions/hong-kong/index.html", "archive/2022/index.html"} {
		if !containsString(removed, p) {
			t.Errorf("%s not removed; removed: %v", p, removed)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestIncrementalFiguresAfterBrokenLayout: while a layout does not load,
// a build that makes the model again still makes the briefings' funding
// figures, with no theme to word them (English, "CNY 100m"); once the
// layout is fixed, the Chinese pages word them in Chinese again
// ("人民幣1億元"), though no briefing was read again.
func TestIncrementalFiguresAfterBrokenLayout(t *testing.T) {
	checkIncremental(t, bilingual(),
		put("layouts/briefing.html", "{{define \"main\"}}{{.Briefing.Title}\n"),
		put("content/briefings/new.md", "---\ntitle: New\ndate: 2023-03-01\n---\nx\n"),
		del("layouts/briefing.html"),
	)
}

// TestInterfaceTextEdits: a site's own interface text for one language (a
// label on every page of that edition, then how its amounts are worded) is
// added, changed and removed again; after each step an incremental build,
// and a build through the cache in a new process, equal a full build.
func TestInterfaceTextEdits(t *testing.T) {
	const zh = "layouts/i18n/zh-Hant.toml"
	label := "nav_funding = \"經費\"\n"
	money := label + "\n[format]\nmoney = \"code\"\n"
	// The edits must show: the label on every Chinese page, the amounts
	// worded the English way on the Chinese tracker, the English pages as
	// they were.
	fsys := bilingual()
	fsys[zh] = file(money)
	_, out := mustBuild(t, fsys, build.Options{})
	for p, want := range map[string]string{
		"zh-hant/index.html":                     "經費",
		"zh-hant/briefings/hk-policy/index.html": "經費",
		"zh-hant/funding/index.html":             "CNY 100m",
		"funding/index.html":                     "CNY 100m",
	} {
		if got := string(out.Files[p]); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q", p, want)
		}
	}
	if strings.Contains(string(out.Files["zh-hant/funding/index.html"]), "人民幣1億元") || strings.Contains(string(out.Files["index.html"]), "經費") {
		t.Error("the Chinese tracker still words amounts in Chinese, or the English home shows the Chinese label")
	}
	t.Run("incremental", func(t *testing.T) {
		checkIncremental(t, bilingual(), put(zh, label), put(zh, money), del(zh))
	})
	t.Run("cache", func(t *testing.T) {
		fsys := bilingual()
		step := func(text string) func() {
			return func() {
				if text == "" {
					delete(fsys, zh)
				} else {
					fsys[zh] = file(text)
				}
			}
		}
		cachedEdits(t, fsys, step(label), step(money), step(""))
	})
}

// TestInterfaceTextFormatEdits: more of a site's interface text is edited
// (the default language's label on every page, its date format, short
// date format and month names, the Chinese units and currency names of amounts); after each step an
// incremental build, and a build through the cache in a new process, equal
// a full build. A file that fails to load stops the build at its file and
// line, and once fixed the build equals a full one again.
func TestInterfaceTextFormatEdits(t *testing.T) {
	const en, zh = "layouts/i18n/en.toml", "layouts/i18n/zh-Hant.toml"
	for _, tc := range []struct {
		name, path, text string
		shows            map[string]string
	}{
		{"default language's label", en, "nav_funding = \"Money\"\n", map[string]string{
			"index.html": ">Money<", "briefings/hk-policy/index.html": ">Money<"}},
		{"default language's date", en, "[format]\ndate = \"{year}/{month_number}/{day}\"\n", map[string]string{
			"briefings/beijing-web3/index.html": "2023/5/29"}},
		{"default language's short date", en, "[format]\nshort_date = \"{day2}.{month2}.{year}\"\n", map[string]string{
			"funding/index.html": "30.06.2023"}},
		{"month names", en, "[format]\ndate = \"{day} {month} {year}\"\nmonths = [\"Ja\", \"Fe\", \"Mr\", \"Ap\", \"My\", \"Jn\", \"Jl\", \"Au\", \"Se\", \"Oc\", \"No\", \"De\"]\n", map[string]string{
			"briefings/beijing-web3/index.html": "29 My 2023"}},
		{"money units", zh, "[format]\nmoney_units = { \"10000\" = \"萬\" }\n", map[string]string{
			"zh-hant/funding/index.html": "10,000萬"}},
		{"currency names", zh, "[format.currencies]\nCNY = \"{amount}人民幣\"\n", map[string]string{
			"zh-hant/funding/index.html": "1億人民幣"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, out := mustBuild(t, with(bilingual(), map[string]string{tc.path: tc.text}), build.Options{})
			for p, want := range tc.shows {
				if got := string(out.Files[p]); !strings.Contains(got, want) {
					t.Errorf("%s lacks %q", p, want)
				}
			}
			checkIncremental(t, bilingual(), put(tc.path, tc.text), put(tc.path, tc.text+"\n# again\n"), del(tc.path))
			fsys := bilingual()
			cachedEdits(t, fsys, func() { fsys[tc.path] = file(tc.text) }, func() { delete(fsys, tc.path) })
		})
	}
	t.Run("bad TOML, then fixed", func(t *testing.T) {
		const bad = "nav_funding = \"經費\"\nnav_tags = \n"
		_, _, err := buildFS(t, with(bilingual(), map[string]string{zh: bad}), build.Options{})
		if err == nil || !strings.Contains(err.Error(), zh+":2") {
			t.Fatalf("build with %s broken: %v, want an error at %s:2", zh, err, zh)
		}
		checkIncremental(t, bilingual(), put(zh, bad), put(zh, "nav_funding = \"經費\"\n"))
		// Through the cache: the broken file fails the same way in a new
		// process, and the fixed one equals a full build.
		fsys := bilingual()
		c := buildCached(t, fsys)
		fsys[zh] = file(bad)
		bl, step := c.restore(t, fsys, "broken")
		if _, err := bl.Build(fsys, nil, step, output.NewMemory()); err == nil || !strings.Contains(err.Error(), zh+":2") {
			t.Fatalf("build through the cache with %s broken: %v, want an error at %s:2", zh, err, zh)
		}
		fsys[zh] = file("nav_funding = \"經費\"\n")
		bl, step = c.restore(t, fsys, "fixed")
		mem := output.NewMemory()
		mem.Files = maps.Clone(c.files)
		if _, err := bl.Build(fsys, nil, step, mem); err != nil {
			t.Fatalf("fixed build through the cache: %v", err)
		}
		_, full := mustBuild(t, fsys, build.Options{})
		if diff := compareOutputs(mem.Files, full.Files); diff != "" {
			t.Fatalf("fixed build through the cache differs from a full build:\n%s", diff)
		}
	})
}
