package site_test

import (
	"strings"
	"testing"
	"time"

	"brief/internal/content"
	"brief/internal/site"
)

func withItems(b *content.Briefing, fs ...content.Funding) *content.Briefing {
	b.Funding = fs
	return b
}

// An item inherits the briefing's only jurisdiction and its date; with
// several, it must name one of them, a parent or a child; the errors are
// at the item's line with a hint.
func TestAttribution(t *testing.T) {
	cfg := cfgWith(t, "[jurisdictions]\n\"Hong Kong\" = {}\nShenzhen = { parent = \"China\" }\nSuzhou = { parent = \"China\" }\nFutian = { parent = \"Shenzhen\" }\n")
	own := func(j string, line int) content.Funding {
		return content.Funding{Currency: "CNY", Jurisdiction: j, JurisdictionLine: line + 1, Line: line}
	}
	bond := own("", 8)
	bond.Date = time.Date(2024, 2, 7, 0, 0, 0, 0, time.UTC)
	yearly := own("", 9)
	yearly.Per, yearly.To = "year", 2025
	s, ds := site.New(cfg, []*content.Briefing{
		withItems(brf("content/briefings/hk.md", "2023-02-16", nil, []string{"Hong Kong"}), bond, yearly),
		withItems(brf("content/briefings/ecny.md", "2020-10-09", nil, []string{"Shenzhen", "Suzhou"}),
			own("Suzhou", 8), own("China", 10), own("Futian", 12), own("", 14), own("Hong Kong", 16)),
		withItems(brf("content/briefings/none.md", "2021-01-01", nil, nil), own("", 8), own("Suzhou", 10)),
	}, site.Options{Now: now})
	var got []string
	for _, d := range ds.Sorted() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/briefings/ecny.md:14: funding[3].jurisdiction: the briefing is about 2 jurisdictions, so each funding item must say which one it is for (add jurisdiction: "Shenzhen" to the item (one of "Shenzhen", "Suzhou"), or "China", which covers them all)`,
		`content/briefings/ecny.md:17: funding[4].jurisdiction: "Hong Kong" is not one of the briefing's jurisdictions (Shenzhen, Suzhou), nor a parent or child of one (name one of "Shenzhen", "Suzhou", a parent or a child of one; or add "Hong Kong" to the briefing's jurisdictions)`,
		`content/briefings/none.md:11: funding[1].jurisdiction: "Suzhou" is not a jurisdiction of the briefing, which names none (add jurisdiction: "Suzhou" to the briefing)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	hk, _ := s.Lookup("content/briefings/hk.md")
	a, b := hk.Attributions[0], hk.Attributions[1]
	if a.Jurisdiction == nil || a.Jurisdiction.Name != "Hong Kong" || a.From != 2024 || a.Years() != 1 {
		t.Errorf("bond: %+v", a)
	}
	if b.From != 2023 || b.To != 2025 || b.Years() != 3 {
		t.Errorf("yearly: %+v", b)
	}
	ecny, _ := s.Lookup("content/briefings/ecny.md")
	for i, name := range []string{"Suzhou", "China", "Futian"} {
		if j := ecny.Attributions[i].Jurisdiction; j == nil || j.Name != name {
			t.Errorf("item %d counts in %v, want %s", i, j, name)
		}
	}
	// Futian, named only by an item, gets a page listing the briefing.
	for _, j := range s.Jurisdictions {
		if j.Name == "Futian" && (len(j.Briefings) != 1 || j.Parent == nil || j.Parent.Name != "Shenzhen") {
			t.Errorf("Futian: %d briefings, parent %v", len(j.Briefings), j.Parent)
		}
	}
}

