package content

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decodeYAML decodes a YAML block into a node tree. yaml.v3 follows YAML 1.2
// when decoding into a yaml.Node: only true and false are booleans, so a
// jurisdiction written NO (Norway) stays a string. first is the file line of
// the block's first line.
func decodeYAML(data []byte, first int) (*node, *syntaxError) {
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

// yamlParserErrors are the messages of yaml.v3's parser (as opposed to its
// scanner). For these it prints a 0-based line (and none for line 0), so one
// must be added.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError places a yaml.v3 error on a file line. Its messages read
// "yaml: line N: problem", or "yaml: problem" when the problem is on the
// block's first line.
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
	if yamlParserErrors[msg] {
		line++
	}
	if line == 0 {
		line = 1
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		// No line in this message: find where the alias is used.
		name, _, _ = strings.Cut(name, "'")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			line = 1 + bytes.Count(data[:i], newline)
		}
	}
	if n := lineCount(data); line > n && n > 0 {
		line = n
	}
	return &syntaxError{line: first + line - 1, msg: msg}
}
