package content

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/sources"
)

// value is one decoded front matter value. Which members are set depends on
// the field's Type; ok is false when the value was absent, null or invalid
// (and then the problem has been reported).
type value struct {
	scalar
	list    []string // Names, Terms
	lines   []int    // Names, Terms: the line of each of list
	aliases []Alias  // Paths
	items   []item   // List: nil unless the value was a list
}

// scalar is the part of a value that the fields of a list's items use
// (TestItemFieldsAreScalars), which items keep: half the bytes of a value.
type scalar struct {
	ok     bool
	null   bool          // written as null (or ~, or nothing): not given
	flag   bool          // Bool
	str    string        // Text, String, Slug, Currency, URL, Picture; Date and Amount as written
	time   time.Time     // Date
	amount money.Decimal // Amount
	host   string        // URL: the host name
	year   int           // Year
}

// item is one map of a List, with its decoded keys in file order. An item
// has a handful of keys: a slice searched in order costs less than maps.
type item struct {
	line int
	keys []itemKey
}

// itemKey is one decoded key of an item.
type itemKey struct {
	name string
	line int
	val  scalar
}

// find returns the decoded key name, or nil.
func (it item) find(name string) *itemKey {
	for i := range it.keys {
		if it.keys[i].name == name {
			return &it.keys[i]
		}
	}
	return nil
}

// get is the value of key name; the zero value when it is not set.
func (it item) get(name string) scalar {
	if k := it.find(name); k != nil {
		return k.val
	}
	return scalar{}
}

// lineOf is the line of key name; 0 when it is not set.
func (it item) lineOf(name string) int {
	if k := it.find(name); k != nil {
		return k.line
	}
	return 0
}

