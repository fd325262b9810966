package render

import (
	"html/template"
	"reflect"
	"text/template/parse"

	"brief/internal/funding"
	"brief/internal/pages"
	"brief/internal/site"
)

// Reads is what a page's templates read beyond the page itself, found by
// walking their parse trees with the types of the data they receive. The
// build derives each page's inputs from it: a briefing page that reads
// site-wide lists depends on the whole model, a list whose template shows
// bodies depends on the bodies it lists. Where the walk cannot tell (a
// value of interface type, a view handed whole to print), it assumes the
// template reads everything.
type Reads struct {
	// Model: data that changes with other briefings than the page's own
	// and its neighbours (.Site lists, the funding tracker, the briefings
	// of a term or year, a briefing's terms' parents or children, or
	// briefings reached through them). What a page shows of the terms and
	// years it is about (.Term, .Terms, .Year, .Years: their names, notes,
	// counts, parents and children, not their briefings) is not the
	// model's: the build fingerprints it with the page (pageKey).
	Model bool
	// Tracker: the funding tracker's data (the funding page's .Funding),
	// and what it reaches of briefings and terms no further than the
	// fingerprints of their headers cover. The build fingerprints it with
	// the page (trackerKey), which a title edit of a briefing without
	// funding leaves as it is.
	Tracker bool
	// Bodies, Stats (words and reading time), Pictures (the front matter
	// image, resolved and resized) and Cards say whose rendered parts are
	// read.
	Bodies, Stats, Pictures, Cards Scope
}

// helperReads are what the helpers that take the page read of it beyond
// the fields fingerprints cover (they are Go code, which the walk does not
// see into): the head of a briefing page shows its word count and share
// image, and names its jurisdictions' parents (covered by the header).
var helperReads = map[string]Reads{
	"head":   {Stats: Own, Pictures: Own},
	"crumbs": {},
	// The switcher reads the versions of the page (the model's, covered
	// by the fingerprint of the page's translations).
	"switcher": {},
}

// Scope says whose briefings a template reads.
type Scope uint8

const (
	Own        Scope = 1 << iota // the page's own briefing (briefing pages and cards)
	Neighbours                   // its newer and older briefings
	Listed                       // the briefings the page lists (.List)
	Any                          // any other: through .Site, terms or years
)

// Has reports whether s includes any of t.
func (s Scope) Has(t Scope) bool { return s&t != 0 }

// reach says whose data a value is.
type reach uint8

const (
	pageData  reach = iota // the page's own fields, configuration, constants
	own                    // the page's briefing
	ownTerm                // one of its terms
	neighbour              // its newer or older briefing
	listed                 // a briefing of the page's list
	shown                  // a term or year the page is about, or its parent or child
	tracked                // the funding tracker's, and briefings and terms reached from it
	anyData                // anything else of the model
)

func (r reach) scope() Scope {
	switch r {
	case own:
		return Own
	case neighbour:
		return Neighbours
	case listed:
		return Listed
	}
	return Any
}

// value is what the walk knows of a value: its type (nil when unknown)
// and whose data it is.
type value struct {
	t     reflect.Type
	reach reach
}

func typeSet(ts ...reflect.Type) map[reflect.Type]bool {
	m := map[reflect.Type]bool{}
	for _, t := range ts {
		m[t] = true
	}
	return m
}

var (
	noValue = value{t: reflect.TypeFor[struct{}]()} // nil data, or a field that fails at run time

	pageTypes     = typeSet(reflect.TypeFor[Page](), reflect.TypeFor[pages.Page]())
	siteTypes     = typeSet(reflect.TypeFor[Site](), reflect.TypeFor[site.Site]())
	briefingTypes = typeSet(reflect.TypeFor[Briefing](), reflect.TypeFor[site.Briefing]())
	termTypes     = typeSet(reflect.TypeFor[Term](), reflect.TypeFor[site.Term]())
	yearTypes     = typeSet(reflect.TypeFor[Year](), reflect.TypeFor[site.Year]())
	trackerType   = reflect.TypeFor[funding.Tracker]()
)

