package i18n

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"math/big"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/syntaxhint"
	"brief/internal/tomlpos"
)

// Dir is where language files live, in the theme and in a site's layouts/.
const Dir = "i18n"

// File is one language file.
type File struct {
	Lang string // the file's name without .toml: "zh-Hant"
	Path string // as messages name it: "layouts/i18n/zh-Hant.toml"
	Src  []byte
}

// Use is a key that the templates (or the helpers behind them) use, with
// the names of the placeholders they give it.
type Use struct {
	Key  string
	Args []string
	// Free says the text goes to a script that fills in its placeholders
	// itself (see Catalog.JSON): any placeholder is allowed.
	Free bool
}

// entry is one key of one file.
type entry struct {
	file string
	line int
	msg  *message   // a message
	val  formatting // a [format] setting
}

// formatting is a [format] setting: a string, a list (months) or a table
// (money units).
type formatting struct {
	text  string
	list  []string
	units []money.Unit
}

// pluralNames are the forms a message may give, by plural.Form.
var pluralNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// formatKeys are the settings of [format].
var formatKeys = []string{"date", "short_date", "months", "money", "money_units", "currencies"}

// Load makes a catalog for each language of langs (as the site declares
// them: "en", "zh-Hant") from the theme's files and the site's, the site's
// text replacing the theme's key by key. A language the templates use a
// key of and that has no text for it is an error naming the language, the
// key and the file to add it to; so is a placeholder that no template
// gives. A key of a site's file that nothing uses is a warning.
func Load(theme, site []File, langs []string, uses []Use) (map[string]*Catalog, diag.List) {
	var ds diag.List
	parse := func(fs []File) map[string]map[string]*entry {
		out := map[string]map[string]*entry{}
		for _, f := range fs {
			es, fds := parseFile(f)
			ds = append(ds, fds...)
			out[f.Lang] = es
		}
		return out
	}
	themeFiles, siteFiles := parse(theme), parse(site)

	given := map[string][]string{} // key -> placeholder names the templates give
	free := map[string]bool{}
	for _, u := range uses {
		given[u.Key] = append(given[u.Key], u.Args...)
		free[u.Key] = free[u.Key] || u.Free
	}
	known := map[string]bool{}
	for _, es := range themeFiles {
		for k := range es {
			known[k] = true
		}
	}
	for k := range given {
		known[k] = true
	}
	for _, k := range formatKeys {
		known["format."+k] = true
	}
	for _, lang := range slices.Sorted(maps.Keys(siteFiles)) {
		for _, k := range slices.Sorted(maps.Keys(siteFiles[lang])) {
			e := siteFiles[lang][k]
			if known[k] || strings.HasPrefix(k, "format.currencies.") {
				continue
			}
			hint := diag.DidYouMean(k, slices.Sorted(maps.Keys(known)))
			if hint == "" {
				hint = "the theme's templates do not use it; remove it, or use it in a template with {{T \"" + k + "\"}}"
			}
			ds = append(ds, diag.Warnf(e.file, e.line, k, hint, "unknown interface text key"))
		}
	}

	cats := map[string]*Catalog{}
	for _, lang := range langs {
		tf, sf := match(themeFiles, lang), match(siteFiles, lang)
		merged := map[string]*entry{}
		if tf == "" && sf == "" {
			ds = append(ds, diag.Warnf(path.Join("layouts", Dir, lang+".toml"), 0, "",
				"add layouts/"+Dir+"/"+lang+".toml with the theme's keys (copy its en.toml and translate it)",
				"no interface text for language %q: its pages use English", lang))
			tf = "en"
		}
		if tf != "" {
			maps.Copy(merged, themeFiles[tf])
		}
		if sf != "" {
			maps.Copy(merged, siteFiles[sf])
		}
		c, cds := newCatalog(lang, merged, given, free)
		ds = append(ds, cds...)
		cats[lang] = c
	}
	return cats, ds
}

// match finds the file of lang among files (by the file's language):
// the same tag in any case, else the tag's language and script (zh-HK is
// written in zh-Hant), else its language alone.
func match(files map[string]map[string]*entry, lang string) string {
	byLower := map[string]string{}
	for l := range files {
		byLower[strings.ToLower(l)] = l
	}
	cands := []string{lang}
	if tag, err := language.Parse(lang); err == nil {
		base, _ := tag.Base()
		script, _ := tag.Script()
		cands = append(cands, base.String()+"-"+script.String(), base.String())
	}
	for _, c := range cands {
		if l, ok := byLower[strings.ToLower(c)]; ok {
			return l
		}
	}
	return ""
}

