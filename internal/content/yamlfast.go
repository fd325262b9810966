package content

import (
	"bytes"
	"sync"
	"time"
	"unicode/utf8"
)

// quickYAML decodes the shapes nearly every briefing's front matter has,
// without yaml.v3's event parser and node tree (which cost as much as the
// rest of Parse): top-level keys whose values are double-quoted strings
// without escapes, plain scalars, flow lists of plain scalars, and block
// lists of such scalars or of one-level maps of them. It gives up (ok false)
// on anything else, and on any doubt about how yaml.v3 would read a value,
// so that decodeYAML decodes it the full way; where it succeeds its tree is
// the one yaml.v3's gives, lines included (TestQuickYAMLAgrees,
// FuzzQuickYAMLAgrees). first is the file line of the block's first line.
func quickYAML(data []byte, first int, sc *scratch) (root *node, ok bool) {
	// Each line holds at most three nodes (a key's map, list and value),
	// and each comma one more: well within maxNodes, or the full way.
	if 3*bytes.Count(data, newline)+bytes.Count(data, []byte(","))+4 > maxNodes || !quickRunes(data) {
		return nil, false
	}
	if sc == nil {
		sc = new(scratch)
	}
	q := quickParser{data: data, line: first - 1, scratch: sc}
	lines := bytes.Count(data, newline) + 1
	// A line holds a value, an item's line its map too, and a comma one
	// more: enough nodes for nearly every block.
	if need := min(lines+bytes.Count(data, []byte("- "))+bytes.Count(data, []byte(",")), 128); cap(q.nodes) < need {
		q.nodes = make([]node, 0, need)
	}
	root = q.node(node{kind: kindMap})
	if cap(q.roots) < 16 {
		q.roots = make([]entry, 0, 16) // more keys go to a slice of their own
	}
	root.keys = q.roots[:0]
	for {
		indent, text, more := q.next()
		if !more {
			break
		}
		if indent != 0 {
			return nil, false
		}
		key, rest, ok := quickKey(text)
		if !ok || hasKey(root, key) {
			return nil, false
		}
		if len(root.keys) == 0 {
			root.line = q.line
		}
		e := entry{key: key, line: q.line}
		if len(rest) > 0 {
			if e.val, ok = q.value(rest, q.line); !ok {
				return nil, false
			}
		} else if e.val, ok = q.blockList(); !ok {
			return nil, false
		}
		root.keys = append(root.keys, e)
	}
	if len(root.keys) == 0 {
		return nil, false
	}
	return root, true
}

// quickParser walks the block's lines.
type quickParser struct {
	data    []byte
	line    int // file line of the last line read
	pending bool
	indent  int
	text    []byte
	*scratch
}

// scratch is where quickYAML makes a tree, a block at a time. A tree never
// outlives the Parse that made it (fill copies what it keeps), so Parse
// hands its scratch on to the next one (scratches): about 3 KB of blocks a
// briefing not allocated again, and not collected.
type scratch struct {
	nodes []node  // the tree's nodes
	roots []entry // the top-level map's keys, while there is room
	keys  []entry // list items' keys (inBlock)
	items []*node // block lists' items (inBlock)
}

// scratches are the scratch spaces of the Parse calls under way and done.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// reset clears what a tree left in s, so that nothing it pointed to is
// kept, for the next tree. Blocks that filled up were replaced (node,
// inBlock) and go with the tree; the last ones stay.
func (s *scratch) reset() {
	clear(s.nodes)
	clear(s.roots[:cap(s.roots)])
	clear(s.keys)
	clear(s.items)
	s.nodes, s.roots, s.keys, s.items = s.nodes[:0], s.roots[:0], s.keys[:0], s.items[:0]
}

// inBlock appends v to cur, whose elements so far are the last of *block:
// the items of a block list, or the keys of one of its items (one of each
// is made at a time), are made in a block or two for the file rather than
// grown one by one.
func inBlock[T any](block *[]T, cur []T, v T) []T {
	n := len(cur)
	if len(*block) == cap(*block) {
		*block = append(make([]T, 0, max(16, 2*(n+1))), cur...)
	}
	*block = append(*block, v)
	b := *block
	return b[len(b)-n-1 : len(b) : len(b)]
}

