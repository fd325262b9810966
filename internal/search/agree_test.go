package search_test

import (
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"brief"
	"brief/internal/browsertest"
	"brief/internal/search"

	"github.com/chromedp/chromedp"
)

// agreeCases are queries on which search.js and ParseQuery must agree:
// case, width, diacritics, apostrophes, stems, prefixes, CJK runs of every
// length, scripts with marks, and text that makes no token at all.
var agreeCases = []string{
	"", "   ", "!!!", "Olympics", "OLYMPICS ", "olympics.", "regul", "re", "reg", "licensing regimes", "licensed licence",
	"china's", "China’s", "’tis", "rock’n’roll", "'quoted'", "don't", "l'état", "café", "CAFÉ", "Crème Brûlée",
	"naïve coöperation", "São Paulo", "Zürich", "straße", "STRASSE", "İstanbul", "ΟΔΥΣΣΕΥΣ", "Øresund", "Łódź", "Æther",
	"Ｗｅｂ３", "ｗｅｂ３ 风险", "ＨＫ＄１４ｍ", "１００ｍ", "ﾃｽﾄ", "テスト", "ガバナンス", "한국은행", "Ⅻ", "①②", "x²", "ﬁnance",
	"风险", "險", "险", "风", "数字人民币", "数字人民币 e-CNY", "e-CNY", "香港stablecoin", "Web3发展计划", "《通知》",
	"1.2bn", "HK$14m", "2,500,000", "3亿", "policies policy", "issued issuing issues", "running", "agreed", "stopped",
	"bus buses", "status", "basis", "classes", "mining mined mine", "ties", "series", "eCNY's",
	"हिन्दी", "العربية", "עִבְרִית", "𠀀𠀁", "🙂 crypto", "crypto🙂", "a b c d e f g h i j k l m n o",
	"supercalifragilisticexpialidocioussupercalifragilistic", "tab\tseparated\nlines",
	"一 二 三 四 五 六 七 八 九 十 十一 十二 十三",
}

// TestQueryParsingAgrees runs search.js's parser in Chromium over the cases
// and over random strings, and compares with ParseQuery and Normalize.
func TestQueryParsingAgrees(t *testing.T) {
	js, err := fs.ReadFile(brief.DefaultTheme(), "assets/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	cases := slices.Clone(agreeCases)
	r := rand.New(rand.NewPCG(14, 2))
	alphabet := []rune("abcdeingsyAZ'’ -.éÉüßΣσςﬁＡｚ１ﾃｶﾞ风险数字人民币香港한국𠀀\u0301\u3000")
	for range 400 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	ctx := browsertest.Context(t)
	in, _ := json.Marshal(cases)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(js))); err != nil {
		t.Fatal(err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(`+string(in)+
		`.map(q => ({norm: briefSearch.normalize(q), groups: briefSearch.parseQuery(q)})))`))
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Norm   string         `json:"norm"`
		Groups []search.Group `json:"groups"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, q := range cases {
		want := search.ParseQuery(q)
		if got[i].Norm != search.Normalize(q) || !slices.Equal(got[i].Groups, want) {
			t.Errorf("%q:\n  search.js  %q %v\n  Go         %q %v", q, got[i].Norm, got[i].Groups, search.Normalize(q), want)
			if bad++; bad > 10 {
				t.FailNow()
			}
		}
	}
}
