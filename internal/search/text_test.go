package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Olympics", "olympics"},
		{"ＷＥＢ３　ＡＢＣ１２３", "web3 abc123"}, // full-width letters, digits and space
		{"ﾃｽﾄ", "テスト"},                 // half-width katakana
		{"ガバナンス", "ガバナンス"},             // voiced kana keep their mark
		{"Café Crème", "cafe creme"},
		{"Zürich São Paulo", "zurich sao paulo"},
		{"ﬁnance", "finance"},
		{"Straße", "strasse"},
		{"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"}, // final sigma folds to σ, as JavaScript would give ς
		{"İstanbul", "istanbul"},
		{"Łódź Øresund Æther", "lodz oresund aether"},
		{"数字人民币", "数字人民币"},
		{"①②", "12"},
		{"हिन्दी", "हिन्दी"}, // Devanagari marks are letters' parts, not accents
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"licences", "licenc"}, {"licence", "licenc"},
		{"licensing", "licens"}, {"licensed", "licens"}, {"license", "licens"},
		{"policies", "policy"}, {"policy", "policy"},
		{"issued", "issu"}, {"issues", "issu"}, {"issuing", "issu"}, {"issue", "issu"},
		{"regulators", "regulator"}, {"olympics", "olympic"},
		{"classes", "class"}, {"class", "class"}, {"status", "status"}, {"basis", "basis"},
		{"mining", "min"}, {"mined", "min"}, {"mine", "min"},
		{"thing", "thing"}, {"bring", "bring"}, {"need", "need"}, {"speed", "speed"}, {"used", "used"},
		{"bus", "bus"}, {"gas", "gas"}, {"the", "the"},
		{"web3", "web3"}, {"café", "café"}, // digits and other letters are left alone
	} {
		if got := stem(tc.in); got != tc.want {
			t.Errorf("stem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func tokens(s string) []string {
	var out []string
	tokenize(s, func(t token) {
		k := "w:"
		if t.cjk {
			k = "c:"
		}
		if t.tooLong {
			k = "long:"
		}
		if t.endsText {
			k += "$"
		}
		out = append(out, k+t.text)
	})
	return out
}

func TestTokenize(t *testing.T) {
	long := strings.Repeat("a", maxWordLen+1)
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"e-cny pilots.", []string{"w:e", "w:cny", "w:pilots"}},
		{"china's china’s", []string{"w:chinas", "w:$chinas"}},
		{"'quoted' rock'n'roll", []string{"w:quoted", "w:$rocknroll"}},
		{"香港stablecoin", []string{"c:香港", "w:$stablecoin"}},
		{"web3发展计划。", []string{"w:web3", "c:发展计划"}},
		{"《通知》风险", []string{"c:通知", "c:$风险"}},
		{"1.2bn 3亿", []string{"w:1", "w:2bn", "w:3", "c:$亿"}},
		{"x " + long, []string{"w:x", "long:$" + long}},
		{"한국은행 テスト", []string{"c:한국은행", "c:$テスト"}},
	} {
		if got := tokens(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCJKTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"险", []string{"险"}},
		{"风险", []string{"风险", "险"}},
		{"数字人民币", []string{"数字", "字人", "人民", "民币", "币"}},
		{"𠀀𠀁", []string{"𠀀𠀁", "𠀁"}},
	} {
		var got []string
		cjkTerms(tc.in, func(s string) { got = append(got, s) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("cjkTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	g := func(exact, prefix string) Group { return Group{Exact: exact, Prefix: prefix} }
	for _, tc := range []struct {
		in   string
		want []Group
	}{
		{"", nil},
		{"  !! ", nil},
		{"Olympics", []Group{g("olympic", "olympics")}},
		{"Olympics ", []Group{g("olympic", "")}}, // finished: no prefix
		{"regul", []Group{g("regul", "regul")}},
		{"re", []Group{g("re", "")}}, // too short for a prefix
		{"licensing regimes", []Group{g("licens", ""), g("regim", "regimes")}},
		{"ＯＬＹＭＰＩＣＳ", []Group{g("olympic", "olympics")}},
		{"风险", []Group{g("风险", "")}},
		{"险", []Group{g("", "险")}},
		{"数字人民币", []Group{g("数字", ""), g("字人", ""), g("人民", ""), g("民币", "")}},
		{"香港 stablecoin", []Group{g("香港", ""), g("stablecoin", "stablecoin")}},
		{"web3 Web3 WEB3", []Group{g("web3", ""), g("web3", "web3")}},
		{"a b c d e f g h i j k l m n", []Group{g("a", ""), g("b", ""), g("c", ""), g("d", ""), g("e", ""), g("f", ""),
			g("g", ""), g("h", ""), g("i", ""), g("j", ""), g("k", ""), g("l", "")}}, // at most maxGroups
	} {
		if got := ParseQuery(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("ParseQuery(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestSeparator(t *testing.T) {
	for _, tc := range []struct{ lo, hi, want string }{
		{"abc", "abd", "abd"},
		{"abc", "b", "b"},
		{"ab", "abcd", "abc"},
		{"regime", "regulator", "regu"},
		{"风", "风险", "风险"},
		{"风险", "首先", "首"},
		{"a", "é", "é"}, // a whole character, never half of one
	} {
		got := separator(tc.lo, tc.hi)
		if got != tc.want || got <= tc.lo || got > tc.hi {
			t.Errorf("separator(%q, %q) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// suffixStem is stem's rule written ending by ending, as it was first
// made: stemmed must agree with it.
func suffixStem(w string) string {
	n := len(w)
	if n < 4 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return w
	}
	vowel := func(s string) bool { return strings.ContainsAny(s, "aeiou") }
	switch {
	case strings.HasSuffix(w, "sses"):
		n -= 2
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		n--
	}
	switch {
	case strings.HasSuffix(w[:n], "ing") && n >= 6 && vowel(w[:n-3]):
		n -= 3
	case strings.HasSuffix(w[:n], "ed") && !strings.HasSuffix(w[:n], "eed") && n >= 5 && vowel(w[:n-2]):
		n -= 2
	}
	if n >= 4 && w[n-1] == 'e' {
		n--
	}
	return w[:n]
}

// TestStemAgrees: stem and the in-place stemmer (on the word upper-cased,
// as the fast path hands it over) agree with the rule
// written ending by ending on every word of up to six letters from the
// letters the rule looks at, and on longer random ones with digits and
// other letters.
func TestStemAgrees(t *testing.T) {
	const letters = "adeginsu"
	var words []string
	var grow func(w string)
	grow = func(w string) {
		words = append(words, w)
		if len(w) < 6 {
			for i := range len(letters) {
				grow(w + letters[i:i+1])
			}
		}
	}
	grow("")
	r := rand.New(rand.NewPCG(9, 9))
	for range 20000 {
		var b strings.Builder
		for range 4 + r.IntN(12) {
			b.WriteString([]string{"a", "e", "i", "s", "u", "d", "n", "g", "y", "sses", "ies", "ing", "ed", "eed", "É", "7"}[r.IntN(16)])
		}
		words = append(words, b.String())
	}
	for _, w := range words {
		want := suffixStem(w)
		if stem(w) != want {
			t.Fatalf("stem(%q) = %q, want %q", w, stem(w), want)
		}
		if !asciiWords(w) {
			continue // the fast path hands such words to stem
		}
		var got []byte
		termsRead(strings.ToUpper(w), func(t []byte) { got = t })
		if string(got) != want {
			t.Fatalf("%q upper-cased: in place %q, want %q", w, got, want)
		}
	}
}

// asciiWords says whether w is ASCII letters and digits alone.
func asciiWords(w string) bool {
	for i := range len(w) {
		if !asciiWord[w[i]] {
			return false
		}
	}
	return true
}
