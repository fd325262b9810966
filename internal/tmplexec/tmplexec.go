// Package tmplexec executes escaped html/template parse trees without
// calling functions and methods through reflect.Value.Call on the hot
// paths, and without looking fields up by name on every access.
//
// text/template evaluates every action the general way: each helper and
// escaper is called through reflection, each field found by name. A
// Program is compiled once from a set's parse trees (after html/template
// has escaped them) into closures that call the helpers through typed
// adapters chosen per call site and reach fields through index paths kept
// per type.
//
// It keeps text/template's semantics for what it runs. Where it cannot
// tell (a node or function it does not know) Compile refuses the set, and
// where a run goes off the well-trodden path (any error, a panic, a map
// whose keys it does not sort, a channel) Execute says so with ErrFallback
// before writing anything: the caller then executes the set with
// html/template, which writes the same page or reports the error in its
// own words. So a Program is never wrong, at worst no faster.
package tmplexec

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// ErrFallback says a Program did not render the data: execute the set with
// html/template instead.
var ErrFallback = errors.New("tmplexec: execute with html/template")

// Escaper is a function of one argument that, given a plain string,
// returns Plain of it: the executor calls Plain without boxing the string.
// Without Plain, a plain string goes to Any too.
type Escaper struct {
	Plain func(string) string
	Any   func(any) (string, error)
	// Kept are string types whose values Any gives back as they are
	// (typed HTML in text): the executor writes them without boxing them
	// for Any.
	Kept []reflect.Type
}

// Program is a compiled template set.
type Program struct {
	entry *tmpl
}

type tmpl struct {
	name string
	root run
}

// run executes a list of nodes; it returns what ends it early.
type run func(s *state, dot reflect.Value) flow

type flow uint8

const (
	next flow = iota
	breakLoop
	continueLoop
)

// expr evaluates a pipeline, command or operand.
type expr func(s *state, dot reflect.Value) reflect.Value

// cmd evaluates a command; final is the previous command's value.
type cmd func(s *state, dot, final reflect.Value) reflect.Value

// state is one execution.
type state struct {
	w     *bytes.Buffer
	vars  []variable
	base  int // the current template's first variable ($)
	depth int
	// flush, when set, is handed w's bytes between two rounds of a range
	// once they reach limit (ExecuteFlushing); err is its error.
	flush   func([]byte) error
	limit   int
	flushes int
	err     error
	// args is a stack of the arguments of helpers' calls (see typedString).
	args []any
}

type variable struct {
	name string
	v    reflect.Value
}

// fail abandons an execution: see ErrFallback.
type fail struct{}

func bail() { panic(fail{}) }

// maxDepth is text/template's limit on nested template calls.
const maxDepth = 100000

// Compile compiles the template entry of set, which html/template has
// escaped, and every template it calls; funcs are the set's functions
// (html/template does not give them back). It fails on anything the
// executor does not run.
func Compile(set *template.Template, entry string, funcs map[string]any, methods ...Method) (p *Program, err error) {
	c := &compiler{set: set, funcs: funcs, tmpls: map[string]*tmpl{}}
	for _, m := range methods {
		if m.call != nil {
			if c.methods == nil {
				c.methods = map[methodKey]func(reflect.Value) reflect.Value{}
			}
			c.methods[m.key] = m.call
		}
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(unsupported)
			if !ok {
				panic(r)
			}
			p, err = nil, e
		}
	}()
	return &Program{entry: c.template(entry)}, nil
}

// Execute renders data into w; on ErrFallback, or any error, w is as it was.
func (p *Program) Execute(w *bytes.Buffer, data any) (err error) {
	mark := w.Len()
	s := states.Get().(*state)
	defer func() {
		s.release()
		if r := recover(); r != nil {
			w.Truncate(mark)
			err = ErrFallback // a failure, a helper's panic: html/template says which
		}
	}()
	s.w = w
	dot := reflect.ValueOf(data)
	s.vars = append(s.vars, variable{"$", dot})
	p.entry.root(s, dot)
	return nil
}

