package content

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// FrontMatter returns the front matter block of src as the JSON values an
// editor's schema validator sees: map[string]any, []any, string, json.Number,
// bool and nil. Dates are strings as written, in YAML and TOML alike. The
// error lists what stopped the block from being found or decoded.
func FrontMatter(src []byte) (any, error) {
	p := parser{path: "front matter"}
	root, _, _ := p.frontMatter(p.normalised(src))
	if root == nil {
		return nil, p.diags
	}
	return root.json(), nil
}

func (n *node) json() any {
	switch n.kind {
	case kindString, kindDate:
		return n.text
	case kindNumber:
		return jsonNumber(n.text)
	case kindBool:
		return n.text == "true"
	case kindList:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.json()
		}
		return out
	case kindMap:
		out := make(map[string]any, len(n.keys))
		for _, e := range n.keys {
			out[e.key] = e.val.json()
		}
		return out
	}
	return nil
}

// jsonNumber turns a YAML or TOML number into what a JSON decoder would
// give: 0x1F and 1_000 become 31 and 1000. NaN and the infinities have no
// JSON form and stay text.
func jsonNumber(text string) any {
	if json.Valid([]byte(text)) {
		return json.Number(text)
	}
	if i, err := strconv.ParseInt(text, 0, 64); err == nil {
		return json.Number(strconv.FormatInt(i, 10))
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return text
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
}
