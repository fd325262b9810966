// Package vocab keeps the names of a site's tags and jurisdictions
// consistent. When site.toml declares a list ([jurisdictions], [tags]), a
// briefing may use only its names: anything else is an error at its line
// with a did-you-mean. Without a list, names that look like one another
// (case, width, spacing, hyphens, or one letter) are warnings that name both
// uses, since each spelling would otherwise build into a page of its own.
//
// The work is linear in the number of names written: names are compared
// only as distinct spellings, and only within buckets of likely pairs.
package vocab

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/slug"
)

// Use is one name as a briefing writes it.
type Use struct {
	Name  string
	File  string
	Line  int
	Field string // "tags", "jurisdiction", "funding[1].jurisdiction"
}

// Uses lists the names of one vocabulary (config.TagsVocabulary or
// config.JurisdictionsVocabulary) that briefings write, in path order.
func Uses(vocabulary string, bs []*content.Briefing) []Use {
	return slices.Collect(usesOf(vocabulary, byPath(bs)))
}

// byPath is bs sorted by path.
func byPath(bs []*content.Briefing) []*content.Briefing {
	sorted := slices.Clone(bs)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	return sorted
}

// usesOf yields the uses of briefings already in path order, one at a
// time (NewNames counts them as they come: listed at once, the uses of
// 10,000 briefings took 18 MB).
func usesOf(vocabulary string, sorted []*content.Briefing) iter.Seq[Use] {
	return func(yield func(Use) bool) {
		for _, b := range sorted {
			names, lines, field := b.Tags, b.TagLines, "tags"
			if vocabulary == config.JurisdictionsVocabulary {
				names, lines, field = b.Jurisdictions, b.JurisdictionLines, "jurisdiction"
			}
			for i, n := range names {
				line := b.Line(field)
				if i < len(lines) {
					line = lines[i]
				}
				if !yield(Use{Name: n, File: b.Path, Line: line, Field: field}) {
					return
				}
			}
			if vocabulary == config.JurisdictionsVocabulary {
				for i, f := range b.Funding {
					if f.Jurisdiction != "" && !yield(Use{Name: f.Jurisdiction, File: b.Path, Line: cmp.Or(f.JurisdictionLine, f.Line),
						Field: fmt.Sprintf("funding[%d].jurisdiction", i)}) {
						return
					}
				}
			}
		}
	}
}

// Check reports the problems of the names the briefings bs, of the
// edition lang, use, in both vocabularies: see the package comment. Names
// in lang that site.toml gives terms are the site package's to resolve;
// they are suggested here too.
func Check(cfg *config.Config, lang string, bs []*content.Briefing) diag.List {
	return NewNames(cfg, lang, bs).Problems()
}

// noun is what one name of a vocabulary is called in messages.
func noun(vocabulary string) string {
	if vocabulary == config.JurisdictionsVocabulary {
		return "jurisdiction"
	}
	return "tag"
}

// checkDeclared holds uses to a declared list: a name that is not declared
// is an error, even one that differs only in width, spacing or hyphens
// ("Hongkong"), since a closed list is there to keep one spelling; a
// declared name in another case is a warning, since the page shows the
// declared spelling anyway.
func checkDeclared(cfg *config.Config, vocabulary, lang string, declared []string, uses []Use) diag.List {
	var ds diag.List
	hints := map[string]string{} // one suggestion per distinct name
	for _, u := range uses {
		spelling, ok := accepted(cfg, vocabulary, u.Name)
		switch {
		case ok && spelling != u.Name:
			ds = append(ds, diag.Warnf(u.File, u.Line, u.Field, fmt.Sprintf("write %q", spelling),
				"%q is declared in %s as %q", u.Name, config.File, spelling))
		case !ok:
			hint, seen := hints[u.Name]
			if !seen {
				hint = cmp.Or(otherLanguage(cfg, vocabulary, lang, u.Name), suggest(vocabulary, u.Name, declared))
				hints[u.Name] = hint
			}
			ds = append(ds, diag.Errorf(u.File, u.Line, u.Field, hint, "unknown %s %q", noun(vocabulary), u.Name))
		}
	}
	return ds
}

// accepted is how a declared list spells name, and whether it takes it:
// declared as written or in another case only.
func accepted(cfg *config.Config, vocabulary, name string) (spelling string, ok bool) {
	spelling, _, ok = cfg.Declared(vocabulary, name)
	return spelling, ok && strings.EqualFold(spelling, name)
}

// Refuses reports whether site.toml declares a list for the vocabulary
// that does not take name, so that Check reports it as unknown; other
// checks leave such a name to that one error.
func Refuses(cfg *config.Config, vocabulary, name string) bool {
	if !cfg.Closed(vocabulary) {
		return false
	}
	_, ok := accepted(cfg, vocabulary, name)
	return !ok
}

