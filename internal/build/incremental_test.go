package build_test

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/golden"
	"brief/internal/images/imagestest"
	"brief/internal/output"
	"brief/internal/sources"
)

var (
	propSeed  = flag.Uint64("prop.seed", 20240601, "seed of the incremental property test")
	propSteps = flag.Int("prop.steps", 0, "steps of the incremental property test (0: 200; 100 under -race; 40 with -short)")
)

// TestIncrementalEqualsFull is the property the incremental build promises:
// after any sequence of edits, applying each incremental result (Files put,
// Removed deleted, as the dev server does) to the previous output gives
// exactly what a full build by a fresh Builder gives. When the sources are
// broken, both fail and the output stays as it was. It holds for the dev
// server's output and for the published one, with fingerprinted assets.
func TestIncrementalEqualsFull(t *testing.T) {
	t.Run("dev", func(t *testing.T) { incrementalEqualsFull(t, false) })
	t.Run("fingerprinted", func(t *testing.T) { incrementalEqualsFull(t, true) })
}

func incrementalEqualsFull(t *testing.T, fingerprint bool) {
	steps := *propSteps
	if steps == 0 {
		switch {
		case testing.Short():
			steps = 40
		case raceEnabled:
			steps = 100
		default:
			steps = 200
		}
	}
	g := newGenSite(t, *propSeed, 40)
	failures, smallest, outputs := g.compareSteps(build.Options{Now: buildClock, Fingerprint: fingerprint}, steps, g.step)
	t.Logf("%d steps, %d failed builds (both sides), final site %d outputs; %d updated the model in place, %d of them its terms",
		steps, failures, outputs, g.updated, g.termsUpdated)
	if steps >= 200 && g.termsUpdated == 0 {
		t.Errorf("no step updated the model's terms in place")
	}
	if failures == steps || failures == 0 {
		t.Errorf("%d of %d steps failed: the generator should make valid sites and broken ones", failures, steps)
	}
	if smallest*10 > outputs {
		t.Errorf("no incremental step wrote fewer than a tenth of the outputs (fewest: %d of %d)", smallest, outputs)
	}
}

// compareSteps makes steps changes to g with step and checks after each
// that an incremental build by one Builder, applied to the output as the
// dev server applies it, equals a full build by a fresh Builder (or that
// both fail alike). It returns how many steps failed on both sides, the
// fewest files an incremental step wrote, and the final site's outputs.
func (g *genSite) compareSteps(opt build.Options, steps int, step func() (string, []string)) (failures, smallest, outputs int) {
	t := g.t
	theme := brief.DefaultTheme()
	inc := build.New(theme)
	// The reference builds take copies of images from a cache they share
	// (keyed by content, so they cannot see a stale one); the incremental
	// Builder has none and makes every copy it needs itself.
	fullOpt := opt
	fullOpt.ImageCache = imagestest.NewCache()
	// The dev server's output (not fingerprinted) goes through its sink,
	// which may leave files to be made on first request; their makers are
	// kept as the server keeps them, and run only when the output is
	// compared, after any later builds (which must not make them stale).
	sink := output.NewMemory
	if !opt.Fingerprint {
		sink = output.NewLazyMemory
	}
	first := sink()
	if _, err := inc.Build(g.fsys, nil, opt, first); err != nil {
		t.Fatalf("initial build failed:\n%v", err)
	}
	running := first.Files
	makers := first.Lazy
	incOpt := opt
	incOpt.Incremental = true
	mismatches := 0
	smallest = len(running) + len(makers)
	for i := 0; i < steps; i++ {
		desc, changed := step()
		g.log = append(g.log, fmt.Sprintf("%3d %s %v", i+1, desc, changed))

		mem := sink()
		res, incErr := inc.Build(g.fsys, build.ChangedPaths(changed...), incOpt, mem)
		full := output.NewMemory()
		fullRes, fullErr := build.New(theme).Build(g.fsys, nil, fullOpt, full)

		switch {
		case (incErr == nil) != (fullErr == nil):
			t.Fatalf("step %d: incremental error %v, full error %v\nsteps:\n%s", i+1, incErr, fullErr, g.history())
		case fullErr != nil:
			failures++
			if incErr.Error() != fullErr.Error() {
				t.Errorf("step %d: errors differ\nincremental:\n%v\nfull:\n%v\nsteps:\n%s", i+1, incErr, fullErr, g.history())
				mismatches++
			}
			continue // the running output stays as it was
		}
		if !slices.Equal(res.Written, mem.Paths()) {
			t.Fatalf("step %d: Result.Written %v differs from the files put %v", i+1, res.Written, mem.Paths())
		}
		smallest = min(smallest, len(mem.Files)+len(mem.Lazy))
		if res.ModelUpdated > 0 {
			g.updated++
		}
		if res.TermsUpdated > 0 {
			g.termsUpdated++
		}
		for p, data := range mem.Files {
			running[p] = data
			delete(makers, p)
		}
		for p, make := range mem.Lazy {
			makers[p] = make
			delete(running, p)
		}
		for _, p := range res.Removed {
			delete(running, p)
			delete(makers, p)
		}
		got := maps.Clone(running)
		for p, make := range makers {
			data, err := make()
			if err != nil {
				t.Fatalf("step %d: making %s on request: %v\nsteps:\n%s", i+1, p, err, g.history())
			}
			got[p] = data
		}
		if diff := compareOutputs(got, full.Files); diff != "" {
			t.Fatalf("step %d: incremental output differs from a full build:\n%s\nsteps:\n%s", i+1, diff, g.history())
		}
		if iw, fw := res.Warnings.Error(), fullRes.Warnings.Error(); iw != fw {
			mismatches++
			t.Errorf("step %d: warnings differ\nincremental:\n%s\nfull:\n%s\nsteps:\n%s", i+1, iw, fw, g.history())
		}
		if mismatches > 3 {
			t.FailNow()
		}
	}
	return failures, smallest, len(running) + len(makers)
}