// newCatalog checks the merged entries of one language against what the
// templates use and makes its catalog.
func newCatalog(lang string, es map[string]*entry, given map[string][]string, free map[string]bool) (*Catalog, diag.List) {
	var ds diag.List
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	c := &Catalog{lang: lang, tag: tag, msgs: map[string]*message{}}
	target := path.Join("layouts", Dir, lang+".toml")
	for _, k := range slices.Sorted(maps.Keys(given)) {
		e := es[k]
		if e == nil || e.msg == nil {
			ds = append(ds, diag.Errorf(target, 0, k, fmt.Sprintf("add %s = \"...\" to %s", k, target),
				"language %q has no interface text for %q, which the templates use", lang, k))
			continue
		}
		for _, p := range e.msg.forms {
			if p == nil || free[k] {
				continue
			}
			for _, n := range p.names {
				if !contains(given[k], n) {
					ds = append(ds, diag.Errorf(e.file, e.line, k, placeholderHint(given[k]),
						"{%s} is not given by the templates that use %q", n, k))
				}
			}
		}
	}
	for k, e := range es {
		if e.msg != nil {
			c.msgs[k] = e.msg
		}
	}
	if e := es["format.short_date"]; e != nil {
		c.shortDate = datePattern(e, "format.short_date", &ds)
	}
	if e := es["format.date"]; e != nil {
		c.date = datePattern(e, "format.date", &ds)
		if contains(c.date.names, "month") || c.shortDate != nil && contains(c.shortDate.names, "month") {
			m := es["format.months"]
			switch {
			case m == nil:
				ds = append(ds, diag.Errorf(target, 0, "format.months", "add months = [\"January\", ...] under [format], or write {month_number}", "{month} needs the names of the months"))
			case len(m.val.list) != 12:
				ds = append(ds, diag.Errorf(m.file, m.line, "format.months", "list the twelve months from January", "want 12 names, got %d", len(m.val.list)))
			default:
				copy(c.months[:], m.val.list)
			}
		}
	} else {
		ds = append(ds, diag.Errorf(target, 0, "format.date", `add date = "{day} {month} {year}" under [format]`, "language %q has no date format", lang))
	}
	c.money = Money{Style: "code", Currencies: map[string]string{}}
	if e := es["format.money"]; e != nil {
		c.money.Style = e.val.text
	}
	if e := es["format.money_units"]; e != nil {
		c.money.Units = e.val.units
	}
	for k, e := range es {
		if code, ok := strings.CutPrefix(k, "format.currencies."); ok {
			c.money.Currencies[code] = e.val.text
		}
	}
	return c, ds
}

// datePattern is the date format of e, its placeholders checked.
func datePattern(e *entry, key string, ds *diag.List) *pattern {
	p := parsePattern(e.val.text)
	for _, n := range p.names {
		if !contains(datePlaceholders, n) {
			*ds = append(*ds, diag.Errorf(e.file, e.line, key, "a date has "+braced(datePlaceholders), "unknown placeholder {%s}", n))
		}
	}
	return p
}

func placeholderHint(names []string) string {
	if len(names) == 0 {
		return "the templates give it no values: remove the placeholder"
	}
	return "the templates give " + braced(names)
}

func braced(names []string) string {
	var b []string
	for _, n := range slices.Compact(slices.Sorted(slices.Values(names))) {
		b = append(b, "{"+n+"}")
	}
	return strings.Join(b, ", ")
}

// parseFile reads one language file into its entries by key ("read_more",
// "format.date", "format.currencies.CNY").
func parseFile(f File) (map[string]*entry, diag.List) {
	var ds diag.List
	es := map[string]*entry{}
	var m map[string]any
	if _, err := toml.Decode(string(f.Src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return es, diag.List{diag.Errorf(f.Path, pe.Position.Line, pe.LastKey, syntaxhint.TOML(pe.Message), "%s", pe.Message)}
		}
		return es, diag.List{diag.Errorf(f.Path, 0, "", syntaxhint.TOML(err.Error()), "%v", err)}
	}
	lines := tomlpos.Parse(f.Src)
	at := func(key string) *entry { return &entry{file: f.Path, line: lines.Line(key)} }
	errf := func(key, hint, format string, args ...any) {
		ds = append(ds, diag.Errorf(f.Path, lines.Line(key), key, hint, format, args...))
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k == "format" {
			parseFormat(m[k], at, errf, es)
			continue
		}
		switch v := m[k].(type) {
		case string:
			e := at(k)
			e.msg = newMessage(map[plural.Form]string{plural.Other: v})
			es[k] = e
		case map[string]any:
			forms := map[plural.Form]string{}
			ok := true
			for _, name := range slices.Sorted(maps.Keys(v)) {
				form, known := pluralNames[name]
				s, isString := v[name].(string)
				switch {
				case !known:
					errf(k+"."+name, cmp.Or(diag.DidYouMean(name, slices.Sorted(maps.Keys(pluralNames))), "plural forms are zero, one, two, few, many and other"), "unknown plural form")
					ok = false
				case !isString:
					errf(k+"."+name, `write the text in quotes`, "want text, got %T", v[name])
					ok = false
				default:
					forms[form] = s
				}
			}
			if _, has := forms[plural.Other]; !has && ok {
				errf(k, `add other = "..." (the form for most numbers)`, "plural forms without other")
				ok = false
			}
			if ok {
				e := at(k)
				e.msg = newMessage(forms)
				es[k] = e
			}
		default:
			errf(k, `write key = "text", or key = { one = "...", other = "..." }`, "want text or plural forms, got %T", v)
		}
	}
	return es, ds
}

