package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/sources"
)

// Language is an edition's language as pages see it.
type Language struct {
	config.Language        // Code, Name, Title, Description, Prefix
	Lang            string // the value of <html lang>: the BCP 47 tag
	Home            string // the edition's home page: "/" or "/zh-hant/"
	Default         bool   // the first language, at the site's root
	URLs            URLs   // the edition's pages and files
}

// Translation is a page's version in another edition: a briefing's
// translation, or a tag's or jurisdiction's page in another language.
type Translation struct {
	Language *Language
	URL      string // site-relative
	Title    string
	Briefing *Briefing // for a briefing; nil for a term
	Term     *Term     // for a term; nil for a briefing
}

func languageOf(cfg *config.Config, l config.Language) *Language {
	u := urlsOf(l.Prefix)
	return &Language{Language: l, Lang: l.Code, Home: u.Home, Default: l.Prefix == "", URLs: u}
}

// Editions builds the model of each of the site's languages (one for a
// site without [languages]) from every file's front matter. A file's
// language is in its name (x.zh-Hant.md, see sources.FileLanguage); a file
// without one is in the default language. Briefings of different
// editions with one translation key are each other's Translations; a
// translation without funding items shows its original's, and one with
// items may not contradict them.
func Editions(cfg *config.Config, all []*content.Briefing, opt Options) ([]*Site, diag.List) {
	editions := cfg.Editions()
	langs := make([]*Language, len(editions))
	for i, l := range editions {
		langs[i] = languageOf(cfg, l)
	}
	var ds diag.List
	files := make([][]*content.Briefing, len(langs))
	index := map[*content.Briefing]int{}
	for _, b := range sortedByPath(all) {
		i, ok := editionOf(cfg, b, &ds)
		if !ok {
			continue
		}
		b, lds := localNames(cfg, langs[i].Code, b)
		ds = append(ds, lds...)
		if len(langs) > 1 {
			index[b] = i
		}
		files[i] = append(files[i], b)
	}
	var inherits map[*content.Briefing]*content.Briefing
	if len(langs) > 1 { // in one language, no briefing is another's translation
		var fds diag.List
		inherits, fds = inheritFunding(files, index)
		ds = append(ds, fds...)
	}
	sites := make([]*Site, len(langs))
	for i, l := range langs {
		var eds diag.List
		sites[i], eds = newEdition(cfg.EditionConfig(l.Code), l, langs, files[i], inherits, opt)
		ds = append(ds, eds...)
	}
	for _, s := range sites {
		s.Editions = sites
	}
	ds = append(ds, linkTranslations(sites, inherits)...)
	linkTerms(sites)
	if len(inherits) > 0 {
		ds = once(ds)
	}
	return sites, ds
}

// once drops the repeats of a diagnostic that more than one edition finds,
// such as an inherited funding item's error (see checkItems).
func once(ds diag.List) diag.List {
	seen := make(map[diag.Diagnostic]bool, len(ds))
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool {
		if seen[d] {
			return true
		}
		seen[d] = true
		return false
	})
}

// editionOf finds the edition of a file by the language in its name.
func editionOf(cfg *config.Config, b *content.Briefing, ds *diag.List) (int, bool) {
	code, base, ok := sources.FileLanguage(b.Path)
	if !ok {
		return 0, true
	}
	if len(cfg.Languages) == 0 {
		*ds = append(*ds, diag.Errorf(b.Path, 0, "", fmt.Sprintf("declare the languages in site.toml, [languages.%s] with name = \"English\" and [languages.%s] with name = \"...\"; or rename the file %s if it is no translation",
			cfg.Language, code, path.Base(base)), "the file name says the language %q, and the site has one language (%s)", code, cfg.Language))
		return 0, false
	}
	for i, l := range cfg.Languages {
		if strings.EqualFold(l.Code, code) {
			return i, true
		}
	}
	hint := "declare it in site.toml as [languages." + code + "], or use one of " + strings.Join(cfg.LanguageCodes(), ", ")
	if near := diag.DidYouMean(code, cfg.LanguageCodes()); near != "" {
		hint = near
	} else if l := closestLanguage(code, cfg.LanguageCodes()); l != "" {
		name := strings.TrimSuffix(path.Base(base), ".md") + "." + l + ".md"
		if l == cfg.Languages[0].Code {
			name = path.Base(base) // the default language's files name none
		}
		hint = fmt.Sprintf("did you mean %q? (name the file %s)", l, name)
	}
	*ds = append(*ds, diag.Errorf(b.Path, 0, "", hint, "language %q is not one of the site's languages (%s)", code, strings.Join(cfg.LanguageCodes(), ", ")))
	return 0, false
}

// closestLanguage is the declared language that readers of code read
// (zh-CN: zh-Hans, zh-HK: zh-Hant, en-GB: en), or "" when none is close.
func closestLanguage(code string, declared []string) string {
	want, err := language.Parse(code)
	if err != nil {
		return ""
	}
	tags := make([]language.Tag, len(declared))
	for i, d := range declared {
		tags[i] = language.Make(d)
	}
	_, i, conf := language.NewMatcher(tags).Match(want)
	if conf < language.High {
		return ""
	}
	return declared[i]
}

