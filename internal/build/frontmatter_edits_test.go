package build_test

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/golden"
	"brief/internal/output"
)

// frontSite is a generated site large enough for pagination to matter:
// with three briefings a page, each tag and jurisdiction has several
// pages, and a date edit moves briefings between pages and years.
func frontSite(t *testing.T, seed uint64, oneLanguage bool) *genSite {
	g := newGenSite(t, seed, 80)
	g.cfg.paginate, g.cfg.oneLanguage = 3, oneLanguage
	g.writeConfig()
	g.changed = nil
	return g
}

// TestIncrementalFrontMatterEdits is TestIncrementalEqualsFull's property
// for the edits that change lists without a new model of the site's
// shape: titles, tags, jurisdictions, dates (within a year, moving a
// briefing between pages, and across years), funding and its amounts,
// drafts, and a tag renamed in every briefing that has it. Titles and
// amounts of briefings without translations are updated in the model in
// place, and some steps must do so.
func TestIncrementalFrontMatterEdits(t *testing.T) {
	steps := 30
	if testing.Short() {
		steps = 12
	}
	if *propSteps > 0 {
		steps = *propSteps
	}
	for _, one := range []bool{true, false} {
		t.Run(fmt.Sprintf("oneLanguage=%v", one), func(t *testing.T) {
			g := frontSite(t, *propSeed+7, one)
			g.compareSteps(build.Options{Now: buildClock}, steps, g.frontStep)
			// Titles, amounts, tags and jurisdictions are updated in the
			// model in place.
			t.Logf("%d of %d steps updated the model in place, %d of them its terms", g.updated, steps, g.termsUpdated)
			if g.updated == 0 || g.termsUpdated == 0 {
				t.Errorf("no step updated the model in place (%d), or its terms (%d)", g.updated, g.termsUpdated)
			}
		})
	}
}

// frontStep edits the front matter of one briefing, or renames a tag
// everywhere, and returns what it did and the paths it changed.
func (g *genSite) frontStep() (string, []string) {
	g.changed, g.stepDesc = nil, nil
	p := g.pickDoc()
	d := g.docs[p]
	switch k := g.r.IntN(14); k {
	case 0:
		d.title = g.sentence()
		g.did("retitle %s", p)
	case 1:
		// Same year, another day: the briefing moves within its lists.
		y := d.date[:4]
		if y == "2030" {
			y = "2024"
		}
		d.date = fmt.Sprintf("%s-%02d-%02d", y, 1+g.r.IntN(12), 1+g.r.IntN(28))
		g.did("move %s to %s", p, d.date)
	case 2:
		d.date = g.date()
		g.did("redate %s to %s", p, d.date)
	case 3:
		d.tags = g.pickDistinct(genTags, 1+g.r.IntN(3))
		g.did("retag %s %v", p, d.tags)
	case 4:
		d.juris = g.pickDistinct(genJuris, 1+g.r.IntN(2))
		g.did("rejurisdiction %s %v", p, d.juris)
	case 5:
		d.funding = !d.funding
		g.did("funding=%v %s", d.funding, p)
	case 6:
		d.draft = !d.draft
		g.did("draft=%v %s", d.draft, p)
	case 7:
		d.title, d.tags = g.sentence(), g.pickDistinct(genTags, 1+g.r.IntN(3))
		g.did("retitle and retag %s %v", p, d.tags)
	case 8:
		d.funding, d.amount = true, fmt.Sprintf("%dm", 1+g.r.IntN(900))
		g.did("fund %s with %s", p, d.amount)
	case 9:
		// A tag no briefing has yet, a spelling of one that has, or one
		// a letter away from one (a warning): a term made, or not.
		tag := []string{"fresh", "Fresh", "stablecoin", "web3", "new " + strconv.Itoa(len(d.title)%3)}[g.r.IntN(5)]
		if !slices.Contains(d.tags, tag) {
			d.tags = append(slices.Clone(d.tags), tag)
		}
		g.did("tag %s %q", p, tag)
	case 10:
		// A tag less: its term may be left empty.
		if len(d.tags) > 1 {
			d.tags = slices.Delete(slices.Clone(d.tags), 0, 1)
		}
		g.did("untag %s %v", p, d.tags)
	case 11:
		// Within one family of jurisdictions, or to a name site.toml
		// does not declare (an error until a later edit fixes it).
		d.juris = []string{[]string{"China", "Beijing", "Chaoyang", "Shanghai", "Atlantis"}[g.r.IntN(5)]}
		if g.r.IntN(2) == 0 {
			d.juris = append(d.juris, "Hong Kong")
		}
		g.did("rejurisdiction %s %v", p, d.juris)
	default:
		g.renameTag()
		slices.Sort(g.changed)
		return strings.Join(g.stepDesc, " + "), slices.Compact(g.changed)
	}
	g.writeDoc(p)
	return strings.Join(g.stepDesc, " + "), g.changed
}