// ReadsOf walks the template name of set, executed with data of data's
// type, and everything it calls.
func ReadsOf(set *template.Template, name string, data any, funcs template.FuncMap) Reads {
	w := &walker{set: set, funcs: funcs, seen: map[walkKey]bool{}}
	root := value{t: reflect.TypeOf(data)}
	if briefingTypes[deref(root.t)] {
		root.reach = own // a card
	}
	w.call(name, root)
	return w.reads
}

type walkKey struct {
	name string
	dot  value
}

type walker struct {
	set   *template.Template
	funcs template.FuncMap
	reads Reads
	seen  map[walkKey]bool
	vars  []binding
}

type binding struct {
	name string
	v    value
}

// call walks the named template with dot as its data, once per kind of dot.
func (w *walker) call(name string, dot value) {
	k := walkKey{name, dot}
	t := w.set.Lookup(name)
	if w.seen[k] || t == nil || t.Tree == nil {
		return
	}
	w.seen[k] = true
	outer := w.vars
	w.vars = []binding{{"$", dot}}
	w.list(t.Tree.Root, dot)
	w.vars = outer
}

func (w *walker) list(l *parse.ListNode, dot value) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n, dot)
	}
}

func (w *walker) node(n parse.Node, dot value) {
	switch n := n.(type) {
	case *parse.ActionNode:
		v := w.pipe(n.Pipe, dot)
		if len(n.Pipe.Decl) == 0 {
			w.emit(v)
		}
	case *parse.IfNode:
		w.branch(&n.BranchNode, dot, func(value) value { return dot })
	case *parse.WithNode:
		w.branch(&n.BranchNode, dot, func(v value) value { return v })
	case *parse.RangeNode:
		w.branch(&n.BranchNode, dot, w.elem)
	case *parse.TemplateNode:
		arg := noValue
		if n.Pipe != nil {
			arg = w.pipe(n.Pipe, dot)
		}
		w.call(n.Name, arg)
	case *parse.ListNode:
		w.list(n, dot)
	}
}

// branch walks if, with and range: the body with inner(pipeline) as dot,
// the else part with the outer dot. Variables declared in the pipeline
// live to the end of the else part, those of the body to its end.
func (w *walker) branch(b *parse.BranchNode, dot value, inner func(value) value) {
	mark := len(w.vars)
	v := w.evalCmds(b.Pipe, dot)
	body := inner(v)
	switch decl := b.Pipe.Decl; {
	case b.NodeType == parse.NodeRange && len(decl) == 2:
		w.declare(decl[0].Ident[0], value{t: reflect.TypeFor[int]()})
		w.declare(decl[1].Ident[0], body)
	case b.NodeType == parse.NodeRange && len(decl) == 1:
		w.declare(decl[0].Ident[0], body)
	case len(decl) > 0:
		w.declare(decl[0].Ident[0], v)
	}
	declared := len(w.vars)
	w.list(b.List, body)
	w.vars = w.vars[:declared]
	w.list(b.ElseList, dot)
	w.vars = w.vars[:mark]
}

// elem is what ranging over v gives.
func (w *walker) elem(v value) value {
	if v.t == nil {
		return v
	}
	switch v.t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		return value{t: v.t.Elem(), reach: v.reach}
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return value{t: v.t, reach: pageData}
	}
	return value{reach: v.reach}
}

func (w *walker) declare(name string, v value) { w.vars = append(w.vars, binding{name, v}) }

func (w *walker) lookup(name string) value {
	for i := len(w.vars) - 1; i >= 0; i-- {
		if w.vars[i].name == name {
			return w.vars[i].v
		}
	}
	return value{reach: anyData}
}

// pipe evaluates a pipeline and binds its variables.
func (w *walker) pipe(p *parse.PipeNode, dot value) value {
	v := w.evalCmds(p, dot)
	for _, d := range p.Decl {
		name := d.Ident[0]
		if !p.IsAssign {
			w.declare(name, v)
			continue
		}
		for i := len(w.vars) - 1; i >= 0; i-- {
			if w.vars[i].name == name {
				w.vars[i].v = join(w.vars[i].v, v)
				break
			}
		}
	}
	return v
}

func (w *walker) evalCmds(p *parse.PipeNode, dot value) value {
	var v value
	var prev *value
	for _, c := range p.Cmds {
		v = w.command(c, dot, prev)
		prev = &v
	}
	return v
}