// node makes a node of the tree: a front matter block has a few dozen,
// made from one or two blocks of them rather than one allocation each.
func (q *quickParser) node(n node) *node {
	if len(q.nodes) == cap(q.nodes) {
		q.nodes = make([]node, 0, max(8, cap(q.nodes)))
	}
	q.nodes = append(q.nodes, n)
	return &q.nodes[len(q.nodes)-1]
}

// next returns the next non-blank line: its indentation and its text
// without it or trailing spaces.
func (q *quickParser) next() (indent int, text []byte, more bool) {
	if q.pending {
		q.pending = false
		return q.indent, q.text, true
	}
	for len(q.data) > 0 {
		line, rest, _ := bytes.Cut(q.data, newline)
		q.data = rest
		q.line++
		text := bytes.TrimRight(line, " ")
		if len(text) == 0 {
			continue
		}
		indent := len(text) - len(bytes.TrimLeft(text, " "))
		return indent, text[indent:], true
	}
	return 0, nil, false
}

// unread makes next return this line again.
func (q *quickParser) unread(indent int, text []byte) {
	q.pending, q.indent, q.text = true, indent, text
}

// blockList reads the "- item" lines that follow a key with no value on its
// line: scalars, or maps whose keys line up after the dash.
func (q *quickParser) blockList() (*node, bool) {
	list := q.node(node{kind: kindList})
	dash := -1
	for {
		indent, text, more := q.next()
		if !more {
			break
		}
		if indent == 0 && !bytes.HasPrefix(text, []byte("- ")) {
			q.unread(indent, text)
			break
		}
		if dash < 0 {
			dash = indent
			list.line = q.line
		}
		if indent != dash || !bytes.HasPrefix(text, []byte("- ")) {
			return nil, false
		}
		item := bytes.TrimLeft(text[2:], " ")
		at := dash + len(text) - len(item)
		key, rest, isMap := quickKey(item)
		if !isMap {
			val, ok := q.scalar(item, q.line)
			if !ok {
				return nil, false
			}
			list.items = inBlock(&q.items, list.items, val)
			continue
		}
		m := q.node(node{kind: kindMap, line: q.line})
		for {
			if len(rest) == 0 || hasKey(m, key) {
				return nil, false
			}
			val, ok := q.value(rest, q.line)
			if !ok {
				return nil, false
			}
			m.keys = inBlock(&q.keys, m.keys, entry{key: key, line: q.line, val: val})
			indent, text, more := q.next()
			if !more {
				break
			}
			if indent != at {
				q.unread(indent, text)
				break
			}
			if key, rest, ok = quickKey(text); !ok {
				return nil, false
			}
		}
		list.items = inBlock(&q.items, list.items, m)
	}
	if len(list.items) == 0 {
		return nil, false
	}
	return list, true
}

func hasKey(m *node, key string) bool {
	for _, e := range m.keys {
		if e.key == key {
			return true
		}
	}
	return false
}

// quickKey splits "key: rest" (rest may be empty); keys are plain words.
// The front matter's own field names are not copied.
func quickKey(text []byte) (key string, rest []byte, ok bool) {
	i := 0
	for i < len(text) && (isASCIILetter(text[i]) || text[i] == '_' || i > 0 && (text[i] == '-' || '0' <= text[i] && text[i] <= '9')) {
		i++
	}
	// YAML limits an implicit key to 1024 characters.
	if i == 0 || i > 1000 || i == len(text) || text[i] != ':' || i+1 < len(text) && text[i+1] != ' ' {
		return "", nil, false
	}
	key = knownKeys[string(text[:i])]
	if key == "" {
		key = string(text[:i])
	}
	return key, bytes.TrimLeft(text[i+1:], " "), true
}

// knownKeys are the names of the fields of front matter and of its lists'
// items, as strings of their own.
var knownKeys = func() map[string]string {
	m := map[string]string{}
	for _, fs := range [][]Field{briefingFields, fundingFields, sourceFields} {
		for _, f := range fs {
			m[f.Name] = f.Name
		}
	}
	return m
}()

