package build_test

import (
	"slices"
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
// build.
func TestTrackerFollowsFundedBriefings(t *testing.T) {
	briefing := func(title, jurisdiction, funding string) *fstest.MapFile {
		return file("---\ntitle: " + title + "\ndate: 2024-01-02\njurisdiction: " + jurisdiction + "\ntags: [alpha]\n" + funding + "---\n\nBody.\n")
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
	tracker := first.Files["funding/index.html"] // as the sink holds it
	opt.Incremental = true
	for _, tc := range []struct {
		name, path string
		edit       *fstest.MapFile
		tracker    bool
	}{
		{"title of a briefing without funding", "content/briefings/b.md", briefing("Bravo two", "Hong Kong", ""), false},
		{"title of a briefing with funding", "content/briefings/a.md", briefing("Alpha two", "Shenzhen", funded), true},
		{"funding added", "content/briefings/c.md", briefing("Charlie", "Hong Kong", funded), true},
		{"title of the briefing funded now", "content/briefings/c.md", briefing("Charlie two", "Hong Kong", funded), true},
		{"a new jurisdiction of a briefing without funding", "content/briefings/b.md", briefing("Bravo two", "Macau", ""), true},
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
		if !slices.Contains(res.Deferred, "archive/index.html") {
			t.Errorf("%s: the archive, which shows every title, was not made again (deferred %v)", tc.name, res.Deferred)
		}
		full := output.NewMemory()
		if _, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, full); err != nil {
			t.Fatal(err)
		}
		if tc.tracker {
			if tracker, err = mem.Lazy["funding/index.html"](); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		}
		if string(tracker) != string(full.Files["funding/index.html"]) {
			t.Errorf("%s: the tracker differs from a full build's:\n%s\nfull:\n%s", tc.name, tracker, full.Files["funding/index.html"])
		}
	}
}
