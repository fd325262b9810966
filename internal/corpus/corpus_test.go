package corpus

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// readCorpus returns file name -> contents for every file under dir.
func readCorpus(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func generate(t *testing.T, opt Options) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir, readCorpus(t, dir)
}

func TestGenerateIsDeterministic(t *testing.T) {
	_, first := generate(t, Options{N: 300, Seed: 7})
	_, second := generate(t, Options{N: 300, Seed: 7})
	if len(first) != len(second) {
		t.Fatalf("file counts differ: %d vs %d", len(first), len(second))
	}
	for name, data := range first {
		if !bytes.Equal(data, second[name]) {
			t.Errorf("%s differs between two runs with the same options", name)
		}
	}
	_, other := generate(t, Options{N: 300, Seed: 8})
	same := 0
	for name, data := range first {
		if bytes.Equal(data, other[name]) {
			same++
		}
	}
	if same > 1 { // site.toml is always the same
		t.Errorf("seed 8 reproduced %d files of seed 7; the seed should change the corpus", same)
	}
}

// frontMatter mirrors the documented schema; KnownFields rejects any other key.
type frontMatter struct {
	Title        string    `yaml:"title"`
	Date         time.Time `yaml:"date"`
	Jurisdiction []string  `yaml:"jurisdiction"`
	Tags         []string  `yaml:"tags"`
	Summary      string    `yaml:"summary"`
	Funding      []struct {
		Amount   string `yaml:"amount"`
		Currency string `yaml:"currency"`
		USD      string `yaml:"usd"`
		Purpose  string `yaml:"purpose"`
		// The item's own jurisdiction, when the briefing names several.
		Jurisdiction string `yaml:"jurisdiction"`
	} `yaml:"funding"`
	Sources []struct {
		Title string `yaml:"title"`
		URL   string `yaml:"url"`
	} `yaml:"sources"`
}

type parsed struct {
	name string
	fm   frontMatter
	keys []string // top-level keys in file order
	body string
}

func parse(t *testing.T, name string, data []byte) parsed {
	t.Helper()
	text := string(data)
	if !strings.HasPrefix(text, "---\n") {
		t.Fatalf("%s: does not start with ---", name)
	}
	block, body, ok := strings.Cut(text[4:], "\n---\n")
	if !ok {
		t.Fatalf("%s: front matter not closed", name)
	}
	p := parsed{name: name, body: body}
	dec := yaml.NewDecoder(strings.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(&p.fm); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(block), &node); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	m := node.Content[0]
	for i := 0; i < len(m.Content); i += 2 {
		p.keys = append(p.keys, m.Content[i].Value)
		if m.Content[i+1].Kind == yaml.ScalarNode && m.Content[i+1].Tag != "!!str" && m.Content[i].Value != "date" {
			t.Errorf("%s: %s decodes as %s, want a string", name, m.Content[i].Value, m.Content[i+1].Tag)
		}
	}
	return p
}

func briefingsOf(t *testing.T, files map[string][]byte) []parsed {
	t.Helper()
	var out []parsed
	for name, data := range files {
		if strings.HasPrefix(name, BriefingsDir+"/") {
			out = append(out, parse(t, name, data))
		}
	}
	slices.SortFunc(out, func(a, b parsed) int { return strings.Compare(a.name, b.name) })
	return out
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

func TestGenerateCountsAndMix(t *testing.T) {
	const n = 1000
	_, files := generate(t, Options{N: n, Seed: 1})
	if got := string(files["site.toml"]); !strings.Contains(got, `title = "Generated briefings"`) || !strings.Contains(got, `baseURL = "https://example.org/"`) {
		t.Errorf("site.toml = %q", got)
	}
	bs := briefingsOf(t, files)
	if len(bs) != n {
		t.Fatalf("got %d briefings, want %d", len(bs), n)
	}
	var funded, chinese, tables int
	for _, b := range bs {
		if len(b.fm.Funding) > 0 {
			funded++
		}
		if hasHan(b.fm.Title) {
			chinese++
		}
		if strings.Contains(b.body, "\n|---") {
			tables++
		}
	}
	for _, c := range []struct {
		what     string
		got      int
		min, max int
	}{
		{"with funding", funded, 430, 570},
		{"with Chinese titles", chinese, 70, 130},
		{"with a table", tables, 190, 310},
	} {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%d of %d briefings %s, want %d-%d", c.got, n, c.what, c.min, c.max)
		}
	}
}

var (
	amountPattern = regexp.MustCompile(`^(\d+m|\d+(\.\d)?bn|\d{1,3}(,\d{3})+)$`)
	headingLine   = regexp.MustCompile(`(?m)^## \S`)
)

