package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	ttemplate "text/template"
	"text/template/parse"
	"time"
)

// function compiles a call of a named function: the set's own first, as
// text/template looks them up, then the builtins.
func (c *compiler) function(name string, args []parse.Node, hasFinal bool) cmd {
	if fn, ok := c.funcs[name]; ok {
		return c.call(fn, args, hasFinal)
	}
	if b := c.builtin(name, args, hasFinal); b != nil {
		return b
	}
	refuse("function %q", name)
	return nil
}

// operands compiles a call's arguments for parameters of the types in
// gives; final, when there is one, is validated for the last.
type operands struct {
	args      []expr
	finalType reflect.Type // nil: no final argument
}

func (o *operands) get(s *state, dot, final reflect.Value, i int) reflect.Value {
	if i < len(o.args) {
		return o.args[i](s, dot)
	}
	return validateType(final, o.finalType)
}

func (o *operands) n() int {
	if o.finalType != nil {
		return len(o.args) + 1
	}
	return len(o.args)
}

// Func1 is a helper of one argument that the executor calls without
// reflection: Fn is the helper as html/template calls it, whose type says
// how the argument is converted and checked; Call is the same function
// taking the argument as the executor has it. Make one with Typed1.
type Func1 struct {
	Fn   any
	Call func(arg reflect.Value) (reflect.Value, error)
}

// Typed1 is f for the executor to call without reflection. (A result of
// an interface type is called through reflection still: reflect.Call
// gives it as a value of that interface, which printing and fields see.)
func Typed1[A, R any](f func(A) (R, error)) Func1 {
	if reflect.TypeFor[R]().Kind() == reflect.Interface {
		return Func1{Fn: f}
	}
	return Func1{Fn: f, Call: func(v reflect.Value) (reflect.Value, error) {
		a, ok := reflect.TypeAssert[A](v)
		if !ok {
			return reflect.Value{}, ErrFallback // a nil interface or pointer: html/template says what it makes of it
		}
		r, err := f(a)
		return reflect.ValueOf(r), err
	}}
}

// Typed1Ref is Typed1 for a helper whose result, a struct of type R, is
// made in space the helper lends (f returns a pointer to it): the
// executor reads it where it is, as a value of type R (an addressable
// one), not copied into an interface (every page's head: 288 bytes). Fn,
// for html/template, returns a copy of it. Templates see R either way,
// as from a helper that returns R. Each call must have space of its own
// until the template has run: a variable may hold an earlier result.
// A type with methods on its pointer alone is copied (Typed1): an
// addressable value would have them.
func Typed1Ref[A, R any](f func(A) (*R, error)) Func1 {
	value := func(a A) (R, error) {
		r, err := f(a)
		if r == nil {
			var zero R
			return zero, err
		}
		return *r, err
	}
	if rt := reflect.TypeFor[R](); rt.Kind() != reflect.Struct || !sameMethodsAddressable(rt) {
		return Typed1(value)
	}
	return Func1{Fn: value, Call: func(v reflect.Value) (reflect.Value, error) {
		a, ok := reflect.TypeAssert[A](v)
		if !ok {
			return reflect.Value{}, ErrFallback // as Typed1
		}
		r, err := f(a)
		if r == nil {
			return reflect.Zero(reflect.TypeFor[R]()), err
		}
		return reflect.ValueOf(r).Elem(), err
	}}
}

// sameMethodsAddressable says that an addressable value of type t, and
// each value it holds in place (fields, array elements), has the methods
// it has when not addressable: none on its pointer alone, which a
// template could reach (and print through, as fmt.Stringer or error) only
// then. What a pointer or interface points to is the same either way.
func sameMethodsAddressable(t reflect.Type) bool {
	if k := t.Kind(); k == reflect.Pointer || k == reflect.Interface {
		return true
	}
	if reflect.PointerTo(t).NumMethod() != t.NumMethod() {
		return false
	}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if !sameMethodsAddressable(t.Field(i).Type) {
				return false
			}
		}
	case reflect.Array:
		return sameMethodsAddressable(t.Elem())
	}
	return true
}

// Typed1Value is Typed1 for a helper that returns no error.
func Typed1Value[A, R any](f func(A) R) Func1 {
	t := Typed1(func(a A) (R, error) { return f(a), nil })
	t.Fn = f
	return t
}

// Method is a method that the executor calls without reflection, where a
// template reads it as a field (.Tags): make one with TypedMethod.
type Method struct {
	key  methodKey
	call func(recv reflect.Value) reflect.Value // nil: through reflection
}

type methodKey struct {
	recv reflect.Type
	name string
}

