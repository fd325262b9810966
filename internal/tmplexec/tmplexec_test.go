package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"maps"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	ttemplate "text/template"
	"text/template/parse"
	"time"
)

// escaped parses src (with the partials defs) into an html/template set,
// escapes it, and replaces each chain of html/template's escapers by esc,
// a function both executors know, as package render replaces them by its
// fused ones.
func escaped(t *testing.T, src, defs string, funcs template.FuncMap) *template.Template {
	t.Helper()
	all := template.FuncMap{"esc": esc}
	for k, v := range funcs {
		all[k] = v
	}
	set := template.Must(template.New("page").Funcs(all).Parse(src))
	if defs != "" {
		template.Must(set.New("defs").Parse(defs))
	}
	var exec ttemplate.ExecError
	if err := set.ExecuteTemplate(io.Discard, "page", nil); err != nil && !errors.As(err, &exec) {
		t.Fatalf("escaping %q: %v", src, err)
	}
	for _, tt := range set.Templates() {
		if tt.Tree != nil {
			replaceEscapers(tt.Tree.Root)
		}
	}
	return set
}

func esc(args ...any) string { return html.EscapeString(fmt.Sprint(args...)) }

func replaceEscapers(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			replaceEscapers(c)
		}
	case *parse.ActionNode:
		replacePipe(n.Pipe)
	case *parse.IfNode:
		replaceEscapers(n.List)
		replaceEscapers(n.ElseList)
	case *parse.WithNode:
		replaceEscapers(n.List)
		replaceEscapers(n.ElseList)
	case *parse.RangeNode:
		replaceEscapers(n.List)
		replaceEscapers(n.ElseList)
	}
}

func replacePipe(p *parse.PipeNode) {
	for i, c := range p.Cmds {
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && (strings.HasPrefix(id.Ident, "_html_template_") || id.Ident == "_eval_args_") {
			p.Cmds = append(p.Cmds[:i:i], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: c.Pos, Args: []parse.Node{parse.NewIdentifier("esc").SetPos(c.Pos)}})
			return
		}
	}
}

type item struct {
	Name  string
	N     int
	Tags  []string
	Next  *item
	Attrs map[string]int
	When  time.Time
	Any   any
	HTML  template.HTML
	Err   error
	Fn    func() string
}

func (i *item) Upper() string                           { return strings.ToUpper(i.Name) }
func (i item) Greet(who string) string                  { return "hi " + who + " from " + i.Name }
func (i *item) Join(sep string, parts ...string) string { return strings.Join(parts, sep) }
func (i *item) Fails() (string, error)                  { return "", errors.New("no") }
func (i *item) Maybe(ok bool) (int, error) {
	if !ok {
		return 0, errors.New("not ok")
	}
	return 7, nil
}

type stringer struct{ s string }

func (s stringer) String() string { return "<" + s.s + ">" }

var testFuncs = template.FuncMap{
	"upper":   strings.ToUpper,
	"twice":   func(s string) (string, error) { return s + s, nil },
	"date":    func(t time.Time) string { return t.Format("2006-01-02") },
	"minutes": func(n int) string { return fmt.Sprint(n, " min") },
	"count":   func(n int) (template.HTML, error) { return template.HTML(fmt.Sprint("<b>", n, "</b>")), nil },
	"T": func(key string, args ...any) (template.HTML, error) {
		if key == "bad" {
			return "", errors.New("no such key")
		}
		return template.HTML(fmt.Sprint(key, args)), nil
	},
	"show":  func(v any) (string, error) { return fmt.Sprintf("%T:%v", v, v), nil },
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"panic": func(string) string { panic("boom") },
	"self":  func(i *item) *item { return i },
	// values of two struct types in turn, each reading Name at another
	// index path
	"pick": func(i int) any {
		if i%2 == 0 {
			return box{Name: "b"}
		}
		return wrap{item: &item{Name: "w"}}
	},
	// called through Typed1 by the executor (see execFuncs)
	"box":     boxOf,
	"failbox": func(*item) (box, error) { return box{}, errors.New("no") },
	"strOf":   func(i *item) (fmt.Stringer, error) { return stringer{i.Name}, nil },
}

// box is a helper's result: a struct with a method on its pointer, which
// neither executor finds on a function's result (it is not addressable).
type box struct {
	Name string
	N    int
}

func (b *box) Ptr() string { return "ptr " + b.Name }
func (b box) Val() string  { return "val " + b.Name }

func boxOf(i *item) (box, error) { return box{Name: i.Name, N: i.N}, nil }

// wrap reaches item's fields through an embedded pointer.
type wrap struct {
	*item
	Extra string
}

// execFuncs are testFuncs for the executor, with esc, and box, failbox
// and strOf through Typed1, as package render gives its helpers.
func execFuncs() map[string]any {
	funcs := map[string]any{"esc": esc}
	for k, v := range testFuncs {
		funcs[k] = v
	}
	funcs["box"] = Typed1(boxOf)
	funcs["failbox"] = Typed1(testFuncs["failbox"].(func(*item) (box, error)))
	funcs["strOf"] = Typed1(testFuncs["strOf"].(func(*item) (fmt.Stringer, error)))
	return funcs
}

