package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
)

// localNames lets a briefing of the edition lang name its tags and
// jurisdictions in its own language, as site.toml translates them
// (tags: [穩定幣] in a zh-Hant briefing is the tag stablecoins): it returns
// b with each such name replaced by the term's declared name, which is
// the term's identity in every edition, or b itself when it has none. The
// parsed briefing is shared with later builds, so a change makes a copy.
// A name that could mean two terms is an error at its line.
func localNames(cfg *config.Config, lang string, b *content.Briefing) (*content.Briefing, diag.List) {
	if !cfg.HasLocalNames(config.TagsVocabulary, lang) && !cfg.HasLocalNames(config.JurisdictionsVocabulary, lang) {
		return b, nil // nothing to resolve (see resolve), and no line to look up
	}
	var ds diag.List
	out := b
	clone := func() {
		if out == b {
			c := *b
			out = &c
		}
	}
	resolve := func(vocabulary, name string, line int, field string) (string, bool) {
		if !cfg.HasLocalNames(vocabulary, lang) {
			return "", false // a declared name or an unknown one: nothing to resolve
		}
		terms := cfg.LocalName(vocabulary, lang, name)
		_, _, declared := cfg.Declared(vocabulary, name)
		if len(terms) > 1 && declared {
			ds = append(ds, ambiguous(cfg, vocabulary, lang, name, terms, b.Path, line, field))
			return "", false
		}
		if len(terms) == 0 {
			return "", false // unknown: vocab.Check reports it
		}
		if declared {
			return "", false // as written; vocab.Check warns about its case
		}
		// Two terms named alike in lang are site.toml's error
		// (checkTermNames), reported there once.
		return terms[0], true
	}
	if tags, changed := rename(b.Tags, func(i int, n string) (string, bool) {
		return resolve(config.TagsVocabulary, n, lineAt(b.TagLines, i, b.Line("tags")), "tags")
	}); changed {
		clone()
		out.Tags = tags
	}
	if js, changed := rename(b.Jurisdictions, func(i int, n string) (string, bool) {
		return resolve(config.JurisdictionsVocabulary, n, lineAt(b.JurisdictionLines, i, b.Line("jurisdiction")), "jurisdiction")
	}); changed {
		clone()
		out.Jurisdictions = js
	}
	var items []content.Funding
	for i, f := range b.Funding {
		if f.Jurisdiction == "" {
			continue
		}
		if d, ok := resolve(config.JurisdictionsVocabulary, f.Jurisdiction, cmp.Or(f.JurisdictionLine, f.Line), fmt.Sprintf("funding[%d].jurisdiction", i)); ok {
			if items == nil {
				items = slices.Clone(b.Funding)
			}
			items[i].Jurisdiction = d
		}
	}
	if items != nil {
		clone()
		out.Funding = items
	}
	return out, ds
}

// rename returns names with those that to replaces replaced, in a copy,
// and whether there were any.
func rename(names []string, to func(i int, name string) (string, bool)) ([]string, bool) {
	var out []string
	for i, n := range names {
		if d, ok := to(i, n); ok {
			if out == nil {
				out = slices.Clone(names)
			}
			out[i] = d
		}
	}
	return out, out != nil
}

func lineAt(lines []int, i, fallback int) int {
	if i < len(lines) {
		return lines[i]
	}
	return fallback
}

// ambiguous is the error for a name that means several terms in lang.
func ambiguous(cfg *config.Config, vocabulary, lang, name string, terms []string, file string, line int, field string) diag.Diagnostic {
	noun := strings.TrimSuffix(vocabulary, "s")
	var meanings []string
	for _, t := range terms {
		if local := cfg.TermName(vocabulary, t, lang); strings.EqualFold(local, name) && local != t {
			meanings = append(meanings, fmt.Sprintf("the %s %q (named %q in %s)", noun, t, local, lang))
		} else {
			meanings = append(meanings, fmt.Sprintf("the %s %q", noun, t))
		}
	}
	return diag.Errorf(file, line, field,
		fmt.Sprintf("write the declared name of the one you mean (%s), or rename one of them in %s", strings.Join(quoted(terms), " or "), config.File),
		"%q is ambiguous in %s: it could be %s", name, lang, strings.Join(meanings, " or "))
}