// value is a value written on its key's line: a scalar or a flow list.
func (q *quickParser) value(text []byte, line int) (*node, bool) {
	if text[0] != '[' {
		return q.scalar(text, line)
	}
	if text[len(text)-1] != ']' {
		return nil, false
	}
	list := q.node(node{kind: kindList, line: line})
	inner := bytes.TrimSpace(text[1 : len(text)-1])
	if len(inner) == 0 {
		return list, true
	}
	list.items = make([]*node, 0, bytes.Count(inner, []byte(","))+1)
	for more := true; more; {
		var item []byte
		item, inner, more = bytes.Cut(inner, []byte(","))
		item = bytes.TrimSpace(item)
		if len(item) == 0 || bytes.ContainsAny(item, "[]{}:\"'") {
			return nil, false
		}
		val, ok := q.plain(item, line)
		if !ok {
			return nil, false
		}
		list.items = append(list.items, val)
	}
	return list, true
}

// scalar is a double-quoted string without escapes, or a plain scalar.
func (q *quickParser) scalar(text []byte, line int) (*node, bool) {
	if text[0] == '"' {
		if len(text) < 2 || text[len(text)-1] != '"' || holdsEither(text[1:len(text)-1], '"', '\\') {
			return nil, false
		}
		return q.node(node{kind: kindString, text: string(text[1 : len(text)-1]), line: line}), true
	}
	if bytes.Contains(text, []byte(": ")) || text[len(text)-1] == ':' {
		return nil, false
	}
	return q.plain(text, line)
}

// holdsEither reports whether b holds x or y: two IndexByte scans, which
// go many bytes at a time, where bytes.ContainsAny looks at one at a time
// (titles and summaries are most of a front matter's bytes).
func holdsEither(b []byte, x, y byte) bool {
	return bytes.IndexByte(b, x) >= 0 || bytes.IndexByte(b, y) >= 0
}

// plain types a plain scalar as yaml.v3 does, for the values it is sure
// of: words are strings (but for null and the booleans), digits numbers,
// and a valid YYYY-MM-DD a date.
func (q *quickParser) plain(text []byte, line int) (*node, bool) {
	if holdsEither(text, '#', '\t') {
		return nil, false
	}
	c := text[0]
	switch {
	case c >= utf8.RuneSelf || isASCIILetter(c):
		switch string(text) {
		case "true", "True", "TRUE":
			return q.node(node{kind: kindBool, text: "true", line: line}), true
		case "false", "False", "FALSE":
			return q.node(node{kind: kindBool, text: "false", line: line}), true
		case "null", "Null", "NULL":
			return q.node(node{kind: kindNull, text: string(text), line: line}), true
		default:
			return q.node(node{kind: kindString, text: string(text), line: line}), true
		}
	case '0' <= c && c <= '9':
		if len(text) <= 18 && allDigits(text) {
			return q.node(node{kind: kindNumber, text: string(text), line: line}), true
		}
		if len(text) == 10 && allDigits(text[:4]) && text[4] == '-' && allDigits(text[5:7]) && text[7] == '-' && allDigits(text[8:]) && realDate(text) {
			return q.node(node{kind: kindDate, text: string(text), line: line}), true
		}
	}
	return nil, false
}

// realDate reports whether the digits of YYYY-MM-DD name a day of the
// calendar: what time.Parse("2006-1-2") accepts, at a tenth of its cost.
func realDate(text []byte) bool {
	num := func(b []byte) int {
		n := 0
		for _, c := range b {
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(text[:4]), num(text[5:7]), num(text[8:10])
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// quickRunes reports whether data holds only characters yaml.v3 accepts
// anywhere (no tabs, no control characters, no byte-order mark or
// non-characters), so that quickYAML need not know where it would refuse
// them.
func quickRunes(data []byte) bool {
	if plainText(data) { // the usual block: one quick pass
		return bytes.IndexByte(data, '\t') < 0
	}
	return quickRunesByRune(data)
}

// quickRunesByRune is quickRunes rune by rune, for blocks that are not
// plain text (and the reference its quick pass is tested against).
func quickRunesByRune(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		// C1 controls (NEL, U+0085, and U+2028 and U+2029 are line breaks
		// to yaml.v3), the byte-order mark and non-characters.
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}
