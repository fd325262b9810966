// Package render executes the html/template theme: the embedded default
// theme (the repository's layouts/ folder) with a site's own layouts/ laid
// over it file by file.
package render

import (
	"bytes"
	"cmp"
	"errors"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"brief/internal/alternates"
	"brief/internal/assets"
	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/funding"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/pages"
	"brief/internal/sources"
	"brief/internal/tmplexec"
)

// Theme holds one parsed template set per page kind and the theme's assets.
type Theme struct {
	// sets are never executed: each model renders pages with clones of
	// them, folded (see fold.go); card renders the cards.
	sets map[string]*template.Template
	// langs are the helpers of each language (langFuncs and head), which
	// a clone of a set gets when it is folded, and cards the card's set of
	// each; lang is the default language.
	langs map[string]template.FuncMap
	cards map[string]*template.Template
	lang  string
	// Catalogs are the interface text of each of the site's languages.
	Catalogs map[string]*i18n.Catalog
	Assets   map[string][]byte // output path -> bytes, from layouts/assets/
	// Hash changes whenever any template or asset changes.
	Hash uint64
	// Reads says, per page kind, what its templates read beyond the page;
	// CardReads says it of partials/card.html.
	Reads     map[string]Reads
	CardReads Reads

	bufs sync.Pool // *bytes.Buffer for Card
	// execFuncs are the functions of each language's sets, for the
	// executor (package tmplexec), and cardProgs the card's programs;
	// htmlOnly turns the executor off (BRIEF_TEMPLATES=html).
	execFuncs map[string]map[string]any
	cardProgs map[string]*tmplexec.Program
	htmlOnly  bool
	// ran and fellBack count the executor's pages and cards, and those it
	// gave back to html/template, for tests; refused are the first
	// reasons it did not compile a set.
	ran, fellBack atomic.Int64
	refusedMu     sync.Mutex
	refused       []error
	siteless      folds // the folded sets of pages without a Site
	// chunk is how much of a page streamed into a Rewinder is held
	// before it goes out: flushAt, unless a test makes it small.
	chunk int

	// manifest resolves the asset and head helpers; each build sets it
	// (UseAssets) before it renders anything.
	manifest atomic.Pointer[assets.Manifest]

	origin  map[string]string // template name -> file, for messages
	funcs   []string          // helpers and built-in functions, for did-you-mean hints
	defined []string          // names of the templates a page can include
	// overrides are the site's own template files, which html/template
	// errors reported against a default template are about.
	overrides []string
}

// plainAssets resolves the theme's own assets to their plain paths, until
// a build gives the theme its assets.
func plainAssets(files map[string][]byte) *assets.Manifest {
	var srcs []assets.Source
	for p := range files {
		srcs = append(srcs, assets.Source{Path: p})
	}
	var cache assets.Cache
	m, _ := assets.Build(srcs, assets.Options{}, &cache) // reads nothing, so cannot fail
	return m
}

// UseAssets gives the asset and head helpers this build's assets.
func (t *Theme) UseAssets(m *assets.Manifest) { t.manifest.Store(m) }