// ExecuteFlushing renders data as Execute does, but hands what w holds to
// flush, and empties w, whenever it reaches limit bytes between two
// rounds of a range: a page that lists every briefing (the archive, the
// funding tracker, tens of megabytes on a large site) need not be held
// whole. What flush was given is out of the Program's reach: on an error
// (ErrFallback, or the first error of flush, which ends the run) the
// caller takes it back; w is then as it was when nothing was flushed,
// else empty.
func (p *Program) ExecuteFlushing(w *bytes.Buffer, data any, limit int, flush func([]byte) error) (err error) {
	mark := w.Len()
	s := states.Get().(*state)
	defer func() {
		ferr, flushed := s.err, s.flushes > 0
		s.release()
		if r := recover(); r != nil {
			if flushed {
				w.Reset()
			} else {
				w.Truncate(mark)
			}
			err = ErrFallback
			if ferr != nil {
				err = ferr
			}
		}
	}()
	s.w, s.flush, s.limit = w, flush, limit
	dot := reflect.ValueOf(data)
	s.vars = append(s.vars, variable{"$", dot})
	p.entry.root(s, dot)
	return nil
}

// flushed hands w's bytes to flush once they reach the limit.
func (s *state) flushed() {
	if s.flush == nil || s.w.Len() < s.limit {
		return
	}
	s.flushes++
	if s.err = s.flush(s.w.Bytes()); s.err != nil {
		bail()
	}
	s.w.Reset()
}

// states are executions' states, reused: a page runs a dozen templates
// (its own, its cards', the partials they call), and each made its 640
// bytes of variables anew (20 MB at 10,000 briefings).
var states = sync.Pool{New: func() any { return &state{vars: make([]variable, 0, 16), args: make([]any, 0, 16)} }}

const maxPooledVars = 256

// release zeroes s, so that a pooled state holds no page's values, and
// pools it. A helper may run a template while its caller's runs, so a
// state goes back only when its execution is over.
func (s *state) release() {
	if cap(s.vars) > maxPooledVars || cap(s.args) > maxPooledVars {
		return // a deep recursion's: let it go
	}
	clear(s.vars[:cap(s.vars)])
	clear(s.args[:cap(s.args)]) // a bailed call leaves its arguments
	*s = state{vars: s.vars[:0], args: s.args[:0]}
	states.Put(s)
}

type unsupported struct{ what string }

func (u unsupported) Error() string { return "tmplexec: unsupported: " + u.what }

func refuse(format string, args ...any) { panic(unsupported{fmt.Sprintf(format, args...)}) }

// softError is what text/template reports only when it runs the node (a
// nil command, a literal of the wrong type, a call with too few
// arguments): such a node compiles to a failure when run.
type softError struct{}

func soft(string, ...any) { panic(softError{}) }

// failing turns a soft error while compiling into a node that fails when
// run; on is what compile makes otherwise.
func failing[T any](on func() T, fail T) (out T) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(softError); !ok {
				panic(r)
			}
			out = fail
		}
	}()
	return on()
}

// failedExpr and failedCmd are what a node that fails when run compiles to.
func failedExpr(*state, reflect.Value) reflect.Value { bail(); return reflect.Value{} }

func failedCmd(*state, reflect.Value, reflect.Value) reflect.Value { bail(); return reflect.Value{} }

type compiler struct {
	set     *template.Template
	funcs   map[string]any
	methods map[methodKey]func(reflect.Value) reflect.Value // called without reflection
	tmpls   map[string]*tmpl
}

// template compiles a template by name, once; recursive calls reach it
// through its entry, filled in when done.
func (c *compiler) template(name string) *tmpl {
	if t, ok := c.tmpls[name]; ok {
		return t
	}
	src := c.set.Lookup(name)
	if src == nil || src.Tree == nil || src.Tree.Root == nil {
		refuse("template %q", name)
	}
	t := &tmpl{name: name}
	c.tmpls[name] = t
	t.root = c.list(src.Tree.Root)
	return t
}

func (c *compiler) list(l *parse.ListNode) run {
	if l == nil {
		return func(*state, reflect.Value) flow { return next }
	}
	runs := make([]run, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		if r := c.node(n); r != nil {
			runs = append(runs, r)
		}
	}
	switch len(runs) {
	case 0:
		return func(*state, reflect.Value) flow { return next }
	case 1:
		return runs[0]
	}
	return func(s *state, dot reflect.Value) flow {
		for _, r := range runs {
			if f := r(s, dot); f != next {
				return f
			}
		}
		return next
	}
}