// renameTag renames one of d's tags in every briefing that has it.
func (g *genSite) renameTag() {
	d := g.docs[g.pickDoc()]
	old := d.tags[g.r.IntN(len(d.tags))]
	renamed := old + " renamed"
	if strings.HasSuffix(old, " renamed") {
		renamed = strings.TrimSuffix(old, " renamed")
	}
	for _, p := range sortedDocs(g.docs) {
		e := g.docs[p]
		if i := slices.Index(e.tags, old); i >= 0 && !slices.Contains(e.tags, renamed) {
			e.tags[i] = renamed
			g.writeDoc(p)
		}
	}
	g.did("rename tag %q to %q", old, renamed)
}

// A title edit makes the pages that show the briefing again, not every
// list of the site: the briefing's own page and its neighbours', the
// lists it is on, the site-wide files; no other page of its terms.
func TestTitleEditMakesOnlyItsLists(t *testing.T) {
	g := frontSite(t, *propSeed+11, true)
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	first, err := bl.Build(g.fsys, nil, opt, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	opt.Incremental = true
	var p string
	for _, q := range sortedDocs(g.docs) {
		if d := g.docs[q]; !d.draft && !strings.HasPrefix(d.date, "2030") {
			p = q
			break
		}
	}
	g.docs[p].title = "A title edited once"
	g.writeDoc(p)
	res, err := bl.Build(g.fsys, build.ChangedPaths(p), opt, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	lists := first.Pages["list"] + first.Pages["home"]
	t.Logf("%d of %d outputs made again (%d list pages)", res.Rendered, first.Rendered, lists)
	if res.Rendered*3 > lists {
		t.Errorf("a title edit made %d outputs again; the site has %d list pages, of which a briefing is on a few", res.Rendered, lists)
	}
}

// In the dev server's sink, a front matter edit leaves the pages that show
// every briefing (the archive and the funding tracker) to be made on
// request, so that the edited page does not wait for them; the first build
// makes them, to report their templates' errors. Made while a later body
// edit is built (which fills in the same model's views), they are the
// full build's bytes.
func TestSiteWidePagesMadeOnRequest(t *testing.T) {
	g := frontSite(t, *propSeed+13, true)
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	first := output.NewLazyMemory()
	if _, err := bl.Build(g.fsys, nil, opt, first); err != nil {
		t.Fatal(err)
	}
	wide := []string{"archive/index.html", "funding/index.html"}
	for _, p := range wide {
		if first.Files[p] == nil {
			t.Errorf("the first build left %s to be made on request", p)
		}
	}
	opt.Incremental = true
	var p string
	for _, q := range sortedDocs(g.docs) {
		if d := g.docs[q]; !d.draft && !strings.HasPrefix(d.date, "2030") && d.funding {
			p = q
			break
		}
	}
	g.docs[p].title = "A title edited once"
	g.writeDoc(p)
	edit := output.NewLazyMemory()
	if _, err := bl.Build(g.fsys, build.ChangedPaths(p), opt, edit); err != nil {
		t.Fatal(err)
	}
	// A body edit: the same model, its views' parts filled in again while
	// the pages are made.
	g.docs[p].paras = append(g.docs[p].paras, "A paragraph added.")
	g.writeDoc(p)
	done := make(chan error)
	go func() {
		_, err := bl.Build(g.fsys, build.ChangedPaths(p), opt, output.NewLazyMemory())
		done <- err
	}()
	made := map[string][]byte{}
	for _, q := range wide {
		make := edit.Lazy[q]
		if make == nil {
			t.Fatalf("%s was not left to be made on request (files put: %v)", q, edit.Paths())
		}
		data, err := make()
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		made[q] = data
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	full := output.NewMemory()
	if _, err := build.New(brief.DefaultTheme()).Build(g.fsys, nil, build.Options{Now: buildClock}, full); err != nil {
		t.Fatal(err)
	}
	for _, q := range wide {
		if !bytes.Equal(made[q], full.Files[q]) {
			t.Errorf("%s made on request differs from a full build's:\n%s", q, golden.LineDiff(string(full.Files[q]), string(made[q])))
		}
	}
}

// A term's name is its most used spelling: an edit of one briefing's tag
// renames the term in the others' pages and search entries, whose files
// did not change.
func TestSpellingEditRenamesTermEverywhere(t *testing.T) {
	doc := func(title, tag string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: 2024-01-02\njurisdiction: Hong Kong\ntags: [%s]\n---\n\nBody of %s.\n", title, tag, title))}
	}
	fsys := fstest.MapFS{
		"site.toml":              &fstest.MapFile{Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/\"\n")},
		"content/briefings/a.md": doc("Alpha", "Web3"),
		"content/briefings/b.md": doc("Beta", "Web3"),
		"content/briefings/c.md": doc("Gamma", "web3"),
	}
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	running := output.NewMemory()
	if _, err := bl.Build(fsys, nil, opt, running); err != nil {
		t.Fatal(err)
	}
	fsys["content/briefings/a.md"] = doc("Alpha", "web3")
	opt.Incremental = true
	mem := output.NewMemory()
	res, err := bl.Build(fsys, build.ChangedPaths("content/briefings/a.md"), opt, mem)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range mem.Files {
		running.Files[p] = data
	}
	for _, p := range res.Removed {
		delete(running.Files, p)
	}
	_, full := mustBuild(t, fsys, build.Options{Now: buildClock})
	if diff := compareOutputs(running.Files, full.Files); diff != "" {
		t.Errorf("incremental output differs from a full build:\n%s", diff)
	}
}

// A tag or jurisdiction edit of one briefing updates the model, its lists
// and the plan in place (Result.TermsUpdated): a new tag gets its pages
// and feeds, the tag left empty loses them, a jurisdiction moved within a
// family changes its ancestors' lists, a child left empty or made again
// changes its parent's, each output as a full build makes it. A new tag whose folder a static file takes as a file is the full
// build's error.
func TestTermEditsInPlace(t *testing.T) {
	doc := func(title, date, juris, tags string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: %s\njurisdiction: %s\ntags: [%s]\nfunding:\n  - amount: \"10m\"\n    currency: USD\n---\n\nBody of %s.\n", title, date, juris, tags, title))}
	}
	// itemFor gives the funding item of a doc a jurisdiction of its own.
	itemFor := func(f *fstest.MapFile, juris string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), "    currency: USD\n", "    currency: USD\n    jurisdiction: "+juris+"\n", 1))}
	}
	fsys := fstest.MapFS{
		"site.toml":              &fstest.MapFile{Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/\"\npaginate = 2\n\n[jurisdictions]\nChina = {}\nBeijing = { parent = \"China\" }\nShanghai = { parent = \"China\" }\n\"Hong Kong\" = {}\n")},
		"content/briefings/a.md": doc("Alpha", "2024-01-02", "Beijing", "Web3, CBDC"),
		"content/briefings/b.md": doc("Beta", "2024-02-02", "Shanghai", "Web3"),
		"content/briefings/c.md": doc("Gamma", "2024-03-02", "Hong Kong", "CBDC"),
		"content/briefings/d.md": doc("Delta", "2023-03-02", "China", "CBDC"),
		"content/briefings/e.md": doc("Epsilon", "2022-03-02", "Beijing", "CBDC"),
		"static/tags/taken":      &fstest.MapFile{Data: []byte("a file where a tag's folder would go")},
	}
	bl := build.New(brief.DefaultTheme())
	opt := build.Options{Now: buildClock}
	running := output.NewMemory()
	if _, err := bl.Build(fsys, nil, opt, running); err != nil {
		t.Fatal(err)
	}
	opt.Incremental = true
	for _, step := range []struct {
		name, file string
		doc        *fstest.MapFile
		inPlace    bool
		gone       string // an output the edit removes
	}{
		{"new tag", "content/briefings/a.md", doc("Alpha", "2024-01-02", "Beijing", "Web3, CBDC, Fresh"), true, ""},
		{"tag removed, term emptied", "content/briefings/a.md", doc("Alpha", "2024-01-02", "Beijing", "Web3"), true, "tags/fresh/index.html"},
		{"tag of another spelling", "content/briefings/c.md", doc("Gamma", "2024-03-02", "Hong Kong", "cbdc, web3"), true, ""},
		{"child to sibling", "content/briefings/a.md", doc("Alpha", "2024-01-02", "Shanghai", "Web3"), true, ""},
		{"child to parent", "content/briefings/b.md", doc("Beta", "2024-02-02", "China", "Web3"), true, ""},
		{"new tag in a folder taken", "content/briefings/d.md", doc("Delta", "2023-03-02", "China", "CBDC, Taken"), true, ""},
		{"fixed", "content/briefings/d.md", doc("Delta", "2023-03-02", "China", "CBDC"), false, ""},
		// The item counts for the parent, not the child: their totals.
		{"item's jurisdiction", "content/briefings/e.md", itemFor(doc("Epsilon", "2022-03-02", "Beijing", "CBDC"), "China"), true, ""},
		{"item's jurisdiction gone", "content/briefings/e.md", doc("Epsilon", "2022-03-02", "Beijing", "CBDC"), true, ""},
		// A jurisdiction with a parent left empty, and made again under it.
		{"child emptied", "content/briefings/e.md", doc("Epsilon", "2022-03-02", "Hong Kong", "CBDC"), true, "jurisdictions/beijing/index.html"},
		{"new child", "content/briefings/e.md", doc("Epsilon", "2022-03-02", "Beijing", "CBDC"), true, ""},
	} {
		fsys[step.file] = step.doc
		mem := output.NewMemory()
		res, err := bl.Build(fsys, build.ChangedPaths(step.file), opt, mem)
		full := output.NewMemory()
		_, fullErr := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, full)
		if fmt.Sprint(err) != fmt.Sprint(fullErr) {
			t.Fatalf("%s: error %v, a full build's %v", step.name, err, fullErr)
		}
		if (err != nil) != strings.Contains(step.name, "taken") {
			t.Fatalf("%s: error %v", step.name, err)
		}
		if err != nil {
			continue
		}
		if step.inPlace && res.TermsUpdated != 1 {
			t.Errorf("%s: the model's terms were not updated in place (%d)", step.name, res.TermsUpdated)
		}
		for p, data := range mem.Files {
			running.Files[p] = data
		}
		for _, p := range res.Removed {
			delete(running.Files, p)
		}
		if step.gone != "" && !slices.Contains(res.Removed, step.gone) {
			t.Errorf("%s: %s not removed (removed %v)", step.name, step.gone, res.Removed)
		}
		if diff := compareOutputs(running.Files, full.Files); diff != "" {
			t.Fatalf("%s: the output differs from a full build's:\n%s", step.name, diff)
		}
	}
}