// compareOutputs describes how got differs from want, or returns "".
func compareOutputs(got, want map[string][]byte) string {
	var b strings.Builder
	for _, p := range paths(want) {
		g, ok := got[p]
		switch {
		case !ok:
			fmt.Fprintf(&b, "missing %s\n", p)
		case bytes.Equal(g, want[p]):
		default:
			fmt.Fprintf(&b, "stale %s:\n%s", p, golden.LineDiff(string(want[p]), string(g)))
		}
	}
	for _, p := range paths(got) {
		if _, ok := want[p]; !ok {
			fmt.Fprintf(&b, "extra %s\n", p)
		}
	}
	return b.String()
}

// genSite is a generated site on disk plus the model it was written from,
// so that steps can edit front matter fields without parsing them back.
type genSite struct {
	t     *testing.T
	dir   string
	fsys  fs.FS
	r     *rand.Rand
	docs  map[string]*genDoc // content path -> briefing
	next  int                // counter for new names
	log   []string
	cfg   genConfig
	theme map[string]string // default theme templates, for overrides

	updated int // steps whose build updated the model in place
	// termsUpdated counts those whose update in place changed terms.
	termsUpdated int
	broken       map[string]string // path -> the good text to restore
	layouts      map[string]bool   // layout overrides present
	statics      map[string]bool   // static files present
	changed      []string
	stepDesc     []string
	// mtime, when set, is the modification time of the last file written:
	// each write moves it on a second, so that every write changes the
	// file's metadata however fast the steps come (see TestCachedEqualsFull).
	mtime time.Time
}

type genDoc struct {
	dir, name string // "content/briefings", "b-07-ledger"
	title     string
	date      string
	tags      []string
	juris     []string
	funding   bool
	amount    string // of the funding item: "100m" when empty
	draft     bool
	alias     bool
	paras     []string
	links     []string // content paths of linked briefings
	// A page bundle is dir/name/index.md with a chart.png of chartWidth
	// pixels beside it (and sometimes a data.csv).
	bundle     bool
	chartWidth int
	data       bool
	picture    string // the body's image: "chart.png", "/img/map.png" or ""
	cover      string // the front matter image, or ""
}

type genConfig struct {
	paginate    int
	timezone    string
	baseURL     string
	description string
	parents     map[string]string
	minify      bool
	oneLanguage bool // no [languages]: a site of one edition
}

var (
	genTags  = []string{"Web3", "stablecoins", "CBDC", "e-CNY", "mining", "licensing", "DeFi", "NFT", "tokenisation", "数字人民币", "监管"}
	genJuris = []string{"China", "Beijing", "Shanghai", "Chaoyang", "Shenzhen", "Guangdong", "Hong Kong", "Singapore"}
	genWords = strings.Fields("regulator licence platform token stablecoin custody exchange pilot sandbox ledger district fund " +
		"policy statement consultation reserve issuer retail investor bank settlement wallet")
	genJurisSorted = slices.Sorted(slices.Values(genJuris))
	genParents     = [][2]string{{"Beijing", "China"}, {"Shanghai", "China"}, {"Chaoyang", "Beijing"}, {"Shenzhen", "Guangdong"}, {"Guangdong", "China"}}
)