// Load reads the default theme and the site's overrides (site may be nil).
// Both are rooted at a layouts folder.
func Load(defaults, site fs.FS, cfg *config.Config) (*Theme, diag.List) {
	files := map[string][]byte{}
	origin := map[string]string{}
	var ds diag.List
	var texts [2][]i18n.File // the theme's language files, the site's
	for i, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{defaults, "(default theme) layouts/"}, {site, "layouts/"}} {
		if src.fsys == nil {
			continue
		}
		// The site's layouts may hold a pipe or a link to a folder: those
		// are reported, never opened (see package sources).
		names, probs, err := sources.WalkLayouts(src.fsys)
		ds = append(ds, probs...)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			ds = append(ds, diag.Errorf("layouts", 0, "", "check that the folder and everything in it are readable", "cannot read layouts: %v", err))
		}
		for _, p := range names {
			b, err := sources.ReadFile(src.fsys, p)
			if err != nil {
				ds = append(ds, sources.ReadProblem(path.Join(sources.LayoutsDir, p), err))
				continue
			}
			files[p] = b
			origin[p] = src.prefix + p
			texts[i] = readI18n(texts[i], p, src.prefix, b)
		}
	}
	t := &Theme{sets: map[string]*template.Template{}, Assets: map[string][]byte{}, origin: origin, Reads: map[string]Reads{}, chunk: flushAt}
	t.manifest.Store(&assets.Manifest{}) // replaced below, once the assets are read
	h := fnv.New64a()
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	var shared []string
	for _, p := range names {
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(files[p])
		switch {
		case strings.HasPrefix(p, "assets/"):
			t.Assets[strings.TrimPrefix(p, "assets/")] = files[p]
		case strings.HasSuffix(p, ".html"):
			if p == "base.html" || strings.HasPrefix(p, "partials/") {
				shared = append(shared, p)
			}
		}
	}
	t.Hash = h.Sum64()
	t.manifest.Store(plainAssets(t.Assets))
	for _, p := range names {
		if o := origin[p]; strings.HasPrefix(o, "layouts/") && strings.HasSuffix(p, ".html") {
			t.overrides = append(t.overrides, o)
		}
	}
	funcs := Funcs(cfg)
	maps.Copy(funcs, t.pageFuncs(cfg))
	maps.Copy(funcs, langFuncs(cfg, nil))
	helpers := slices.SortedFunc(maps.Keys(funcs), func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	t.funcs = append(helpers, builtins...)
	// The fused helpers are for folded sets, not offered as hints.
	maps.Copy(funcs, fusedFuncs(funcs["relURL"].(func(string) string)))
	root := template.New("").Funcs(funcs)
	for _, p := range shared {
		if _, err := root.New(p).Parse(string(files[p])); err != nil {
			ds = append(ds, t.diagnose(err))
		}
	}
	for _, tt := range root.Templates() {
		if tt.Name() != "" {
			t.defined = append(t.defined, tt.Name())
		}
	}
	slices.Sort(t.defined)
	if _, ok := files["base.html"]; !ok {
		ds = append(ds, diag.Errorf("layouts/base.html", 0, "", "copy the default theme's base.html as a start", "missing base template"))
	}
	for _, kind := range pages.Kinds {
		name := kind + ".html"
		src, ok := files[name]
		if !ok {
			ds = append(ds, diag.Errorf("layouts/"+name, 0, "", `add it, defining {{define "main"}}...{{end}}`, "missing template for %s pages", kind))
			continue
		}
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(name).Parse(string(src))
		}
		if err != nil {
			ds = append(ds, t.diagnose(err))
			continue
		}
		t.sets[kind] = set
		t.Reads[kind] = ReadsOf(set, "base.html", &Page{}, funcs)
	}
	if set := t.sets["home"]; set != nil {
		t.CardReads = ReadsOf(set, CardTemplate, &Briefing{}, funcs)
	}
	langs := languages(cfg)
	cats, tds := i18n.Load(texts[0], texts[1], langs, usesOf(t.sets))
	ds = append(ds, tds...)
	t.Catalogs, t.lang = cats, langs[0]
	t.langs, t.cards = map[string]template.FuncMap{}, map[string]*template.Template{}
	t.execFuncs, t.cardProgs = map[string]map[string]any{}, map[string]*tmplexec.Program{}
	t.htmlOnly = os.Getenv("BRIEF_TEMPLATES") == "html"
	for _, lang := range langs {
		head := tmplexec.Typed1Ref(t.headIn(cats[lang]))
		// A language's sets are not cloned here: folding clones them
		// anyway, and gives its clone these.
		lf := langFuncs(cfg, cats[lang])
		lf["head"] = head.Fn
		t.langs[lang] = lf
		ef := maps.Clone(funcs)
		maps.Copy(ef, langFuncs(cfg, cats[lang]))
		maps.Copy(ef, fusedEscapers(ef["relURL"].(func(string) string)))
		// Every page calls these two: without reflection.
		ef["head"] = head
		ef["crumbs"] = tmplexec.Typed1(ef["crumbs"].(func(*Page) ([]jsonld.Crumb, error)))
		ef["switcher"] = tmplexec.Typed1Value(ef["switcher"].(func(*Page) []alternates.Choice))
		t.execFuncs[lang] = ef
		if home := t.sets["home"]; home != nil {
			t.cards[lang], _ = pristine{home, lf}.Clone() // not executed yet, so it cannot fail
			if fuseCards(t.cards[lang]) {
				t.cardProgs[lang] = t.compile(t.cards[lang], CardTemplate, lang)
			}
		}
	}
	return t, ds
}

// Catalog is the interface text of lang (the default language's when the
// site has no such language).
func (t *Theme) Catalog(lang string) *i18n.Catalog {
	if t == nil {
		return nil // a theme that did not load: the build reports why
	}
	if c := t.Catalogs[lang]; c != nil {
		return c
	}
	return t.Catalogs[t.lang]
}

// Funding is how lang words funding: amounts and the words around them
// (see funding.Text).
func (t *Theme) Funding(lang string) funding.Text { return funding.NewText(t.Catalog(lang)) }

// setOf is the template set of a page kind in lang (the default language
// when the site has no such language).
func (t *Theme) setOf(lang, kind string) pristine {
	return pristine{t.sets[kind], t.langs[t.langKey(lang)]}
}

// pristine is a kind's set, never executed, and the helpers of a language.
type pristine struct {
	set   *template.Template // nil when the theme has no such kind
	funcs template.FuncMap
}

// Clone is the set of the language, to be escaped and executed.
func (p pristine) Clone() (*template.Template, error) {
	c, err := p.set.Clone()
	if err != nil { // only after an execution, and sets are never executed
		return nil, err
	}
	return c.Funcs(p.funcs), nil
}

// CardTemplate is the partial that shows one briefing in a list. Lists show
// each briefing's card as rendered once per build (Briefing.Card), not once
// per list page it appears on.
const CardTemplate = "partials/card.html"

