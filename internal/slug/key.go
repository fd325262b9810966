package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key is the identity of a tag or jurisdiction name: names with one key are
// one term. It is the name in Unicode compatibility form (NFKC: full-width
// "ＷＥＢ３" is "WEB3"), in lower case, without white space, hyphens, dashes
// or underscores, so that "Web3", "web3", "ＷＥＢ３", "white paper",
// "white-paper" and "White_Paper" pair up as editors mean them to.
func Key(name string) string {
	s := strings.ToLower(norm.NFKC.String(name))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || unicode.Is(unicode.Pc, r) {
			return -1
		}
		return r
	}, s)
}
