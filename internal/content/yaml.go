package content

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"brief/internal/syntaxhint"
)

// decodeYAML decodes a YAML block into a node tree. yaml.v3 follows YAML 1.2
// when decoding into a yaml.Node: only true and false are booleans, so a
// jurisdiction written NO (Norway) stays a string. first is the file line of
// the block's first line.
func decodeYAML(data []byte, first int, sc *scratch) (root *node, quick bool, err *syntaxError) {
	if root, ok := quickYAML(data, first, sc); ok {
		return root, true, nil
	}
	root, err = fullYAML(data, first)
	return root, false, err
}

// fullYAML is decodeYAML by yaml.v3, for any block.
func fullYAML(data []byte, first int) (*node, *syntaxError) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err, data, first)
	}
	if len(doc.Content) == 0 { // empty, or only comments
		return &node{kind: kindMap, line: first}, nil
	}
	budget := maxNodes
	root := fromYAML(doc.Content[0], first-1, &budget, 0)
	if root == nil {
		return nil, tooLarge(first)
	}
	return root, nil
}

// fromYAML converts a yaml.Node; offset turns its block line into a file line.
// It returns nil when the budget of nodes runs out.
func fromYAML(y *yaml.Node, offset int, budget *int, depth int) *node {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil
	}
	if y.Kind == yaml.AliasNode && y.Alias != nil {
		// Keep the alias's own line: that is where the editor used it.
		n := fromYAML(y.Alias, offset, budget, depth+1)
		if n != nil {
			c := *n
			c.line = y.Line + offset
			n = &c
		}
		return n
	}
	n := &node{line: y.Line + offset}
	switch y.Kind {
	case yaml.SequenceNode:
		n.kind = kindList
		n.items = make([]*node, 0, len(y.Content))
		for _, c := range y.Content {
			item := fromYAML(c, offset, budget, depth+1)
			if item == nil {
				return nil
			}
			n.items = append(n.items, item)
		}
	case yaml.MappingNode:
		n.kind = kindMap
		n.keys = make([]entry, 0, len(y.Content)/2)
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			val := fromYAML(v, offset, budget, depth+1)
			if val == nil {
				return nil
			}
			n.keys = append(n.keys, entry{key: k.Value, line: k.Line + offset, val: val})
		}
	case yaml.ScalarNode:
		n.text = y.Value
		switch y.ShortTag() {
		case "!!int", "!!float":
			n.kind = kindNumber
		case "!!bool":
			n.kind = kindBool
			n.text = strings.ToLower(y.Value)
		case "!!null":
			n.kind = kindNull
		case "!!timestamp":
			n.kind = kindDate
		default:
			n.kind = kindString
		}
	}
	return n
}

// yamlError places a yaml.v3 error on a file line and gives it a hint.
// Its messages read "yaml: line N: problem", but N is often not where the
// editor went wrong: an unclosed quote is reported where the stream ends,
// and a misplaced line at the start of the map or list it is in. So the
// line is found by decoding the block line by line (see firstBadLine), and
// yaml.v3's own number is the fallback for very long blocks.
func yamlError(err error, data []byte, first int) *syntaxError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, text
			}
		}
	}
	if bad := firstBadLine(data, func(prefix []byte) bool {
		var doc yaml.Node
		return yaml.Unmarshal(prefix, &doc) == nil
	}); bad > 0 {
		line = bad
	}
	line = min(max(line, 1), max(lineCount(data), 1))
	text := data
	for range line - 1 {
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text = text[i+1:]
		}
	}
	text, _, _ = bytes.Cut(text, newline)
	return &syntaxError{line: first + line - 1, msg: msg, hint: syntaxhint.YAMLAt(msg, text)}
}

// maxBisectLines bounds the blocks firstBadLine decodes line by line (once
// per line), so that a hostile block cannot make it quadratic.
const maxBisectLines = 300

// firstBadLine returns the 1-based line after the longest run of whole
// lines at the start of data that decodes: the line where decoding first
// goes wrong for good. A prefix may fail in between (a list written over
// several lines) as long as a longer one decodes again. It returns 0 when
// data is too long to search this way.
func firstBadLine(data []byte, decodes func(prefix []byte) bool) int {
	n := lineCount(data)
	if n > maxBisectLines {
		return 0
	}
	ends := make([]int, 0, n) // ends[k] is the length of the first k+1 lines
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) < n {
		ends = append(ends, len(data))
	}
	for k := n - 1; k > 0; k-- {
		if decodes(data[:ends[k-1]]) {
			return k + 1
		}
	}
	return 1
}