func data() map[string]any {
	ch := make(chan int, 2)
	ch <- 1
	close(ch)
	when := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	a := &item{Name: "a&b", N: 3, Tags: []string{"x", "<y>"}, Attrs: map[string]int{"z": 1, "a": 2, "m": 3}, When: when, Any: 5, HTML: "<i>ok</i>"}
	a.Next = &item{Name: "next", Tags: nil}
	return map[string]any{
		"A": a, "Nil": (*item)(nil), "Zero": item{}, "S": "str", "E": "", "I": 0, "J": 2, "U": uint(4),
		"F": 1.5, "B": true, "List": []*item{a, a.Next}, "Empty": []int{}, "M": map[string]string{"b": "2", "a": "1"},
		"IM": map[int]string{3: "c", 1: "a", 2: "b"}, "Iface": any("inside"), "NilIface": any(nil),
		"Str": stringer{"s"}, "Ch": ch, "Arr": [2]int{4, 5}, "Bytes": []byte("hey"),
		// one step of a chain meeting receivers of several types in turn
		"Mixed":   []any{a, item{Name: "v"}, &box{Name: "b"}, a, a.Next, &box{Name: "c"}, box{Name: "d"}, &a},
		"WithNil": []*item{a, a.Next, nil},
		"Wraps":   []*wrap{{item: a, Extra: "x"}, {item: a.Next}},
		"Holes":   []*wrap{{item: a}, {}},
	}
}

