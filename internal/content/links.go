package content

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

var sourceFields = []string{"title", "url"}

// sources reads the list of cited sources. A source without a title is
// titled with its host name.
func (p *parser) sources(v *node) []Source {
	switch v.kind {
	case kindNull:
		return nil
	case kindList:
	default:
		p.typeError(v, "sources", "a list of sources", "["+p.syntax.inlineMap("title", `"SFC"`, "url", `"https://www.sfc.hk/"`)+"]")
		return nil
	}
	out := make([]Source, 0, len(v.items))
	for i, it := range v.items {
		field := itemField("sources", i)
		if it.kind != kindMap {
			p.errorf(it.line, field, "give each source a url and, if you like, a title", "want a map with title and url, got %s", it.kind.article())
			continue
		}
		var src Source
		var host string
		hasURL := false
		p.eachKey(it, field, sourceFields, func(e entry, sub string) {
			switch e.key {
			case "title":
				src.Title, _ = p.optionalString(e.val, sub)
			case "url":
				hasURL = true
				src.URL, host = p.sourceURL(e.val, sub)
			}
		})
		if !hasURL {
			p.errorf(it.line, field+".url", "add "+p.syntax.assignment("url", `"https://..."`), "required field is missing")
		}
		if src.URL == "" {
			continue
		}
		if src.Title == "" {
			src.Title = host
		}
		out = append(out, src)
	}
	return out
}

// sourceURL accepts an absolute http or https URL and returns it and its host.
func (p *parser) sourceURL(v *node, field string) (string, string) {
	s, ok := p.optionalString(v, field)
	if !ok && v.kind != kindNull {
		return "", ""
	}
	if s == "" {
		p.errorf(v.line, field, `write an absolute URL such as "https://www.sfc.hk/"`, "must not be empty")
		return "", ""
	}
	u, err := url.Parse(s)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsFunc(s, unicode.IsSpace) {
		return s, u.Hostname()
	}
	hint := "links must start with https:// or http://"
	if !strings.Contains(s, "://") && !strings.ContainsFunc(s, unicode.IsSpace) {
		hint = fmt.Sprintf("write %q", "https://"+strings.TrimPrefix(s, "//"))
	}
	p.errorf(v.line, field, hint, "%q is not an absolute http(s) URL", s)
	return "", ""
}

// eachKey walks the keys of a list item's map, reporting unknown and repeated
// keys, and calls fn for each known one with its field name (funding[0].amount).
func (p *parser) eachKey(m *node, field string, known []string, fn func(e entry, sub string)) {
	for i, e := range m.keys {
		sub := field + "." + e.key
		if !contains(known, e.key) {
			p.errorf(e.line, sub, p.unknownHint(e.key, known), "unknown field")
			continue
		}
		if j := indexOfKey(m.keys[:i], e.key); j >= 0 {
			p.errorf(e.line, sub, "remove one of them", "set twice (first on line %d)", m.keys[j].line)
			continue
		}
		fn(e, sub)
	}
}

func contains(list []string, s string) bool {
	for _, t := range list {
		if t == s {
			return true
		}
	}
	return false
}

func indexOfKey(keys []entry, key string) int {
	for i, e := range keys {
		if e.key == key {
			return i
		}
	}
	return -1
}
