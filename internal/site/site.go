// Package site is the model of a whole site: published briefings sorted
// newest first, tags and jurisdictions (with parents), year archives, and
// every URL. All URLs are made here (urls.go), so links and files cannot
// disagree.
package site

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/slug"
	"brief/internal/sources"
)

// Options choose which briefings are published.
type Options struct {
	Drafts bool      // include draft: true
	Future bool      // include briefings dated after Now
	Now    time.Time // the build clock
}

// Site is the model handed to the renderer. Nothing changes it once New
// returns; a build makes a new one when front matter, the configuration or
// the options change. Building it is linear in the number of briefings.
type Site struct {
	Config        *config.Config
	Briefings     []*Briefing // published, newest first
	Tags          []*Term     // by name
	Jurisdictions []*Term     // by name
	Years         []*Year     // newest first
	Skipped       Skipped
	URLs          URLs // the pages and files every site has
	// Language is the edition's language; Languages every edition's,
	// the default first (one for a site without [languages]).
	Language  *Language
	Languages []*Language
	// Editions are the models of every language, the default first,
	// this one among them.
	Editions []*Site

	bySource map[string]*Briefing // content path -> briefing, drafts and future ones too (for links)
	// inPathOrder are bySource's briefings in path order.
	inPathOrder []*Briefing
	// inherited is, for each translation that shows its original's funding
	// items, that original's front matter: the items count where the
	// original's do.
	inherited map[*content.Briefing]*content.Briefing
}

// Skipped counts briefings left out of the site, for the build summary.
type Skipped struct{ Drafts, Future int }

// Briefing is a briefing with its place in the site: URL, terms and
// neighbours. The model holds front matter only: rendered bodies, cards and
// figures are the build's, joined with the model for templates by
// render's views.
type Briefing struct {
	*content.Briefing
	Slug          string
	URL           string // site-relative path: "/briefings/x/"
	Tags          []*Term
	Jurisdictions []*Term
	Newer, Older  *Briefing
	// Language is the edition the briefing belongs to; Group its
	// translation key (translationKey, else the file's path without its
	// language), which its translations share; Translations are the
	// published briefings of the other editions with the same Group, in
	// the order of the site's languages.
	Language     *Language
	Group        string
	Translations []*Translation
	// Inherits is the briefing whose funding items this translation
	// shows, having none of its own; nil for a briefing with its own.
	Inherits  *Briefing
	published bool
	rank      int // position in Site.Briefings

	// Attributions say where and when each of Funding counts (see
	// Attribution), one per item.
	Attributions []Attribution
	itemNames    []string // the jurisdictions funding items name, checked
}

// Rank is the position of a published briefing in Site.Briefings.
func Rank(b *Briefing) int { return b.rank }

// Image is a picture that stands for a page where the page is shared.
type Image struct {
	URL           string // site-relative ("/briefings/x/cover.jpg") or absolute
	Alt           string
	Width, Height int // in pixels; 0 when unknown
}

// Term is a tag or a jurisdiction with the briefings filed under it.
type Term struct {
	Kind string // "tags" or "jurisdictions"
	// Name is the term's name in the edition's language: its translation
	// in site.toml, else Original.
	Name string
	// Original is the name as declared in site.toml, else its most used
	// spelling: the one the briefings and site.toml's parents use.
	Original  string
	Slug      string
	URL       string      // "/tags/web3/"
	Feed      string      // "/tags/web3/feed.xml"
	Briefings []*Briefing // newest first; for jurisdictions, children's too
	Own       int         // briefings filed under this term itself
	// Description and Note are what site.toml says about the term
	// ([tags], [jurisdictions]); empty when it says nothing.
	Description string
	Note        string
	Parent      *Term
	Children    []*Term
	// Translations are the same term's pages in the other editions, in
	// the order of the site's languages.
	Translations []*Translation
	Language     *Language
	key          string
	// spellings counts the ways briefings write the term (an ancestor
	// named only in site.toml with 0), which name it (mostUsed); an update
	// in place (Update) keeps them.
	spellings map[string]int
}

