package jsonld

import (
	"encoding/json"
	"slices"
	"strconv"

	"brief/internal/jsonquote"
)

// appendJSON appends v as encoding/json's Encoder (with HTML escaping)
// writes it, byte for byte, without its reflection: every page's head
// encodes a few dozen small maps. Values of other types than the ones
// nodes hold go through encoding/json.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case Node:
		if v == nil {
			return append(b, "null"...)
		}
		return appendNode(b, v, "", nil)
	case *ArticleNode:
		return v.appendTo(b, "")
	case *BreadcrumbNode:
		return v.appendTo(b, "")
	case raw:
		return append(b, v...)
	case []listItem:
		if v == nil {
			return append(b, "null"...)
		}
		b = append(b, '[')
		for i, it := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = it.appendTo(b)
		}
		return append(b, ']')
	case []Node:
		return appendList(b, v)
	case []string:
		return appendStrings(b, v)
	case []any:
		return appendList(b, v)
	}
	out, err := json.Marshal(v)
	if err != nil {
		// Nodes hold strings, numbers, slices and maps only.
		panic("jsonld: " + err.Error())
	}
	return append(b, out...)
}

// appendNode appends n with its keys sorted, and the key extra with its
// value when extra is not empty (and not a key of n): a node with one key
// more, without copying it into a new map.
func appendNode(b []byte, n Node, extra string, value any) []byte {
	var small [16]string // a node's keys, on the stack
	keys := small[:0]
	for k := range n {
		keys = append(keys, k)
	}
	if _, ok := n[extra]; extra != "" && !ok {
		keys = append(keys, extra)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		if v, ok := n[k]; ok {
			b = appendJSON(b, v)
		} else {
			b = appendJSON(b, value)
		}
	}
	return append(b, '}')
}

// appendStrings is appendList for strings, which would each be put in an
// interface (and copied to the heap) on the way to appendJSON.
func appendStrings(b []byte, vs []string) []byte { return appendEach(b, vs, appendString) }

func appendList[T any](b []byte, vs []T) []byte {
	return appendEach(b, vs, func(b []byte, v T) []byte { return appendJSON(b, v) })
}

// appendEach appends vs as a JSON array, each element by add; nil is null.
func appendEach[T any](b []byte, vs []T, add func([]byte, T) []byte) []byte {
	if vs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = add(b, v)
	}
	return append(b, ']')
}

// appendString quotes s as encoding/json does with HTML escaping, so
// that the document cannot end its <script> element.
func appendString(b []byte, s string) []byte { return jsonquote.Append(b, s, true) }

// appendTo appends the item as the map it stands for, keys in
// encoding/json's order, as for a Node.
func (it listItem) appendTo(b []byte) []byte {
	b = append(b, `{"@type":"ListItem","item":`...)
	b = appendString(b, it.item)
	b = append(b, `,"name":`...)
	b = appendString(b, it.name)
	b = append(b, `,"position":`...)
	b = strconv.AppendInt(b, int64(it.position), 10)
	return append(b, '}')
}

// MarshalJSON writes the item for encoding/json as appendJSON does.
func (it listItem) MarshalJSON() ([]byte, error) { return it.appendTo(nil), nil }
