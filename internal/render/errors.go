package render

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"brief/internal/diag"
	"brief/internal/site"
	"brief/internal/syntaxhint"
)

// Template errors come from three places, each with its own form:
//   - text/template's parser: "template: NAME:LINE: message";
//   - its executor: "template: NAME:LINE:COL: executing "X" at <ACTION>: message";
//   - html/template's escaper, at the first execution: a *template.Error.
//
// NAME is the file the template was parsed from (its path in layouts/), so
// each becomes a diagnostic at that file and line, with the action as the
// field and a hint for the mistakes theme authors make.

var (
	execForm  = regexp.MustCompile(`^template: ([^:]+):(\d+):\d+: executing "[^"]*" at <(.*?)>: (.*)$`)
	parseForm = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)
)

// diagnose turns an error from parsing or executing the theme into a
// diagnostic. funcs are the helpers the templates may call, defined the
// templates they may include.
func (t *Theme) diagnose(err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	var he *template.Error
	if errors.As(err, &he) {
		return t.escapeDiag(he)
	}
	msg := err.Error()
	if m := execForm.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return diag.Errorf(t.file(m[1]), line, m[3], t.execHint(m[4], m[3]), "%s", m[4])
	}
	if m := parseForm.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		text := m[3]
		if text == "bad character U+007D '}'" {
			text = `an action ends with a single "}"`
		}
		return diag.Errorf(t.file(m[1]), line, "", t.parseHint(m[3]), "%s", text)
	}
	return diag.Errorf("layouts", 0, "", "check the templates in layouts/ against Go's html/template", "%s", strings.TrimPrefix(msg, "template: "))
}

// file names a template file as the editor knows it: the site's own
// layouts/x.html, or the default theme's.
func (t *Theme) file(name string) string {
	if o, ok := t.origin[name]; ok {
		return o
	}
	return "layouts/" + name
}

// isDefault reports whether a template comes from the default theme.
func (t *Theme) isDefault(name string) bool {
	return !strings.HasPrefix(t.origin[name], "layouts/")
}

// escapeDiag reports an html/template error: an action placed where its
// output cannot be escaped safely, or a missing template.
func (t *Theme) escapeDiag(e *template.Error) diag.Diagnostic {
	name, line, action := e.Name, e.Line, ""
	if e.Node != nil {
		loc, context := (*parse.Tree)(nil).ErrorContext(e.Node)
		if parts := strings.Split(loc, ":"); len(parts) >= 2 {
			name = parts[0]
			line, _ = strconv.Atoi(parts[1])
		}
		// The context of a node is all of its text: keep its first action.
		action, _, _ = strings.Cut(context, "\n")
		if i := strings.Index(action, "}}"); i >= 0 {
			action = action[:i+2]
		}
	}
	msg := e.Description
	if i := strings.Index(msg, ": {"); i >= 0 { // drop the escaper's dump of its state
		msg = msg[:i]
	}
	var hint string
	switch e.ErrorCode {
	case template.ErrNoSuchTemplate:
		hint = t.templateHint(msg)
	case template.ErrBranchEnd, template.ErrRangeLoopReentry:
		hint = "make every branch end in the same place: all inside, or all outside, the same tag, attribute and quotes"
	case template.ErrEndContext:
		hint = "close every tag, attribute quote, <script> and <style> that the template opens"
	case template.ErrBadHTML:
		hint = "quote attribute values and keep actions out of tag and attribute names"
	case template.ErrAmbigContext:
		hint = "quote the attribute value, and put the action in one part of the URL only"
	default:
		hint = "put actions in text or in quoted attribute values"
	}
	if e.ErrorCode != template.ErrNoSuchTemplate && t.isDefault(name) && len(t.overrides) > 0 {
		// The theme's own files escape cleanly: an override it includes
		// left the context open (an unclosed tag or quote) before.
		hint += ", in this template or one it includes: " + strings.Join(t.overrides, ", ")
	}
	return diag.Errorf(t.file(name), line, action, hint, "%s", msg)
}

var missingTemplate = regexp.MustCompile(`(?:no such template|template) "([^"]*)"`)

// templateHint suggests a defined template for a missing one.
func (t *Theme) templateHint(msg string) string {
	m := missingTemplate.FindStringSubmatch(msg)
	if m != nil {
		if h := diag.DidYouMean(m[1], t.defined); h != "" {
			return h
		}
	}
	return `include a file of layouts/ by its path, e.g. {{template "partials/card.html" .}}`
}

// parseHint is the hint for a text/template parse error.
func (t *Theme) parseHint(msg string) string {
	if name, ok := strings.CutPrefix(msg, `function "`); ok {
		name = strings.TrimSuffix(name, `" not defined`)
		if h := diag.DidYouMean(name, t.funcs); h != "" {
			return h
		}
		return "helpers are " + strings.Join(t.funcs, ", ")
	}
	return syntaxhint.TemplateParse(msg)
}

var (
	noField   = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	wrongArgs = regexp.MustCompile(`wrong number of args for (\w+): want (\d+)`)
	calling   = regexp.MustCompile(`^error calling (\w+): `)
)

// execHint is the hint for a text/template execution error.
func (t *Theme) execHint(msg, action string) string {
	if m := noField.FindStringSubmatch(msg); m != nil {
		return fieldHint(m[1], m[2])
	}
	if m := wrongArgs.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s takes %s argument(s)", m[1], m[2])
	}
	if strings.Contains(msg, "not defined") {
		return t.templateHint(msg)
	}
	if h := syntaxhint.TemplateExec(msg); h != "" {
		return h
	}
	if m := calling.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("check the value given to %s in %s", m[1], action)
	}
	return "check the action against the page's fields, e.g. .Title, .URL, .Briefing, .List, .Site"
}

// fieldHint suggests a field or method of the named type for a missing one.
func fieldHint(field, typeName string) string {
	names := memberNames()[typeName]
	if len(names) == 0 {
		return fmt.Sprintf("a %s has no field %s", typeName, field)
	}
	if s := diag.Suggest(field, names); s != "" {
		return fmt.Sprintf("did you mean .%s?", s)
	}
	return fmt.Sprintf("a %s has .%s", typeName, strings.Join(names, ", ."))
}

// memberNames maps each type a template can reach from a Page (by its
// reflect name, "*render.Page", "site.Term") to its exported fields and
// methods, for did-you-mean hints.
var memberNames = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	var visit func(rt reflect.Type)
	visit = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Array || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || rt.PkgPath() == "" || !strings.HasPrefix(rt.PkgPath(), "brief/") {
			return
		}
		if _, seen := out[rt.String()]; seen {
			return
		}
		var names []string
		for _, f := range reflect.VisibleFields(rt) { // with the fields of embedded structs
			if f.IsExported() {
				names = append(names, f.Name)
			}
		}
		ptr := reflect.PointerTo(rt)
		for i := range ptr.NumMethod() {
			names = append(names, ptr.Method(i).Name)
		}
		slices.Sort(names)
		names = slices.Compact(names)
		out[rt.String()], out["*"+rt.String()] = names, names
		for _, f := range reflect.VisibleFields(rt) {
			if f.IsExported() {
				visit(f.Type)
			}
		}
	}
	visit(reflect.TypeFor[Page]())
	visit(reflect.TypeFor[site.Briefing]())
	return out
})
