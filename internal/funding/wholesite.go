package funding

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"brief/internal/config"
	"brief/internal/site"
)

// wholeSite are the briefings whose funding the tracker of the edition s
// counts: the whole site's public money, each translation group once. They
// are the edition's own briefings, then, for each group the edition does
// not publish, the group's briefing in the earliest other edition (in the
// order of the languages) that does. Translations state the same items as
// their original, or inherit them, so every edition's tracker adds up to
// the same grand total; a reader of one edition is not shown less money
// because a briefing is not translated yet. Newest first, then by path.
func wholeSite(s *site.Site) []*site.Briefing {
	if len(s.Editions) < 2 {
		return s.Briefings // one edition: its own are all
	}
	seen := map[string]bool{}
	for _, b := range s.Briefings {
		seen[b.Group] = true
	}
	out := s.Briefings
	for _, ed := range s.Editions {
		if ed == s {
			continue
		}
		var add []*site.Briefing
		for _, b := range ed.Briefings {
			if !seen[b.Group] {
				add = append(add, b)
			}
		}
		for _, b := range add {
			seen[b.Group] = true
		}
		out = append(slices.Clip(out), add...)
	}
	if len(out) > len(s.Briefings) {
		slices.SortStableFunc(out, func(a, b *site.Briefing) int {
			return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Path, b.Path))
		})
	}
	return out
}

// vocabulary is what a tracker knows of the tags or the jurisdictions of
// every edition, named as its own edition names them: a term the edition
// has keeps its name and page; a term only other editions' briefings name
// gets its name in the edition's language from site.toml, and no link.
// Parents and children are joined across editions.
type vocabulary struct {
	ids   []termID // the edition's own terms in its order, then the others by name
	terms map[termID]*vocabTerm
}

type vocabTerm struct {
	name, url string
	parent    *termID
	children  []termID
	stand     *site.Term // the term as an entry shows it
}

func newVocabulary(s *site.Site, kind string) *vocabulary {
	v := &vocabulary{terms: map[termID]*vocabTerm{}}
	vocab := config.TagsVocabulary
	if kind == site.JurisdictionsKind {
		vocab = config.JurisdictionsVocabulary
	}
	editions := []*site.Site{s} // its own first
	for _, ed := range s.Editions {
		if ed != s {
			editions = append(editions, ed)
		}
	}
	own := true
	for _, ed := range editions {
		var others []termID
		for _, t := range termsOfKind(ed, kind) {
			id := idOf(t)
			vt := v.terms[id]
			if vt == nil {
				vt = &vocabTerm{name: t.Name, url: t.URL, stand: t}
				if !own {
					vt.name = s.Config.TermName(vocab, t.Original, s.Config.Language)
					vt.url = ""
					vt.stand = &site.Term{Kind: t.Kind, Name: vt.name, Original: t.Original}
					others = append(others, id)
				} else {
					v.ids = append(v.ids, id)
				}
				v.terms[id] = vt
			}
			if t.Parent != nil && vt.parent == nil {
				p := idOf(t.Parent)
				vt.parent = &p
			}
			for _, c := range t.Children {
				if !slices.Contains(vt.children, idOf(c)) {
					vt.children = append(vt.children, idOf(c))
				}
			}
		}
		slices.SortFunc(others, func(a, b termID) int {
			return strings.Compare(strings.ToLower(v.terms[a].name), strings.ToLower(v.terms[b].name))
		})
		v.ids = append(v.ids, others...)
		own = false
	}
	return v
}

func termsOfKind(s *site.Site, kind string) []*site.Term {
	if kind == site.JurisdictionsKind {
		return s.Jurisdictions
	}
	return s.Tags
}

// term is t as the vocabulary's edition shows it in an entry: its own
// term, or one with the name in its language and no page.
func (v *vocabulary) term(t *site.Term) *site.Term {
	if t == nil {
		return nil
	}
	if vt := v.terms[idOf(t)]; vt != nil {
		return vt.stand
	}
	return t
}

// languageName is the name of the language tag in the words' language:
// "英文" for en in Chinese, "Traditional Chinese" for zh-Hant in English.
func (w *words) languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || w.c == nil {
		return tag
	}
	reader, err := language.Parse(w.c.Lang())
	if err != nil {
		reader = language.English
	}
	if name := display.Tags(reader).Name(t); name != "" {
		return name
	}
	return tag
}
