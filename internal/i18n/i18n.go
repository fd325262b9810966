// Package i18n holds a site's interface text: the words the theme puts
// around the content ("Funding tracker", "3 briefings", "27 May 2023"), one
// catalog per language, read from TOML files (the theme's
// layouts/i18n/LANG.toml, overridden key by key by the site's own).
//
// A message is plain text with {name} placeholders, or a table of plural
// forms ({ one = "{count} briefing", other = "{count} briefings" }) chosen
// by the argument named count under the language's CLDR plural rules. The
// [format] table says how dates and money are written.
package i18n

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"brief/internal/money"
)

// Catalog is one language's interface text. It is read-only once loaded,
// so one catalog serves every page of its language at once.
type Catalog struct {
	lang   string       // as declared: "zh-Hant"
	tag    language.Tag // for plural rules
	msgs   map[string]*message
	months [12]string
	date   *pattern // nil when the catalog has no format.date
	// shortDate is format.short_date, for tables and notes: nil for
	// the ISO form.
	shortDate *pattern
	money     Money
}

// Money is how a language writes amounts of money: in the compact form of
// the money package ("CNY 100m", Style "code"), or in words with the
// language's own units and currency names ("人民幣1億元", Style "words").
type Money struct {
	Style string // "code" or "words"
	// Units are the large units of Style "words", largest first: 億 (10^8)
	// then 萬 (10^4) for Chinese.
	Units []money.Unit
	// Currencies are the patterns of Style "words" by ISO 4217 code, with
	// {amount} for the number: CNY = "人民幣{amount}元". A currency not
	// listed is written "{code} {amount}".
	Currencies map[string]string
}

// Lang is the catalog's language as the site declares it.
func (c *Catalog) Lang() string { return c.lang }

// Money is how the language writes money.
func (c *Catalog) Money() Money { return c.money }

// Has reports whether the catalog has text for key.
func (c *Catalog) Has(key string) bool { return c.msgs[key] != nil }

// message is one key's text: a single pattern, or one per plural form.
type message struct {
	forms [plural.Many + 1]*pattern // by plural.Form; forms[plural.Other] is always set
	plain template.HTML             // the text when it has no placeholders and no plural forms
	raw   string                    // the same, unescaped
	fixed bool                      // plain and raw hold the whole message
}

// pattern is a message's text split at its placeholders.
type pattern struct {
	parts []part
	names []string // the placeholders, in order of first use
}

type part struct {
	text string // HTML-escaped literal text, when name is ""
	raw  string // the same, unescaped
	name string // a placeholder
}

// parsePattern splits s at its {name} placeholders. A brace that does
// not open a placeholder ("{", "{ x}") is text.
func parsePattern(s string) *pattern {
	p := &pattern{}
	var lit strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			lit.WriteString(s)
			break
		}
		lit.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 || !isName(s[i+1:i+j]) {
			lit.WriteByte('{')
			s = s[i+1:]
			continue
		}
		name := s[i+1 : i+j]
		if lit.Len() > 0 {
			p.parts = append(p.parts, part{text: escapeText(lit.String()), raw: lit.String()})
			lit.Reset()
		}
		p.parts = append(p.parts, part{name: name})
		if !contains(p.names, name) {
			p.names = append(p.names, name)
		}
		s = s[i+j+1:]
	}
	if lit.Len() > 0 {
		p.parts = append(p.parts, part{text: escapeText(lit.String()), raw: lit.String()})
	}
	return p
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// T returns the text of key with its placeholders filled in. Arguments
// come in pairs, a placeholder's name and its value: a string (escaped),
// template.HTML (kept as it is, for a link inside a sentence) or an
// integer; the integer named count chooses the plural form. The result is
// HTML: the message is plain text, escaped.
func (c *Catalog) T(key string, args ...any) (template.HTML, error) {
	m := c.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no interface text %q for language %q", key, c.lang)
	}
	if m.fixed && len(args) == 0 {
		return m.plain, nil
	}
	s, err := c.fill(key, m, args, true)
	return template.HTML(s), err
}

// Plain is T as plain text, unescaped, for text that is escaped where it
// is written (a meta description, a JSON-LD name, an SVG title) or is not
// HTML at all.
func (c *Catalog) Plain(key string, args ...any) (string, error) {
	m := c.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no interface text %q for language %q", key, c.lang)
	}
	if m.fixed && len(args) == 0 {
		return m.raw, nil
	}
	return c.fill(key, m, args, false)
}

// fill writes m's form for args with its placeholders filled in, as HTML
// or as plain text.
func (c *Catalog) fill(key string, m *message, args []any, html bool) (string, error) {
	if len(args)%2 != 0 {
		return "", fmt.Errorf("T %q: arguments come in pairs, a placeholder's name and its value", key)
	}
	p := m.forms[plural.Other]
	for i := 0; i < len(args); i += 2 {
		if args[i] == "count" {
			if n, ok := toInt(args[i+1]); ok {
				p = m.form(c.tag, n)
			}
		}
	}
	// Most messages fit the array, which stays on the stack: the text
	// is then the only allocation.
	var arr [256]byte
	b := arr[:0]
	if n := p.size(args); n > len(arr) {
		b = make([]byte, 0, n)
	}
	for _, pt := range p.parts {
		if pt.name == "" {
			if html {
				b = append(b, pt.text...)
			} else {
				b = append(b, pt.raw...)
			}
			continue
		}
		v, ok := lookup(args, pt.name)
		if !ok {
			return "", fmt.Errorf("T %q: no value for {%s} (give it as T %q %q VALUE)", key, pt.name, key, pt.name)
		}
		b = c.appendValue(b, v, html)
	}
	return string(b), nil
}