// Names lists the terms' names in their edition's language; never nil,
// so that JSON shows [].
func Names(terms []*Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Name
	}
	return out
}

// Year is one year of the archive.
type Year struct {
	Year      int
	URL       string
	Briefings []*Briefing
}

// TagsKind and JurisdictionsKind name the two taxonomies and their URL
// sections.
const (
	TagsKind          = "tags"
	JurisdictionsKind = "jurisdictions"
)

// New builds the model from parsed briefings (in any order). It reports
// slugs that make no URL and terms whose URLs clash; clashes between
// outputs are the build's to find, once it has listed them all.
func New(cfg *config.Config, all []*content.Briefing, opt Options) (*Site, diag.List) {
	l := languageOf(cfg, cfg.Editions()[0])
	return newEdition(cfg, l, []*Language{l}, all, nil, opt)
}

// newEdition builds the model of one language's edition from its files.
func newEdition(cfg *config.Config, lang *Language, langs []*Language, all []*content.Briefing, inherited map[*content.Briefing]*content.Briefing, opt Options) (*Site, diag.List) {
	s := &Site{Config: cfg, URLs: lang.URLs, Language: lang, Languages: langs, bySource: make(map[string]*Briefing, len(all)), inherited: inherited}
	var ds diag.List
	sorted := sortedByPath(all)
	// Each briefing's names and URL are its own: they are made on every
	// core, in one block of memory.
	made := make([]Briefing, len(sorted))
	inParts(len(sorted), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			cb, b := sorted[i], &made[i]
			*b = Briefing{Briefing: cb, Language: lang, Group: groupOf(cb), Slug: briefingSlug(cb)}
			if b.Slug == "" {
				continue
			}
			b.URL = s.URLs.briefing(cfg.Permalinks.Briefings, b.Slug, cb.Date)
			if i := strings.Index(b.URL, b.Slug); i >= 0 {
				b.Slug = b.URL[i : i+len(b.Slug)] // one string less per briefing
			}
		}
	})
	for i, cb := range sorted {
		b := &made[i]
		if b.Slug == "" {
			ds = append(ds, diag.Errorf(cb.Path, cb.Line("slug"), "slug", "add a slug: field with Latin letters or digits", "cannot make a URL from the file name"))
			continue
		}
		s.bySource[cb.Path] = b
		s.inPathOrder = append(s.inPathOrder, b)
		switch {
		case cb.Draft && !opt.Drafts:
			s.Skipped.Drafts++
			continue
		case cb.Date.After(opt.Now) && !opt.Future:
			s.Skipped.Future++
			continue
		}
		b.published = true
		s.Briefings = append(s.Briefings, b)
	}
	// The taxonomies read the briefings in path order (their messages name
	// the first use): kept from here rather than sorted again for each.
	inPathOrder := slices.Clone(s.Briefings)
	sortNewest(s.Briefings)
	for i, b := range s.Briefings {
		b.rank = i
		if i > 0 {
			b.Newer = s.Briefings[i-1]
		}
		if i+1 < len(s.Briefings) {
			b.Older = s.Briefings[i+1]
		}
	}
	// The tags and the jurisdictions (with the funding items, which file
	// briefings under jurisdictions) are made side by side: each writes
	// its own fields of the briefings. Their problems keep this order.
	var tagDiags diag.List
	var tagged sync.WaitGroup
	tagged.Go(func() {
		s.Tags, tagDiags = s.taxonomy(TagsKind, inPathOrder, func(b *Briefing) []string { return b.Briefing.Tags }, nil, nil)
	})
	itemDiags := s.checkItems()
	var jurisdictionDiags diag.List
	s.Jurisdictions, jurisdictionDiags = s.taxonomy(JurisdictionsKind, inPathOrder, func(b *Briefing) []string { return b.Briefing.Jurisdictions },
		func(b *Briefing) []string { return b.itemNames }, nil)
	s.linkParents()
	s.attribute()
	s.years()
	tagged.Wait()
	ds = slices.Concat(ds, tagDiags, itemDiags, jurisdictionDiags)
	s.Editions = []*Site{s}
	return s, ds
}

