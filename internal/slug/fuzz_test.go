package slug

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzMake checks what every URL segment made from a name can be trusted
// to be: valid UTF-8, one segment with nothing a URL or a file system reads
// as syntax, no hyphen at either end or twice in a row, lower case, stable
// when made again, and empty exactly when the name has no letter or digit.
func FuzzMake(f *testing.F) {
	for _, s := range []string{
		"Web3", "Hong Kong", "香港证监会：虚拟资产，“新规”。", "China's stance", "Ｗｅｂ３ 全角",
		"cafe\u0301 au lait", "\u0301alone", "a/b\\c?d#e%f", "..", "!!!", "İstanbul", "ǅ titlecase",
		"ﬁ ligature", "\u00a0nbsp\u2028ls", "\xff\xfe", "x\x00y\x1bz", "🚀", "٣ Arabic-Indic", "Ⅻ roman",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Make(%q) = %q, not valid UTF-8", s, got)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q: stray hyphens", s, got)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.M, r) {
				t.Fatalf("Make(%q) = %q holds %U, neither letter, digit, mark nor hyphen", s, got, r)
			}
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(%q) = %q, but Make of that is %q", s, got, again)
		}
		if lower := strings.Map(unicode.ToLower, got); lower != got {
			t.Fatalf("Make(%q) = %q, not lower case (%q)", s, got, lower)
		}
		hasAlnum := strings.ContainsFunc(s, func(r rune) bool {
			r = foldFullWidth(r)
			return unicode.IsLetter(r) || unicode.IsNumber(r)
		})
		if (got != "") != hasAlnum {
			t.Fatalf("Make(%q) = %q, but the name has a letter or digit: %v", s, got, hasAlnum)
		}
	})
}
