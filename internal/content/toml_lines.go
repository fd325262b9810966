package content

import (
	"bytes"
	"strings"
)

// tomlIndex records where things are written in a TOML block (block lines,
// 1-based). BurntSushi/toml keeps positions to itself, so this scan finds the
// lines our messages need: top-level keys, [[table]] items and their keys,
// and the elements of top-level arrays. It runs only on text the decoder has
// accepted, so it can be lenient.
type tomlIndex struct {
	top    map[string]int         // first segment of a root key or table header
	tables map[string][]tomlTable // header name, one per [[name]] or [name]
	elems  map[string][]int       // top-level key -> line of each array element
}

type tomlTable struct {
	line int            // line of the header
	keys map[string]int // first segment of each key set in the table
}

func indexTOML(data []byte) tomlIndex {
	idx := tomlIndex{top: map[string]int{}, tables: map[string][]tomlTable{}, elems: map[string][]int{}}
	s := tomlScanner{data: data, line: 1}
	var section map[string]int // keys of the current table; nil at the root
	for s.i < len(s.data) {
		s.skipSpaces()
		if s.i >= len(s.data) {
			break
		}
		switch c := s.data[s.i]; {
		case c == '\n':
			s.i++
			s.line++
			continue
		case c == '[':
			end := bytes.IndexByte(s.data[s.i:], '\n')
			if end < 0 {
				end = len(s.data) - s.i
			}
			name := tomlKeyName(strings.Trim(string(s.data[s.i:s.i+end]), "[] \t"))
			if cut := strings.LastIndexByte(name, ']'); cut >= 0 { // a comment after the header
				name = tomlKeyName(strings.Trim(name[:cut], "[] \t"))
			}
			section = map[string]int{}
			idx.tables[name] = append(idx.tables[name], tomlTable{line: s.line, keys: section})
			setFirst(idx.top, firstSegment(name), s.line)
		case c != '#':
			eq := s.i
			for eq < len(s.data) && s.data[eq] != '=' && s.data[eq] != '\n' {
				eq++
			}
			if eq >= len(s.data) || s.data[eq] != '=' {
				break
			}
			key := firstSegment(tomlKeyName(string(s.data[s.i:eq])))
			line := s.line
			s.i = eq + 1
			s.skipSpaces()
			if section != nil {
				setFirst(section, key, line)
				s.value(nil)
				break
			}
			setFirst(idx.top, key, line)
			var elems []int
			s.value(&elems)
			if elems != nil {
				idx.elems[key] = elems
			}
		}
		s.skipLine()
	}
	return idx
}

func setFirst(m map[string]int, key string, line int) {
	if _, ok := m[key]; !ok {
		m[key] = line
	}
}

// tomlKeyName removes quotes and the spaces around dots: ` "a" . b ` -> a.b.
func tomlKeyName(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, `"' `) {
		parts := strings.Split(s, ".")
		for i, p := range parts {
			parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
		}
		s = strings.Join(parts, ".")
	}
	return s
}

func firstSegment(key string) string {
	seg, _, _ := strings.Cut(key, ".")
	return seg
}

// tomlScanner skips over TOML values, counting lines.
type tomlScanner struct {
	data []byte
	i    int
	line int
}

func (s *tomlScanner) skipSpaces() {
	for s.i < len(s.data) && (s.data[s.i] == ' ' || s.data[s.i] == '\t' || s.data[s.i] == '\r') {
		s.i++
	}
}

// skipLine moves past the end of the current line (comments included).
func (s *tomlScanner) skipLine() {
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		s.i++
	}
	if s.i < len(s.data) {
		s.i++
		s.line++
	}
}

// skipBlank skips spaces, newlines and comments between array elements.
func (s *tomlScanner) skipBlank() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.i++
			s.line++
		case '#':
			for s.i < len(s.data) && s.data[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// value skips one value. When elems is not nil and the value is an array,
// it receives the line of each element.
func (s *tomlScanner) value(elems *[]int) {
	if s.i >= len(s.data) {
		return
	}
	switch s.data[s.i] {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		if elems != nil && *elems == nil {
			*elems = []int{}
		}
		for s.skipBlank(); s.i < len(s.data); s.skipBlank() {
			switch s.data[s.i] {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			if elems != nil {
				*elems = append(*elems, s.line)
			}
			start := s.i
			s.value(nil)
			if s.i == start {
				s.i++ // never stall, whatever the text
			}
		}
	case '{':
		s.i++
		for s.skipBlank(); s.i < len(s.data); s.skipBlank() {
			switch s.data[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			for s.i < len(s.data) && s.data[s.i] != '=' && s.data[s.i] != '}' && s.data[s.i] != '\n' {
				if c := s.data[s.i]; c == '"' || c == '\'' {
					s.str()
				} else {
					s.i++
				}
			}
			if s.i < len(s.data) && s.data[s.i] == '=' {
				s.i++
				s.skipSpaces()
				start := s.i
				s.value(nil)
				if s.i == start {
					s.i++
				}
			}
		}
	default:
		for s.i < len(s.data) && strings.IndexByte(" \t\r\n,]}#", s.data[s.i]) < 0 {
			s.i++
		}
	}
}

// str skips a string of any of TOML's four kinds.
func (s *tomlScanner) str() {
	q := s.data[s.i]
	escapes := q == '"'
	if bytes.HasPrefix(s.data[s.i:], []byte{q, q, q}) {
		s.i += 3
		for s.i < len(s.data) {
			switch c := s.data[s.i]; {
			case escapes && c == '\\':
				s.i++
				if s.i < len(s.data) && s.data[s.i] == '\n' {
					s.line++
				}
			case c == '\n':
				s.line++
			case c == q && bytes.HasPrefix(s.data[s.i:], []byte{q, q, q}):
				s.i += 3
				for s.i < len(s.data) && s.data[s.i] == q { // up to two quotes may end the content
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		c := s.data[s.i]
		s.i++
		if escapes && c == '\\' {
			s.i++
		} else if c == q {
			return
		}
	}
}