// fieldNames lists the names of fields, for messages and hints.
func fieldNames(fields []Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

func findField(fields []Field, name string) *Field {
	if i := fieldIndex(fields, name); i >= 0 {
		return &fields[i]
	}
	return nil
}

// fieldIndex is the index of the field called name in fields, or -1.
func fieldIndex(fields []Field, name string) int {
	for i := range fields {
		if fields[i].Name == name {
			return i
		}
	}
	return -1
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
	// The values checked together below, once every field is read.
	var image, imageAlt, updated, date given
	// unknown are the lines of fields in skip that the schema does not
	// know: b keeps lines of its fields only.
	var unknown map[string]int
	for _, e := range root.keys {
		first, dup := b.Lines.Get(e.key)
		if !dup {
			first, dup = unknown[e.key]
		}
		if dup {
			p.errorf(e.line, e.key, "remove one of them", "set twice (first on line %d)", first)
			continue
		}
		f := findField(briefingFields, e.key)
		if skip[e.key] {
			if f != nil {
				b.Lines.Set(f.Name, e.line)
			} else {
				if unknown == nil {
					unknown = map[string]int{}
				}
				unknown[e.key] = e.line
			}
			continue
		}
		if f == nil {
			hint := p.unknownHint(e.key, fieldNames(briefingFields))
			if languageField(e.key) {
				hint = languageHint(p.path)
			}
			p.errorf(e.line, e.key, hint, "unknown field")
			continue
		}
		b.Lines.Set(f.Name, e.line)
		if p.tooMany(e.val, e.key, e.line) {
			continue
		}
		v := p.decodeValue(f, e.val, e.key)
		switch e.key {
		case "image":
			image = given{v, true}
		case "imageAlt":
			imageAlt = given{v, true}
		case "updated":
			updated = given{v, true}
		case "date":
			date = given{v, true}
		}
		f.set(b, v)
	}
	for _, f := range briefingFields {
		if !f.Required {
			continue // a look-up of its line would say nothing
		}
		if _, ok := b.Lines.Get(f.Name); !ok {
			p.errorf(p.openLine, f.Name, "add "+p.syntax.assignment(f.Name, f.placeholder), "required field is missing")
		}
	}
	p.checkImage(b, image.is() || skip["image"], imageAlt.is() || skip["imageAlt"])
	if !b.Updated.IsZero() && !b.Date.IsZero() && b.Updated.Before(b.Date) {
		p.errorf(b.Line("updated"), "updated", "updated must be on or after date",
			"%s is before date %s", updated.v.str, date.v.str)
	}
}

// given is a field's value as fill read it, if the field was written.
type given struct {
	v  value
	ok bool
}

// is reports whether the field was written with a value, not null.
func (g given) is() bool { return g.ok && !g.v.null }

// decodeValue reads one value by its field's type, reporting any problem
// under name ("funding[0].amount").
func (p *parser) decodeValue(f *Field, v *node, name string) value {
	out := value{scalar: scalar{null: v.kind == kindNull}}
	switch f.Type {
	case Text:
		if out.null && !f.Required {
			return out
		}
		out.str, out.ok = p.optionalString(v, name)
		if out.ok && out.str == "" || out.null {
			hint := cmp.Or(f.emptyHint, "write "+p.syntax.assignment(leafName(name), textExample))
			p.errorf(v.line, name, hint, "must not be empty")
			out.ok = false
		}
	case String:
		out.str, out.ok = p.optionalString(v, name)
		if out.ok && len(f.Enum) > 0 && !slices.Contains(f.Enum, out.str) {
			hint := diag.DidYouMean(out.str, f.Enum)
			if hint == "" {
				hint = "write " + strings.Join(f.Enum, " or ")
			}
			p.errorf(v.line, name, hint, "unknown value %q", out.str)
			out.ok = false
		}
	case Year:
		out.year, out.ok = p.year(v, name)
	case Date:
		out.time, out.str = p.date(v, name, f.Required)
		out.ok = !out.time.IsZero()
	case Names:
		out.list, out.lines = p.stringList(v, name, nil)
		out.ok = len(out.list) > 0
	case Terms:
		out.list, out.lines = p.stringList(v, name, p.checkTerm)
		out.ok = len(out.list) > 0
	case Paths:
		out.aliases = p.aliases(v)
		out.ok = len(out.aliases) > 0
	case Bool:
		out.flag = p.boolean(v, name)
		out.ok = v.kind == kindBool
	case Slug:
		out.str = p.slug(v)
		out.ok = out.str != ""
	case URL:
		out.str, out.host = p.sourceURL(v, name)
		out.ok = out.str != ""
	case Picture:
		out.str = p.imagePath(v)
		out.ok = out.str != ""
	case Amount:
		out.amount, out.str, out.ok = p.amount(v, name, f.Required)
	case Currency:
		out.str = p.currency(v, name)
		out.ok = out.str != ""
	case List:
		out.items = p.items(f, v, name)
		out.ok = len(out.items) > 0
	}
	return out
}

// items reads a list of maps. Every item is kept, with its line, so that
// indexes in messages match the file even when some are invalid.
func (p *parser) items(f *Field, v *node, name string) []item {
	switch v.kind {
	case kindNull:
		return nil
	case kindList:
	default:
		p.typeError(v, name, f.listWant, "["+p.syntax.inlineMap(f.itemExample...)+"]")
		return nil
	}
	out := make([]item, 0, len(v.items))
	for i, it := range v.items {
		field := f.itemName(name, i)
		if it.kind != kindMap {
			p.errorf(it.line, field, f.itemHint, "want %s, got %s", f.itemWant, it.kind.article())
			continue
		}
		cur := item{line: it.line, keys: make([]itemKey, 0, len(it.keys))}
		for j, e := range it.keys {
			k := fieldIndex(f.Fields, e.key)
			if k < 0 {
				p.errorf(e.line, field+"."+e.key, p.unknownHint(e.key, fieldNames(f.Fields)), "unknown field")
				continue
			}
			sf, sub := &f.Fields[k], f.subName(name, i, k, field)
			if k := indexOfKey(it.keys[:j], e.key); k >= 0 {
				p.errorf(e.line, sub, "remove one of them", "set twice (first on line %d)", it.keys[k].line)
				continue
			}
			cur.keys = append(cur.keys, itemKey{name: e.key, line: e.line, val: p.decodeValue(sf, e.val, sub).scalar})
		}
		for j, sf := range f.Fields {
			if sf.Required && cur.find(sf.Name) == nil {
				p.errorf(it.line, f.subName(name, i, j, field), "add "+p.syntax.assignment(sf.Name, sf.placeholder), "required field is missing")
			}
		}
		if f.Name == "funding" {
			p.checkPeriod(cur, field)
		}
		out = append(out, cur)
	}
	return out
}

// unknownHint suggests the nearest known name, or lists them all.
// languageField reports whether key is how other generators name a
// page's language in its front matter (lang, language, locale), which
// brief reads from the file name instead.
func languageField(key string) bool {
	switch strings.ToLower(key) {
	case "lang", "language", "locale":
		return true
	}
	return false
}

// languageHint says where a briefing's language comes from, for a file
// whose front matter tries to give it.
func languageHint(p string) string {
	if code, _, ok := sources.FileLanguage(p); ok {
		return fmt.Sprintf("remove it: the file name says the language (%s), and a briefing of another language is a file of its own", code)
	}
	base := strings.TrimSuffix(path.Base(p), ".md")
	return fmt.Sprintf("remove it: a briefing's language is in its file name (%s.zh-Hant.md is in zh-Hant; without one, in the site's default language)", base)
}

func (p *parser) unknownHint(key string, known []string) string {
	if h := diag.DidYouMean(key, known); h != "" {
		return h
	}
	return "known fields: " + strings.Join(known, ", ")
}

// dedupe drops repeated strings, keeping the first; foldCase makes "PHP" and
// "php" the same. Lists are short, so a quadratic scan beats a map.
func dedupe(list []string, foldCase bool) []string {
	out, _ := dedupeLines(list, nil, foldCase)
	return out
}

// dedupeLines is dedupe that keeps lines, the line of each of list (or
// nil), in step with what it keeps.
func dedupeLines(list []string, lines []int, foldCase bool) ([]string, []int) {
	out, kept := list[:0], lines[:0] // in place: both are the caller's own
	for i, s := range list {
		seen := false
		for _, t := range out {
			if t == s || (foldCase && strings.EqualFold(t, s)) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, s)
			if lines != nil {
				kept = append(kept, lines[i])
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, kept
}

func indexOfKey(keys []entry, key string) int {
	for i, e := range keys {
		if e.key == key {
			return i
		}
	}
	return -1
}