// With a closed list of jurisdictions, a name the list refuses is the
// vocabulary check's error (with its did-you-mean), reported once: an item
// naming it gets no second error here, and the hint for an item that names
// no jurisdiction offers only names the list accepts.
func TestAttributionLeavesUnknownNamesToTheVocabulary(t *testing.T) {
	cfg := cfgWith(t, "[jurisdictions]\n\"Hong Kong\" = {}\nShenzhen = { parent = \"China\" }\nSuzhou = { parent = \"China\" }\n")
	item := func(j string, line int) content.Funding {
		return content.Funding{Currency: "CNY", Jurisdiction: j, JurisdictionLine: line + 1, Line: line}
	}
	_, ds := site.New(cfg, []*content.Briefing{
		withItems(brf("content/briefings/a.md", "2023-01-01", nil, []string{"Shenzhen", "Suzhou"}), item("Shenzen", 8), item("shenzhen", 10)),
		withItems(brf("content/briefings/b.md", "2023-01-01", nil, []string{"Hongkong", "Shenzhen"}), item("", 8)),
		withItems(brf("content/briefings/c.md", "2023-01-01", nil, []string{"Hongkong", "Shenzen"}), item("", 8)),
		withItems(brf("content/briefings/d.md", "2023-01-01", nil, []string{"Hongkong", "Shenzhen", "Suzhou"}), item("", 8)),
	}, site.Options{Now: now})
	var got []string
	for _, d := range ds.Sorted() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/briefings/b.md:8: funding[0].jurisdiction: the briefing is about 2 jurisdictions, so each funding item must say which one it is for (add jurisdiction: "Shenzhen" to the item)`,
		`content/briefings/c.md:8: funding[0].jurisdiction: the briefing is about 2 jurisdictions, so each funding item must say which one it is for (add jurisdiction: to the item, naming one of the briefing's jurisdictions)`,
		`content/briefings/d.md:8: funding[0].jurisdiction: the briefing is about 3 jurisdictions, so each funding item must say which one it is for (add jurisdiction: "Shenzhen" to the item (one of "Shenzhen", "Suzhou"))`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A translation without funding shows its original's items, and they
// count where the original's do: in the original's only jurisdiction,
// whatever the translation names. Their errors are the original's, at its
// file and lines, reported once.
func TestInheritedItemsCountWhereTheOriginals(t *testing.T) {
	cfg := cfgWith(t, "[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"繁體中文\"\n"+
		"[jurisdictions]\n\"Hong Kong\" = {}\nGuangdong = { parent = \"China\" }\nShenzhen = { parent = \"Guangdong\" }\n")
	item := func(j string, line int) content.Funding {
		return content.Funding{Currency: "CNY", Jurisdiction: j, JurisdictionLine: line + 1, Line: line}
	}
	tr := func(path string, juris ...string) *content.Briefing {
		return brf(path, "2023-01-01", nil, juris)
	}
	sites, ds := site.Editions(cfg, []*content.Briefing{
		withItems(tr("content/briefings/sandbox.md", "Guangdong"), item("", 7)),
		tr("content/briefings/sandbox.zh-Hant.md", "Guangdong", "Hong Kong"),
		withItems(tr("content/briefings/hk.md", "Guangdong"), item("", 7)),
		tr("content/briefings/hk.zh-Hant.md", "Hong Kong"),
		withItems(tr("content/briefings/two.md", "Guangdong", "Hong Kong"), item("", 7), item("Shenzhen", 9)),
		tr("content/briefings/two.zh-Hant.md", "Hong Kong"),
	}, site.Options{Now: now})
	var got []string
	for _, d := range ds.Sorted() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/briefings/two.md:7: funding[0].jurisdiction: the briefing is about 2 jurisdictions, so each funding item must say which one it is for (add jurisdiction: "Guangdong" to the item (one of "Guangdong", "Hong Kong"))`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	zh := sites[1]
	for path, names := range map[string][]string{
		"content/briefings/sandbox.zh-Hant.md": {"Guangdong"},
		"content/briefings/hk.zh-Hant.md":      {"Guangdong"},
		"content/briefings/two.zh-Hant.md":     {"", "Shenzhen"},
	} {
		b, ok := zh.Lookup(path)
		if !ok || len(b.Attributions) != len(names) {
			t.Fatalf("%s: %v, %d attributions", path, ok, len(b.Attributions))
		}
		for i, name := range names {
			if j := b.Attributions[i].Jurisdiction; name == "" && j != nil || name != "" && (j == nil || j.Name != name) {
				t.Errorf("%s: item %d counts in %v, want %q", path, i, j, name)
			}
		}
	}
	// Guangdong, which hk.zh-Hant.md does not name, lists it for its
	// money (and two.zh-Hant.md for its Shenzhen item).
	for _, j := range zh.Jurisdictions {
		if j.Name == "Guangdong" && len(j.Briefings) != 3 {
			t.Errorf("zh-Hant Guangdong lists %d briefings, want 3", len(j.Briefings))
		}
	}
}