// compile compiles an escaped set of lang for the executor; nil when the
// executor cannot run it (html/template then does) or is turned off.
func (t *Theme) compile(set *template.Template, entry, lang string) *tmplexec.Program {
	if t.htmlOnly {
		return nil
	}
	p, err := tmplexec.Compile(set, entry, t.execFuncs[lang], viewMethods...)
	if err != nil {
		t.refusedMu.Lock()
		if len(t.refused) < 8 { // a long dev server folds again and again
			t.refused = append(t.refused, err)
		}
		t.refusedMu.Unlock()
		return nil
	}
	return p
}

// viewMethods are the methods the default theme reads on every briefing's
// page and card, and the tracker on each of its rows, for the executor to
// call without reflection.
var viewMethods = []tmplexec.Method{
	tmplexec.TypedMethod("Newer", (*Briefing).Newer), tmplexec.TypedMethod("Older", (*Briefing).Older),
	tmplexec.TypedMethod("Tags", (*Briefing).Tags), tmplexec.TypedMethod("Jurisdictions", (*Briefing).Jurisdictions),
	tmplexec.TypedMethod("Cover", (*Briefing).Cover),
	tmplexec.TypedMethod("IsZero", (*time.Time).IsZero), tmplexec.TypedMethod("IsZero", time.Time.IsZero),
	tmplexec.TypedMethod("Estimated", (*funding.Entry).Estimated), tmplexec.TypedMethod("Estimated", funding.Entry.Estimated),
}

// langKey is the language whose sets render pages in lang.
func (t *Theme) langKey(lang string) string {
	if t.langs[lang] == nil {
		return t.lang
	}
	return lang
}

// buffer is a pooled buffer, for release to give back.
func (t *Theme) buffer() *bytes.Buffer {
	if buf, _ := t.bufs.Get().(*bytes.Buffer); buf != nil {
		return buf
	}
	return new(bytes.Buffer)
}

func (t *Theme) release(buf *bytes.Buffer) {
	buf.Reset()
	t.bufs.Put(buf)
}

// Card renders a briefing's card.
func (t *Theme) Card(b *Briefing) (template.HTML, error) {
	lang := langOf(b.Briefing.Language)
	if t.cards[lang] == nil {
		lang = t.lang
	}
	set := t.cards[lang]
	if set == nil || set.Lookup(CardTemplate) == nil {
		return "", nil
	}
	buf := t.buffer()
	defer t.release(buf)
	if p := t.cardProgs[lang]; p != nil {
		if p.Execute(buf, b) == nil {
			t.ran.Add(1)
			return template.HTML(buf.String()), nil
		}
		t.fellBack.Add(1)
	}
	if err := set.ExecuteTemplate(buf, CardTemplate, b); err != nil {
		return "", t.diagnose(err)
	}
	return template.HTML(buf.String()), nil
}

// Render executes the page's template into w.
func (t *Theme) Render(w io.Writer, page *Page) error {
	var lang string
	if page.Site != nil {
		lang = langOf(page.Site.Language)
	}
	pristine := t.setOf(lang, page.Kind)
	if pristine.set == nil {
		return diag.Errorf("layouts/"+page.Kind+".html", 0, "", `add it, defining {{define "main"}}...{{end}}`, "no template for %s pages", page.Kind)
	}
	// The heads' structured data is lent until the page is written.
	page.beginRender()
	defer page.returnLent()
	into, _ := w.(*bytes.Buffer)
	if into != nil && into.Len() > 0 {
		into = nil // folding reads its rendering from the buffer's start
	}
	stream, _ := w.(Rewinder)
	set, prog, first, firstBuf, err, werr := t.folded(page, pristine, t.langKey(lang), into, stream)
	if firstBuf != nil {
		defer t.release(firstBuf)
	}
	if werr != nil {
		return werr // w's: it holds no page to render into
	}
	switch {
	case err != nil:
	case first != nil && (firstBuf == nil || stream != nil): // rendered in w itself
	case first != nil:
		_, err = w.Write(first)
	default:
		ran := false
		if prog != nil {
			ran, err = t.execute(w, prog, page)
		}
		if !ran {
			err = set.ExecuteTemplate(w, "base.html", page)
		}
	}
	if err != nil {
		return t.diagnose(err)
	}
	return nil
}

// execute renders page with prog into w; ran is false when it did not,
// for html/template to. Once rendered, the page is written, and w's error
// is returned: rendering it again would write it twice.
func (t *Theme) execute(w io.Writer, prog *tmplexec.Program, page *Page) (ran bool, err error) {
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = t.buffer()
		defer t.release(buf)
	}
	if prog.Execute(buf, page) != nil {
		t.fellBack.Add(1)
		return false, nil
	}
	t.ran.Add(1)
	if !direct {
		_, err = w.Write(buf.Bytes())
	}
	return true, err
}

// ExecDiag returns the diagnostic of an error from Render or Card.
func ExecDiag(kind string, err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf("layouts/"+kind+".html", 0, "", "check the templates in layouts/ against Go's html/template", "%v", err)
}

// builtins are text/template's own functions.
var builtins = []string{"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or", "print", "printf", "println", "slice", "urlquery"}