// cases are templates whose output both executors must agree on; where
// html/template fails, the executor must give the run back.
var cases = []string{
	// truth of each kind
	`{{if .S}}s{{end}}{{if .E}}e{{else}}no e{{end}}{{if .I}}i{{else}}no i{{end}}{{if .J}}j{{end}}{{if .U}}u{{end}}{{if .F}}f{{end}}{{if .B}}b{{end}}`,
	`{{if .Nil}}nil{{else}}not{{end}}{{if .Zero}}struct{{end}}{{if .Empty}}e{{else}}empty{{end}}{{if .M}}m{{end}}{{if .NilIface}}x{{else}}nil iface{{end}}{{if .Missing}}?{{else}}missing{{end}}`,
	`{{with .A}}{{.Name}}{{else}}none{{end}}{{with .Nil}}n{{else}}nil{{end}}{{with .E}}{{.}}{{else with .S}}{{.}}!{{end}}`,
	// fields, methods, chains
	`{{.A.Name}} {{.A.Upper}} {{.A.Greet "you"}} {{.A.Next.Name}} {{.Zero.Greet "z"}} {{.A.Join "-" "p" "q" "r"}} {{.A.Join ","}}`,
	`{{.A.Next.Next}}`, `{{.A.Next.Next.Name}}`, `{{.Nil.Upper}}`, `{{.Nil.Name}}`, `{{.A.Nope}}`, `{{.A.Fails}}`, `{{.A.Maybe true}} {{.A.Maybe false}}`,
	`{{.A.Attrs.z}} {{.A.Attrs.q}} {{.M.a}} {{(self .A).Name}} {{.A.Fn}} {{.Missing.Deeper}}`,
	`{{.A.When}} {{.Str}} {{.Iface}} {{.NilIface}} {{.A.Any}} {{.Arr}} {{.Bytes}} {{.F}} {{.U}} {{.A.HTML}}`,
	// a field read again and again, of receivers of other types between
	// (through a pointer, by value, through two pointers), then of a nil
	// pointer where it was read through one before
	`{{range .Mixed}}[{{.Name}}]{{end}}{{range .List}}{{.Name}}{{.N}}{{end}}`, `{{range .WithNil}}[{{.Name}}]{{end}}`, `{{range .WithNil}}[{{.Next}}]{{end}}`,
	// through an embedded pointer (nil in one), and of a helper's result
	`{{range .Wraps}}{{.Name}}{{.Extra}}{{.N}};{{end}}`, `{{range .Holes}}{{.Extra}}{{.Name}};{{end}}`, `{{range .List}}{{(box .).Name}}{{(box .).N}}{{end}}`, `{{range 4}}{{(pick .).Name}}{{end}}`,
	// range over each kind, with and without variables, break and continue
	`{{range .A.Tags}}[{{.}}]{{end}}{{range $i, $t := .A.Tags}}{{$i}}={{$t}};{{end}}{{range .Empty}}x{{else}}empty{{end}}`,
	`{{range $k, $v := .A.Attrs}}{{$k}}:{{$v}} {{end}}{{range .M}}{{.}}{{end}}{{range $k, $v := .IM}}{{$k}}{{$v}}{{end}}`,
	`{{range 3}}{{.}}{{end}}{{range $i := .J}}<{{$i}}>{{end}}{{range 0}}x{{else}}none{{end}}{{range .Arr}}{{.}}{{end}}`,
	`{{range .List}}{{if eq .Name "next"}}{{break}}{{end}}{{.Name}}{{end}}|{{range $i, $x := .A.Tags}}{{if not $i}}{{continue}}{{end}}{{$x}}{{end}}`,
	`{{range .Nil}}x{{end}}`, `{{range .Ch}}x{{end}}`, `{{range .Missing}}x{{else}}nothing{{end}}`, `{{range $i, $x := 3}}{{end}}`,
	// variables and assignment
	`{{$x := .S}}{{$x}}{{with .A}}{{$x = .Name}}{{$x}}{{$y := 1}}{{$y}}{{end}}{{$x}}{{range $i, $t := .A.Tags}}{{$x = $t}}{{end}}{{$x}} {{$.S}}`,
	`{{$n := 0}}{{range .A.Tags}}{{$n = add $n 1}}{{end}}{{$n}}`,
	// templates
	`{{template "t" .A}}{{template "t" .A.Next}}{{template "u"}}{{block "b" .S}}[{{.}}]{{end}}`,
	`{{template "rec" 3}}`,
	// functions: typed, variadic, final argument, errors, panics
	`{{upper .S}} {{.S | upper}} {{twice "ab"}} {{date .A.When}} {{minutes .A.N}} {{count 2}} {{T "k"}} {{T "k" "n" 1 "m" .S}} {{.S | T "k" "x"}}`,
	`{{show .S}} {{show 1}} {{show 1.5}} {{show nil}} {{show .Nil}} {{show .Missing}} {{show .A.HTML}} {{add 1 2}} {{join .A.Tags ", "}}`,
	// T's arguments calling T: each call's are its own, whatever the calls
	// in them stacked and took off (or left, failing)
	`{{T "k" "a" (T "in" "x" 1 "y" (T "deep" "z" .S)) "b" 2 "c" (T "k")}} {{T "k" "n" .J}}`, `{{T "k" "a" (T "bad") "b" 1}}`,
	`{{T "bad"}}`, `{{panic "x"}}`, `{{upper .I}}`, `{{upper .A.HTML}}`, `{{minutes .S}}`, `{{date .S}}`, `{{add 1}}`,
	// helpers through Typed1: results, their fields and methods, errors,
	// wrong and nil arguments, a final argument
	`{{(box .A).Name}} {{(box .A).Val}} {{with box .A}}{{.N}} {{.Val}}{{end}} {{$b := box .A.Next}}{{$b.Name}} {{.A | box}} {{box .A}} {{strOf .A}} {{(strOf .A).String}}`,
	`{{(box .A).Ptr}}`, `{{.A.When.IsZero}} {{.Zero.When.IsZero}} {{.A.When.Year}} {{.Str.String}} {{with .A.When}}{{.IsZero}}{{end}} {{(self .A).Upper}} {{(self .A).When.Year}}`,
	`{{.Nil.Upper}}{{.Nil.When.IsZero}}`, `{{box .Nil}}`, `{{failbox .A}}`, `{{box .S}}`, `{{box nil}}`, `{{box .Missing}}`, `{{box .Iface}}`, `{{box .A .A}}`, `{{box}}`,
	// builtins
	`{{and .S .E}}|{{and .S .J}}|{{or .E .I}}|{{or .E .S}}|{{not .S}}|{{not .E}}|{{and .Nil .Nope}}|{{or .S .Nope}}|{{.S | and 1}}|{{.E | or 0}}`,
	`{{eq .S "str"}} {{eq .J 2}} {{eq .J .U}} {{eq .U 4}} {{eq .J 1 2 3}} {{ne .S "x"}} {{eq .Nil nil}} {{eq .A .A}} {{eq .A .A.Next}} {{eq .F 1.5}} {{eq .B true}}`,
	`{{lt 1 2}} {{le 2 2}} {{gt .J 1}} {{ge .S "s"}} {{lt .U .J}} {{lt -1 .U}} {{eq .Missing nil}} {{eq .S nil}}`,
	`{{eq .S 1}}`, `{{lt .B .B}}`, `{{lt .A .A}}`, `{{eq .A .Zero}}`, `{{eq .S}}`,
	`{{len .S}} {{len .A.Tags}} {{len .M}} {{len .Arr}} {{len .Empty}} {{index .A.Tags 1}} {{index .M "b"}} {{index .M "zz"}} {{index .IM 2}} {{index .Bytes 0}}`,
	`{{len .J}}`, `{{len .Nil}}`, `{{index .A.Tags 5}}`, `{{index .Missing 1}}`,
	`{{print .S 1 .J}} {{println .S}} {{printf "%s-%d" .S .J}} {{printf "%v" .Nil}} {{html "<a>"}} {{js "'"}} {{urlquery "a b"}} {{print}}`,
	// literals and pipelines
	`{{1}} {{1.5}} {{"s"}} {{true}} {{with .M}}{{.}}{{end}} {{(.S)}} {{(.A).Name}} {{0x10}} {{'a'}} {{1e3}}`,
	// attribute and URL contexts
	`<a href="{{.S}}" title="{{.A.Name}}">{{.A.HTML}}</a><a href="/x?q={{.A.Name}}">q</a>`,
}