// groupOf is a file's translation key: its translationKey, else its path
// under content/ without the language and .md ("briefings/x"), a page
// bundle's being its folder's. A translationKey may name a file's key, so
// that a translation with another name can join an original without one.
func groupOf(b *content.Briefing) string {
	if b.TranslationKey != "" {
		return b.TranslationKey
	}
	_, p, _ := sources.FileLanguage(b.Path)
	if sources.IsBundleIndex(b.Path) {
		p = path.Dir(p)
	}
	return strings.TrimSuffix(strings.TrimPrefix(p, sources.ContentDir+"/"), ".md")
}

// inheritFunding gives each translation without funding items its
// original's, and checks that a translation with items states the same
// amounts. The original is the group's file in the earliest language;
// files of one group and language are an error linkTranslations reports.
//
// It returns, for each copy of a file it made with the original's items,
// the original.
func inheritFunding(files [][]*content.Briefing, index map[*content.Briefing]int) (map[*content.Briefing]*content.Briefing, diag.List) {
	inherits := map[*content.Briefing]*content.Briefing{}
	originals := map[string]*content.Briefing{}
	for _, fs := range files {
		for _, b := range fs {
			if g := groupOf(b); originals[g] == nil {
				originals[g] = b
			}
		}
	}
	var ds diag.List
	for i, fs := range files {
		for j, b := range fs {
			o := originals[groupOf(b)]
			if o == nil || index[o] == i {
				continue
			}
			if len(b.Funding) == 0 {
				if len(o.Funding) > 0 {
					c := *b
					c.Funding = o.Funding
					fs[j] = &c
					inherits[&c] = o
				}
				continue
			}
			ds = append(ds, contradictions(o, b)...)
		}
	}
	return inherits, ds
}

// contradictions compares a translation's funding items with its
// original's: the same number, and each the same amount in the same
// currency, a year apart or not, with the same stated US dollar figure
// (or none), so that every edition converts the same money alike.
func contradictions(o, t *content.Briefing) diag.List {
	hint := "state the original's amounts, or leave funding out of the translation to show the original's"
	if len(o.Funding) != len(t.Funding) {
		return diag.List{diag.Errorf(t.Path, t.Line("funding"), "funding", hint,
			"has %d funding items, and the briefing it translates has %d (%s:%d)", len(t.Funding), len(o.Funding), o.Path, o.Line("funding"))}
	}
	var ds diag.List
	for k, f := range t.Funding {
		g := o.Funding[k]
		field := fmt.Sprintf("funding[%d]", k)
		if f.Currency != g.Currency || f.Amount.Cmp(g.Amount) != 0 || f.Per != g.Per || f.From != g.From || f.To != g.To || !sameUSD(f.USD, g.USD) {
			ds = append(ds, diag.Errorf(t.Path, f.Line, field, hint,
				"%s differs from %s in the briefing it translates (%s:%d)", describe(f), describe(g), o.Path, g.Line))
			continue
		}
		// The same money counted elsewhere or in another year would
		// make the editions' trackers disagree by jurisdiction or year.
		if tp, op := placeOf(t, f), placeOf(o, g); termKey(tp) != termKey(op) {
			line, at := f.Line, field
			switch {
			case f.Jurisdiction != "":
				line, at = cmp.Or(f.JurisdictionLine, f.Line), field+".jurisdiction"
			case len(t.Jurisdictions) > 0:
				line, at = t.Line("jurisdiction"), "jurisdiction"
			}
			ds = append(ds, diag.Errorf(t.Path, line, at,
				fmt.Sprintf("give the item the original's jurisdiction (jurisdiction: %s), or leave funding out of the translation to show the original's", cmp.Or(op, "naming one, as the original does")),
				"%s is counted for %s, and in the briefing it translates for %s (%s:%d)", describe(f), placeName(tp), placeName(op), o.Path, g.Line))
		}
		tf, tt := span(itemDate(t, f), f)
		if of, ot := span(itemDate(o, g), g); tf != of || tt != ot {
			ds = append(ds, diag.Errorf(t.Path, f.Line, field,
				fmt.Sprintf("give the item the original's date (date: %s), or leave funding out of the translation to show the original's", itemDate(o, g).Format(time.DateOnly)),
				"%s is counted in %s, and in the briefing it translates in %s (%s:%d)", describe(f), years(tf, tt), years(of, ot), o.Path, g.Line))
		}
	}
	return ds
}

// placeOf is the jurisdiction an item of b counts for: its own, else the
// briefing's only one; "" when it names none and b has several.
func placeOf(b *content.Briefing, f content.Funding) string {
	if f.Jurisdiction != "" {
		return f.Jurisdiction
	}
	n, _ := onlyJurisdiction(b)
	return n
}

