package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// fastCases are texts where the ASCII fast path must hand over to the
// general one, or must not: apostrophes before and after non-ASCII
// letters, marks that compose with the ASCII letter before them, width
// forms that normalise to ASCII separators and apostrophes, CJK next to
// words, words at the length limit, stems made in place.
var fastCases = []string{
	"", " ", "a", "A", "Olympics", "POLICIES policies", "issued, issuing; issues.", "classes bus status",
	"china's", "china'", "'china", "china''s", "china's'", "rock'n'roll", "a'b'c'", "x'", "'", "''",
	"china’s", "china'’s", "china'é", "é'china", "é's", "l'état", "café's", "cafe\u0301", "cafe\u0301s",
	"a \u0301b", "a'\u0301b", "e\u0301'x", "Crème Brûlée", "naïve coöperation", "Straße", "İstanbul", "ΟΔΥΣΣΕΥΣ",
	"Ｗｅｂ３ web3", "ｗｅｂ３'ｓ", "it＇s", "a＇b", "x＇", "ＨＫ＄１４ｍ", "①② x²", "½ 1⁄2", "ﬁnance ﬁ'x", "ﾃｽﾄ",
	"香港stablecoin", "stablecoin香港", "web3发展计划。", "《通知》风险", "a'香港", "香港'a", "数字人民币 e-CNY's",
	"tab\tseparated\nlines", "x\u3000y", "\u00a0a\u00a0", "a\u200bb", "a\u00adb", "🙂 crypto🙂", "crypto🙂's",
	strings.Repeat("a", maxWordLen), strings.Repeat("a", maxWordLen+1), strings.Repeat("a'", maxWordLen+1),
	strings.Repeat("é", maxWordLen) + "s", strings.Repeat("a", maxWordLen) + "é", "x " + strings.Repeat("ab", 30) + " y",
	"香港，web3。a：b；c！d？（e）《f》「g」“h”—i…j", "数字人民币，web3’s", "中\u0301文", "中ﾃ文，x", "中a'ｂ", "ab'中", "中'", "一丁", "㐀中",
	"\xff", "a\xffb", "a'\xff", "\xe9t\xe9", "é\x80", "00\xf7ٷ ", // what is not UTF-8 normalises as it is only at the end
}

// generalTerms lists the terms of text as forTerms makes them.
func generalTerms(text string) []string {
	var out []string
	forTerms(text, func(t string) { out = append(out, t) })
	return out
}

func fastTermList(text string) []string {
	var out []string
	fastTerms(text, nil, func(t []byte) { out = append(out, string(t)) })
	return out
}

// TestFastTermsAgree: the ASCII fast path that Analyse reads text with
// makes the terms that normalising and tokenising the whole text makes,
// in the same order, on a table of hard cases and on random text built
// from ASCII and the characters that make normalising or tokenising
// depend on their neighbours.
func TestFastTermsAgree(t *testing.T) {
	cases := slices.Clone(fastCases)
	r := rand.New(rand.NewPCG(16, 1))
	alphabet := []string{"a", "b", "e", "i", "n", "g", "s", "y", "d", "A", "Z", "3", " ", ".", "-", "'", "'", "’", "＇",
		"\u0301", "é", "É", "ß", "ς", "Σ", "ﬁ", "Ａ", "ｚ", "１", "ﾃ", "ｶﾞ", "风", "险", "香港", "한", "𠀀", "\u3000",
		"½", "İ", "\u00a0", "\xff", "ies", "ing", "ed", "sses",
		"数", "字", "人民", "，", "。", "：", "（", "”", "…", "㐀", "ー", "\u0903"}
	for range 5000 {
		var b strings.Builder
		for range 1 + r.IntN(24) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, d := range manyDocs(r, 50) {
		cases = append(cases, d.Body)
	}
	bad := 0
	for _, text := range cases {
		if got, want := fastTermList(text), generalTerms(text); !slices.Equal(got, want) {
			t.Errorf("%q:\n  fast    %q\n  general %q", text, got, want)
			if bad++; bad > 10 {
				t.FailNow()
			}
		}
	}
}

func FuzzFastTermsAgree(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := fastTermList(text), generalTerms(text); !slices.Equal(got, want) {
			t.Fatalf("%q:\n  fast    %q\n  general %q", text, got, want)
		}
	})
}

// TestStemmedBytes: stemming a word in place gives stem's result.
func TestStemmedBytes(t *testing.T) {
	for _, w := range []string{"licences", "policies", "ies", "ties", "classes", "issued", "mining", "need", "web3", "café", "sses"} {
		var got []byte
		emitWord([]byte(w), func(t []byte) { got = t })
		if string(got) != stem(w) {
			t.Errorf("%q: %q, want %q", w, got, stem(w))
		}
	}
}