func newGenSite(t *testing.T, seed uint64, n int) *genSite {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	// The site as the CLI reads it (sources.FS), whose walks look files up
	// their own way (sources.WalkInfo) for the build cache to compare.
	g := &genSite{t: t, dir: dir, fsys: sources.FS(root), r: rand.New(rand.NewPCG(seed, 0xb1ef)), docs: map[string]*genDoc{},
		broken: map[string]string{}, layouts: map[string]bool{}, statics: map[string]bool{}, theme: map[string]string{}}
	for _, name := range []string{"partials/card.html", "home.html", "briefing.html", "list.html", "404.html"} {
		data, err := fs.ReadFile(brief.DefaultTheme(), name)
		if err != nil {
			t.Fatal(err)
		}
		g.theme[name] = string(data)
	}
	g.writeBytes(staticMap, imagestest.PNG(520, 260))
	g.cfg = genConfig{paginate: 5, timezone: "Asia/Hong_Kong", baseURL: "https://brief.example/", description: "Generated.",
		parents: map[string]string{"Beijing": "China", "Chaoyang": "Beijing", "Shanghai": "China"}}
	g.writeConfig()
	for i := 0; i < n; i++ {
		g.addDoc()
	}
	// Links only once every file exists, so the first build is clean.
	var all []string
	for p := range g.docs {
		all = append(all, p)
	}
	sort.Strings(all)
	for _, p := range all {
		d := g.docs[p]
		for k := g.r.IntN(3); k > 0; k-- {
			if target := g.pickDoc(); target != p && !slices.Contains(d.links, target) {
				d.links = append(d.links, target)
			}
		}
		g.writeDoc(p)
	}
	g.write("static/files/readme.txt", "hello")
	g.statics["static/files/readme.txt"] = true
	// A 404 page that reads the site's briefings through with, from the
	// start: it changes with every briefing added, removed or retitled
	// (issue 9, point 9).
	g.write("layouts/404.html", strings.Replace(g.theme["404.html"], "{{end}}\n", "{{with .Site}}<p>{{len .Briefings}} briefings: {{range .Briefings}}<a href=\"{{.URL}}\">{{.Title}}</a> {{end}}</p>{{end}}\n{{end}}\n", 1))
	g.layouts["layouts/404.html"] = true
	g.changed = nil
	return g
}

func (g *genSite) history() string {
	if len(g.log) > 60 {
		return "...\n" + strings.Join(g.log[len(g.log)-60:], "\n")
	}
	return strings.Join(g.log, "\n")
}

// write and remove keep the disk and the list of changed paths in step.
func (g *genSite) write(p, text string) { g.writeBytes(p, []byte(text)) }

func (g *genSite) writeBytes(p string, data []byte) {
	full := filepath.Join(g.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		g.t.Fatal(err)
	}
	if !g.mtime.IsZero() {
		g.mtime = g.mtime.Add(time.Second)
		if err := os.Chtimes(full, g.mtime, g.mtime); err != nil {
			g.t.Fatal(err)
		}
	}
	g.changed = append(g.changed, p)
}

func (g *genSite) remove(p string) {
	if err := os.Remove(filepath.Join(g.dir, filepath.FromSlash(p))); err != nil {
		g.t.Fatal(err)
	}
	g.changed = append(g.changed, p)
}

func (g *genSite) word() string { return genWords[g.r.IntN(len(genWords))] }

