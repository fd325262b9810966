package content

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"

	"brief/internal/syntaxhint"
	"brief/internal/tomlpos"
)

// decodeTOML decodes a TOML block with BurntSushi/toml, which gives values but
// no positions; lines come from tomlpos.
func decodeTOML(data []byte, first int) (*node, *syntaxError) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		return nil, tomlError(err, data, first)
	}
	c := tomlConverter{idx: tomlpos.Parse(data), offset: first - 1, budget: maxNodes}
	root := &node{kind: kindMap, line: first, keys: make([]entry, 0, len(m))}
	for _, key := range topLevelOrder(md, m) {
		line := c.line(c.idx.Line(key), first)
		val := c.value(m[key], line, key, nil, 0)
		if val == nil {
			return nil, tooLarge(first)
		}
		root.keys = append(root.keys, entry{key: key, line: line, val: val})
	}
	return root, nil
}

// topLevelOrder lists the top-level keys in the order they were written.
func topLevelOrder(md toml.MetaData, m map[string]any) []string {
	order := make([]string, 0, len(m))
	for _, k := range md.Keys() {
		if len(k) == 1 {
			order = append(order, k[0])
		}
	}
	if len(order) != len(m) { // not expected; fall back to a stable order
		order = order[:0]
		for k := range m {
			order = append(order, k)
		}
		slices.Sort(order)
	}
	return order
}

type tomlConverter struct {
	idx    tomlpos.Index
	offset int // block line + offset = file line
	budget int
}

// line turns a block line into a file line, or returns fallback when unknown.
func (c *tomlConverter) line(blockLine, fallback int) int {
	if blockLine > 0 {
		return blockLine + c.offset
	}
	return fallback
}

// value converts a decoded TOML value written on line. top is the top-level
// key it belongs to when it is that key's value (for element lines), and
// keyLines the lines of the keys when it is a table.
func (c *tomlConverter) value(v any, line int, top string, keyLines map[string]int, depth int) *node {
	c.budget--
	if c.budget < 0 || depth > 100 {
		return nil
	}
	n := &node{line: line}
	switch t := v.(type) {
	case string:
		n.kind, n.text = kindString, t
	case int64:
		n.kind, n.text = kindNumber, strconv.FormatInt(t, 10)
	case float64:
		// The shortest text that reads back as the same float: what the
		// editor wrote for any ordinary literal.
		n.kind, n.text = kindNumber, strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		n.kind, n.text = kindBool, strconv.FormatBool(t)
	case time.Time:
		n.kind, n.text = kindDate, tomlTimeText(t)
	case []map[string]any: // [[top]] tables
		n.kind = kindList
		tables := c.idx.Tables(top)
		for i, m := range t {
			itemLine, keys := line, map[string]int(nil)
			if top != "" && len(tables) == len(t) {
				itemLine, keys = c.line(tables[i].Line, line), tables[i].Keys
			}
			item := c.value(m, itemLine, "", keys, depth+1)
			if item == nil {
				return nil
			}
			n.items = append(n.items, item)
		}
	case []any:
		n.kind = kindList
		elems := c.idx.Elements(top)
		for i, e := range t {
			itemLine := line
			if top != "" && len(elems) == len(t) {
				itemLine = c.line(elems[i], line)
			}
			item := c.value(e, itemLine, "", nil, depth+1)
			if item == nil {
				return nil
			}
			n.items = append(n.items, item)
		}
	case map[string]any:
		n.kind = kindMap
		if tables := c.idx.Tables(top); top != "" && len(tables) == 1 {
			keyLines = tables[0].Keys
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { // as written, then by name
			if la, lb := keyLines[a], keyLines[b]; la != lb {
				return la - lb
			}
			if a < b {
				return -1
			}
			return 1
		})
		for _, k := range keys {
			keyLine := c.line(keyLines[k], line)
			val := c.value(t[k], keyLine, "", nil, depth+1)
			if val == nil {
				return nil
			}
			n.keys = append(n.keys, entry{key: k, line: keyLine, val: val})
		}
	}
	return n
}

// tomlTimeText writes a TOML date-time back as its literal, so that TOML and
// YAML dates go through the same parser. BurntSushi marks local (offset-less)
// values with special zones.
func tomlTimeText(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format(time.DateOnly)
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// tomlError places a BurntSushi/toml error on a file line and gives it a
// hint. The decoder reports an unclosed list or table where the input
// ends, so the line is found as for YAML (see firstBadLine).
func tomlError(err error, data []byte, first int) *syntaxError {
	line, msg := 1, err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, msg = max(pe.Position.Line, 1), pe.Message
	}
	if bad := firstBadLine(data, func(prefix []byte) bool {
		var m map[string]any
		_, err := toml.Decode(string(prefix), &m)
		return err == nil
	}); bad > 0 {
		line = bad
	}
	line = min(line, max(lineCount(data), 1))
	return &syntaxError{line: first + line - 1, msg: msg, hint: syntaxhint.TOML(msg)}
}