func (c *compiler) node(n parse.Node) run {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) flow {
			s.w.Write(text)
			return next
		}
	case *parse.CommentNode:
		return nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) flow { return breakLoop }
	case *parse.ContinueNode:
		return func(*state, reflect.Value) flow { return continueLoop }
	case *parse.ListNode:
		return c.list(n)
	}
	refuse("node %s", n)
	return nil
}

func (c *compiler) action(n *parse.ActionNode) run {
	if len(n.Pipe.Decl) > 0 {
		p := c.pipe(n.Pipe)
		return func(s *state, dot reflect.Value) flow {
			p(s, dot)
			return next
		}
	}
	if str := c.stringPipe(n.Pipe); str != nil {
		return func(s *state, dot reflect.Value) flow {
			s.w.WriteString(str(s, dot))
			return next
		}
	}
	p := c.pipe(n.Pipe)
	return func(s *state, dot reflect.Value) flow {
		printValue(s.w, p(s, dot))
		return next
	}
}

// stringPipe compiles a pipeline without declarations whose last command
// is an escaper, for its result to be written without boxing it; nil for
// any other.
func (c *compiler) stringPipe(p *parse.PipeNode) func(s *state, dot reflect.Value) string {
	last := p.Cmds[len(p.Cmds)-1]
	id, ok := last.Args[0].(*parse.IdentifierNode)
	if !ok || len(last.Args) > 2 || len(last.Args) == 2 && len(p.Cmds) > 1 || len(last.Args) == 1 && len(p.Cmds) == 1 {
		return nil
	}
	e, ok := c.funcs[id.Ident].(Escaper)
	if !ok {
		return nil
	}
	var arg expr
	if len(last.Args) == 2 {
		arg = c.arg(last.Args[1], anyType)
	} else {
		if len(p.Cmds) == 2 {
			if str := c.helperString(p.Cmds[0], &e); str != nil {
				return str
			}
		}
		arg = c.pipe(&parse.PipeNode{NodeType: parse.NodePipe, Pos: p.Pos, Cmds: p.Cmds[:len(p.Cmds)-1]})
	}
	return func(s *state, dot reflect.Value) string { return e.apply(arg(s, dot)) }
}

// helperString compiles `helper args | escaper` for a helper whose result
// the escaper takes without boxing: a plain string (Plain) or a string of
// one of its kept types (as it is), as apply would; nil for any other.
func (c *compiler) helperString(cmd *parse.CommandNode, e *Escaper) func(s *state, dot reflect.Value) string {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return nil
	}
	f, res := c.stringCall(id.Ident, cmd.Args[1:])
	switch {
	case f == nil:
	case res == stringType && e.Plain != nil:
		return func(s *state, dot reflect.Value) string { return e.Plain(f(s, dot)) }
	case slices.Contains(e.Kept, res):
		return f
	}
	return nil
}

// apply is the escaper of v: Plain of a plain string, without boxing it.
func (e *Escaper) apply(v reflect.Value) string {
	if v.Kind() == reflect.String {
		t := v.Type()
		if t == stringType && e.Plain != nil {
			return e.Plain(v.String())
		}
		for _, k := range e.Kept {
			if t == k {
				return v.String()
			}
		}
	}
	out, err := e.Any(valueOf(v))
	if err != nil {
		bail()
	}
	return out
}

func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) run {
	p := c.pipe(b.Pipe)
	list, elseList := c.list(b.List), c.list(b.ElseList)
	return func(s *state, dot reflect.Value) flow {
		mark := len(s.vars)
		v := p(s, dot)
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			bail()
		}
		var f flow
		switch {
		case truth && with:
			f = list(s, v)
		case truth:
			f = list(s, dot)
		default:
			f = elseList(s, dot)
		}
		s.pop(mark)
		return f
	}
}

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].v = v
			return
		}
	}
	bail()
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].v
		}
	}
	bail()
	return reflect.Value{}
}