// newer orders briefings newest first; ties by path keep the order stable.
func newer(a, b *Briefing) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.Path < b.Path
}

// sortNewest sorts bs, in path order, as newer does. It compares each
// briefing's instant and place in bs, worked out once, rather than dates
// and paths: briefings of one day share a date and long paths, and a large
// site has tens of thousands.
func sortNewest(bs []*Briefing) {
	type key struct {
		sec  int64
		nsec int32
		at   int32 // in bs, so in path order
	}
	keys := make([]key, len(bs))
	for i, b := range bs {
		keys[i] = key{b.Date.Unix(), int32(b.Date.Nanosecond()), int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.sec, a.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.nsec, a.nsec); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	was := slices.Clone(bs)
	for i, k := range keys {
		bs[i] = was[k.at]
	}
}

// inParts calls fn on parts of [0, n), one per core, side by side; on a
// small site, on the whole at once.
func inParts(n int, fn func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), 1+n/2048)
	if parts <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
}

// sortedByPath is a copy of bs in path order. Editions hands each edition
// its files in that order already.
func sortedByPath(bs []*content.Briefing) []*content.Briefing {
	byPath := func(a, b *content.Briefing) int { return strings.Compare(a.Path, b.Path) }
	out := slices.Clone(bs)
	if !slices.IsSortedFunc(out, byPath) {
		slices.SortFunc(out, byPath)
	}
	return out
}

func briefingSlug(b *content.Briefing) string {
	if b.Slug != "" {
		return strings.ToLower(b.Slug)
	}
	_, p, _ := sources.FileLanguage(b.Path) // a translation is named as its original
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if sources.IsBundleIndex(b.Path) {
		name = path.Base(path.Dir(b.Path)) // a page bundle is named by its folder
	}
	return slug.Make(name)
}

// Sources are the published briefings as parsed, newest first.
func (s *Site) Sources() []*content.Briefing {
	out := make([]*content.Briefing, len(s.Briefings))
	for i, b := range s.Briefings {
		out[i] = b.Briefing
	}
	return out
}

// Lookup finds a briefing by content path ("content/briefings/x.md"),
// drafts and future ones too, and says whether it is published in this build.
func (s *Site) Lookup(p string) (b *Briefing, published bool) {
	b = s.bySource[p]
	return b, b != nil && b.published
}

// termSource is where a term is named: the first briefing (by path) that
// uses it, at its field's line, or for a jurisdiction named only as a
// parent, its entry in site.toml.
func (s *Site) termSource(kind string, t *Term, first *Briefing) (file string, line int, field string) {
	if first != nil {
		return first.Path, first.Line(fieldOf(kind)), fieldOf(kind)
	}
	for _, child := range slices.Sorted(maps.Keys(s.Config.Parents)) {
		if termKey(s.Config.Parents[child]) == t.key {
			key := "jurisdictions." + child
			return config.File, s.Config.Lines[key], key + ".parent"
		}
	}
	return config.File, 0, "jurisdictions"
}

// termKey is the identity of a term's name: case, width, spaces and
// hyphens aside, as site.toml's declarations match too.
func termKey(name string) string { return slug.Key(name) }

