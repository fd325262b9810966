// Package tomlpos tells where a TOML text sets its keys, opens its tables
// and writes its array elements. BurntSushi/toml, which decodes site.toml
// and TOML front matter, keeps positions to itself; go-toml's parser gives
// them, so that messages about either file can name a line.
package tomlpos

import (
	"bytes"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Index holds the lines (1-based) where a TOML text writes things. Paths are
// dotted keys as the decoder names them ("currency.rates.CNY"), quotes and
// escapes resolved.
type Index struct {
	keys   map[string]int     // path -> first line that sets it or opens it (every prefix too)
	tables map[string][]Table // header path -> each [path] or [[path]], in order
	elems  map[string][]int   // path -> line of each element of the array set there
}

// Table is one [header] or [[header]] of the text.
type Table struct {
	Line int
	// Keys maps the first segment of each key set under the header to its
	// first line.
	Keys map[string]int
}

// Parse indexes src. It is meant for text the decoder has accepted; on a
// syntax error it keeps what it found before it.
func Parse(src []byte) Index {
	x := Index{keys: map[string]int{}, tables: map[string][]Table{}, elems: map[string][]int{}}
	var p unstable.Parser
	p.Reset(src)
	ls := newLines(src)
	table := ""             // the path of the current header
	var keys map[string]int // the current table's keys; nil at the root
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			it := e.Key()
			table = path(&it)
			line := ls.of(e.Child())
			keys = map[string]int{}
			x.tables[table] = append(x.tables[table], Table{Line: line, Keys: keys})
			x.set(table, line)
		case unstable.KeyValue:
			it := e.Key()
			key := path(&it)
			line := ls.of(e.Value().Next())
			if keys != nil {
				first, _, _ := strings.Cut(key, ".")
				setFirst(keys, first, line)
			}
			x.value(ls, join(table, key), e.Value(), line)
		}
	}
	return x
}

// value records the lines of a value set at path on line: its elements when
// it is an array, its keys when it is an inline table.
func (x *Index) value(ls lines, at string, v *unstable.Node, line int) {
	x.set(at, line)
	switch v.Kind {
	case unstable.Array:
		lines := []int{}
		for it := v.Children(); it.Next(); {
			lines = append(lines, ls.of(it.Node()))
		}
		x.elems[at] = lines
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			k := kv.Key()
			x.value(ls, join(at, path(&k)), kv.Value(), ls.of(kv.Value().Next()))
		}
	}
}

// set records line for path and each of its prefixes, where none is yet.
func (x *Index) set(path string, line int) {
	for p := path; ; {
		setFirst(x.keys, p, line)
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return
		}
		p = p[:i]
	}
}

// Line is the first line that sets path or opens it as a table, or 0.
func (x Index) Line(path string) int { return x.keys[path] }

// Lines maps every path (and prefix) to its first line. The map is the
// index's own: callers must not change it.
func (x Index) Lines() map[string]int { return x.keys }

// Tables lists the [path] or [[path]] headers, in order.
func (x Index) Tables(path string) []Table { return x.tables[path] }

// Elements lists the line of each element of the array set at path; nil when
// path is not set to an array.
func (x Index) Elements(path string) []int { return x.elems[path] }

// lines holds the offset of each line feed of a text, for the line of an
// offset in a binary search: the parser's Shape counts them from the
// text's start for each node (and for its end too), which made a file
// of interface text cost its length times its keys.
type lines []int

func newLines(src []byte) lines {
	var ls lines
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '\n')
		if i < 0 {
			return ls
		}
		at += i
		ls = append(ls, at)
		at++
	}
}

// of is the line where a node starts: its own bytes, or for an array,
// which has none, its first element's (or 0 for an empty one).
func (ls lines) of(n *unstable.Node) int {
	for ; n.Valid(); n = n.Child() {
		if n.Raw.Length > 0 || n.Kind == unstable.InlineTable {
			return 1 + sort.SearchInts(ls, int(n.Raw.Offset)) // the line feeds before it
		}
	}
	return 0
}

func path(it *unstable.Iterator) string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return strings.Join(parts, ".")
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func setFirst(m map[string]int, key string, line int) {
	if _, ok := m[key]; !ok {
		m[key] = line
	}
}