func (c *compiler) rangeNode(r *parse.RangeNode) run {
	p := c.pipe(r.Pipe)
	list, elseList := c.list(r.List), c.list(r.ElseList)
	decl, assign := r.Pipe.Decl, r.Pipe.IsAssign
	var names [2]string
	for i, d := range decl {
		names[i] = d.Ident[0]
	}
	return func(s *state, dot reflect.Value) flow {
		outer := len(s.vars)
		defer s.pop(outer) // also after a break
		val, _ := indirect(p(s, dot))
		mark := len(s.vars)
		// one runs the body once; it reports whether the loop ends.
		one := func(index, elem reflect.Value) bool {
			if len(decl) > 0 {
				switch {
				case assign && len(decl) > 1:
					s.setVar(names[0], index)
				case assign:
					s.setVar(names[0], elem)
				default:
					s.vars[len(s.vars)-1].v = elem
				}
			}
			if len(decl) > 1 {
				if assign {
					s.setVar(names[1], elem)
				} else {
					s.vars[len(s.vars)-2].v = index
				}
			}
			f := list(s, elem)
			s.pop(mark)
			s.flushed()
			return f == breakLoop
		}
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			if val.Len() == 0 {
				break
			}
			for i := 0; i < val.Len(); i++ {
				if one(reflect.ValueOf(i), val.Index(i)) {
					break
				}
			}
			return next
		case reflect.Map:
			if val.Len() == 0 {
				break
			}
			for _, k := range sortedKeys(val) {
				if one(k, val.MapIndex(k)) {
					break
				}
			}
			return next
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if len(decl) > 1 {
				bail()
			}
			signed := val.CanInt()
			var count uint64
			if signed {
				count = uint64(max(val.Int(), 0))
			} else {
				count = val.Uint()
			}
			if count == 0 {
				break
			}
			for i := uint64(0); i < count; i++ {
				e := reflect.New(val.Type()).Elem()
				if signed {
					e.SetInt(int64(i))
				} else {
					e.SetUint(i)
				}
				if one(reflect.Value{}, e) {
					break
				}
			}
			return next
		case reflect.Chan:
			if val.IsNil() {
				break
			}
			if val.Type().ChanDir() == reflect.SendDir {
				bail()
			}
			ran := false
			for i := 0; ; i++ {
				e, ok := val.Recv()
				if !ok {
					break
				}
				ran = true
				if one(reflect.ValueOf(i), e) {
					break
				}
			}
			if !ran {
				break
			}
			return next
		case reflect.Invalid:
		default:
			bail() // iterators, what cannot be ranged over
		}
		return elseList(s, dot)
	}
}

// sortedKeys are a map's keys in text/template's order, for string and
// integer keys; any other key fails.
func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	switch m.Type().Key().Kind() {
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
	default:
		bail()
	}
	return keys
}

func (c *compiler) templateCall(n *parse.TemplateNode) run {
	var p expr
	if n.Pipe != nil {
		p = c.pipe(n.Pipe)
	}
	// A recursive call finds its template's entry, filled in later.
	callee := c.template(n.Name)
	return func(s *state, dot reflect.Value) flow {
		if s.depth == maxDepth {
			bail()
		}
		var v reflect.Value
		if p != nil {
			v = p(s, dot)
		}
		base := s.base
		s.base = len(s.vars)
		s.vars = append(s.vars, variable{"$", v})
		s.depth++
		callee.root(s, v)
		s.depth--
		s.vars = s.vars[:s.base]
		s.base = base
		return next
	}
}

// pipe compiles a pipeline, with its declarations.
func (c *compiler) pipe(p *parse.PipeNode) expr {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	}
	cmds := make([]cmd, len(p.Cmds))
	for i, cn := range p.Cmds {
		cmds[i] = c.command(cn, i > 0)
	}
	decl, assign := p.Decl, p.IsAssign
	return func(s *state, dot reflect.Value) reflect.Value {
		var v reflect.Value
		for _, cm := range cmds {
			v = cm(s, dot, v)
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = v.Elem()
			}
		}
		for _, d := range decl {
			if assign {
				s.setVar(d.Ident[0], v)
			} else {
				s.vars = append(s.vars, variable{d.Ident[0], v})
			}
		}
		return v
	}
}

// command compiles a command; hasFinal says a previous command's value
// comes as the last argument.
func (c *compiler) command(cn *parse.CommandNode, hasFinal bool) cmd {
	return failing(func() cmd { return c.command1(cn, hasFinal) }, failedCmd)
}

