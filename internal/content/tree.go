package content

// The three front matter formats decode into this one small tree, so that
// validation, type names in messages and line numbers are written once.

// kind is what a front matter value is, as the editor wrote it.
type kind uint8

const (
	kindNull kind = iota
	kindString
	kindNumber
	kindBool
	kindDate // an unquoted YAML timestamp or a TOML date-time; text holds it as written
	kindList
	kindMap
)

// article names a kind in messages: "want a string, got a number".
func (k kind) article() string {
	switch k {
	case kindString:
		return "a string"
	case kindNumber:
		return "a number"
	case kindBool:
		return "a boolean"
	case kindDate:
		return "a date"
	case kindList:
		return "a list"
	case kindMap:
		return "a map"
	}
	return "nothing"
}

// node is one decoded value. Scalars keep their literal text, never a float,
// so that amounts such as 100000000 stay exact.
type node struct {
	kind  kind
	text  string  // scalars: the value; numbers as written; booleans "true" or "false"
	line  int     // 1-based line in the file
	items []*node // kindList
	keys  []entry // kindMap, in source order where the format keeps it
}

// entry is one key of a map and its value.
type entry struct {
	key  string
	line int // line of the key
	val  *node
}

// isScalar reports whether the value is a single string, number, bool or date.
func (n *node) isScalar() bool {
	return n.kind == kindString || n.kind == kindNumber || n.kind == kindBool || n.kind == kindDate
}

// maxNodes bounds the tree a front matter block may decode into, so that a
// hostile file (YAML aliases nested into a "billion laughs") cannot exhaust
// memory. Real briefings use a few dozen.
const maxNodes = 10000
