package build_test

import (
	"fmt"
	"strings"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/output"
)

// anchorSite has a briefing linking to anchors: some exist (a heading, a
// CJK heading, the theme's own section ids, a footnote), some do not.
func anchorSite(links string) map[string]string {
	return map[string]string{
		"content/briefings/target.md": "---\ntitle: Target\ndate: 2023-05-01\nsources:\n  - url: https://example.org/\n---\n" +
			"## Licensing rules\n\nText.[^1]\n\n## 香港证监会\n\nMore.\n\n[^1]: A note.\n",
		"content/briefings/linker.md": "---\ntitle: Linker\ndate: 2023-05-02\n---\n## Own heading\n\n" + links + "\n",
	}
}

// A link to a missing #anchor, in another briefing or on the same page,
// fails the build like a link to a missing briefing, at its line; links to
// anchors that exist, the theme's included, do not.
func TestMissingAnchors(t *testing.T) {
	good := "[a](target.md#licensing-rules) [b](target.md#%E9%A6%99%E6%B8%AF%E8%AF%81%E7%9B%91%E4%BC%9A) [c](target.md#香港证监会) " +
		"[d](target.md#sources-h) [e](#own-heading) [f](#) [g](target.md)"
	mustBuild(t, with(fixture(), anchorSite(good)), build.Options{})

	bad := good + "\n\n[x](target.md#licensing-rule)\n\n[y](#nope)\n\n[z](./target.md#Licensing-Rules)"
	_, _, err := buildFS(t, with(fixture(), anchorSite(bad)), build.Options{})
	l := diagnostics(t, err)
	want := []string{
		`content/briefings/linker.md:9: link to "target.md#licensing-rule": content/briefings/target.md has no anchor #licensing-rule (did you mean "#licensing-rules"?)`,
		`content/briefings/linker.md:11: link to "#nope": this briefing has no anchor #nope (link to a heading by its id: "## Fees" has the id fees)`,
		`content/briefings/linker.md:13: link to "./target.md#Licensing-Rules": content/briefings/target.md has no anchor #Licensing-Rules (did you mean "#licensing-rules"?)`,
	}
	var got []string
	for _, d := range l {
		got = append(got, d.Error())
		if !d.Link {
			t.Errorf("not marked as a broken link: %v", d)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// With broken links as warnings the site builds and says what is wrong.
	res, _ := mustBuild(t, with(fixture(), anchorSite(bad+"\n\n[gone](nowhere.md)")), build.Options{BrokenLinksWarn: true})
	var warned []string
	for _, d := range res.Warnings {
		if d.File == "content/briefings/linker.md" {
			warned = append(warned, d.Error())
		}
	}
	if len(warned) != 4 || !strings.Contains(warned[3], `warning: link to missing briefing "nowhere.md"`) {
		t.Errorf("warnings:\n%s", strings.Join(warned, "\n"))
	}
	for _, d := range res.Warnings {
		if d.Severity != diag.Warning {
			t.Errorf("not a warning: %v", d)
		}
	}
}

// Removing a heading that another briefing links to breaks that link in the
// next incremental build too, not only in a full one.
func TestMissingAnchorIncremental(t *testing.T) {
	fsys := with(fixture(), anchorSite("[a](target.md#licensing-rules)"))
	bl, mem := build.New(brief.DefaultTheme()), output.NewMemory()
	if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, mem); err != nil {
		t.Fatal(err)
	}
	fsys["content/briefings/target.md"] = file(strings.Replace(string(fsys["content/briefings/target.md"].Data), "## Licensing rules", "## Licensing rule", 1))
	_, err := bl.Build(fsys, build.ChangedPaths("content/briefings/target.md"), build.Options{Now: buildClock, Incremental: true}, mem)
	l := diagnostics(t, err)
	if len(l) != 1 || !strings.Contains(l[0].Error(), `linker.md:7: link to "target.md#licensing-rules": content/briefings/target.md has no anchor #licensing-rules (did you mean "#licensing-rule"?)`) {
		t.Errorf("got %v", l)
	}
}

// A briefing with errors of its own still has its links to other
// briefings' anchors checked, so that one run reports everything.
func TestMissingAnchorInBrokenBriefing(t *testing.T) {
	files := anchorSite("")
	files["content/briefings/broken.md"] = "---\ntitle: Broken\ndate: 2023-02-30\n---\n[x](target.md#nope) [y](#own)\n"
	_, _, err := buildFS(t, with(fixture(), files), build.Options{})
	var got []string
	for _, d := range diagnostics(t, err) {
		got = append(got, d.Error())
	}
	want := []string{
		`content/briefings/broken.md:3: date: "2023-02-30" is not a real date (check the month and day)`,
		`content/briefings/broken.md:5: link to "target.md#nope": content/briefings/target.md has no anchor #nope (link to a heading by its id: "## Fees" has the id fees)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A one-shot build keeps only hashes of a streamed body's heading ids: a
// link to a heading of another briefing is found, and a link to a missing
// one is reported at its file and line, with the heading it may mean.
func TestAnchorsIntoTrimmedHeadings(t *testing.T) {
	files := anchorSite("[a](target.md#licensing-rules) [b](target.md#香港证监会) [c](#own-heading)")
	// Newer briefings fill the site feed, so that neither body is one the
	// build keeps for it.
	for i := range 25 {
		files[fmt.Sprintf("content/briefings/filler-%02d.md", i)] = fmt.Sprintf("---\ntitle: Filler %d\ndate: 2024-01-%02d\n---\nText.\n", i, i+1)
	}
	if res, _ := mustBuild(t, with(fixture(), files), build.Options{Once: true}); len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	files["content/briefings/linker.md"] += "\n[x](target.md#licensing-rule)\n\n[y](#own-headings)\n"
	_, _, err := buildFS(t, with(fixture(), files), build.Options{Once: true})
	var got []string
	for _, d := range diagnostics(t, err) {
		got = append(got, d.Error())
	}
	want := []string{
		`content/briefings/linker.md:9: link to "target.md#licensing-rule": content/briefings/target.md has no anchor #licensing-rule (did you mean "#licensing-rules"?)`,
		`content/briefings/linker.md:11: link to "#own-headings": this briefing has no anchor #own-headings (did you mean "#own-heading"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A one-shot build lets go of each body once its page is written; a link
// into another briefing's footnote (an id only its rendered page has) is
// still checked against that page, body included, and so is a missing one.
func TestAnchorsIntoReleasedBodies(t *testing.T) {
	files := anchorSite("[n](target.md#target-fn:1)")
	// Newer briefings fill the site feed, so that the target's body is not
	// one the build keeps for it.
	for i := range 25 {
		files[fmt.Sprintf("content/briefings/filler-%02d.md", i)] = fmt.Sprintf("---\ntitle: Filler %d\ndate: 2024-01-%02d\n---\nText.\n", i, i+1)
	}
	res, mem := mustBuild(t, with(fixture(), files), build.Options{Once: true})
	if !strings.Contains(string(mem.Files["briefings/target/index.html"]), `id="target-fn:1"`) {
		t.Fatal("the target's page has no footnote target-fn:1: the test proves nothing")
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	files["content/briefings/linker.md"] = strings.Replace(files["content/briefings/linker.md"], "target-fn:1", "target-fn:2", 1)
	_, _, err := buildFS(t, with(fixture(), files), build.Options{Once: true})
	if l := diagnostics(t, err); len(l) != 1 || !strings.Contains(l[0].Error(), "has no anchor #target-fn:2") {
		t.Errorf("got %v", l)
	}
}