// taxonomy groups briefings by term (termKey) and names each term as
// site.toml declares it, else by its most used spelling. Two different
// terms with one slug are an error.
//
// inPathOrder are the published briefings in path order. listed, when
// not nil, gives more names under which a briefing is listed
// without being filed (its funding items' jurisdictions): they get a page
// that lists the briefing.
func (s *Site) taxonomy(kind string, inPathOrder []*Briefing, names, listed func(*Briefing) []string, ds diag.List) ([]*Term, diag.List) {
	all := names
	if listed != nil {
		all = func(b *Briefing) []string { return append(slices.Clip(names(b)), listed(b)...) }
	}
	byKey := map[string]*Term{}
	spellings := map[string]map[string]int{}
	firstUse := map[string]*Briefing{}
	// Names repeat from briefing to briefing: each is normalised once.
	keys := map[string]string{}
	keyOf := func(name string) string {
		k, ok := keys[name]
		if !ok {
			k = termKey(name)
			keys[name] = k
		}
		return k
	}
	var terms []*Term
	add := func(name string) *Term {
		key := keyOf(name)
		t := byKey[key]
		if t == nil {
			t = &Term{Kind: kind, key: key, Language: s.Language}
			byKey[key] = t
			spellings[key] = map[string]int{}
			terms = append(terms, t)
		}
		return t
	}
	// Iterate in path order so that firstUse, and so messages, are stable.
	// A name written as before is counted in one look-up (at 100,000
	// briefings the look-ups of each name's key, term, spellings and first
	// use were a tenth of a second that the model waited for); its
	// spellings are counted once every briefing is read.
	type written struct {
		t     *Term
		count int
	}
	byName := map[string]*written{}
	for _, b := range inPathOrder {
		for _, n := range all(b) {
			w := byName[n]
			if w == nil {
				w = &written{t: add(n)}
				byName[n] = w
				if firstUse[w.t.key] == nil {
					firstUse[w.t.key] = b
				}
			}
			w.count++
		}
	}
	for n, w := range byName {
		spellings[w.t.key][strings.TrimSpace(n)] += w.count
	}
	if kind == JurisdictionsKind {
		// Parents named only in site.toml still get a page.
		for _, child := range slices.Sorted(maps.Keys(s.Config.Parents)) {
			if byKey[termKey(child)] != nil {
				for _, a := range s.Config.Ancestors(child) {
					t := add(a)
					spellings[t.key][a] += 0
				}
			}
		}
	}
	vocabulary := vocabularyOf(kind)
	for _, t := range terms {
		t.spellings = spellings[t.key]
		s.name(t, mostUsed(t.spellings))
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].key < terms[j].key })
	bySlug := map[string]*Term{}
	var kept []*Term
	for _, t := range terms {
		file, line, field := s.termSource(kind, t, firstUse[t.key])
		if t.Slug == "" { // content and config refuse such names; never make up a URL
			ds = append(ds, diag.Errorf(file, line, field, "give it at least one letter or digit", "%q has no letter or digit to make a URL from", t.Name))
			continue
		}
		if other := bySlug[t.Slug]; other != nil {
			if s.translatedClash(vocabulary, t, other) {
				continue // site.toml's error (config's checkTermNames), reported there once
			}
			where := ""
			if b := firstUse[other.key]; b != nil {
				where = " (used in " + b.Path + ")"
			} else if f, l, _ := s.termSource(kind, other, nil); l > 0 {
				where = fmt.Sprintf(" (named in %s:%d)", f, l)
			}
			ds = append(ds, diag.Errorf(file, line, field, "rename one of them so that their URLs differ",
				"%q and %q%s both map to %s", t.Name, other.Name, where, t.URL))
			continue
		}
		bySlug[t.Slug] = t
		kept = append(kept, t)
	}
	keptKeys := map[string]*Term{}
	for _, t := range kept {
		keptKeys[t.key] = t
	}
	for _, b := range s.Briefings {
		var ts []*Term
		for _, n := range names(b) {
			if t := keptKeys[keyOf(n)]; t != nil && !slices.Contains(ts, t) {
				ts = append(ts, t)
				t.Briefings = append(t.Briefings, b)
				t.Own++
			}
		}
		if listed != nil {
			var more []*Term
			for _, n := range listed(b) {
				if t := keptKeys[keyOf(n)]; t != nil && !slices.Contains(ts, t) && !slices.Contains(more, t) {
					more = append(more, t)
					t.Briefings = append(t.Briefings, b)
					t.Own++
				}
			}
		}
		if kind == TagsKind {
			b.Tags = ts
		} else {
			b.Jurisdictions = ts
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return strings.ToLower(kept[i].Name) < strings.ToLower(kept[j].Name) })
	return kept, ds
}

