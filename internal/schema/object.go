package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
)

// Object is a JSON object that keeps its keys in the order they were set, so
// that a generated schema reads naturally (title and description first) and
// is byte-for-byte the same on every run.
type Object struct {
	keys []string
	vals map[string]any
}

// Obj makes an Object from key, value pairs.
func Obj(kv ...any) *Object {
	o := &Object{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// Set adds or replaces a key; a new key goes last.
func (o *Object) Set(key string, v any) *Object {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
	return o
}

// Get returns the value of a key, or nil.
func (o *Object) Get(key string) any { return o.vals[key] }

// MarshalJSON writes the keys in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kj, _ := json.Marshal(k)
		b.Write(kj)
		b.WriteByte(':')
		vj, err := marshal(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vj)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal writes v without escaping <, > and &, which are common in patterns
// and descriptions and safe in a .json file.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Indent writes a document as indented JSON with a final newline.
func Indent(v any) ([]byte, error) {
	raw, err := marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return escapeInvisible(b.Bytes()), nil
}

// escapeInvisible writes non-ASCII white space and other invisible runes as
// JSON \u escapes, so that a pattern such as [^ \u3000] can be read. They
// occur only inside strings, where the escape means the same rune.
func escapeInvisible(data []byte) []byte {
	var b bytes.Buffer
	for _, r := range string(data) {
		if r > 0x7f && (unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r)) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}