// TypedMethod is the method name of the type R, given as its method
// expression ((*T).Name), for the executor to call directly when a chain
// reaches it without arguments on a receiver of type R. A function that
// is not that method, or a result of an interface type (see Typed1) or a
// reflect.Value (which text/template unwraps), is called through
// reflection as before.
func TypedMethod[R, T any](name string, f func(R) T) Method {
	rt := reflect.TypeFor[R]()
	m := Method{key: methodKey{rt, name}}
	fm, ok := rt.MethodByName(name)
	out := reflect.TypeFor[T]()
	if !ok || fm.Type != reflect.TypeOf(f) || fm.Func.Pointer() != reflect.ValueOf(f).Pointer() || out.Kind() == reflect.Interface || out == reflectValueType {
		return m
	}
	m.call = func(v reflect.Value) reflect.Value {
		r, ok := reflect.TypeAssert[R](v)
		if !ok {
			bail()
		}
		return reflect.ValueOf(f(r))
	}
	return m
}

// Direct says whether the executor calls m without reflection.
func (m Method) Direct() bool { return m.call != nil }

// call compiles a call of a function of the set; its arity and result are
// checked here, as text/template checks them on every call.
func (c *compiler) call(fn any, args []parse.Node, hasFinal bool) cmd {
	var esc *Escaper
	if e, ok := fn.(Escaper); ok {
		esc, fn = &e, e.Any
	}
	var call1 func(reflect.Value) (reflect.Value, error)
	if f, ok := fn.(Func1); ok {
		call1, fn = f.Call, f.Fn // Call may be nil
	}
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		refuse("function of type %T", fn)
	}
	typ := fv.Type()
	n := len(args)
	if hasFinal {
		n++
	}
	if !callable(typ, n) {
		soft("call of %v with %d arguments", typ, n)
	}
	o := &operands{args: make([]expr, len(args))}
	for i, a := range args {
		o.args[i] = c.arg(a, paramType(typ, i))
	}
	if hasFinal {
		o.finalType = paramType(typ, n-1)
	}
	if esc != nil {
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(esc.apply(o.get(s, dot, final, 0)))
		}
	}
	if call1 != nil && o.n() == 1 {
		return func(s *state, dot, final reflect.Value) reflect.Value {
			v, err := call1(o.get(s, dot, final, 0))
			if err != nil {
				bail()
			}
			return v
		}
	}
	if t := typed(fn, o); t != nil {
		return t
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		argv := make([]reflect.Value, o.n())
		for i := range argv {
			argv[i] = o.get(s, dot, final, i)
		}
		return callValues(fv, argv)
	}
}

// typed calls the helpers' usual signatures directly; nil for others.
func typed(fn any, o *operands) cmd {
	f, res := typedString(fn, o)
	if f == nil {
		return nil
	}
	if res == htmlType {
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(template.HTML(f(s, dot, final)))
		}
	}
	return func(s *state, dot, final reflect.Value) reflect.Value { return reflect.ValueOf(f(s, dot, final)) }
}

// typedString calls the helpers' usual signatures directly, giving their
// result as a string of type res (string or template.HTML), without a
// reflect.Value around it; nil for other signatures.
func typedString(fn any, o *operands) (f func(s *state, dot, final reflect.Value) string, res reflect.Type) {
	str := func(s *state, dot, final reflect.Value, i int) string { return o.get(s, dot, final, i).String() }
	switch f := fn.(type) {
	case func(string) string:
		return func(s *state, dot, final reflect.Value) string {
			return f(str(s, dot, final, 0))
		}, stringType
	case func(string) (string, error):
		return func(s *state, dot, final reflect.Value) string {
			return must(f(str(s, dot, final, 0)))
		}, stringType
	case func(any) (string, error):
		return func(s *state, dot, final reflect.Value) string {
			return must(f(valueOf(o.get(s, dot, final, 0))))
		}, stringType
	case func(time.Time) string:
		return func(s *state, dot, final reflect.Value) string {
			t, ok := reflect.TypeAssert[time.Time](o.get(s, dot, final, 0))
			if !ok {
				bail()
			}
			return f(t)
		}, stringType
	case func(int) string:
		return func(s *state, dot, final reflect.Value) string {
			return f(int(o.get(s, dot, final, 0).Int()))
		}, stringType
	case func(int) (template.HTML, error):
		return func(s *state, dot, final reflect.Value) string {
			return string(must(f(int(o.get(s, dot, final, 0).Int()))))
		}, htmlType
	case func(string, ...any) (template.HTML, error):
		// T, the one helper of this type: its arguments are put on the
		// state's stack of them (an argument may call it again before they
		// are all there), not in a slice of their own, as it only reads
		// them while it runs.
		return func(s *state, dot, final reflect.Value) string {
			base := len(s.args)
			for i := 1; i < o.n(); i++ {
				s.args = append(s.args, valueOf(o.get(s, dot, final, i)))
			}
			var rest []any
			if len(s.args) > base {
				rest = s.args[base:]
			}
			out := string(must(f(str(s, dot, final, 0), rest...)))
			clear(s.args[base:])
			s.args = s.args[:base]
			return out
		}, htmlType
	}
	return nil, nil
}