func TestFrontMatterFollowsSchema(t *testing.T) {
	_, files := generate(t, Options{N: 500, Seed: 3})
	wantOrder := []string{"title", "date", "jurisdiction", "tags", "summary", "funding", "sources"}
	currencies := []string{"CNY", "HKD", "USD"}
	for _, b := range briefingsOf(t, files) {
		fm := b.fm
		for _, k := range b.keys {
			if !slices.Contains(wantOrder, k) {
				t.Errorf("%s: unexpected key %q", b.name, k)
			}
		}
		if len(fm.Funding) == 0 && slices.Contains(b.keys, "funding") {
			t.Errorf("%s: empty funding key", b.name)
		}
		if fm.Title == "" || fm.Summary == "" {
			t.Errorf("%s: empty title or summary", b.name)
		}
		if fm.Date.Before(firstDate) || fm.Date.After(lastDate) {
			t.Errorf("%s: date %s outside 2019-2025", b.name, fm.Date.Format(time.DateOnly))
		}
		if l := len(fm.Jurisdiction); l < 1 || l > 3 {
			t.Errorf("%s: %d jurisdictions, want 1-3", b.name, l)
		}
		if l := len(fm.Tags); l < 2 || l > 5 {
			t.Errorf("%s: %d tags, want 2-5", b.name, l)
		}
		if hasHan(fm.Title) != hasHan(strings.Join(fm.Tags, "")) {
			t.Errorf("%s: Chinese title %q with tags %v; want both or neither Chinese", b.name, fm.Title, fm.Tags)
		}
		if l := len(fm.Sources); l < 1 || l > 3 {
			t.Errorf("%s: %d sources, want 1-3", b.name, l)
		}
		for _, s := range fm.Sources {
			if s.Title == "" || !strings.HasPrefix(s.URL, "https://") {
				t.Errorf("%s: bad source %+v", b.name, s)
			}
		}
		if len(fm.Funding) > 2 {
			t.Errorf("%s: %d funding items, want 0-2", b.name, len(fm.Funding))
		}
		for _, f := range fm.Funding {
			if !amountPattern.MatchString(f.Amount) || !slices.Contains(currencies, f.Currency) || f.Purpose == "" {
				t.Errorf("%s: bad funding %+v", b.name, f)
			}
			if (f.Currency == "USD") != (f.USD == "") || (f.USD != "" && !amountPattern.MatchString(f.USD)) {
				t.Errorf("%s: usd %q for currency %s", b.name, f.USD, f.Currency)
			}
		}
	}
}

func TestBodyShape(t *testing.T) {
	_, files := generate(t, Options{N: 500, Seed: 4})
	for _, b := range briefingsOf(t, files) {
		if h := len(headingLine.FindAllString(b.body, -1)); h < 2 || h > 5 {
			t.Errorf("%s: %d headings, want 2-5", b.name, h)
		}
		if w := countWords(b.body); w < 400 || w > 900 {
			t.Errorf("%s: %d words, want 400-900", b.name, w)
		}
		if !strings.Contains(b.body, "](https://") {
			t.Errorf("%s: no external link", b.name)
		}
		if !strings.Contains(b.body, "*") {
			t.Errorf("%s: no emphasis", b.name)
		}
	}
}

var relativeLink = regexp.MustCompile(`\]\(([^)\s:]+\.md)\)`)

func TestRelativeLinksPointToGeneratedFiles(t *testing.T) {
	dir, files := generate(t, Options{N: 300, Seed: 5})
	links := 0
	for _, b := range briefingsOf(t, files) {
		for _, m := range relativeLink.FindAllStringSubmatch(b.body, -1) {
			links++
			target := filepath.Join(dir, filepath.FromSlash(BriefingsDir), m[1])
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which does not exist", b.name, m[1])
			}
			if path.Base(b.name) == m[1] {
				t.Errorf("%s links to itself", b.name)
			}
		}
	}
	if links < 50 || links > 150 {
		t.Errorf("%d relative links in 300 briefings, want about one in three", links)
	}
}

func TestCountWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"The regulator *clarified* rules.", 4},
		{"| China | Annual Web3 fund | HKD 464m |", 6},
		{"- **welcomed** the code", 3},
		{"香港证监会发布指引。", 4}, // 9 Han characters
		{"", 0},
	} {
		if got := countWords(c.in); got != c.want {
			t.Errorf("countWords(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestAmountFormatting(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{14e6, "14m"},
		{13.6e6, "14m"},
		{1.26e9, "1.3bn"},
		{2e9, "2bn"},
		{320_400, "320,000"},
		{999_600, "1,000,000"},
	} {
		if got := roughAmount(c.v); got != c.want {
			t.Errorf("roughAmount(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := groupThousands(2500000); got != "2,500,000" {
		t.Errorf("groupThousands(2500000) = %q", got)
	}
	if got := slugify("Hong Kong pledges HKD 1.2bn"); got != "hong-kong-pledges-hkd-1-2bn" {
		t.Errorf("slugify = %q", got)
	}
}

// With Images, some briefings become page bundles with a picture, and the
// corpus still builds: links from and to bundles resolve.
func TestGenerateImages(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, Options{N: 12, Seed: 3, Images: 3}); err != nil {
		t.Fatal(err)
	}
	bundles, _ := filepath.Glob(filepath.Join(dir, BriefingsDir, "*", "index.md"))
	pics, _ := filepath.Glob(filepath.Join(dir, BriefingsDir, "*", "*.*[gp]"))
	if len(bundles) != 3 || len(pics) != 3 {
		t.Fatalf("%d bundles with %d pictures, want 3 and 3", len(bundles), len(pics))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if _, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, build.Options{Now: time.Now()}, output.NewMemory()); err != nil {
		t.Fatalf("the corpus with pictures does not build:\n%v", err)
	}
}

// The generated corpus is what the benchmarks build: it must build through
// build.Builder without an error or a warning, every briefing published, so
// that a benchmark never times a failing or half-built site. Seed 1 is
// compare.sh's default.
func TestCorpusBuildsClean(t *testing.T) {
	const n = 300
	for _, seed := range []int64{1, 7} {
		dir := t.TempDir()
		if err := Generate(dir, Options{N: n, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		res, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, build.Options{Now: now}, output.NewMemory())
		root.Close()
		if err != nil {
			t.Fatalf("seed %d: the corpus does not build:\n%v", seed, err)
		}
		if len(res.Warnings) > 0 {
			t.Errorf("seed %d: the corpus builds with %d warnings:\n%v", seed, len(res.Warnings), res.Warnings)
		}
		if got := res.Pages["briefing"]; got != n {
			t.Errorf("seed %d: %d briefing pages, want %d", seed, got, n)
		}
	}
}
