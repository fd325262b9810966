package sources

import (
	"path"
	"strings"

	"golang.org/x/text/language"
)

// FileLanguage reads the language a content file's name gives before its
// .md: "x.zh-Hant.md" is in zh-Hant, and so is a bundle's
// "index.zh-Hant.md". base is the path without it ("x.md", "index.md"),
// which names the briefing it translates. Only a tag that x/text knows
// counts, so "report.v2.md" or "notes.final.md" name no language.
func FileLanguage(p string) (code, base string, ok bool) {
	if strings.IndexByte(p, '.') == len(p)-len(".md") && strings.HasSuffix(p, ".md") {
		return "", p, false // no dot but its .md's (most paths): found at once
	}
	return fileLanguage(p)
}

// fileLanguage is FileLanguage the full way, for any path.
func fileLanguage(p string) (code, base string, ok bool) {
	dir, name := path.Split(p)
	stem, isMD := strings.CutSuffix(name, ".md")
	i := strings.LastIndexByte(stem, '.')
	if !isMD || i <= 0 {
		return "", p, false
	}
	code = stem[i+1:]
	if _, err := language.Parse(code); err != nil || !isTagSyntax(code) {
		return "", p, false
	}
	return code, dir + stem[:i] + ".md", true
}

// isTagSyntax keeps to letters, digits and hyphens, starting with a
// letter: language.Parse also accepts "_" as a separator.
func isTagSyntax(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case (r >= '0' && r <= '9' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}