// must is a helper's result, failing on its error.
func must[T any](v T, err error) T {
	if err != nil {
		bail()
	}
	return v
}

// stringCall compiles the call of a helper of the set that opens a
// pipeline (the escaper closing it takes its result), for the result to go
// to the escaper as a string rather than boxed in a reflect.Value: f and
// its result's type (see typedString), or nil for any other call, which
// then compiles the general way (call).
func (c *compiler) stringCall(name string, args []parse.Node) (f func(s *state, dot reflect.Value) string, res reflect.Type) {
	fn, ok := c.funcs[name]
	if !ok {
		return nil, nil
	}
	switch fn.(type) {
	case Escaper, Func1:
		return nil, nil
	}
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.IsNil() || !callable(fv.Type(), len(args)) {
		return nil, nil
	}
	o := &operands{args: make([]expr, len(args))}
	for i, a := range args {
		o.args[i] = c.arg(a, paramType(fv.Type(), i))
	}
	sf, res := typedString(fn, o)
	if sf == nil {
		return nil, nil
	}
	return func(s *state, dot reflect.Value) string { return sf(s, dot, reflect.Value{}) }, res
}

// raw compiles an operand of a builtin that takes reflect.Values: the
// operand as it is, a literal as an empty interface would take it.
func (c *compiler) raw(n parse.Node) expr {
	switch n.(type) {
	case *parse.NilNode:
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
		v := literal(n, anyType)
		return func(*state, reflect.Value) reflect.Value { return v }
	}
	return c.arg(n, nil)
}

// builtin compiles a call of one of text/template's functions (nil for a
// name that is none of those the executor runs: slice and call).
func (c *compiler) builtin(name string, args []parse.Node, hasFinal bool) cmd {
	raws := make([]expr, len(args))
	for i, a := range args {
		raws[i] = c.raw(a)
	}
	n := len(raws)
	if hasFinal {
		n++
	}
	// get is the i-th operand, the final one last.
	get := func(s *state, dot, final reflect.Value, i int) reflect.Value {
		if i < len(raws) {
			return raws[i](s, dot)
		}
		return final
	}
	arity := func(ok bool) {
		if !ok {
			soft("%s with %d arguments", name, n)
		}
	}
	switch name {
	case "and", "or":
		arity(n >= 1)
		or := name == "or"
		return func(s *state, dot, final reflect.Value) reflect.Value {
			var v reflect.Value
			for _, r := range raws {
				v = r(s, dot)
				if truth(v) == or {
					return v
				}
			}
			if hasFinal {
				v = final
			}
			return v
		}
	case "not":
		arity(n == 1)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(!truth(get(s, dot, final, 0)))
		}
	case "eq":
		arity(n >= 1)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if n < 2 {
				bail()
			}
			a := get(s, dot, final, 0)
			for i := 1; i < n; i++ {
				if equal(a, get(s, dot, final, i)) {
					return reflect.ValueOf(true)
				}
			}
			return reflect.ValueOf(false)
		}
	case "ne", "lt", "le", "gt", "ge":
		arity(n == 2)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			a, b := get(s, dot, final, 0), get(s, dot, final, 1)
			var r bool
			switch name {
			case "ne":
				r = !equal(a, b)
			case "lt":
				r = less(a, b)
			case "le":
				r = less(a, b) || equal(a, b)
			case "gt":
				r = !less(a, b) && !equal(a, b)
			case "ge":
				r = !less(a, b)
			}
			return reflect.ValueOf(r)
		}
	case "len":
		arity(n == 1)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			v, isNil := indirect(get(s, dot, final, 0))
			if isNil {
				bail()
			}
			switch v.Kind() {
			case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
				return reflect.ValueOf(v.Len())
			}
			bail()
			return reflect.Value{}
		}
	case "index":
		arity(n >= 1)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			item := indirectInterface(get(s, dot, final, 0))
			if !item.IsValid() {
				bail()
			}
			for i := 1; i < n; i++ {
				item = indexOne(item, indirectInterface(get(s, dot, final, i)))
			}
			return item
		}
	case "print", "println", "printf", "html", "js", "urlquery":
		do := map[string]func(...any) string{
			"print": fmt.Sprint, "println": fmt.Sprintln, "html": ttemplate.HTMLEscaper,
			"js": ttemplate.JSEscaper, "urlquery": ttemplate.URLQueryEscaper,
		}[name]
		if name == "printf" {
			arity(n >= 1)
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			vals := make([]any, n)
			for i := range vals {
				vals[i] = valueOf(get(s, dot, final, i))
			}
			if do != nil {
				return reflect.ValueOf(do(vals...))
			}
			format, ok := vals[0].(string)
			if !ok || reflect.TypeOf(vals[0]) != stringType {
				bail()
			}
			return reflect.ValueOf(fmt.Sprintf(format, vals[1:]...))
		}
	}
	return nil
}