func (c *compiler) command1(cn *parse.CommandNode, hasFinal bool) cmd {
	args := cn.Args[1:]
	switch n := cn.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(func(_ *state, dot reflect.Value) reflect.Value { return dot }, n.Ident, args, hasFinal)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil || len(n.Field) == 0 {
			soft("chain %s", n)
		}
		return c.fieldChain(c.arg(n.Node, nil), n.Field, args, hasFinal)
	case *parse.IdentifierNode:
		return c.function(n.Ident, args, hasFinal)
	case *parse.PipeNode:
		c.notAFunction(args, hasFinal)
		p := c.pipe(n)
		return func(s *state, dot, _ reflect.Value) reflect.Value { return p(s, dot) }
	case *parse.VariableNode:
		name := n.Ident[0]
		recv := func(s *state, _ reflect.Value) reflect.Value { return s.varValue(name) }
		if len(n.Ident) == 1 {
			c.notAFunction(args, hasFinal)
			return func(s *state, dot, _ reflect.Value) reflect.Value { return recv(s, dot) }
		}
		return c.fieldChain(recv, n.Ident[1:], args, hasFinal)
	}
	c.notAFunction(args, hasFinal)
	switch n := cn.Args[0].(type) {
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	case *parse.DotNode:
		return func(_ *state, dot, _ reflect.Value) reflect.Value { return dot }
	case *parse.NumberNode:
		v := idealConstant(n)
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	}
	soft("command %s", cn)
	return nil
}

func (c *compiler) notAFunction(args []parse.Node, hasFinal bool) {
	if len(args) > 0 || hasFinal {
		soft("arguments to a non-function")
	}
}

// idealConstant is a number's value where no type asks for one; refused
// where text/template would fail.
func idealConstant(n *parse.NumberNode) reflect.Value {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128)
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64)
	case n.IsInt && int64(int(n.Int64)) == n.Int64:
		return reflect.ValueOf(int(n.Int64))
	}
	soft("number %s", n.Text)
	return reflect.Value{}
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// arg compiles an operand given to a parameter of type typ (nil: not a
// parameter, as the receiver of a chain).
func (c *compiler) arg(n parse.Node, typ reflect.Type) expr {
	return failing(func() expr { return c.arg1(n, typ) }, failedExpr)
}

func (c *compiler) arg1(n parse.Node, typ reflect.Type) expr {
	var e expr
	switch n := n.(type) {
	case *parse.DotNode:
		e = func(_ *state, dot reflect.Value) reflect.Value { return dot }
	case *parse.NilNode:
		if typ == nil || !canBeNil(typ) {
			soft("nil for %v", typ)
		}
		z := reflect.Zero(typ)
		return func(*state, reflect.Value) reflect.Value { return z }
	case *parse.FieldNode:
		f := c.fieldChain(func(_ *state, dot reflect.Value) reflect.Value { return dot }, n.Ident, nil, false)
		e = func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	case *parse.VariableNode, *parse.ChainNode, *parse.IdentifierNode:
		f := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}}, false)
		e = func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	case *parse.PipeNode:
		e = c.pipe(n)
	}
	if e != nil {
		if typ == nil {
			return e
		}
		return func(s *state, dot reflect.Value) reflect.Value { return validateType(e(s, dot), typ) }
	}
	v := literal(n, typ)
	return func(*state, reflect.Value) reflect.Value { return v }
}

// literal is a constant operand as a parameter of type typ takes it.
func literal(n parse.Node, typ reflect.Type) reflect.Value {
	if typ == nil {
		soft("literal %s", n)
	}
	if typ.Kind() == reflect.Interface && typ.NumMethod() == 0 || typ == reflectValueType {
		var v reflect.Value
		switch n := n.(type) {
		case *parse.BoolNode:
			v = reflect.ValueOf(n.True)
		case *parse.NumberNode:
			v = idealConstant(n)
		case *parse.StringNode:
			v = reflect.ValueOf(n.Text)
		default:
			soft("literal %s", n)
		}
		return v
	}
	v := reflect.New(typ).Elem()
	switch n := n.(type) {
	case *parse.BoolNode:
		if typ.Kind() != reflect.Bool {
			soft("bool for %v", typ)
		}
		v.SetBool(n.True)
	case *parse.StringNode:
		if typ.Kind() != reflect.String {
			soft("string for %v", typ)
		}
		v.SetString(n.Text)
	case *parse.NumberNode:
		switch typ.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if !n.IsInt || v.OverflowInt(n.Int64) {
				soft("integer for %v", typ)
			}
			v.SetInt(n.Int64)
		case reflect.Float32, reflect.Float64:
			if !n.IsFloat {
				soft("float for %v", typ)
			}
			v.SetFloat(n.Float64)
		default:
			soft("number for %v", typ)
		}
	default:
		soft("literal %s for %v", n, typ)
	}
	return v
}

