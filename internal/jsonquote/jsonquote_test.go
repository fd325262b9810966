package jsonquote

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// byEncodingJSON is s as an encoding/json Encoder writes it.
func byEncodingJSON(t testing.TB, s string, html bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func check(t testing.TB, s string) {
	for _, html := range []bool{true, false} {
		if got, want := string(Append([]byte("x"), s, html)), "x"+byEncodingJSON(t, s, html); got != want {
			t.Errorf("%q (html %v): got %s, want %s", s, html, got, want)
		}
	}
}

// Append writes every byte, and awkward text, as encoding/json does, with
// HTML escaping and without.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	var every []byte
	for c := range 256 {
		every = append(every, byte(c))
		check(t, string(rune(c)))
	}
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "</script><!--", "a & b > c", "tab\tnew\nline\rcr\bbs\fff",
		"\x00\x01\x1f\x7f", "\u2028\u2029", "香港 Web3 «€»", "bad \xff\xfe utf-8", "\xe2\x80", "emoji 😀", string(every)} {
		check(t, s)
	}
}

func FuzzAppend(f *testing.F) {
	f.Add("a<b>&\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}

// Append looks at sixteen or eight bytes at once where it can: every
// byte that needs an escape or a closer look (control characters, quotes,
// backslashes, HTML's <, > and &, the first bytes of other characters,
// U+2028, invalid UTF-8) is found at every place in and across those
// blocks, at the start, the middle and the end of texts of every length
// up to 40 (two blocks of sixteen and one of eight).
func TestAppendEveryPlace(t *testing.T) {
	for _, special := range []string{"\x00", "\x1f", "\x7f", " ", "\"", "\\", "<", ">", "&", "é", "\u2028", "\xff", "\xe2\x80", "香", "😀", "/", "~",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe2\x80\xa9", "\xe3\x80", "\xe3\x80\x80", "\xe3\xc0\x80"} {
		for n := range 41 {
			for at := range n + 1 {
				check(t, strings.Repeat("a", at)+special+strings.Repeat("b", n-at))
			}
		}
	}
}

func BenchmarkAppend(b *testing.B) {
	for _, tc := range []struct{ name, text string }{
		{"english", strings.Repeat(`The regulator's "sandbox" opened to 12 firms & closed <2024>. `, 100)},
		{"prose", strings.Repeat("Market participants narrowed an e-CNY wallet tier for visitors in a notice to licensed firms. ", 60)},
		{"chinese", strings.Repeat("香港金融管理局今日公布穩定幣發行人的發牌制度，", 100)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			buf := make([]byte, 0, 2*len(tc.text))
			for b.Loop() {
				buf = Append(buf[:0], tc.text, true)
			}
		})
	}
}
