package jsonquote

import (
	"bytes"
	"encoding/json"
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