func placeName(name string) string {
	if name == "" {
		return "no single jurisdiction"
	}
	return name
}

// itemDate is when an item of b's money was committed: its own date, else
// the briefing's.
func itemDate(b *content.Briefing, f content.Funding) time.Time {
	if f.Date.IsZero() {
		return b.Date
	}
	return f.Date
}

func years(from, to int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	return fmt.Sprintf("%d-%d", from, to)
}

func describe(f content.Funding) string {
	s := money.Plain(f.Amount, f.Currency)
	if f.Per != "" {
		s += " a " + f.Per
	}
	if f.USD != nil {
		s += " stated as " + money.Plain(*f.USD, "USD")
	}
	return s
}

func sameUSD(a, b *money.Decimal) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Cmp(*b) == 0
}

// linkTranslations joins the briefings of the editions by translation key:
// each published briefing lists the other editions' published ones. Two
// files of one language with one key are an error; a published
// translation of an unpublished original is a warning.
func linkTranslations(sites []*Site, inherits map[*content.Briefing]*content.Briefing) diag.List {
	var ds diag.List
	groups := map[string][]*Briefing{} // by key, one per edition at most, in edition order
	var order []string
	for _, s := range sites {
		for _, b := range s.inPathOrder {
			if o := inherits[b.Briefing]; o != nil {
				b.Inherits = lookupAll(sites, o.Path)
			}
			g := groups[b.Group]
			if i := slices.IndexFunc(g, func(x *Briefing) bool { return x.Language == b.Language }); i >= 0 {
				other := g[i]
				if b.TranslationKey == "" && other.TranslationKey == "" && sources.IsBundleIndex(b.Path) != sources.IsBundleIndex(other.Path) {
					continue // x.md beside x/index.md: one URL, which the build reports
				}
				at, with := b, other // at the translationKey that claims the key, if one does
				if at.TranslationKey == "" && with.TranslationKey != "" {
					at, with = with, at
				}
				ds = append(ds, diag.Errorf(at.Path, keyLine(at), keyField(at), "give one of them another translationKey, or remove one",
					"%s and %s (%s:%d) are both the %s edition of %q", at.Path, with.Path, with.Path, keyLine(with), b.Language.Code, b.Group))
				continue
			}
			if g == nil {
				order = append(order, b.Group)
			}
			groups[b.Group] = append(g, b)
		}
	}
	for _, key := range order {
		g := groups[key]
		o := g[0]
		for _, b := range g {
			if b == o || !b.published {
				continue
			}
			if !o.published {
				why := "a draft"
				if !o.Draft {
					why = "dated in the future"
				}
				ds = append(ds, diag.Warnf(b.Path, keyLine(b), keyField(b), "publish the original, or keep the translation a draft until it is",
					"translates %s, which is %s: the translation is published without it", o.Path, why))
			}
			for _, t := range g {
				if t != b && t.published {
					b.Translations = append(b.Translations, &Translation{Language: t.Language, URL: t.URL, Title: t.Title, Briefing: t})
				}
			}
		}
		if o.published {
			for _, t := range g[1:] {
				if t.published {
					o.Translations = append(o.Translations, &Translation{Language: t.Language, URL: t.URL, Title: t.Title, Briefing: t})
				}
			}
		}
	}
	return ds
}

func lookupAll(sites []*Site, p string) *Briefing {
	for _, s := range sites {
		if b := s.bySource[p]; b != nil {
			return b
		}
	}
	return nil
}

func keyField(b *Briefing) string {
	if b.TranslationKey != "" {
		return "translationKey"
	}
	return ""
}

func keyLine(b *Briefing) int {
	if b.TranslationKey != "" {
		return b.Line("translationKey")
	}
	return 1
}

// linkTerms joins each edition's tags and jurisdictions with the same
// terms of the other editions.
func linkTerms(sites []*Site) {
	if len(sites) < 2 {
		return
	}
	for _, kind := range []string{TagsKind, JurisdictionsKind} {
		byKey := map[string][]*Term{}
		for _, s := range sites {
			for _, t := range s.terms(kind) {
				byKey[t.key] = append(byKey[t.key], t)
			}
		}
		for _, ts := range byKey {
			for _, t := range ts {
				for _, o := range ts {
					if o != t {
						t.Translations = append(t.Translations, &Translation{Language: o.Language, URL: o.URL, Title: o.Name, Term: o})
					}
				}
			}
		}
	}
}

func (s *Site) terms(kind string) []*Term {
	if kind == TagsKind {
		return s.Tags
	}
	return s.Jurisdictions
}

// Published counts the briefings every edition publishes (translations
// each count), for summaries.
func (s *Site) Published() int {
	n := 0
	for _, e := range s.Editions {
		n += len(e.Briefings)
	}
	return n
}

// AllSkipped counts the briefings every edition leaves out.
func (s *Site) AllSkipped() Skipped {
	var out Skipped
	for _, e := range s.Editions {
		out.Drafts += e.Skipped.Drafts
		out.Future += e.Skipped.Future
	}
	return out
}