func newMessage(forms map[plural.Form]string) *message {
	m := &message{}
	for f, s := range forms {
		m.forms[f] = parsePattern(s)
	}
	if other := m.forms[plural.Other]; len(forms) == 1 && len(other.names) == 0 {
		m.fixed = true
		for _, p := range other.parts {
			m.plain += template.HTML(p.text)
			m.raw += p.raw
		}
	}
	return m
}

func parseFormat(v any, at func(string) *entry, errf func(key, hint, format string, args ...any), es map[string]*entry) {
	t, ok := v.(map[string]any)
	if !ok {
		errf("format", "write [format] and, under it, date = \"{day} {month} {year}\"", "want a table, got %T", v)
		return
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		key := "format." + k
		switch k {
		case "date", "short_date":
			if s, ok := t[k].(string); ok {
				e := at(key)
				e.val.text = s
				es[key] = e
			} else {
				errf(key, `write date = "{day} {month} {year}"`, "want text, got %T", t[k])
			}
		case "money":
			s, _ := t[k].(string)
			if s != "code" && s != "words" {
				errf(key, `write money = "code" for CNY 100m, or "words" for 人民幣1億元`, "want \"code\" or \"words\", got %v", t[k])
				continue
			}
			e := at(key)
			e.val.text = s
			es[key] = e
		case "months":
			list, _ := t[k].([]any)
			var names []string
			for _, x := range list {
				if s, ok := x.(string); ok {
					names = append(names, s)
				}
			}
			if len(names) != 12 || len(list) != 12 {
				errf(key, `list the twelve months from January: ["January", "February", ...]`, "want 12 names")
				continue
			}
			e := at(key)
			e.val.list = names
			es[key] = e
		case "money_units":
			u, ok := t[k].(map[string]any)
			if !ok {
				errf(key, `write money_units = { "100000000" = "億", "10000" = "萬" }`, "want a table, got %T", t[k])
				continue
			}
			e := at(key)
			for _, n := range slices.Sorted(maps.Keys(u)) {
				exp, okN := powerOfTen(n)
				name, okS := u[n].(string)
				if !okN || !okS || name == "" {
					errf(key+"."+n, `write "10000" = "萬": a power of ten and its name`, "not a unit")
					continue
				}
				e.val.units = append(e.val.units, money.Unit{Power: int64(exp), Name: name})
			}
			slices.SortFunc(e.val.units, func(a, b money.Unit) int { return cmp.Compare(b.Power, a.Power) })
			es[key] = e
		case "currencies":
			cs, ok := t[k].(map[string]any)
			if !ok {
				errf(key, `write [format.currencies] and, under it, CNY = "人民幣{amount}元"`, "want a table, got %T", t[k])
				continue
			}
			for _, code := range slices.Sorted(maps.Keys(cs)) {
				s, ok := cs[code].(string)
				if !ok || !strings.Contains(s, "{amount}") {
					errf(key+"."+code, `write CNY = "人民幣{amount}元", with {amount} where the number goes`, "want text with {amount}")
					continue
				}
				e := at(key + "." + code)
				e.val.text = s
				es[key+"."+code] = e
			}
		default:
			errf(key, cmp.Or(diag.DidYouMean(k, formatKeys), "[format] has "+strings.Join(formatKeys, ", ")), "unknown key")
		}
	}
}

// powerOfTen reads "10000" as 4.
func powerOfTen(s string) (int, bool) {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Sign() <= 0 {
		return 0, false
	}
	str := n.String()
	if strings.Trim(str[1:], "0") != "" || str[0] != '1' || len(str) < 2 {
		return 0, false
	}
	return len(str) - 1, true
}