// Text is the plain text of a message without placeholders, unescaped,
// for a value that the template escapes itself (a breadcrumb's name).
func (c *Catalog) Text(key string) (string, error) {
	m := c.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no interface text %q for language %q", key, c.lang)
	}
	var b strings.Builder
	for _, pt := range m.forms[plural.Other].parts {
		if pt.name != "" {
			return "", fmt.Errorf("interface text %q has {%s}: give it with T", key, pt.name)
		}
		b.WriteString(pt.raw)
	}
	return b.String(), nil
}

// JSON is the text of keys for a script, as a JSON object: a key's text,
// or its plural forms by CLDR name ({"one": ..., "other": ...}), plain
// and with its placeholders as written, for the script to fill in.
func (c *Catalog) JSON(keys ...string) (string, error) {
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		m := c.msgs[k]
		if m == nil {
			return "", fmt.Errorf("no interface text %q for language %q", k, c.lang)
		}
		if m.fixed || m.single() {
			out[k] = m.forms[plural.Other].text()
			continue
		}
		forms := map[string]string{}
		for name, f := range pluralNames {
			if p := m.forms[f]; p != nil {
				forms[name] = p.text()
			}
		}
		out[k] = forms
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// single reports whether the message has one form only.
func (m *message) single() bool {
	n := 0
	for _, p := range m.forms {
		if p != nil {
			n++
		}
	}
	return n == 1
}

// text is the pattern as written: its text unescaped, its placeholders
// in braces.
func (p *pattern) text() string {
	var b strings.Builder
	for _, pt := range p.parts {
		if pt.name != "" {
			b.WriteString("{" + pt.name + "}")
		} else {
			b.WriteString(pt.raw)
		}
	}
	return b.String()
}

// form is the pattern for the number n.
func (m *message) form(tag language.Tag, n int) *pattern {
	if n < 0 {
		n = -n
	}
	f := plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)
	if n == 0 && m.forms[plural.Zero] != nil {
		f = plural.Zero // "no briefings", in any language that says so
	}
	if p := m.forms[f]; p != nil {
		return p
	}
	return m.forms[plural.Other]
}

// size is about the length of the text p makes with args, for its
// builder to be made once: its own text and each string argument (a
// number or a date counts as a short word).
func (p *pattern) size(args []any) int {
	n := 0
	for _, pt := range p.parts {
		if pt.name == "" {
			n += len(pt.text) // the escaped text is the longer
			continue
		}
		n += 8
	}
	for i := 1; i < len(args); i += 2 {
		switch v := args[i].(type) {
		case string:
			n += len(v)
		case template.HTML:
			n += len(v)
		case []string:
			for _, s := range v {
				n += len(s) + 4
			}
		}
	}
	return n
}

func lookup(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if s, ok := args[i].(string); ok && s == name {
			return args[i+1], true
		}
	}
	return nil, false
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	}
	return 0, false
}

// appendValue appends a placeholder's value, escaped as escapeArg does
// for HTML, or as it is for plain text (Plain).
func (c *Catalog) appendValue(b []byte, v any, html bool) []byte {
	write := func(b []byte, s string) []byte {
		if html {
			return escapeArg(b, s)
		}
		return append(b, s...)
	}
	switch x := v.(type) {
	case []string: // a list: "Beijing, Shanghai", "北京、上海"
		sep := ", "
		if m := c.msgs["list_separator"]; m != nil && m.fixed {
			sep = m.forms[plural.Other].text()
			if html {
				sep = string(m.plain)
			}
		}
		for i, s := range x {
			if i > 0 {
				b = append(b, sep...)
			}
			b = write(b, s)
		}
	case template.HTML:
		b = append(b, x...)
	case string:
		b = write(b, x)
	case int:
		b = strconv.AppendInt(b, int64(x), 10)
	case fmt.Stringer:
		b = write(b, x.String())
	default:
		b = write(b, fmt.Sprint(x))
	}
	return b
}

// escapeText escapes a message's own text for HTML text and for a quoted
// attribute, where html/template escapes what HTML-typed values bring in
// anyway: only what could start markup is escaped, so the message "the
// editors' figures" comes out as a template's literal text would.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return textEscaper.Replace(s)
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeArg escapes a string argument exactly as html/template escapes a
// string in text or in a quoted attribute, so that a name passed through T
// comes out as it would printed directly.
func escapeArg(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return append(b, s...)
	}
	return append(b, argEscaper.Replace(s)...)
}

var argEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// Date writes t's calendar date as the language does: "27 May 2023",
// "2023年5月27日".
func (c *Catalog) Date(t time.Time) string { return c.writeDate(c.date, t) }

// ShortDate writes t's calendar date as the language does in a table or a
// note: format.short_date ("2023年5月27日"), else "2023-05-27".
func (c *Catalog) ShortDate(t time.Time) string { return c.writeDate(c.shortDate, t) }

func (c *Catalog) writeDate(p *pattern, t time.Time) string {
	if p == nil {
		return t.Format("2006-01-02")
	}
	var b strings.Builder
	b.Grow(p.size(nil))
	for _, pt := range p.parts {
		switch pt.name {
		case "":
			b.WriteString(pt.raw)
		case "day":
			b.WriteString(strconv.Itoa(t.Day()))
		case "day2":
			b.WriteString(t.Format("02"))
		case "month":
			b.WriteString(c.months[t.Month()-1])
		case "month_number":
			b.WriteString(strconv.Itoa(int(t.Month())))
		case "month2":
			b.WriteString(t.Format("01"))
		case "year":
			b.WriteString(strconv.Itoa(t.Year()))
		}
	}
	return b.String()
}

// datePlaceholders are what format.date may use.
var datePlaceholders = []string{"day", "day2", "month", "month_number", "month2", "year"}
