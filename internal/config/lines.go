package config

import (
	"strconv"
	"strings"
)

// keyLines maps each dotted key of a TOML text to the line where it is set,
// so that diagnostics can point at it. The TOML library keeps positions but
// does not expose them; a line scan is enough for the flat files we accept.
func keyLines(src string) map[string]int {
	lines := map[string]int{}
	table := ""
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		s := strings.TrimSpace(line)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.HasPrefix(s, "[") {
			name := strings.Trim(strings.SplitN(s, "#", 2)[0], "[] \t")
			table = unquoteKey(name)
			if _, ok := lines[table]; !ok {
				lines[table] = n
			}
			continue
		}
		eq := strings.Index(s, "=")
		if eq < 0 {
			continue
		}
		key := unquoteKey(strings.TrimSpace(s[:eq]))
		if table != "" {
			key = table + "." + key
		}
		if _, ok := lines[key]; !ok {
			lines[key] = n
		}
	}
	return lines
}

// unquoteKey removes quotes around each part of a dotted key.
func unquoteKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		// A basic string's escapes ("\u0085") are Go's: unescaped, the
		// key matches the decoded one.
		if u, err := strconv.Unquote(p); err == nil && strings.HasPrefix(p, `"`) {
			parts[i] = u
			continue
		}
		parts[i] = strings.Trim(p, `"'`)
	}
	return strings.Join(parts, ".")
}
