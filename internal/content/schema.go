package content

import (
	"strings"

	"brief/internal/diag"
)

// fieldNames are the front matter keys a briefing may set, exactly as
// listed: no plural aliases or other spellings, so that every site spells
// them one way and a typo is caught rather than ignored. imageAlt is the one
// camelCase name, as Hugo sites write it.
var fieldNames = []string{
	"title", "date", "updated", "jurisdiction", "funding", "tags",
	"summary", "draft", "slug", "aliases", "sources", "authors",
	"image", "imageAlt",
}

// fill validates the decoded front matter and copies it into b. Fields in
// skip are already reported (they hold control characters): they count as
// set, but are not decoded.
func (p *parser) fill(b *Briefing, root *node, skip map[string]bool) {
	if root.kind != kindMap {
		p.errorf(root.line, "", "write one field per line, e.g. "+p.syntax.assignment("title", `"..."`),
			"front matter must be a map of fields, got %s", root.kind.article())
		return
	}
	for _, e := range root.keys {
		if first, dup := b.Lines[e.key]; dup {
			p.errorf(e.line, e.key, "remove one of them", "set twice (first on line %d)", first)
			continue
		}
		if skip[e.key] {
			b.Lines[e.key] = e.line
			continue
		}
		if !p.field(b, e) {
			p.errorf(e.line, e.key, p.unknownHint(e.key, fieldNames), "unknown field")
			continue
		}
		b.Lines[e.key] = e.line
	}
	if _, ok := b.Lines["title"]; !ok {
		p.errorf(p.openLine, "title", "add "+p.syntax.assignment("title", `"..."`), "required field is missing")
	}
	if _, ok := b.Lines["date"]; !ok {
		p.errorf(p.openLine, "date", "add "+p.syntax.assignment("date", "2023-05-29"), "required field is missing")
	}
	p.checkImage(b)
	if !b.Updated.IsZero() && !b.Date.IsZero() && b.Updated.Before(b.Date) {
		p.errorf(b.Line("updated"), "updated", "updated must be on or after date",
			"%s is before date %s", p.updatedText, p.dateText)
	}
}

// field decodes one known top-level field into b; false means unknown.
func (p *parser) field(b *Briefing, e entry) bool {
	v, name := e.val, e.key
	if p.tooMany(v, name, e.line) {
		return true
	}
	switch name {
	case "title":
		b.Title = p.requiredString(v, name)
	case "date":
		b.Date, p.dateText = p.date(v, name, true)
	case "updated":
		b.Updated, p.updatedText = p.date(v, name, false)
	case "jurisdiction":
		b.Jurisdictions = dedupe(p.stringList(v, name, p.checkTerm), false)
	case "funding":
		b.Funding = p.funding(v)
	case "tags":
		b.Tags = dedupe(p.stringList(v, name, p.checkTerm), true)
	case "summary":
		b.Summary, _ = p.optionalString(v, name)
	case "draft":
		b.Draft = p.boolean(v, name)
	case "slug":
		b.Slug = p.slug(v)
	case "aliases":
		b.Aliases = p.aliases(v)
	case "sources":
		b.Sources = p.sources(v)
	case "authors":
		b.Authors = dedupe(p.stringList(v, name, nil), false)
	case "image":
		b.Image = p.imagePath(v)
	case "imageAlt":
		b.ImageAlt, p.altSet = p.optionalString(v, name)
		if p.altSet && b.ImageAlt == "" {
			p.errorf(v.line, name, `describe the picture, or write imageAlt: `+Decorative+` when it is only decoration`, "must not be empty")
		}
	default:
		return false
	}
	return true
}

// unknownHint suggests the nearest known name, or lists them all.
func (p *parser) unknownHint(key string, known []string) string {
	if h := diag.DidYouMean(key, known); h != "" {
		return h
	}
	return "known fields: " + strings.Join(known, ", ")
}

// dedupe drops repeated strings, keeping the first; foldCase makes "PHP" and
// "php" the same. Lists are short, so a quadratic scan beats a map.
func dedupe(list []string, foldCase bool) []string {
	out := list[:0]
	for _, s := range list {
		seen := false
		for _, t := range out {
			if t == s || (foldCase && strings.EqualFold(t, s)) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
