package search

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"brief/internal/jsonquote"
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
	"The SFC's Licensing of VATPs: rock'n'roll, A'B'C'D'E'F'G'H'I'J, WEB3 policies ", "ABCDEFGH IJKLMNOPQ r's TUVWXYZ 12345678 123456789",
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
	termsRead(text, func(t []byte) { out = append(out, string(t)) })
	return out
}

// termsRead hands emit each term that an analyser reads in text, in order,
// repeats included, without counting them.
func termsRead(text string, emit func([]byte)) {
	a := newAnalyser(vocabularyLimit)
	a.emit = emit
	a.begin()
	a.add(text, 0)
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

// TestStemmedBytes: lower-casing and stemming a word of ASCII letters and
// digits in place gives stem's result for the word in lower case.
func TestStemmedBytes(t *testing.T) {
	for _, w := range []string{"licences", "policies", "ies", "ties", "classes", "issued", "mining", "need", "web3", "sses",
		"Licensing", "POLICIES", "WEB3", "Web3s", "ISSUED"} {
		var got []byte
		termsRead(w, func(t []byte) { got = t })
		if w := strings.ToLower(w); string(got) != stem(w) {
			t.Errorf("%q: %q, want %q", w, got, stem(w))
		}
	}
}

// referenceEntry is what Analyse must make of d, by the general path
// alone: its terms in the order met, NUL-ended, and their scores.
func referenceEntry(d *Doc) (terms string, scores []uint8) {
	index := map[string]int{}
	var order []string
	var best []uint8
	var count []int
	add := func(text string, base uint8) {
		forTerms(text, func(t string) {
			k, ok := index[t]
			if !ok {
				k = len(order)
				index[t] = k
				order = append(order, t)
				best, count = append(best, base), append(count, 0)
			}
			best[k], count[k] = max(best[k], base), count[k]+1
		})
	}
	add(d.Title, scoreTitle)
	for _, h := range d.Headings {
		add(h, scoreHeading)
	}
	add(d.Summary, scoreMeta)
	for _, l := range [][]string{d.Tags, d.Jurisdictions} {
		for _, s := range l {
			add(s, scoreMeta)
		}
	}
	add(d.Body, scoreBody)
	for _, l := range [][]string{d.Funding, d.Sources} {
		for _, s := range l {
			add(s, scoreBody)
		}
	}
	for k, t := range order {
		terms += t + "\x00"
		scores = append(scores, best[k]+bonusStep*uint8(min(bits.Len(uint(count[k])), 8)))
	}
	return terms, scores
}

func checkEntry(t testing.TB, d *Doc) {
	e := Analyse(d)
	terms, scores := referenceEntry(d)
	if e.terms != terms || !slices.Equal(e.scores, scores) {
		t.Fatalf("%+v:\n got %q %v\nwant %q %v", d, e.terms, e.scores, terms, scores)
	}
}

// TestAnalyseAgrees: Analyse, with its pooled analysers and the ASCII
// fast path, makes the terms and scores of the general path, document
// after document, for the hard cases, random documents and a generated
// corpus.
func TestAnalyseAgrees(t *testing.T) {
	var docs []*Doc
	for i, s := range fastCases {
		docs = append(docs, &Doc{Title: s, Body: s + " " + fastCases[(i+1)%len(fastCases)], Headings: []string{s}, Tags: []string{s}})
	}
	docs = append(docs, manyDocs(rand.New(rand.NewPCG(3, 4)), 100)...)
	// Thousands of distinct terms, each met again later: the table grows
	// while counting, and probes run past many other terms.
	var many strings.Builder
	for i := range 6000 {
		fmt.Fprintf(&many, "w%d x%d ", i%4000, i%97)
	}
	docs = append(docs, &Doc{Title: "w1 w3999", Body: many.String()}, &Doc{Body: "w1 w2 w1"})
	docs = append(docs, corpusDocs(t, 200)...)
	for _, d := range docs {
		checkEntry(t, d)
	}
}

func FuzzAnalyseAgrees(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		// A body that JSON takes as it is says so (BodyPlain), as a
		// rendered body's text does.
		plain := string(jsonquote.Append(nil, body, true)) == `"`+body+`"`
		checkEntry(t, &Doc{Title: title, Body: body, BodyPlain: plain, Headings: []string{body}, Sources: []string{title}})
	})
}

// TestWordBytes: wordBytes marks, eight bytes at a time, the bytes that
// asciiWord marks, whatever their neighbours.
func TestWordBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for b := range 256 {
		for at := range 8 {
			for range 16 {
				x := r.Uint64()
				x = x&^(0xff<<(8*at)) | uint64(b)<<(8*at)
				got := wordBytes(x)>>(8*at+7)&1 == 1
				if got != asciiWord[b] {
					t.Fatalf("byte %#x at %d of %#016x: %v, want %v", b, at, x, got, asciiWord[b])
				}
			}
		}
	}
}

// TestVocabularyAcrossDocuments: an analyser that keeps its vocabulary
// from document to document, and one that empties it every few terms,
// count what the general path counts: words that share their first eight
// bytes, that differ in case or only in length, Han characters alone and
// in pairs, met again in later documents and after the vocabulary was
// emptied.
func TestVocabularyAcrossDocuments(t *testing.T) {
	words := []string{"regulatory", "regulators", "Regulators", "REGULATORS", "regulator", "regulate", "regulat",
		"a", "A", "ab", "abcdefgh", "abcdefghi", "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnop", "abcdefghijklmnopq",
		"policies", "policy", "Policies", "web3", "WEB3s", "x1", strings.Repeat("z", maxWordLen), strings.Repeat("z", maxWordLen+1),
		"监管", "监管机构", "机构", "监", "管", "政策监管", "监管。政策"}
	r := rand.New(rand.NewPCG(5, 6))
	for _, limit := range []int{vocabularyLimit, 3, 1} {
		a := newAnalyser(limit)
		for range 200 {
			var b strings.Builder
			for range 1 + r.IntN(30) {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteString([]string{" ", ", ", ".", "\n", "-"}[r.IntN(5)])
			}
			body := b.String()
			// A body that JSON would not escape is UTF-8 (BodyPlain).
			d := &Doc{Title: words[r.IntN(len(words))], Body: body, BodyPlain: !strings.Contains(body, "\n")}
			e := a.entry(d)
			terms, scores := referenceEntry(d)
			if e.terms != terms || !slices.Equal(e.scores, scores) {
				t.Fatalf("limit %d, %+v:\n got %q %v\nwant %q %v", limit, d, e.terms, e.scores, terms, scores)
			}
		}
	}
}
