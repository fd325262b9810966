package jsonquote

import "strconv"

// Indented writes JSON values into B as an encoding/json Encoder with
// SetIndent(Prefix, "  ") writes them, member by member, without its
// reflection. HTML is the Encoder's SetEscapeHTML. A value that sits
// inside a document is written with the prefix of its depth there.
type Indented struct {
	B      []byte
	Prefix string // after each line break, before the indentation
	HTML   bool
	depth  int
	empty  bool // the innermost container has no element yet
}

func (w *Indented) newline() {
	w.B = append(append(w.B, '\n'), w.Prefix...)
	for range w.depth {
		w.B = append(w.B, "  "...)
	}
}

// Open starts an object ('{') or an array ('[').
func (w *Indented) Open(c byte) {
	w.B = append(w.B, c)
	w.depth++
	w.empty = true
}

// Close ends the innermost object ('}') or array (']').
func (w *Indented) Close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.B = append(w.B, c)
	w.empty = false
}

// Elem starts an element of the innermost array.
func (w *Indented) Elem() {
	if !w.empty {
		w.B = append(w.B, ',')
	}
	w.newline()
	w.empty = false
}

// Key starts the member k of the innermost object; its value follows.
func (w *Indented) Key(k string) *Indented {
	w.Elem()
	w.B = append(Append(w.B, k, w.HTML), ": "...)
	return w
}

// Str writes a string.
func (w *Indented) Str(s string) { w.B = Append(w.B, s, w.HTML) }

// Int writes a number.
func (w *Indented) Int(n int) { w.B = strconv.AppendInt(w.B, int64(n), 10) }

// Null writes null.
func (w *Indented) Null() { w.B = append(w.B, "null"...) }

// Optional writes *s, or null for nil.
func (w *Indented) Optional(s *string) {
	if s == nil {
		w.Null()
		return
	}
	w.Str(*s)
}

// Object writes an object with fields, or null when it is absent.
func (w *Indented) Object(present bool, fields func()) {
	if !present {
		w.Null()
		return
	}
	w.Open('{')
	fields()
	w.Close('}')
}

// Strs writes a list of strings (nil is null).
func (w *Indented) Strs(ss []string) {
	// List's loop written out: the method value w.Str would be a closure
	// made on every call.
	if ss == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, s := range ss {
		w.Elem()
		w.Str(s)
	}
	w.Close(']')
}

// List writes vs as an array, each element with value; nil is null, as
// encoding/json writes a nil slice.
func List[T any](w *Indented, vs []T, value func(T)) {
	if vs == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, v := range vs {
		w.Elem()
		value(v)
	}
	w.Close(']')
}
