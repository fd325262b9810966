package config

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"brief/internal/diag"
)

// decoder checks the plain values that site.toml decodes into, one key at
// a time, and collects a diagnostic for each problem.
type decoder struct {
	lines map[string]int
	ds    diag.List
}

// line is the line of a dotted key, or of the nearest table it is in (a
// key inside an inline table has no line of its own).
func (d *decoder) line(key string) int {
	for {
		if n, ok := d.lines[key]; ok {
			return n
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

func (d *decoder) errorf(key, hint, format string, args ...any) {
	d.ds = append(d.ds, diag.Errorf(File, d.line(key), key, hint, format, args...))
}

// typeError reports a value of the wrong type; example is one of the right
// type, for the hint.
func (d *decoder) typeError(key, want string, v any, example string) {
	d.errorf(key, fmt.Sprintf("write %s = %s", quoteKey(leaf(key)), example), "want %s, got %s", want, typeName(v))
}

func (d *decoder) str(key string, v any, example string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		d.typeError(key, "a string", v, example)
	}
	return s, ok
}

func (d *decoder) setString(dst *string, key string, v any) {
	if s, ok := d.str(key, v, `"..."`); ok {
		*dst = strings.TrimSpace(s)
	}
}

func (d *decoder) setBool(dst *bool, key string, v any) {
	b, ok := v.(bool)
	if !ok {
		d.typeError(key, "true or false", v, "true")
		return
	}
	*dst = b
}

func (d *decoder) integer(key string, v any, example string) (int64, bool) {
	n, ok := v.(int64)
	if !ok {
		d.typeError(key, "a whole number", v, example)
	}
	return n, ok
}

// table accepts a TOML table; hint says how to write one for this key.
func (d *decoder) table(key string, v any, hint string) (map[string]any, bool) {
	t, ok := v.(map[string]any)
	if !ok {
		d.errorf(key, hint, "want a table, got %s", typeName(v))
	}
	return t, ok
}

// unknown reports a key that is not a setting. The TOML decoder would match
// keys whatever their case; we do not, so that one spelling is documented
// and a miscased key is a visible typo.
func (d *decoder) unknown(key string) {
	table, name, nested := strings.Cut(key, ".")
	if !nested {
		hint := diag.DidYouMean(key, knownKeys)
		if hint == "" {
			hint = "known keys: " + strings.Join(topLevel(), ", ")
		}
		d.errorf(key, hint, "unknown key")
		return
	}
	var known, leaves []string
	for _, k := range knownKeys {
		if rest, ok := strings.CutPrefix(k, table+"."); ok {
			known, leaves = append(known, k), append(leaves, rest)
		}
	}
	hint := "known keys: " + strings.Join(known, ", ")
	if s := diag.Suggest(name, leaves); s != "" {
		hint = fmt.Sprintf("did you mean %q?", table+"."+s)
	}
	d.errorf(key, hint, "unknown key")
}

// controls reports control characters in any key or text of the table at
// prefix: the site's title or a jurisdiction's name is on every page, and
// TOML's escapes ("\u0007") let one in. Tabs and line feeds are text.
func (d *decoder) controls(prefix string, v any) {
	bad := func(s string) rune {
		for _, r := range s {
			if unicode.IsControl(r) && r != '\t' && r != '\n' {
				return r
			}
		}
		return -1
	}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			if r := bad(k); r >= 0 {
				// Quoted, so that the message itself holds no control.
				shown := strconv.Quote(k)
				if prefix != "" {
					shown = prefix + "." + shown
				}
				d.ds = append(d.ds, diag.Errorf(File, d.line(key), shown, diag.ControlHint, "key contains the control character %s", diag.ControlName(r)))
				continue
			}
			d.controls(key, x[k])
		}
	case []map[string]any:
		for _, t := range x {
			d.controls(prefix, t)
		}
	case []any:
		for _, e := range x {
			d.controls(prefix, e)
		}
	case string:
		if r := bad(x); r >= 0 {
			d.errorf(prefix, diag.ControlHint, "contains the control character %s", diag.ControlName(r))
		}
	}
}

// typeName names the type of a decoded TOML value in messages.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a decimal number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// leaf is the last part of a dotted key.
func leaf(key string) string {
	return key[strings.LastIndexByte(key, '.')+1:]
}

// quoteKey writes a key as TOML needs it: bare when it can be.
func quoteKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return fmt.Sprintf("%q", k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