// otherLanguage is the hint for a name that site.toml gives a term in
// another language than the briefing's (a zh-Hans name in a zh-Hant
// briefing): the names this briefing may write. It is "" for any other
// name.
func otherLanguage(cfg *config.Config, vocabulary, lang, name string) string {
	for _, l := range cfg.LanguageCodes() {
		terms := cfg.LocalName(vocabulary, l, name)
		if l == lang || len(terms) != 1 {
			continue
		}
		write := fmt.Sprintf("%q", terms[0])
		if own := cfg.TermName(vocabulary, terms[0], lang); own != terms[0] {
			write = fmt.Sprintf("%q (or %q)", own, terms[0])
		}
		return fmt.Sprintf("%q names the %s %q in %s; a briefing in %s writes %s", name, noun(vocabulary), terms[0], l, lang, write)
	}
	return ""
}

// suggest is the hint for a name a declared list does not have: the
// nearest declared name, else how to declare it.
func suggest(vocabulary, name string, declared []string) string {
	if s := nearest(name, declared); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	table := "[" + vocabulary + "]"
	example := fmt.Sprintf("%s = {}", quote(name))
	if vocabulary == config.TagsVocabulary {
		example = fmt.Sprintf(`%s = ""`, quote(name))
	}
	return fmt.Sprintf("%s lists the %ss briefings may use; add %s under %s, or use one of them", config.File, noun(vocabulary), example, table)
}

// nearest finds the declared name closest to name: one with the same key,
// else one within a few edits of its key.
func nearest(name string, declared []string) string {
	key := slug.Key(name)
	keys := make([]string, len(declared))
	for i, d := range declared {
		keys[i] = slug.Key(d)
		if keys[i] == key {
			return d
		}
	}
	if s := diag.Suggest(key, keys); s != "" {
		return declared[slices.Index(keys, s)]
	}
	return ""
}

// quote writes a TOML key: bare when it can be, else quoted.
func quote(name string) string {
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')) {
			return fmt.Sprintf("%q", name)
		}
	}
	return name
}

// spelling is one distinct way of writing a name, with its first use.
type spelling struct {
	name  string
	key   string
	count int
	first Use
}

// nearDuplicates warns about spellings that are one name written two ways
// (same slug.Key: they share a page, under the most used spelling) and
// about names one letter apart (two pages, most likely meant as one).
//
// byName are the distinct spellings of the names the briefings write, by
// name, with how many times and where first each is written.
func nearDuplicates(vocabulary string, byName map[string]*spelling) diag.List {
	var ds diag.List
	// One name, several spellings.
	byKey := map[string][]*spelling{}
	for _, sp := range byName {
		byKey[sp.key] = append(byKey[sp.key], sp)
	}
	heads := map[string]*spelling{} // key -> its most used spelling
	for _, key := range slices.Sorted(maps.Keys(byKey)) {
		group := byKey[key]
		slices.SortFunc(group, moreUsed)
		heads[key] = group[0]
		for _, sp := range group[1:] {
			ds = append(ds, diag.Warnf(sp.first.File, sp.first.Line, sp.first.Field,
				fmt.Sprintf("write %q, as elsewhere; %s", group[0].name, declareHint(vocabulary)),
				"%q and %q (%s:%d) differ only in case, width, spacing or hyphens; both are the %s %q",
				sp.name, group[0].name, group[0].first.File, group[0].first.Line, noun(vocabulary), group[0].name))
		}
	}
	// Names one letter apart, among distinct keys.
	for _, pair := range oneLetterApart(slices.Collect(maps.Keys(heads))) {
		a, b := heads[pair[0]], heads[pair[1]]
		if moreUsed(a, b) < 0 {
			a, b = b, a // warn at the rarer spelling
		}
		ds = append(ds, diag.Warnf(a.first.File, a.first.Line, a.first.Field,
			fmt.Sprintf("if they are one %s, write %q; %s", noun(vocabulary), b.name, declareHint(vocabulary)),
			"%q is one letter away from the %s %q (%s:%d)", a.name, noun(vocabulary), b.name, b.first.File, b.first.Line))
	}
	return ds
}

// moreUsed orders spellings by use, most used first; ties by first use,
// then by name, so that the order never depends on a map.
func moreUsed(a, b *spelling) int {
	if a.count != b.count {
		return b.count - a.count
	}
	if c := cmp.Compare(a.first.File, b.first.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.first.Line, b.first.Line); c != 0 {
		return c
	}
	return cmp.Compare(a.name, b.name)
}

func declareHint(vocabulary string) string {
	return fmt.Sprintf("declaring [%s] in %s makes the list closed", vocabulary, config.File)
}
