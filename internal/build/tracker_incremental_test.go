package build_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// The funding tracker shows the briefings with funding, the terms and the
// years, not every briefing: a title edit of a briefing without funding
// leaves it as it is (it is not made again, nor deferred), one of a
// briefing with funding makes it again; either way the site equals a full
// build. The sitemap shows URLs and dates: a title edit leaves it as it is.
func TestTrackerFollowsFundedBriefings(t *testing.T) {
	briefing := func(title, jurisdiction, funding string) *fstest.MapFile {
		return briefingOn("2024-01-02", title, jurisdiction, funding)
	}
	const funded = "funding:\n  - amount: \"100m\"\n    currency: CNY\n    purpose: \"industry support\"\n"
	fsys := fstest.MapFS{
		"site.toml":              file("title = \"T\"\nbaseURL = \"https://example.org/\"\n"),
		"content/briefings/a.md": briefing("Alpha", "Shenzhen", funded),
		"content/briefings/b.md": briefing("Bravo", "Hong Kong", ""),
		"content/briefings/c.md": briefing("Charlie", "Hong Kong", ""),
	}
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	first := output.NewLazyMemory()
	if _, err := bl.Build(fsys, nil, opt, first); err != nil {
		t.Fatal(err)
	}
	// As the sink holds them.
	tracker, sitemap := made(t, first, "funding/index.html"), made(t, first, "sitemap.xml")
	opt.Incremental = true
	for _, tc := range []struct {
		name, path string
		edit       *fstest.MapFile
		tracker    bool
		sitemap    bool
	}{
		{"title of a briefing without funding", "content/briefings/b.md", briefing("Bravo two", "Hong Kong", ""), false, false},
		{"title of a briefing with funding", "content/briefings/a.md", briefing("Alpha two", "Shenzhen", funded), true, false},
		{"funding added", "content/briefings/c.md", briefing("Charlie", "Hong Kong", funded), true, false},
		{"title of the briefing funded now", "content/briefings/c.md", briefing("Charlie two", "Hong Kong", funded), true, false},
		{"a new jurisdiction of a briefing without funding", "content/briefings/b.md", briefing("Bravo two", "Macau", ""), true, true},
		{"a new tag of a briefing without funding", "content/briefings/b.md", withTags(briefing("Bravo two", "Macau", ""), "alpha, beta"), false, true},
		{"a new tag of a briefing with funding", "content/briefings/a.md", withTags(briefing("Alpha two", "Shenzhen", funded), "alpha, gamma"), true, true},
		{"date of a briefing without funding, not the newest, same year", "content/briefings/b.md", withTags(briefingOn("2024-01-01", "Bravo two", "Macau", ""), "alpha, beta"), false, true},
	} {
		fsys[tc.path] = tc.edit
		mem := output.NewLazyMemory()
		res, err := bl.Build(fsys, build.ChangedPaths(tc.path), opt, mem)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := slices.Contains(res.Deferred, "funding/index.html"); got != tc.tracker {
			t.Errorf("%s: the tracker made again: %v, want %v (deferred %v)", tc.name, got, tc.tracker, res.Deferred)
		}
		if got := slices.Contains(res.Written, "sitemap.xml"); got != tc.sitemap {
			t.Errorf("%s: the sitemap made again: %v, want %v (written %v)", tc.name, got, tc.sitemap, res.Written)
		}
		if !slices.Contains(res.Deferred, "archive/index.html") {
			t.Errorf("%s: the archive, which shows every title, was not made again (deferred %v)", tc.name, res.Deferred)
		}
		full := output.NewMemory()
		if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, full); err != nil {
			t.Fatal(err)
		}
		if tc.tracker {
			tracker = made(t, mem, "funding/index.html")
		}
		if tc.sitemap {
			sitemap = made(t, mem, "sitemap.xml")
		}
		if string(sitemap) != string(full.Files["sitemap.xml"]) {
			t.Errorf("%s: the sitemap differs from a full build's:\n%s\nfull:\n%s", tc.name, sitemap, full.Files["sitemap.xml"])
		}
		if string(tracker) != string(full.Files["funding/index.html"]) {
			t.Errorf("%s: the tracker differs from a full build's:\n%s\nfull:\n%s", tc.name, tracker, full.Files["funding/index.html"])
		}
	}
}

func briefingOn(date, title, jurisdiction, funding string) *fstest.MapFile {
	return file("---\ntitle: " + title + "\ndate: " + date + "\njurisdiction: " + jurisdiction + "\ntags: [alpha]\n" + funding + "---\n\nBody.\n")
}

// made is the file at p of a sink that may make it on request.
func made(t *testing.T, mem *output.Memory, p string) []byte {
	t.Helper()
	if data, ok := mem.Files[p]; ok {
		return data
	}
	make, ok := mem.Lazy[p]
	if !ok {
		t.Fatalf("no file %s", p)
	}
	data, err := make()
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return data
}

// withTags gives f the tags list.
func withTags(f *fstest.MapFile, list string) *fstest.MapFile {
	return file(strings.Replace(string(f.Data), "tags: [alpha]", "tags: ["+list+"]", 1))
}