// typedMethods are the test types' methods without arguments, called
// without reflection: on a pointer and on a value, a result the executor
// reads fields of, and one on a value that is never addressable (box is
// a helper's result).
var typedMethods = []Method{
	TypedMethod("Upper", (*item).Upper), TypedMethod("Val", box.Val), TypedMethod("Val", (*box).Val),
	TypedMethod("IsZero", (*time.Time).IsZero), TypedMethod("Year", time.Time.Year), TypedMethod("String", stringer.String),
}

func TestAgreesWithHTMLTemplate(t *testing.T) {
	t.Run("reflection", func(t *testing.T) { agreesWithHTMLTemplate(t, execFuncs()) })
	t.Run("typed methods", func(t *testing.T) { agreesWithHTMLTemplate(t, execFuncs(), typedMethods...) })
	// esc as package render gives its escapers: a helper's plain string
	// goes to Plain unboxed (stringPipe, helperString).
	funcs := execFuncs()
	// (Its Any takes one argument: `{{esc}}`, which html/template makes
	// of {{html "<a>"}}, is given back.)
	funcs["esc"] = Escaper{Plain: html.EscapeString, Any: func(v any) (string, error) { return esc(v), nil }}
	t.Run("escaper", func(t *testing.T) { agreesWithHTMLTemplate(t, funcs, typedMethods...) })
}

func agreesWithHTMLTemplate(t *testing.T, funcs map[string]any, methods ...Method) {
	agreeOn(t, cases, testFuncs, funcs, methods...)
}

// agreeOn checks that the executor, with funcs, agrees with html/template,
// with htmlFuncs, on each template of srcs.
func agreeOn(t *testing.T, srcs []string, htmlFuncs template.FuncMap, funcs map[string]any, methods ...Method) {
	defs := `{{define "t"}}<{{.Name}}{{with .Tags}}:{{range .}}{{.}}{{end}}{{end}}>{{end}}{{define "u"}}{{.}}{{end}}` +
		`{{define "rec"}}{{if .}}{{.}}{{template "rec" add . -1}}{{end}}{{end}}`
	d := data()
	for _, src := range srcs {
		set := escaped(t, src, defs, htmlFuncs)
		var want bytes.Buffer
		werr := set.ExecuteTemplate(&want, "page", d)
		p, err := Compile(set, "page", funcs, methods...)
		if err != nil {
			if werr == nil {
				t.Errorf("%s: not compiled: %v", src, err)
			}
			continue
		}
		got := bytes.NewBufferString("kept")
		err = p.Execute(got, data()) // its own: html/template has drained the channel
		switch {
		case werr != nil && err == nil:
			t.Errorf("%s: html/template fails (%v), the executor wrote %q", src, werr, got)
		case werr != nil && got.String() != "kept":
			t.Errorf("%s: after a fallback the buffer holds %q", src, got)
		case werr == nil && err != nil && !(err == ErrFallback && strings.Contains(set.Tree.Root.String(), "{{esc}}") && isEscaper(funcs["esc"])):
			t.Errorf("%s: gave back a run html/template makes: %q", src, want.String())
		case werr == nil && err != nil: // no faster, not wrong
		case werr == nil && got.String() != "kept"+want.String():
			t.Errorf("%s:\n got %q\nwant %q", src, strings.TrimPrefix(got.String(), "kept"), want.String())
		}
	}
}

// TestRefuses: what the executor does not run is refused when compiled.
func TestRefuses(t *testing.T) {
	for _, src := range []string{`{{call .A.Fn}}`, `{{slice .S 1}}`, `{{nosuch 1}}`} {
		set := escaped(t, src, "", template.FuncMap{"nosuch": func(int) string { return "" }})
		if _, err := Compile(set, "page", map[string]any{"esc": esc}); err == nil {
			t.Errorf("%s: compiled", src)
		}
	}
	set := escaped(t, `x`, "", nil)
	if _, err := Compile(set, "missing", map[string]any{"esc": esc}); err == nil {
		t.Error("a missing template compiled")
	}
}

