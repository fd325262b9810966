package vocab

import (
	"slices"
	"sort"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/slug"
)

// Names are the names an edition's briefings write, as Check reads them,
// kept so that an edit of one briefing checks again only what it changes
// (Replace) and Problems still says what Check would.
type Names struct {
	vocabs []*names // config.JurisdictionsVocabulary, then config.TagsVocabulary
}

// names are one vocabulary's: for a closed list, each file's problems
// (checkDeclared's, which look at one use at a time); for an open one,
// each distinct spelling with its count and first use (nearDuplicates').
type names struct {
	cfg        *config.Config
	vocabulary string
	lang       string
	declared   []string // nil: the list is open
	closed     bool
	byFile     map[string]diag.List
	byName     map[string]*spelling
}

// NewNames reads the names the briefings bs, of the edition lang, write.
func NewNames(cfg *config.Config, lang string, bs []*content.Briefing) *Names {
	out := &Names{}
	declared := cfg.Vocabularies()
	sorted := byPath(bs) // once for both vocabularies
	for _, v := range []string{config.JurisdictionsVocabulary, config.TagsVocabulary} {
		n := &names{cfg: cfg, vocabulary: v, lang: lang}
		if list, closed := declared[v]; closed {
			n.closed, n.declared, n.byFile = true, slices.Concat(list, cfg.LocalNames(v, lang)), map[string]diag.List{}
		} else {
			n.byName = map[string]*spelling{}
		}
		for u := range usesOf(v, sorted) {
			n.add(u)
		}
		out.vocabs = append(out.vocabs, n)
	}
	return out
}

// add counts one use, in path order.
func (n *names) add(u Use) {
	if n.closed {
		n.byFile[u.File] = append(n.byFile[u.File], checkDeclared(n.cfg, n.vocabulary, n.lang, n.declared, []Use{u})...)
		if len(n.byFile[u.File]) == 0 {
			delete(n.byFile, u.File)
		}
		return
	}
	sp := n.byName[u.Name]
	if sp == nil {
		sp = &spelling{name: u.Name, key: slug.Key(u.Name), first: u}
		n.byName[u.Name] = sp
	}
	sp.count++
}

// Replace takes the front matter old of a briefing out of the names and
// puts its new front matter in; either may be nil (a briefing that was
// not, or is no longer, published). all lists the edition's published
// briefings after the edit, for a spelling whose first use was old's.
func (ns *Names) Replace(old, new *content.Briefing, all func() []*content.Briefing) {
	p := ""
	if old != nil {
		p = old.Path
	} else if new != nil {
		p = new.Path
	}
	var bs []*content.Briefing
	for _, n := range ns.vocabs {
		if n.closed {
			delete(n.byFile, p)
		} else if old != nil {
			for _, u := range Uses(n.vocabulary, []*content.Briefing{old}) {
				sp := n.byName[u.Name]
				if sp == nil {
					continue
				}
				if sp.count--; sp.count == 0 {
					delete(n.byName, u.Name)
					continue
				}
				if sp.first.File == p {
					if bs == nil {
						bs = all()
					}
					sp.first = firstUse(n.vocabulary, u.Name, p, bs)
				}
			}
		}
		if new == nil {
			continue
		}
		for _, u := range Uses(n.vocabulary, []*content.Briefing{new}) {
			if sp := n.byName[u.Name]; sp != nil && u.File < sp.first.File {
				sp.first = u
			}
			n.add(u)
		}
	}
}

// firstUse is the first use of name in path order among bs, but for the
// file skip's.
func firstUse(vocabulary, name, skip string, bs []*content.Briefing) Use {
	var first *content.Briefing
	for _, b := range bs {
		if b.Path != skip && (first == nil || b.Path < first.Path) && slices.ContainsFunc(Uses(vocabulary, []*content.Briefing{b}), func(u Use) bool { return u.Name == name }) {
			first = b
		}
	}
	if first == nil {
		return Use{} // the spelling's other uses are skip's too
	}
	for _, u := range Uses(vocabulary, []*content.Briefing{first}) {
		if u.Name == name {
			return u
		}
	}
	return Use{}
}

// Problems are the problems Check reports of the names as they are now.
func (ns *Names) Problems() diag.List {
	var ds diag.List
	for _, n := range ns.vocabs {
		if n.closed {
			files := make([]string, 0, len(n.byFile))
			for f := range n.byFile {
				files = append(files, f)
			}
			sort.Strings(files)
			for _, f := range files {
				ds = append(ds, n.byFile[f]...)
			}
			continue
		}
		ds = append(ds, nearDuplicates(n.vocabulary, n.byName)...)
	}
	return ds
}