func (g *genSite) sentence() string {
	n := 4 + g.r.IntN(8)
	w := make([]string, n)
	for i := range w {
		w[i] = g.word()
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

func (g *genSite) date() string {
	y, m, d := 2019+g.r.IntN(6), 1+g.r.IntN(12), 1+g.r.IntN(28)
	if g.r.IntN(25) == 0 {
		y = 2030 // future: unpublished at the test clock
	}
	switch g.r.IntN(3) {
	case 0:
		// Date-only values are midnight in the site's zone: changing the
		// zone must re-date them.
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:30:00+08:00", y, m, d, g.r.IntN(24))
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:00:00Z", y, m, d, g.r.IntN(24))
}

func (g *genSite) pickDistinct(pool []string, n int) []string {
	var out []string
	for _, i := range g.r.Perm(len(pool))[:n] {
		out = append(out, pool[i])
	}
	return out
}

func (g *genSite) newName() string {
	g.next++
	return fmt.Sprintf("b-%03d-%s", g.next, g.word())
}

func (g *genSite) addDoc() string {
	d := &genDoc{dir: "content/briefings", name: g.newName(), title: g.sentence(), date: g.date(),
		tags: g.pickDistinct(genTags, 1+g.r.IntN(3)), juris: g.pickDistinct(genJuris, 1+g.r.IntN(2)),
		funding: g.r.IntN(3) == 0, draft: g.r.IntN(15) == 0, alias: g.r.IntN(6) == 0}
	if g.r.IntN(4) == 0 {
		d.dir = "content/briefings/archive"
	}
	for k := 1 + g.r.IntN(3); k > 0; k-- {
		d.paras = append(d.paras, g.sentence())
	}
	switch g.r.IntN(6) {
	case 0:
		d.bundle, d.chartWidth, d.picture = true, g.chartWidth(), "chart.png"
		if g.r.IntN(2) == 0 {
			d.cover = "chart.png"
		}
	case 1:
		d.picture = "/img/map.png"
	}
	p := d.path()
	g.docs[p] = d
	g.writeBundleFiles(d)
	g.writeDoc(p)
	return p
}

// path is the briefing's Markdown file; folder the folder it is in.
func (d *genDoc) path() string {
	if d.bundle {
		return d.dir + "/" + d.name + "/index.md"
	}
	return d.dir + "/" + d.name + ".md"
}

// staticMap is the image in static/ that plain briefings show.
const staticMap = "static/img/map.png"

func (d *genDoc) folder() string { return path.Dir(d.path()) }

// chartWidth is small: two copies at most (480 px and the chart's own).
func (g *genSite) chartWidth() int { return 200 + 50*g.r.IntN(10) }

// writeBundleFiles writes a bundle's chart (and data file).
func (g *genSite) writeBundleFiles(d *genDoc) {
	if !d.bundle {
		return
	}
	g.writeBytes(d.folder()+"/chart.png", imagestest.PNG(d.chartWidth, d.chartWidth/2))
	if d.data {
		g.write(d.folder()+"/data.csv", "a,b\n1,2\n")
	}
}

// removeBundleFiles removes what writeBundleFiles wrote.
func (g *genSite) removeBundleFiles(d *genDoc) {
	if !d.bundle {
		return
	}
	g.remove(d.folder() + "/chart.png")
	if d.data {
		g.remove(d.folder() + "/data.csv")
	}
}

func (g *genSite) writeDoc(p string) {
	d := g.docs[p]
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\n", d.title, d.date)
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(d.tags, ", "))
	if len(d.juris) == 1 {
		fmt.Fprintf(&b, "jurisdiction: %s\n", d.juris[0])
	} else {
		fmt.Fprintf(&b, "jurisdiction: [%s]\n", strings.Join(d.juris, ", "))
	}
	if d.funding {
		amount := cmp.Or(d.amount, "100m")
		fmt.Fprintf(&b, "funding:\n  - amount: %q\n    currency: CNY\n    usd: \"13.8m\"\n    purpose: \"industry support\"\n", amount)
		if len(d.juris) > 1 {
			fmt.Fprintf(&b, "    jurisdiction: %s\n", d.juris[0])
		}
	}
	if d.draft {
		b.WriteString("draft: true\n")
	}
	if d.alias {
		fmt.Fprintf(&b, "aliases: [/old/%s/]\n", d.name)
	}
	if d.cover != "" {
		fmt.Fprintf(&b, "image: %s\nimageAlt: \"A picture of %s\"\n", d.cover, d.name)
	}
	fmt.Fprintf(&b, "summary: %q\n---\n\n", d.paras[0])
	if d.picture != "" {
		fmt.Fprintf(&b, "![A chart for %s](%s \"%s\")\n\n", d.name, d.picture, d.title)
	}
	for i, para := range d.paras {
		if i == 1 {
			b.WriteString("## 背景 and context\n\n")
		}
		b.WriteString(para + "\n\n")
	}
	for _, l := range d.links {
		fmt.Fprintf(&b, "See [%s](%s).\n\n", path.Base(l), relLink(d.folder(), l))
	}
	if _, isBroken := g.broken[p]; isBroken {
		g.broken[p] = b.String() // the fix restores the latest good text
		return
	}
	g.write(p, b.String())
}

// relLink writes a link from a file in dir to the content path target.
func relLink(dir, target string) string {
	tdir, name := path.Split(target)
	tdir = strings.TrimSuffix(tdir, "/")
	switch {
	case tdir == dir:
		return name
	case strings.HasPrefix(tdir, dir+"/"):
		return strings.TrimPrefix(tdir, dir+"/") + "/" + name
	case strings.HasPrefix(dir, tdir+"/"):
		up := strings.Count(strings.TrimPrefix(dir, tdir+"/"), "/") + 1
		return strings.Repeat("../", up) + name
	}
	return "/" + target
}

func (g *genSite) writeConfig() {
	c := g.cfg
	var b strings.Builder
	fmt.Fprintf(&b, "title = \"Generated\"\ndescription = %q\nbaseURL = %q\ntimezone = %q\npaginate = %d\n", c.description, c.baseURL, c.timezone, c.paginate)
	if c.minify {
		b.WriteString("minify = true\n")
	}
	// Two editions: translations come and go (see translate).
	if !c.oneLanguage {
		b.WriteString("\n[languages.en]\nname = \"English\"\n\n[languages.zh-Hant]\nname = \"繁體中文\"\n")
	}
	// Every name the generator uses is declared: the list is closed.
	b.WriteString("\n[jurisdictions]\n")
	for _, k := range genJurisSorted {
		if p := c.parents[k]; p != "" {
			fmt.Fprintf(&b, "%q = { parent = %q }\n", k, p)
		} else {
			fmt.Fprintf(&b, "%q = {}\n", k)
		}
	}
	if _, isBroken := g.broken["site.toml"]; isBroken {
		g.broken["site.toml"] = b.String()
		return
	}
	g.write("site.toml", b.String())
}

func sortedStrings(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (g *genSite) pickDoc() string {
	keys := make([]string, 0, len(g.docs))
	for p := range g.docs {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	return keys[g.r.IntN(len(keys))]
}

// pickGood picks a briefing that is not currently broken.
func (g *genSite) pickGood() (string, bool) {
	for range 10 {
		if p := g.pickDoc(); g.broken[p] == "" {
			return p, true
		}
	}
	return "", false
}

// step applies one or two random mutations and returns what it did and
// which paths changed, as a watcher would report them.
func (g *genSite) step() (string, []string) {
	g.changed, g.stepDesc = nil, nil
	g.mutate()
	if g.r.IntN(6) == 0 { // an editor's batch: two changes in one build
		g.mutate()
	}
	slices.Sort(g.changed)
	return strings.Join(g.stepDesc, " + "), slices.Compact(g.changed)
}

func (g *genSite) did(format string, args ...any) {
	g.stepDesc = append(g.stepDesc, fmt.Sprintf(format, args...))
}

func (g *genSite) mutate() {
	if len(g.broken) > 0 && g.r.IntN(3) == 0 {
		g.fixOne()
		return
	}
	p, ok := g.pickGood()
	if !ok {
		g.fixOne()
		return
	}
	d := g.docs[p]
	if g.r.IntN(8) == 0 {
		g.translate(p)
		return
	}
	switch k := g.r.IntN(100); {
	case k < 14:
		d.paras[g.r.IntN(len(d.paras))] = g.sentence()
		if g.r.IntN(3) == 0 {
			d.paras = append(d.paras, g.sentence())
		}
		g.did("edit body of %s", p)
	case k < 20:
		if t := g.pickDoc(); t != p && !slices.Contains(d.links, t) {
			d.links = append(d.links, t)
			g.did("link %s to %s", p, t)
		} else if len(d.links) > 0 {
			d.links = d.links[1:]
			g.did("unlink from %s", p)
		} else {
			g.did("touch %s", p)
		}
	case k < 26:
		d.title = g.sentence()
		g.did("retitle %s", p)
	case k < 32:
		d.date = g.date()
		g.did("redate %s to %s", p, d.date)
	case k < 38:
		d.tags = g.pickDistinct(genTags, 1+g.r.IntN(3))
		g.did("retag %s %v", p, d.tags)
	case k < 42:
		// Change a tag's case in one file: the tag stays one tag, its name
		// may change to the new most used spelling.
		i := g.r.IntN(len(d.tags))
		if g.r.IntN(2) == 0 {
			d.tags[i] = strings.ToUpper(d.tags[i])
		} else {
			d.tags[i] = strings.ToLower(d.tags[i])
		}
		g.did("recase tag of %s to %q", p, d.tags[i])
	case k < 47:
		d.juris = g.pickDistinct(genJuris, 1+g.r.IntN(2))
		g.did("rejurisdiction %s %v", p, d.juris)
	case k < 50:
		d.draft = !d.draft
		g.did("draft=%v %s", d.draft, p)
	case k < 52:
		d.funding, d.alias = !d.funding, !d.alias
		g.did("toggle funding and alias of %s", p)
		g.keepFundingAgreed(p)
	case k < 58:
		g.rename(p)
		return
	case k < 62:
		if len(g.docs) > 5 {
			g.deleteDoc(p)
			return
		}
		g.did("add %s", g.addDoc())
		return
	case k < 68:
		g.did("add %s", g.addDoc())
		return
	case k < 73:
		g.breakFile(p)
		return
	case k < 81:
		g.layoutStep()
		return
	case k < 86:
		g.staticStep()
		return
	case k < 92:
		g.imageStep(p)
		return
	default:
		g.configStep()
		return
	}
	g.writeDoc(p)
}

// translate adds a Traditional Chinese translation of a briefing
// (x.zh-Hant.md beside x.md), or removes the one it has; the other steps
// edit, rename and delete translations like any briefing.
func (g *genSite) translate(p string) {
	d := g.docs[p]
	if d.bundle || strings.HasSuffix(d.name, ".zh-Hant") {
		g.did("touch %s", p)
		g.writeDoc(p)
		return
	}
	tp := d.dir + "/" + d.name + ".zh-Hant.md"
	if _, ok := g.docs[tp]; ok {
		g.deleteDoc(tp)
		return
	}
	t := &genDoc{dir: d.dir, name: d.name + ".zh-Hant", title: "譯文：" + d.title, date: d.date,
		tags: slices.Clone(d.tags), juris: slices.Clone(d.juris), draft: g.r.IntN(10) == 0,
		// Without funding it shows the original's; with, the same items.
		funding: d.funding && g.r.IntN(2) == 0}
	for k := 1 + g.r.IntN(2); k > 0; k-- {
		t.paras = append(t.paras, "中文譯文，"+g.sentence())
	}
	if g.r.IntN(3) == 0 {
		t.links = []string{p}
	}
	g.docs[tp] = t
	g.writeDoc(tp)
	g.did("translate %s", p)
}

// keepFundingAgreed keeps a translation's funding to what the site allows
// after p's was toggled: a translation states funding only while its
// original does (else the site has an error that no later step is sure to
// fix, and most builds after it fail: seed 15 had 179 of 200).
func (g *genSite) keepFundingAgreed(p string) {
	d := g.docs[p]
	if orig, ok := strings.CutSuffix(p, ".zh-Hant.md"); ok {
		if o := g.docs[orig+".md"]; o == nil || !o.funding {
			d.funding = false
		}
		return
	}
	tp := strings.TrimSuffix(p, ".md") + ".zh-Hant.md"
	if t := g.docs[tp]; t != nil && t.funding && !d.funding {
		t.funding = false
		g.writeDoc(tp)
	}
}

// rename moves a briefing to a new name (a new URL) and, like an editor's
// refactoring, updates the links to it.
func (g *genSite) rename(p string) {
	d := g.docs[p]
	delete(g.docs, p)
	g.remove(p)
	g.removeBundleFiles(d)
	d.name = g.newName()
	if g.r.IntN(3) == 0 {
		if d.dir == "content/briefings" {
			d.dir = "content/briefings/archive"
		} else {
			d.dir = "content/briefings"
		}
	}
	np := d.path()
	g.docs[np] = d
	g.did("rename %s to %s", p, np)
	g.writeBundleFiles(d)
	g.writeDoc(np)
	g.relink(p, np)
}

func (g *genSite) deleteDoc(p string) {
	g.removeBundleFiles(g.docs[p])
	delete(g.docs, p)
	g.remove(p)
	g.did("delete %s", p)
	g.relink(p, "")
}

// relink points links to old at new, or drops them when new is "".
func (g *genSite) relink(old, new string) {
	for _, q := range sortedDocs(g.docs) {
		d := g.docs[q]
		i := slices.Index(d.links, old)
		if i < 0 {
			continue
		}
		if new == "" || new == q {
			d.links = slices.Delete(d.links, i, i+1)
		} else {
			d.links[i] = new
		}
		g.writeDoc(q)
	}
}

func sortedDocs(m map[string]*genDoc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// breakFile writes invalid front matter (or a link to a missing file) and
// remembers the good text for a later fix.
func (g *genSite) breakFile(p string) {
	good, err := os.ReadFile(filepath.Join(g.dir, filepath.FromSlash(p)))
	if err != nil {
		g.t.Fatal(err)
	}
	bad := map[int]string{
		0: "---\ntitle: [unclosed\ndate: 2023-01-01\n---\nbody\n",
		1: "---\ntitle: No date\n---\nbody\n",
		2: strings.Replace(string(good), "\n---\n", "\nfundng: 3\n---\n", 1),
		3: string(good) + "\nSee [nothing](no-such-briefing.md).\n",
	}[g.r.IntN(4)]
	g.write(p, bad)
	g.broken[p] = string(good)
	g.did("break %s", p)
}

func (g *genSite) fixOne() {
	keys := sortedStrings(g.broken)
	g.fix(keys[g.r.IntN(len(keys))])
}

func (g *genSite) fix(p string) {
	good := g.broken[p]
	delete(g.broken, p)
	if good == "" { // a broken layout override: remove it
		g.remove(p)
		delete(g.layouts, p)
	} else {
		g.write(p, good)
	}
	g.did("fix %s", p)
}

func (g *genSite) layoutStep() {
	names := []string{"partials/card.html", "home.html", "briefing.html", "list.html", "404.html"}
	name := names[g.r.IntN(len(names))]
	p := "layouts/" + name
	if _, isBroken := g.broken[p]; isBroken {
		g.fixOne()
		return
	}
	switch k := g.r.IntN(5); {
	case g.layouts[p] && k < 2:
		g.remove(p)
		delete(g.layouts, p)
		g.did("remove override %s", p)
	case k == 2:
		g.write(p, "{{define \"main\"}}{{if}}{{end}}\n")
		g.layouts[p] = true
		g.broken[p] = ""
		g.did("break override %s", p)
	default:
		text := g.theme[name]
		// Some overrides read site-wide data, each in another spelling:
		// the pages they make then depend on every briefing.
		siteWide := g.r.IntN(2) == 0
		switch name {
		case "home.html":
			text = strings.Replace(text, "{{end}}\n", "<ul class=\"all-tags\">{{range .Site.Tags}}<li>{{.Name}} {{len .Briefings}}</li>{{end}}</ul>\n{{end}}\n", 1)
		case "404.html":
			if siteWide {
				text = strings.Replace(text, "{{end}}\n", "{{with .Site}}<p class=\"n\">{{len .Briefings}} briefings, latest {{with index .Briefings 0}}{{.Title}}{{end}}</p>{{end}}\n{{end}}\n", 1)
			} else {
				text = strings.Replace(text, "{{define \"main\"}}", "{{define \"main\"}}<p class=\"v\">"+g.word()+"</p>", 1)
			}
		case "briefing.html":
			if siteWide {
				text = strings.Replace(text, "{{define \"main\"}}", "{{define \"main\"}}{{$s := .Site}}<p class=\"n\">{{range .Briefing.Tags}}{{.Name}}: {{len .Briefings}} {{end}}of {{len $s.Briefings}}</p>", 1)
			} else {
				text = strings.Replace(text, "{{define \"main\"}}", "{{define \"main\"}}<p class=\"v\">"+g.word()+"</p>", 1)
			}
		case "partials/card.html":
			if siteWide {
				text = strings.Replace(text, "</article>", "<p class=\"n\">{{range .Jurisdictions}}{{with .Parent}}{{.Name}} {{len .Briefings}}{{end}}{{end}}</p>\n</article>", 1)
			} else {
				text = strings.Replace(text, "</article>", "<p class=\"n\">"+g.word()+" {{len .Tags}}</p>\n</article>", 1)
			}
		default:
			text = strings.Replace(text, "{{define \"main\"}}", "{{define \"main\"}}<p class=\"v\">"+g.word()+"</p>", 1)
		}
		g.write(p, text)
		g.layouts[p] = true
		g.did("override %s", p)
	}
}

// imageStep changes an image a briefing shows, or whether it shows one.
func (g *genSite) imageStep(p string) {
	d := g.docs[p]
	own := "/img/map.png"
	if d.bundle {
		own = "chart.png"
	}
	switch k := g.r.IntN(6); {
	case k == 0 && d.bundle:
		d.chartWidth = g.chartWidth()
		g.writeBytes(d.folder()+"/chart.png", imagestest.PNG(d.chartWidth, d.chartWidth/2))
		g.did("redraw the chart of %s at %d px", p, d.chartWidth)
		return
	case k == 1 && d.bundle:
		d.data = !d.data
		if d.data {
			g.write(d.folder()+"/data.csv", "a,b\n")
		} else {
			g.remove(d.folder() + "/data.csv")
		}
		g.did("data file of %s: %v", p, d.data)
		return
	case k == 2:
		if _, gone := g.broken[staticMap]; !gone {
			w := 300 + 40*g.r.IntN(10)
			g.writeBytes(staticMap, imagestest.PNG(w, w/3))
			g.did("redraw %s at %d px", staticMap, w)
			return
		}
	case k == 3:
		if _, gone := g.broken[staticMap]; !gone {
			// Briefings that show it fail until it is back (fix restores it).
			data, err := os.ReadFile(filepath.Join(g.dir, filepath.FromSlash(staticMap)))
			if err != nil {
				g.t.Fatal(err)
			}
			g.remove(staticMap)
			g.broken[staticMap] = string(data)
			g.did("remove %s", staticMap)
			return
		}
	case k == 4:
		if d.cover == "" {
			d.cover = own
		} else {
			d.cover = ""
		}
		g.did("cover of %s: %q", p, d.cover)
		g.writeDoc(p)
		return
	}
	if d.picture == "" {
		d.picture = own
	} else {
		d.picture = ""
	}
	g.did("picture of %s: %q", p, d.picture)
	g.writeDoc(p)
}

func (g *genSite) staticStep() {
	files := []string{"static/files/readme.txt", "static/files/" + g.word() + ".txt", "static/robots.txt", "static/_redirects", "static/css/brief.css",
		"static/.well-known/security.txt", "static/.hidden-" + g.word()}
	p := files[g.r.IntN(len(files))]
	if g.statics[p] && g.r.IntN(2) == 0 {
		g.remove(p)
		delete(g.statics, p)
		g.did("remove %s", p)
		return
	}
	text := map[string]string{
		"static/robots.txt":    "User-agent: *\nDisallow: /" + g.word() + "/\n",
		"static/_redirects":    "/chat https://t.me/" + g.word() + " 302\n",
		"static/css/brief.css": "body{color:#" + fmt.Sprint(100+g.r.IntN(800)) + "}\n",
	}[p]
	if text == "" {
		text = g.sentence()
	}
	g.write(p, text)
	g.statics[p] = true
	g.did("write %s", p)
}

func (g *genSite) configStep() {
	c := &g.cfg
	if _, isBroken := g.broken["site.toml"]; isBroken {
		g.fixOne()
		return
	}
	switch g.r.IntN(8) {
	case 0, 1:
		c.paginate = []int{2, 3, 5, 10}[g.r.IntN(4)]
		g.did("paginate = %d", c.paginate)
	case 2, 3:
		pc := genParents[g.r.IntN(len(genParents))]
		if c.parents[pc[0]] != "" {
			delete(c.parents, pc[0])
			g.did("drop parent of %s", pc[0])
		} else {
			c.parents[pc[0]] = pc[1]
			if g.cycles() {
				delete(c.parents, pc[0])
				g.did("touch site.toml")
			} else {
				g.did("%s is in %s", pc[0], pc[1])
			}
		}
	case 4:
		c.timezone = map[string]string{"UTC": "Asia/Hong_Kong", "Asia/Hong_Kong": "UTC"}[c.timezone]
		g.did("timezone = %s", c.timezone)
	case 5:
		c.baseURL = map[string]string{"https://brief.example/": "https://x.example/policy/", "https://x.example/policy/": "https://brief.example/"}[c.baseURL]
		g.did("baseURL = %s", c.baseURL)
	case 6:
		if g.r.IntN(2) == 0 {
			c.minify = !c.minify
			g.did("minify = %v", c.minify)
		} else {
			c.description = g.sentence()
			g.did("new description")
		}
	default:
		good, err := os.ReadFile(filepath.Join(g.dir, "site.toml"))
		if err != nil {
			g.t.Fatal(err)
		}
		g.write("site.toml", strings.Replace(string(good), "paginate", "pagnate", 1))
		g.broken["site.toml"] = string(good)
		g.did("break site.toml")
		return
	}
	g.writeConfig()
}

func (g *genSite) cycles() bool {
	for start := range g.cfg.parents {
		seen := map[string]bool{start: true}
		for p := g.cfg.parents[start]; p != ""; p = g.cfg.parents[p] {
			if seen[p] {
				return true
			}
			seen[p] = true
		}
	}
	return false
}
