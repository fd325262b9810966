// Package alternates links each page of a multilingual site to its versions
// in the other languages: the hreflang links of its head, the language
// switcher, the sitemap's xhtml:link alternates and the translations named
// in its structured data all come from one Set, so they cannot disagree.
//
// A page's versions are the pages of the other editions that have the same
// key (see Key): a briefing's translation key, a term's identity, a list's
// kind and page number. The Set is a pure function of the pages added to it.
package alternates

import "slices"

// XDefault is the hreflang value of the version for readers whose language
// no edition matches: the default language's.
const XDefault = "x-default"

// HomeKey is the key of each edition's home page, where the switcher goes
// when a page has no version in a language.
const HomeKey = "home"

// Language is one edition of the site, in site.toml's order: the first is
// the default.
type Language struct {
	Code string // BCP 47, as declared: "zh-Hant"
	Name string // in the language itself: "繁體中文"
}

// Version is one language's version of a page.
type Version struct {
	Lang string // the language's code
	URL  string // site path: "/zh-hant/briefings/x/"
}

// Link is one <link rel="alternate" hreflang> of a page: a version, or the
// x-default.
type Link struct {
	HrefLang string // a language's code, or XDefault
	URL      string // site path
}

// Choice is one entry of the language switcher.
type Choice struct {
	Language
	URL        string // site path: the page's version, or the edition's home
	Current    bool   // the language of the page being shown
	Translated bool   // URL is the page's own version (not the home page instead)
}

// Set holds every page's versions.
type Set struct {
	langs []Language
	order map[string]int       // language code -> position
	byKey map[string][]Version // in language order
	keyOf map[string]string    // site path -> key
}

// New makes an empty Set for the site's languages, the default first.
func New(langs []Language) *Set {
	s := &Set{langs: slices.Clone(langs), order: map[string]int{}, byKey: map[string][]Version{}, keyOf: map[string]string{}}
	for i, l := range langs {
		s.order[l.Code] = i
	}
	return s
}

// Languages are the site's languages, the default first.
func (s *Set) Languages() []Language { return s.langs }

// Add records the page at url as lang's version of the page key. A second
// page with the same language and key, or a language the Set does not know,
// is ignored: the model reports those as errors before pages are listed.
func (s *Set) Add(lang, key, url string) {
	pos, ok := s.order[lang]
	if !ok || key == "" {
		return
	}
	if _, dup := s.keyOf[url]; dup {
		return
	}
	vs := s.byKey[key]
	i, found := slices.BinarySearchFunc(vs, pos, func(v Version, pos int) int { return s.order[v.Lang] - pos })
	if found {
		return
	}
	s.byKey[key] = slices.Insert(vs, i, Version{Lang: lang, URL: url})
	s.keyOf[url] = key
}

// Versions are the versions of the page at url, itself included, in the
// order of the languages; nil for a page the Set does not know (and for a
// nil Set, a site of one language).
func (s *Set) Versions(url string) []Version {
	if s == nil {
		return nil
	}
	key, ok := s.keyOf[url]
	if !ok {
		return nil
	}
	return s.byKey[key]
}

// HrefLang lists the alternate links of the page at url: every version,
// itself included (as search engines ask), then x-default, the default
// language's version. A page without another version has none.
func (s *Set) HrefLang(url string) []Link {
	vs := s.Versions(url)
	if len(vs) < 2 {
		return nil
	}
	out := make([]Link, 0, len(vs)+1)
	for _, v := range vs {
		out = append(out, Link{HrefLang: v.Lang, URL: v.URL})
	}
	if len(s.langs) > 0 && vs[0].Lang == s.langs[0].Code {
		out = append(out, Link{HrefLang: XDefault, URL: vs[0].URL})
	}
	return out
}

// Switch lists the language switcher of the page at url, shown in lang:
// each language with the page's version in it, or that edition's home page
// when there is none, so that no choice leads to a missing page. A language
// with neither (an edition without pages) is left out. A site of one
// language (or a nil Set) has no switcher.
func (s *Set) Switch(lang, url string) []Choice {
	if s == nil || len(s.langs) < 2 {
		return nil
	}
	vs := s.Versions(url)
	homes := s.byKey[HomeKey]
	out := make([]Choice, 0, len(s.langs))
	for _, l := range s.langs {
		c := Choice{Language: l, Current: l.Code == lang}
		if v, ok := find(vs, l.Code); ok {
			c.URL, c.Translated = v.URL, true
		} else if h, ok := find(homes, l.Code); ok {
			c.URL = h.URL
		} else {
			continue
		}
		if c.Current {
			c.URL, c.Translated = url, true
		}
		out = append(out, c)
	}
	return out
}

func find(vs []Version, lang string) (Version, bool) {
	for _, v := range vs {
		if v.Lang == lang {
			return v, true
		}
	}
	return Version{}, false
}