var (
	anyType          = reflect.TypeFor[any]()
	stringType       = reflect.TypeFor[string]()
	htmlType         = reflect.TypeFor[template.HTML]()
	intType          = reflect.TypeFor[int]()
	errorType        = reflect.TypeFor[error]()
	stringerType     = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}

// validateType is text/template's: the value as a parameter of type typ
// takes it, or a failure.
func validateType(v reflect.Value, typ reflect.Type) reflect.Value {
	if !v.IsValid() {
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		bail()
	}
	if v.Type().AssignableTo(typ) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		v = v.Elem()
		if !v.IsValid() {
			bail()
		}
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		v = v.Addr()
	default:
		bail()
	}
	return v
}

// valueOf is v as an argument of type any.
func valueOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return false, false
	}
	return truth, true
}

// printValue writes an action's value as text/template does.
func printValue(w *bytes.Buffer, v reflect.Value) {
	if v.IsValid() {
		switch v.Type() {
		case stringType, htmlType:
			w.WriteString(v.String())
			return
		case intType:
			w.Write(strconv.AppendInt(w.AvailableBuffer(), v.Int(), 10))
			return
		}
	}
	iface, ok := printableValue(v)
	if !ok {
		bail()
	}
	fmt.Fprint(w, iface)
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}

// fieldChain compiles .X.Y.Z on the value recv gives, the last name with
// the command's arguments.
func (c *compiler) fieldChain(recv expr, names []string, args []parse.Node, hasFinal bool) cmd {
	steps := make([]*field, len(names))
	for i, name := range names {
		steps[i] = &field{name: name, methods: c.methods}
	}
	last := steps[len(steps)-1]
	last.args = make([]*argument, len(args))
	for i, a := range args {
		last.args[i] = c.argument(a)
	}
	last.hasFinal = hasFinal
	return func(s *state, dot, final reflect.Value) reflect.Value {
		v := recv(s, dot)
		for _, f := range steps[:len(steps)-1] {
			v = f.eval(s, dot, v, reflect.Value{})
		}
		return last.eval(s, dot, v, final)
	}
}

// argument is an operand whose parameter type is known only when the
// method is: the operand is compiled once per type asked.
type argument struct {
	c     *compiler
	node  parse.Node
	exprs perType[expr]
}

func (c *compiler) argument(n parse.Node) *argument {
	return &argument{c: c, node: n}
}

func (a *argument) as(typ reflect.Type) expr {
	return a.exprs.get(typ, func() (e expr) {
		// Compiled on first use, with the set's compiler: an operand calls
		// functions but never a template, so it only reads the compiler's
		// functions, which no run changes.
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(unsupported); !ok {
					panic(r)
				}
				e = failedExpr
			}
		}()
		return a.c.arg(a.node, typ)
	})
}

// perType keeps what was made for each type a call site has seen; the
// last one used is read without a lock, as most sites see one type.
type perType[T any] struct {
	last atomic.Pointer[typeEntry[T]]
	mu   sync.Mutex
	by   map[reflect.Type]*typeEntry[T]
}

type typeEntry[T any] struct {
	t reflect.Type
	v T
}

// get returns what build made for t, calling it on first use; when build
// fails (bails), nothing is kept.
func (c *perType[T]) get(t reflect.Type, build func() T) T {
	if e := c.last.Load(); e != nil && e.t == t {
		return e.v
	}
	c.mu.Lock()
	e := c.by[t]
	c.mu.Unlock()
	if e == nil {
		made := &typeEntry[T]{t, build()}
		c.mu.Lock()
		if e = c.by[t]; e == nil { // else another run made it first
			if c.by == nil {
				c.by = map[reflect.Type]*typeEntry[T]{}
			}
			e, c.by[t] = made, made
		}
		c.mu.Unlock()
	}
	c.last.Store(e)
	return e.v
}

// field is one step of a chain, with what it found per receiver type.
type field struct {
	name     string
	args     []*argument
	hasFinal bool
	methods  map[methodKey]func(reflect.Value) reflect.Value
	plans    perType[*plan]
}

// plan is how a field name resolves on a receiver of one type.
type plan struct {
	method int // index into the receiver's method set, or -1
	// typed calls the method without reflection (see TypedMethod).
	typed func(recv reflect.Value) reflect.Value
	index []int // the struct field's index path
	isMap bool
	// direct says index is a struct field of the plan's type, or of what
	// it points to: see eval's first lines.
	direct bool
}