// join is a value that may be either a or b.
func join(a, b value) value {
	if a.t != b.t {
		return value{reach: max(a.reach, b.reach)}
	}
	return value{t: a.t, reach: max(a.reach, b.reach)}
}

// command evaluates one command of a pipeline; final is the previous
// command's result, passed as the last argument.
func (w *walker) command(c *parse.CommandNode, dot value, final *value) value {
	args := c.Args[1:]
	switch first := c.Args[0].(type) {
	case *parse.IdentifierNode:
		vals := make([]value, 0, len(args)+1)
		for _, a := range args {
			vals = append(vals, w.arg(a, dot))
		}
		if final != nil {
			vals = append(vals, *final)
		}
		return w.function(first.Ident, vals)
	case *parse.FieldNode, *parse.VariableNode, *parse.ChainNode:
		// A method called with arguments may read them in full.
		for _, a := range args {
			w.emit(w.arg(a, dot))
		}
		if final != nil {
			w.emit(*final)
		}
	}
	return w.arg(c.Args[0], dot)
}

// arg evaluates one operand.
func (w *walker) arg(n parse.Node, dot value) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return w.fields(dot, n.Ident)
	case *parse.VariableNode:
		return w.fields(w.lookup(n.Ident[0]), n.Ident[1:])
	case *parse.ChainNode:
		return w.fields(w.arg(n.Node, dot), n.Field)
	case *parse.PipeNode:
		return w.evalCmds(n, dot)
	case *parse.IdentifierNode:
		return w.function(n.Ident, nil)
	case *parse.StringNode:
		return value{t: reflect.TypeFor[string]()}
	case *parse.NumberNode:
		return value{t: reflect.TypeFor[int]()}
	case *parse.BoolNode:
		return value{t: reflect.TypeFor[bool]()}
	}
	return noValue
}

// function is the result of calling a builtin or helper with args.
func (w *walker) function(name string, args []value) value {
	str := value{t: reflect.TypeFor[string]()}
	switch name {
	case "and", "or":
		if len(args) == 0 {
			return noValue
		}
		v := args[0]
		for _, a := range args[1:] {
			v = join(v, a)
		}
		return v
	case "not":
		return value{t: reflect.TypeFor[bool]()}
	case "eq", "ne", "lt", "le", "gt", "ge":
		for _, a := range args {
			if showsModel(a.t) {
				w.reads.Model = true // comparing views compares identities
			}
		}
		return value{t: reflect.TypeFor[bool]()}
	case "len":
		return value{t: reflect.TypeFor[int]()}
	case "index":
		if len(args) == 0 {
			return noValue
		}
		v := args[0]
		for range args[1:] {
			v = w.elem(v)
		}
		return v
	case "slice":
		if len(args) == 0 {
			return noValue
		}
		return args[0]
	case "print", "printf", "println", "html", "js", "urlquery":
		for _, a := range args {
			w.emit(a)
		}
		return str
	}
	if r, ok := helperReads[name]; ok && w.funcs[name] != nil {
		w.reads.Model = w.reads.Model || r.Model
		w.reads.Bodies |= r.Bodies
		w.reads.Stats |= r.Stats
		w.reads.Pictures |= r.Pictures
		w.reads.Cards |= r.Cards
		return value{t: reflect.TypeOf(w.funcs[name]).Out(0)}
	}
	fn, ok := w.funcs[name]
	if !ok {
		for _, a := range args {
			w.emit(a)
		}
		return value{reach: anyData} // call, or a function the walk does not know
	}
	ft := reflect.TypeOf(fn)
	for i, a := range args {
		if i >= ft.NumIn() || ft.In(i).Kind() == reflect.Interface {
			w.emit(a)
		} else if a.reach >= shown && showsModel(a.t) {
			w.reads.Model = true // a helper may read all of a term or year
		}
	}
	if ft.NumOut() == 0 {
		return noValue
	}
	return value{t: ft.Out(0)}
}

// fields follows a chain of field or method names from v.
func (w *walker) fields(v value, names []string) value {
	for _, name := range names {
		v = w.field(v, name)
	}
	return v
}

