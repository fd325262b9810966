// Package binenc writes and reads the compact binary records that caches
// keep between processes: unsigned varints, length-prefixed strings and
// bytes, fixed 64-bit fingerprints. A Reader never panics on damaged
// input: the first problem sticks (Err), and every later read gives zero
// values, so a caller decodes a whole record and checks once.
package binenc

import (
	"encoding/binary"
	"errors"
	"time"
	"unsafe"
)

// Writer appends records to Buf.
type Writer struct{ Buf []byte }

// Uint appends an unsigned varint.
func (w *Writer) Uint(v uint64) { w.Buf = binary.AppendUvarint(w.Buf, v) }

// Int appends a signed varint.
func (w *Writer) Int(v int) { w.Buf = binary.AppendVarint(w.Buf, int64(v)) }

// Bool appends one byte.
func (w *Writer) Bool(b bool) {
	if b {
		w.Buf = append(w.Buf, 1)
	} else {
		w.Buf = append(w.Buf, 0)
	}
}

// Sum appends a fingerprint as eight bytes: fingerprints are random-looking,
// so a varint would be longer.
func (w *Writer) Sum(v uint64) { w.Buf = binary.LittleEndian.AppendUint64(w.Buf, v) }

// String appends a length and the bytes of s.
func (w *Writer) String(s string) {
	w.Uint(uint64(len(s)))
	w.Buf = append(w.Buf, s...)
}

// Bytes appends a length and b.
func (w *Writer) Bytes(b []byte) {
	w.Uint(uint64(len(b)))
	w.Buf = append(w.Buf, b...)
}

// Strings appends a count and each string.
func (w *Writer) Strings(ss []string) {
	w.Uint(uint64(len(ss)))
	for _, s := range ss {
		w.String(s)
	}
}

// Ints appends a count and each number.
func (w *Writer) Ints(ns []int) {
	w.Uint(uint64(len(ns)))
	for _, n := range ns {
		w.Int(n)
	}
}

// Time appends an instant and its zone: loc itself when t is in loc (a
// date read in the site's time zone), else UTC or a zone of a fixed offset
// with its name.
func (w *Writer) Time(t time.Time, loc *time.Location) {
	w.Bool(t.IsZero())
	if t.IsZero() {
		return
	}
	w.Int(int(t.Unix()))
	w.Int(t.Nanosecond())
	name, off := t.Zone()
	switch {
	case loc != nil && t.Location() != time.UTC && t.Location().String() == loc.String():
		w.Uint(1) // by name: two loads of one zone are two pointers
	case t.Location() == time.UTC:
		w.Uint(0)
	default:
		w.Uint(2)
		w.String(name)
		w.Int(off)
	}
}

// ErrCorrupt is the error of a record that ends early or holds a length
// beyond its end.
var ErrCorrupt = errors.New("damaged or truncated record")

// Reader reads records from Buf.
type Reader struct {
	Buf []byte
	err error
	// shared is Buf's whole data as a string, for a shared Reader.
	shared string
}

// NewReader reads data.
func NewReader(data []byte) *Reader { return &Reader{Buf: data} }

// NewSharedReader reads data without copying it: the strings and bytes it
// returns share data's memory, which the caller must never change, and
// keep all of it alive while any of them is. For a large record read once
// (a build cache's state), this saves a copy and an allocation per value.
func NewSharedReader(data []byte) *Reader {
	return &Reader{Buf: data, shared: unsafe.String(unsafe.SliceData(data), len(data))}
}

// at is the offset in shared of the next byte to read.
func (r *Reader) at() int { return len(r.shared) - len(r.Buf) }

// Err is the first problem met, or nil.
func (r *Reader) Err() error { return r.err }

// Fail records a problem found by the caller (a value out of range).
func (r *Reader) Fail() {
	if r.err == nil {
		r.err = ErrCorrupt
	}
	r.Buf = nil
}

// Done reports whether every byte was read without a problem.
func (r *Reader) Done() bool { return r.err == nil && len(r.Buf) == 0 }

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.Buf)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.Buf = r.Buf[n:]
	return v
}

// Int reads a signed varint.
func (r *Reader) Int() int {
	v, n := binary.Varint(r.Buf)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.Buf = r.Buf[n:]
	return int(v)
}

// Len reads a count of things that each take at least one byte: a count
// beyond what is left is damage, not a reason to allocate.
func (r *Reader) Len() int {
	n := r.Uint()
	if n > uint64(len(r.Buf)) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Bool reads one byte.
func (r *Reader) Bool() bool {
	if len(r.Buf) == 0 || r.Buf[0] > 1 {
		r.Fail()
		return false
	}
	b := r.Buf[0] == 1
	r.Buf = r.Buf[1:]
	return b
}

// Sum reads a fingerprint.
func (r *Reader) Sum() uint64 {
	if len(r.Buf) < 8 {
		r.Fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.Buf)
	r.Buf = r.Buf[8:]
	return v
}

// Bytes reads a length and as many bytes, copied (unless shared).
func (r *Reader) Bytes() []byte {
	n := r.Len()
	if r.err != nil {
		return nil
	}
	var b []byte
	if r.shared != "" {
		b = r.Buf[:n:n]
	} else {
		b = make([]byte, n)
		copy(b, r.Buf)
	}
	r.Buf = r.Buf[n:]
	return b
}

// String reads a length and as many bytes.
func (r *Reader) String() string {
	n := r.Len()
	if r.err != nil {
		return ""
	}
	var s string
	if r.shared != "" {
		s = r.shared[r.at() : r.at()+n]
	} else {
		s = string(r.Buf[:n])
	}
	r.Buf = r.Buf[n:]
	return s
}

// Strings reads a count and each string; nil for none.
func (r *Reader) Strings() []string {
	n := r.Len()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.String()
	}
	return ss
}

// Ints reads a count and each number; nil for none.
func (r *Reader) Ints() []int {
	n := r.Len()
	if n == 0 {
		return nil
	}
	ns := make([]int, n)
	for i := range ns {
		ns[i] = r.Int()
	}
	return ns
}

// Time reads an instant written by Writer.Time with the same loc.
func (r *Reader) Time(loc *time.Location) time.Time {
	if r.Bool() || r.err != nil {
		return time.Time{}
	}
	t := time.Unix(int64(r.Int()), int64(r.Int()))
	switch r.Uint() {
	case 0:
		return t.UTC()
	case 1:
		if loc == nil {
			r.Fail()
			return time.Time{}
		}
		return t.In(loc)
	case 2:
		name, off := r.String(), r.Int()
		return t.In(time.FixedZone(name, off))
	}
	r.Fail()
	return time.Time{}
}