// TestEscaperPlain: an Escaper's plain string takes Plain, anything else
// Any.
func TestEscaperPlain(t *testing.T) {
	set := escaped(t, `{{.S | fused}}|{{fused .A.HTML}}|{{fused .J}}`, "", template.FuncMap{"fused": func(v any) (string, error) { return fmt.Sprintf("any(%v)", v), nil }})
	p, err := Compile(set, "page", map[string]any{"esc": esc, "fused": Escaper{
		Plain: func(s string) string { return "plain(" + s + ")" },
		Any:   func(v any) (string, error) { return fmt.Sprintf("any(%v)", v), nil },
	}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Execute(&b, data()); err != nil {
		t.Fatal(err)
	}
	if want := "plain(str)|any(&lt;i&gt;ok&lt;/i&gt;)|any(2)"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestEscaperKept: a value of one of an Escaper's Kept types is written as
// it is, without Any (which would box it); a value of another string type
// still takes Any.
func TestEscaperKept(t *testing.T) {
	set := escaped(t, `{{.A.HTML | fused}}|{{.S | fused}}|{{.Str | fused}}`, "", template.FuncMap{"fused": func(v any) (string, error) { return fmt.Sprintf("any(%v)", v), nil }})
	called := 0
	p, err := Compile(set, "page", map[string]any{"esc": esc, "fused": Escaper{
		Plain: func(s string) string { return "plain(" + s + ")" },
		Any: func(v any) (string, error) {
			called++
			return fmt.Sprintf("any(%v)", v), nil
		},
		Kept: []reflect.Type{reflect.TypeFor[template.HTML]()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Execute(&b, data()); err != nil {
		t.Fatal(err)
	}
	// (html/template escapes what fused gives: esc here)
	if want := "&lt;i&gt;ok&lt;/i&gt;|plain(str)|any(&lt;s&gt;)"; b.String() != want || called != 1 {
		t.Errorf("got %q with Any called %d times, want %q and once", b.String(), called, want)
	}
}

func isEscaper(f any) bool {
	_, ok := f.(Escaper)
	return ok
}

// TestHelperStrings: a helper's result that opens a pipeline goes to the
// escaper closing it as apply would give it (Plain for a plain string,
// kept types as they are, Any for the rest), checked against text/template
// calling Any on the same tree.
func TestHelperStrings(t *testing.T) {
	src := `{{upper .S | plain}}|{{T "k" .J | keep}}|{{count 2 | keep}}|{{T "k" | plain}}|{{twice .S | keep}}|` +
		`{{date .A.When | plain}}|{{minutes .J | keep}}|{{show .Nil | plain}}|{{count .J | plain}}|{{upper .S | twice | plain}}`
	anyOf := func(name string) func(any) (string, error) {
		return func(v any) (string, error) { return fmt.Sprintf("%s(%T %v)", name, v, v), nil }
	}
	funcs := template.FuncMap{"plain": anyOf("plain"), "keep": anyOf("keep")}
	maps.Copy(funcs, testFuncs)
	set := template.Must(template.New("page").Funcs(funcs).Parse(src))
	ref := ttemplate.Must(ttemplate.New("page").Funcs(ttemplate.FuncMap(funcs)).AddParseTree("page", set.Tree))
	var want bytes.Buffer
	if err := ref.Execute(&want, data()); err != nil {
		t.Fatal(err)
	}
	ef := execFuncs()
	called := map[string]int{}
	for _, name := range []string{"plain", "keep"} {
		ef[name] = Escaper{Any: func(v any) (string, error) { called[name]++; return anyOf(name)(v) }}
	}
	ef["plain"] = Escaper{Plain: func(s string) string { return fmt.Sprintf("plain(string %v)", s) }, Any: ef["plain"].(Escaper).Any}
	ef["keep"] = Escaper{Any: ef["keep"].(Escaper).Any, Kept: []reflect.Type{reflect.TypeFor[template.HTML]()}}
	p, err := Compile(set, "page", ef)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := p.Execute(&got, data()); err != nil {
		t.Fatal(err)
	}
	// keep writes typed HTML as it is: the reference shows its Any.
	wantText := strings.NewReplacer("keep(template.HTML k[2])", "k[2]", "keep(template.HTML <b>2</b>)", "<b>2</b>").Replace(want.String())
	if got.String() != wantText {
		t.Errorf("got  %s\nwant %s", got.String(), wantText)
	}
	// Any: T and count through plain, twice and minutes through keep.
	if called["plain"] != 2 || called["keep"] != 2 {
		t.Errorf("Any called %v, want plain 2 and keep 2", called)
	}
	// Unboxed: a helper's string and its escaping allocate nothing here.
	same := func(s string) string { return s }
	one := template.Must(template.New("page").Funcs(template.FuncMap{"same": same, "plain": anyOf("plain")}).Parse(`{{same .Name | plain}}`))
	if p, err = Compile(one, "page", map[string]any{"same": same, "plain": Escaper{Plain: same, Any: anyOf("plain")}}); err != nil {
		t.Fatal(err)
	}
	v := &item{Name: "x"}
	got.Grow(64)
	allocs := testing.AllocsPerRun(50, func() {
		got.Reset()
		if err := p.Execute(&got, v); err != nil || got.String() != "x" {
			t.Fatalf("got %q, %v", got.String(), err)
		}
	})
	if allocs != 0 && !raceEnabled {
		t.Errorf("a helper's string escaped took %.0f allocations, want none", allocs)
	}
}

// An Escaper without Plain (package render's for a script, which escapes a
// plain string html/template's way) gives a plain string to Any, rather
// than giving the page back to html/template.
func TestEscaperWithoutPlain(t *testing.T) {
	boxed := func(v any) (string, error) { return fmt.Sprintf("any(%v)", v), nil }
	set := escaped(t, `{{.S | fused}}|{{fused .S}}|{{fused .J}}`, "", template.FuncMap{"fused": boxed})
	p, err := Compile(set, "page", map[string]any{"esc": esc, "fused": Escaper{Any: boxed}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Execute(&b, data()); err != nil {
		t.Fatal(err)
	}
	if want := "any(str)|any(str)|any(2)"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// gen writes random templates from the actions themes use, over the
// fields of data(): many fail (a field of the wrong dot, a comparison of
// the wrong kinds), which the executor must give back.
type gen struct {
	r    *rand.Rand
	vars []string
}

var genOperands = []string{
	".S", ".E", ".I", ".J", ".U", ".F", ".B", ".A", ".A.Name", ".A.Tags", ".A.Next", ".A.Next.Name", ".A.Attrs",
	".A.Upper", `(.A.Greet "g")`, ".Nil", ".Missing", ".List", ".Empty", ".M", ".IM", ".Iface", ".NilIface", ".Zero",
	".Arr", ".Name", ".Tags", ".", "$", "$.S", "1", "0", `"s"`, "true", "nil", "2.5", ".Str", ".A.HTML",
}

func (g *gen) operand() string {
	if len(g.vars) > 0 && g.r.IntN(4) == 0 {
		return g.vars[g.r.IntN(len(g.vars))]
	}
	return genOperands[g.r.IntN(len(genOperands))]
}

func (g *gen) expr(depth int) string {
	if depth <= 0 || g.r.IntN(2) == 0 {
		return g.operand()
	}
	a, b := g.expr(depth-1), g.expr(depth-1)
	switch g.r.IntN(14) {
	case 11:
		return "(box " + a + ")"
	case 12:
		return "(box " + a + ")." + []string{"Name", "N", "Val", "Ptr"}[g.r.IntN(4)]
	case 0:
		return "(eq " + a + " " + b + ")"
	case 1:
		return "(lt " + a + " " + b + ")"
	case 2:
		return "(and " + a + " " + b + ")"
	case 3:
		return "(or " + a + " " + b + ")"
	case 4:
		return "(not " + a + ")"
	case 5:
		return "(len " + a + ")"
	case 6:
		return "(index " + a + " " + b + ")"
	case 7:
		return "(print " + a + " " + b + ")"
	case 8:
		return "(upper " + a + ")"
	case 9:
		return "(show " + a + ")"
	case 10:
		return "(" + a + " | printf \"%v\")"
	}
	return "(ne " + a + " " + b + ")"
}

func (g *gen) list(depth int, inRange bool) string {
	var b strings.Builder
	for range g.r.IntN(4) + 1 {
		b.WriteString(g.node(depth, inRange))
	}
	return b.String()
}

func (g *gen) node(depth int, inRange bool) string {
	if depth <= 0 {
		return "<" + g.operand() + ">"
	}
	mark := len(g.vars)
	defer func() { g.vars = g.vars[:mark] }()
	switch g.r.IntN(9) {
	case 0:
		return "t;"
	case 1:
		return "{{" + g.expr(2) + "}}"
	case 2:
		out := "{{if " + g.expr(2) + "}}" + g.list(depth-1, inRange)
		if g.r.IntN(2) == 0 {
			out += "{{else}}" + g.list(depth-1, inRange)
		}
		return out + "{{end}}"
	case 3:
		out := "{{with " + g.expr(1) + "}}" + g.list(depth-1, inRange)
		if g.r.IntN(2) == 0 {
			out += "{{else with " + g.expr(1) + "}}" + g.list(depth-1, inRange)
		}
		return out + "{{end}}"
	case 4:
		head := "{{range " + g.expr(1) + "}}"
		if g.r.IntN(2) == 0 {
			i, e := fmt.Sprintf("$i%d", depth), fmt.Sprintf("$e%d", depth)
			head = "{{range " + i + ", " + e + " := " + g.expr(1) + "}}"
			g.vars = append(g.vars, i, e)
		}
		out := head + g.list(depth-1, true)
		if g.r.IntN(2) == 0 {
			out += "{{else}}" + g.list(depth-1, inRange)
		}
		return out + "{{end}}"
	case 5:
		v := fmt.Sprintf("$v%d", g.r.IntN(3))
		if slices.Contains(g.vars, v) {
			return "{{" + v + " = " + g.expr(1) + "}}{{" + v + "}}"
		}
		g.vars = append(g.vars, v)
		mark++ // lives to the end of the enclosing block
		return "{{" + v + " := " + g.expr(1) + "}}"
	case 6:
		return `{{template "t" ` + g.expr(1) + "}}"
	case 7:
		if inRange {
			return []string{"{{break}}", "{{continue}}"}[g.r.IntN(2)] + ""
		}
	}
	return "{{" + g.expr(1) + " | upper}}"
}

// pointers are addresses printed with %v: each executor has its own data.
var pointers = regexp.MustCompile(`(?i)0x[0-9a-f]+`)

// TestRandomTemplates compares the executor with html/template on random
// templates: the same bytes, or a run given back where html/template fails.
func TestRandomTemplates(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	ran, failed := 0, 0
	for range 3000 {
		g.vars = nil
		switch agrees(t, g.list(4, false)) {
		case outputs:
			ran++
		case fails:
			failed++
		}
	}
	if ran < 500 || failed < 100 {
		t.Errorf("%d templates ran and %d failed: the generator needs a look", ran, failed)
	}
}

// FuzzAgreesWithHTMLTemplate: any template html/template parses and
// escapes, the executor runs to the same bytes or gives back.
func FuzzAgreesWithHTMLTemplate(f *testing.F) {
	for _, src := range cases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) { agrees(t, src) })
}

type outcome uint8

const (
	skipped outcome = iota // not a template html/template escapes
	outputs
	fails
)

// agrees checks the executor against html/template on src, with the
// template "t" and the functions of the tests.
func agrees(t *testing.T, src string) outcome {
	t.Helper()
	set, err := template.New("page").Funcs(template.FuncMap{"esc": esc}).Funcs(testFuncs).Parse(src)
	if err != nil {
		return skipped
	}
	if _, err := set.New("defs").Parse(`{{define "t"}}[{{.}}]{{end}}`); err != nil {
		return skipped // src defines t
	}
	if err := set.ExecuteTemplate(io.Discard, "page", nil); err != nil {
		var exec ttemplate.ExecError
		if !errors.As(err, &exec) {
			return skipped // not escaped
		}
	}
	for _, tt := range set.Templates() {
		if tt.Tree != nil {
			replaceEscapers(tt.Tree.Root)
		}
	}
	var want bytes.Buffer
	werr := set.ExecuteTemplate(&want, "page", data())
	p, err := Compile(set, "page", execFuncs())
	if err != nil {
		if werr == nil {
			t.Errorf("%s: not compiled: %v", src, err)
		}
		return fails
	}
	var got bytes.Buffer
	err = p.Execute(&got, data())
	switch {
	case werr != nil && (err == nil || got.Len() != 0):
		t.Errorf("%s: html/template fails (%v), the executor wrote %q", src, werr, got.String())
	case werr == nil && err != nil:
		t.Errorf("%s: gave back a run html/template makes: %q", src, want.String())
	case werr == nil && pointers.ReplaceAllString(got.String(), "0x") != pointers.ReplaceAllString(want.String(), "0x"):
		t.Errorf("%s:\n got %q\nwant %q", src, got.String(), want.String())
	}
	if werr != nil {
		return fails
	}
	return outputs
}

// TestConcurrentRuns runs one program on many goroutines with data of
// several types, so that the plans kept per field are made and replaced
// at once (go test -race checks them).
func TestConcurrentRuns(t *testing.T) {
	src := `{{range .}}{{.Name}}:{{.Upper}}:{{.Greet "x"}}:{{len .Tags}};{{end}}`
	set := escaped(t, src, "", nil)
	p, err := Compile(set, "page", map[string]any{"esc": esc})
	if err != nil {
		t.Fatal(err)
	}
	type other struct {
		item
		Name string // hides item's: another index path
	}
	var want [2]string
	inputs := [2]any{[]*item{{Name: "a", Tags: []string{"t"}}}, []*other{{item: item{Name: "in"}, Name: "b"}}}
	for i, in := range inputs {
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, "page", in); err != nil {
			t.Fatal(err)
		}
		want[i] = b.String()
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := (g + i) % 2
				var b bytes.Buffer
				if err := p.Execute(&b, inputs[k]); err != nil || b.String() != want[k] {
					t.Errorf("run %d: %q, %v; want %q", i, b.String(), err, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestStateReused: an execution's state (its variables) is reused by the
// next, made anew by none, and a reused state shows nothing of a failed
// execution: variables set before it failed are gone.
func TestStateReused(t *testing.T) {
	set := escaped(t, `{{$n := .Name}}{{if .Next}}{{.Next.Fails}}{{end}}<p>{{$n}}{{range $i, $t := .Tags}}{{$i}}{{$t}}{{end}}</p>`, "", nil)
	p, err := Compile(set, "page", map[string]any{"esc": esc})
	if err != nil {
		t.Fatal(err)
	}
	failing := &item{Name: "failed", Tags: []string{"x"}, Next: &item{}}
	ok := &item{Name: "ok", Tags: []string{"a", "b"}}
	var b bytes.Buffer
	for range 3 {
		b.Reset()
		if err := p.Execute(&b, failing); err != ErrFallback {
			t.Fatalf("failing run: %v, want ErrFallback", err)
		}
		if err := p.Execute(&b, ok); err != nil || b.String() != "<p>ok0a1b</p>" {
			t.Fatalf("after a failure: %q, %v", b.String(), err)
		}
	}
	quiet := escaped(t, `{{$n := .Name}}{{if $n}}<p>yes</p>{{end}}{{range $i, $t := .Tags}}{{if $t}}<i></i>{{end}}{{end}}`, "", nil)
	if p, err = Compile(quiet, "page", map[string]any{"esc": esc}); err != nil {
		t.Fatal(err)
	}
	b.Grow(256)
	allocs := testing.AllocsPerRun(50, func() {
		b.Reset()
		_ = p.Execute(&b, ok)
	})
	if allocs > 0 && !raceEnabled {
		t.Errorf("an execution printing no value took %.0f allocations, want none", allocs)
	}
}

// TestTypedMethod: a method given by TypedMethod is called without
// reflect.Value.Call (which allocates its results' slice), and a function
// that is not the method named, or whose result the executor cannot take
// as it is, is not used.
func TestTypedMethod(t *testing.T) {
	set := escaped(t, `{{if .When.IsZero}}{{.Upper}}{{end}}`, "", nil)
	var b bytes.Buffer
	b.Grow(256)
	allocs := func(methods ...Method) float64 {
		p, err := Compile(set, "page", map[string]any{"esc": esc}, methods...)
		if err != nil {
			t.Fatal(err)
		}
		v := &item{Name: "x"}
		return testing.AllocsPerRun(50, func() {
			b.Reset()
			if err := p.Execute(&b, v); err != nil || b.String() != "X" {
				t.Fatalf("got %q, %v", b.String(), err)
			}
		})
	}
	byReflection, typed := allocs(), allocs(typedMethods...)
	if typed >= byReflection {
		t.Errorf("typed methods took %.0f allocations per run, through reflection %.0f: want fewer", typed, byReflection)
	}
	lower := func(i *item) string { return strings.ToLower(i.Name) }
	for _, m := range []Method{
		TypedMethod("Upper", lower),                           // same type, another function
		TypedMethod("Nope", (*item).Upper),                    // no such method
		TypedMethod("Upper", func(item) string { return "" }), // another receiver
		TypedMethod("Any", refl.Any),                          // an interface: reflect.Call gives it as one
		TypedMethod("V", refl.V),                              // text/template unwraps a reflect.Value
	} {
		if m.call != nil {
			t.Errorf("TypedMethod(%q, ...) is used for a function that is not the method or whose result differs", m.key.name)
		}
	}
}

type refl struct{}

func (refl) V() reflect.Value { return reflect.ValueOf(1) }
func (refl) Any() any         { return 1 }

// lent is a helper's result made in space the helper lends (Typed1Ref):
// no methods on its pointer, in it or in the struct it holds.
type lent struct {
	Name string
	In   inner
	Ptr  *item
}

type inner struct{ N int }

func (i inner) Val() string    { return fmt.Sprint("in ", i.N) }
func (i inner) String() string { return fmt.Sprint("inner ", i.N) }

// TestTyped1RefAgrees checks that a helper whose result the executor
// reads in place (Typed1Ref) gives what html/template makes of the same
// helper returning the value: printed, with printf, in attributes and
// scripts, through fields, methods and with; and that a result with
// methods on its pointer (box) is not read in place, where they would be
// found.
func TestTyped1RefAgrees(t *testing.T) {
	other := &item{Name: "other"}          // the same in both runs: results print its address
	lend := func(i *item) (*lent, error) { // space of its own for each call, as seo.OfLent's
		if i == nil {
			return nil, errors.New("no item")
		}
		return &lent{Name: i.Name, In: inner{i.N}, Ptr: other}, nil
	}
	boxAt := func(i *item) (*box, error) { b, err := boxOf(i); return &b, err }
	if in, copied := Typed1Ref(lend).Fn, Typed1Ref(boxAt).Fn; reflect.TypeOf(in) == reflect.TypeOf(copied) {
		t.Fatal("test helpers of one type")
	}
	if !sameMethodsAddressable(reflect.TypeFor[lent]()) || sameMethodsAddressable(reflect.TypeFor[box]()) {
		t.Fatal("lent is to be read in place, box copied")
	}
	html := maps.Clone(testFuncs)
	html["lend"], html["boxAt"] = Typed1Ref(lend).Fn, Typed1Ref(boxAt).Fn
	funcs := execFuncs()
	funcs["lend"], funcs["boxAt"] = Typed1Ref(lend), Typed1Ref(boxAt)
	agreeOn(t, []string{
		`{{lend .A}}|{{printf "%v %+v %T" (lend .A) (lend .A) (lend .A)}}|{{print (lend .A)}}`,
		`{{(lend .A).Name}} {{(lend .A).In}} {{(lend .A).In.N}} {{(lend .A).In.Val}} {{with lend .A}}{{.Name}}{{.In.Val}}{{.Ptr.Upper}}{{.Ptr.Name}}{{end}}`,
		`{{$l := lend .A}}{{$l.Name}}{{$m := lend .A.Next}}{{$m.Name}}{{$l.Name}}`,
		`<a title="{{lend .A}}" href="/{{(lend .A).Name}}">x</a><script>var l = {{lend .A}};</script>`,
		`{{if lend .A}}yes{{end}} {{eq (lend .A).Name "a&b"}}`, `{{lend .Nil}}`,
		`{{(boxAt .A).Name}} {{(boxAt .A).Val}}`, `{{(boxAt .A).Ptr}}`, `{{boxAt .A}}`,
	}, html, funcs, typedMethods...)
}