// name gives t its names from spelling, the way its briefings write it
// most: the declared one when site.toml declares it, translated into the
// edition's language, and the URLs made of it.
func (s *Site) name(t *Term, spelling string) {
	vocabulary := vocabularyOf(t.Kind)
	t.Name, t.Description, t.Note = spelling, "", ""
	if name, info, ok := s.Config.Declared(vocabulary, t.Name); ok {
		t.Name = name
		t.Description, t.Note = s.Config.TermText(info, s.Config.Language)
	}
	t.Original = t.Name
	t.Name = s.Config.TermName(vocabulary, t.Name, s.Config.Language)
	t.Slug = slug.Make(t.Name)
	t.URL = s.URLs.termURL(t.Kind, t.Slug)
	t.Feed = FeedOf(t.URL)
}

// vocabularyOf is the site.toml vocabulary of a kind of term.
func vocabularyOf(kind string) string {
	if kind == JurisdictionsKind {
		return config.JurisdictionsVocabulary
	}
	return config.TagsVocabulary
}

func fieldOf(kind string) string {
	if kind == TagsKind {
		return "tags"
	}
	return "jurisdiction"
}

// mostUsed picks the spelling used most; ties go to the smallest string so
// the choice does not depend on file order.
func mostUsed(counts map[string]int) string {
	best, n := "", -1
	for _, s := range slices.Sorted(maps.Keys(counts)) {
		if counts[s] > n {
			best, n = s, counts[s]
		}
	}
	return best
}

// linkParents attaches jurisdictions to their parents and adds every
// descendant's briefings to each ancestor's list (the China page lists
// Beijing's briefings too).
func (s *Site) linkParents() {
	byKey := map[string]*Term{}
	for _, t := range s.Jurisdictions {
		byKey[t.key] = t
	}
	for _, t := range s.Jurisdictions {
		if p, ok := s.parentOf(t.Original); ok {
			if pt := byKey[termKey(p)]; pt != nil && pt != t {
				t.Parent = pt
				pt.Children = append(pt.Children, t)
			}
		}
	}
	// Each term's own briefings, kept before any list is merged below.
	own := make(map[*Term][]*Briefing, len(s.Jurisdictions))
	for _, t := range s.Jurisdictions {
		own[t] = t.Briefings[:t.Own]
	}
	for _, t := range s.Jurisdictions {
		if len(t.Children) == 0 {
			continue // its own, already newest first
		}
		var all []*Briefing
		var walk func(*Term)
		walk = func(x *Term) {
			all = append(all, own[x]...)
			for _, c := range x.Children {
				walk(c)
			}
		}
		walk(t)
		// Ranks order briefings as newer does.
		slices.SortFunc(all, func(a, b *Briefing) int { return cmp.Compare(a.rank, b.rank) })
		t.Briefings = slices.Compact(all)
	}
}

// parentOf looks a jurisdiction's parent up by termKey.
func (s *Site) parentOf(name string) (string, bool) {
	if p, ok := s.Config.Parents[name]; ok {
		return p, true
	}
	for _, k := range slices.Sorted(maps.Keys(s.Config.Parents)) {
		if termKey(k) == termKey(name) {
			return s.Config.Parents[k], true
		}
	}
	return "", false
}

func (s *Site) years() {
	byYear := map[int]*Year{}
	for _, b := range s.Briefings {
		y := b.Date.Year()
		if byYear[y] == nil {
			byYear[y] = &Year{Year: y, URL: s.URLs.Year(y)}
			s.Years = append(s.Years, byYear[y])
		}
		byYear[y].Briefings = append(byYear[y].Briefings, b)
	}
	// Briefings are newest first, so years already are.
}

// translatedClash reports whether two declared terms share a URL through a
// name site.toml gives one of them in the edition's language, which the
// configuration reports as its own error.
func (s *Site) translatedClash(vocabulary string, t, other *Term) bool {
	_, _, declared := s.Config.Declared(vocabulary, t.Original)
	_, _, otherDeclared := s.Config.Declared(vocabulary, other.Original)
	return declared && otherDeclared && t.Original != other.Original && (t.Name != t.Original || other.Name != other.Original)
}