func (f *field) planFor(t reflect.Type, ptr reflect.Value, recv reflect.Value) *plan {
	return f.plans.get(t, func() *plan {
		p := &plan{method: -1}
		if m, ok := ptr.Type().MethodByName(f.name); ok {
			p.method = m.Index
			if len(f.args) == 0 && !f.hasFinal {
				p.typed = f.methods[methodKey{ptr.Type(), f.name}]
			}
			return p
		}
		switch recv.Kind() {
		case reflect.Struct:
			sf, ok := recv.Type().FieldByName(f.name)
			if !ok || !sf.IsExported() {
				bail()
			}
			p.index = sf.Index
			p.direct = ptr.Kind() == reflect.Struct || ptr.Kind() == reflect.Pointer && ptr.Type().Elem() == recv.Type()
		case reflect.Map:
			if !stringType.AssignableTo(recv.Type().Key()) {
				bail()
			}
			p.isMap = true
		default:
			bail()
		}
		return p
	})
}

// eval is evalField of text/template.
func (f *field) eval(s *state, dot, recv, final reflect.Value) reflect.Value {
	// Most steps read a field of a struct, through a pointer to it or of
	// a value that is no variable's (a helper's result), of the type the
	// step saw last: what the way below finds, found at once.
	if len(f.args) == 0 && !f.hasFinal {
		switch recv.Kind() {
		case reflect.Pointer:
			if e := f.plans.last.Load(); e != nil && e.t == recv.Type() && e.v.direct && !recv.IsNil() {
				if v, err := recv.Elem().FieldByIndexErr(e.v.index); err == nil {
					return v
				}
			}
		case reflect.Struct:
			if e := f.plans.last.Load(); e != nil && e.t == recv.Type() && e.v.direct && !recv.CanAddr() {
				if v, err := recv.FieldByIndexErr(e.v.index); err == nil {
					return v
				}
			}
		}
	}
	if !recv.IsValid() {
		return reflect.Value{}
	}
	recv, isNil := indirect(recv)
	if recv.Kind() == reflect.Interface && isNil {
		bail()
	}
	ptr := recv
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	p := f.planFor(ptr.Type(), ptr, recv)
	if p.method >= 0 {
		if p.typed != nil {
			return p.typed(ptr)
		}
		return f.call(s, dot, ptr.Method(p.method), final)
	}
	hasArgs := len(f.args) > 0 || f.hasFinal
	if hasArgs {
		bail()
	}
	if p.isMap {
		if recv.Kind() != reflect.Map {
			bail()
		}
		return recv.MapIndex(reflect.ValueOf(f.name))
	}
	if recv.Kind() != reflect.Struct {
		bail() // a nil pointer
	}
	v, err := recv.FieldByIndexErr(p.index)
	if err != nil {
		bail()
	}
	return v
}

// call calls a method with the chain's arguments, through reflection.
func (f *field) call(s *state, dot, fn, final reflect.Value) reflect.Value {
	typ := fn.Type()
	n := len(f.args)
	if f.hasFinal {
		n++
	}
	if !callable(typ, n) {
		bail()
	}
	argv := make([]reflect.Value, 0, n)
	for i, a := range f.args {
		argv = append(argv, a.as(paramType(typ, i))(s, dot))
	}
	if f.hasFinal {
		argv = append(argv, validateType(final, paramType(typ, n-1)))
	}
	return callValues(fn, argv)
}

// callable reports whether text/template calls a function of type typ
// with n arguments: the count fits, and it returns a value and maybe an
// error.
func callable(typ reflect.Type, n int) bool {
	if typ.IsVariadic() && n < typ.NumIn()-1 || !typ.IsVariadic() && n != typ.NumIn() {
		return false
	}
	switch {
	case typ.NumOut() == 1:
		return true
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
		return true
	}
	return false
}

// paramType is the type of a function's i-th argument, variadic ones
// included.
func paramType(typ reflect.Type, i int) reflect.Type {
	if typ.IsVariadic() && i >= typ.NumIn()-1 {
		return typ.In(typ.NumIn() - 1).Elem()
	}
	return typ.In(i)
}

// callValues calls fn through reflection, failing on an error.
func callValues(fn reflect.Value, argv []reflect.Value) reflect.Value {
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		bail()
	}
	v := out[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}