// truth is the truth of an and, or or not operand.
func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// indexOne is item[key] as the index builtin takes it.
func indexOne(item, key reflect.Value) reflect.Value {
	item, isNil := indirect(item)
	if isNil {
		bail()
	}
	switch item.Kind() {
	case reflect.Array, reflect.Slice, reflect.String:
		var x int64
		switch classOf(key) {
		case intClass:
			x = key.Int()
		case uintClass:
			x = int64(key.Uint())
		default:
			bail()
		}
		if x < 0 || x >= int64(item.Len()) {
			bail()
		}
		return item.Index(int(x))
	case reflect.Map:
		kt := item.Type().Key()
		switch {
		case !key.IsValid() && canBeNil(kt):
			key = reflect.Zero(kt)
		case !key.IsValid():
			bail()
		case key.Type().AssignableTo(kt):
		case intLike(key) && intLike(reflect.Zero(kt)) && key.Type().ConvertibleTo(kt):
			key = key.Convert(kt)
		default:
			bail()
		}
		if v := item.MapIndex(key); v.IsValid() {
			return v
		}
		return reflect.Zero(item.Type().Elem())
	}
	bail()
	return reflect.Value{}
}

func intLike(v reflect.Value) bool {
	c := classOf(v)
	return c == intClass || c == uintClass
}

// class is what comparisons make of a value's kind.
type class uint8

const (
	other class = iota
	boolClass
	intClass
	uintClass
	floatClass
	complexClass
	stringClass
)

func classOf(v reflect.Value) class {
	switch v.Kind() {
	case reflect.Bool:
		return boolClass
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intClass
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintClass
	case reflect.Float32, reflect.Float64:
		return floatClass
	case reflect.Complex64, reflect.Complex128:
		return complexClass
	case reflect.String:
		return stringClass
	}
	return other
}

// equal is eq of two operands: values of one basic class, integers of
// either sign, or nil against nil or a pointer; anything else fails.
func equal(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	ca, cb := classOf(a), classOf(b)
	switch {
	case ca == intClass && cb == uintClass:
		return a.Int() >= 0 && uint64(a.Int()) == b.Uint()
	case ca == uintClass && cb == intClass:
		return b.Int() >= 0 && a.Uint() == uint64(b.Int())
	case ca != cb:
		if a.IsValid() && b.IsValid() {
			bail()
		}
		return false
	}
	switch ca {
	case boolClass:
		return a.Bool() == b.Bool()
	case intClass:
		return a.Int() == b.Int()
	case uintClass:
		return a.Uint() == b.Uint()
	case floatClass:
		return a.Float() == b.Float()
	case complexClass:
		return a.Complex() == b.Complex()
	case stringClass:
		return a.String() == b.String()
	}
	// Values of one other kind, or nil against anything: nil equals nil,
	// else they compare as Go's == does.
	if a.IsValid() && b.IsValid() && a.Kind() != b.Kind() {
		bail()
	}
	if isNil(a) || isNil(b) {
		return isNil(a) == isNil(b)
	}
	if !b.Type().Comparable() {
		bail()
	}
	return a.Interface() == b.Interface() // panics for an uncomparable a: html/template says so
}

// isNil reports whether v is nil or the nil of its kind.
func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// less is lt of two operands of basic classes.
func less(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	ca, cb := classOf(a), classOf(b)
	switch {
	case ca == intClass && cb == uintClass:
		return a.Int() < 0 || uint64(a.Int()) < b.Uint()
	case ca == uintClass && cb == intClass:
		return b.Int() >= 0 && a.Uint() < uint64(b.Int())
	case ca != cb:
		bail()
	}
	switch ca {
	case intClass:
		return a.Int() < b.Int()
	case uintClass:
		return a.Uint() < b.Uint()
	case floatClass:
		return a.Float() < b.Float()
	case stringClass:
		return a.String() < b.String()
	}
	bail()
	return false
}