// field is v.name, recording what reading it means.
func (w *walker) field(v value, name string) value {
	if v.t == nil {
		w.readAll(v.reach)
		return value{reach: anyData}
	}
	t := deref(v.t)
	var out reflect.Type
	if m, ok := v.t.MethodByName(name); ok {
		if m.Type.NumOut() > 0 {
			out = m.Type.Out(0)
		}
	} else if m, ok := reflect.PointerTo(t).MethodByName(name); ok && t.Kind() == reflect.Struct {
		if m.Type.NumOut() > 0 {
			out = m.Type.Out(0)
		}
	} else if t.Kind() == reflect.Struct {
		sf, ok := t.FieldByName(name)
		if !ok {
			return noValue
		}
		out = sf.Type
	} else if t.Kind() == reflect.Map {
		out = t.Elem()
	} else {
		return noValue
	}
	if out != nil && out.Kind() == reflect.Interface {
		out = nil // unknown: whatever it holds may be read
	}
	return value{t: out, reach: w.effect(t, name, v.reach)}
}

// effect records what reading field name of a value of type t (whose data
// is r's) reads, and returns whose data the field's value is.
func (w *walker) effect(t reflect.Type, name string, r reach) reach {
	switch {
	case pageTypes[t]:
		switch name {
		case "Briefing":
			return own
		case "List":
			return listed
		case "Site":
			return pageData // .Site itself; its lists are below
		case "Term", "Terms", "Year", "Years":
			return shown
		case "Funding":
			w.reads.Tracker = true
			return tracked
		}
		return pageData
	case siteTypes[t]:
		// The configuration, URLs and languages are the same on every page
		// of an edition and come from site.toml, which the theme's key holds.
		if name == "Config" || name == "URLs" || name == "Language" || name == "Languages" {
			return pageData
		}
		w.reads.Model = true
		return anyData
	case briefingTypes[t]:
		switch name {
		case "Content":
			w.reads.Bodies |= r.scope()
		case "Words", "CJK", "ReadingMinutes":
			w.reads.Stats |= r.scope()
		case "Picture", "Cover":
			w.reads.Pictures |= r.scope()
		case "Card":
			w.reads.Cards |= r.scope()
		case "Newer", "Older":
			if r == own {
				return neighbour
			}
			w.model(r)
			return anyData
		case "Tags", "Jurisdictions":
			if r == own {
				return ownTerm
			}
			w.model(r)
			return anyData
		}
		w.model(r)
		return r
	case termTypes[t]:
		switch name {
		case "Name", "URL", "Slug", "Kind", "Feed", "Term":
			if r != ownTerm && r != shown {
				w.model(r)
			}
			return r
		}
		if r == shown {
			switch name {
			case "Original", "Own", "Description", "Note", "Parent", "Children":
				return shown
			case "Briefings":
				return anyData // how many is shown's; what they hold is the model's
			}
		}
		w.reads.Model = true // its briefings, counts, parents, children
		return anyData
	case yearTypes[t]:
		if r == shown {
			switch name {
			case "Year", "URL":
				return shown
			case "Briefings":
				return anyData
			}
		}
		w.reads.Model = true
		return anyData
	}
	w.model(r)
	return r
}

// model notes that data of r's was read: data of other briefings than the
// page's own and its neighbours is the model's.
func (w *walker) model(r reach) {
	if r == anyData {
		w.reads.Model = true
	}
}

// emit notes a value written whole (an action's result, a print argument):
// a view printed whole shows everything it holds.
func (w *walker) emit(v value) {
	if v.t == nil || showsModel(v.t) {
		w.readAll(v.reach)
	}
}

func (w *walker) readAll(r reach) {
	s := r.scope() | Any
	w.reads.Model = true
	w.reads.Bodies |= s
	w.reads.Stats |= s
	w.reads.Pictures |= s
	w.reads.Cards |= s
}

// showsModel reports whether printing a value of type t shows views or the
// model (rather than a string, number, time or figure).
func showsModel(t reflect.Type) bool {
	for t != nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
			t = t.Elem()
			continue
		case reflect.Interface:
			return true
		case reflect.Struct:
			t0 := t
			return pageTypes[t0] || siteTypes[t0] || briefingTypes[t0] || termTypes[t0] || yearTypes[t0] || t0 == trackerType
		}
		return false
	}
	return true
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
