package content

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"brief/internal/slug"
)

// Inputs that were accepted and must not be: each is an error naming the
// file, line and field, with a hint. The messages are exact, so that they
// stay stable for editors and for the corpus of bad inputs.
func TestParseRejectsHostileInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		// Names that leave nothing for a URL.
		{"tag of punctuation", doc(okTitle, okDate, `tags: [Web3, "!!!", "???"]`), []string{
			`content/a.md:4: tags[1]: "!!!" has no letter or digit to make a URL from (give it at least one letter or digit)`,
			`content/a.md:4: tags[2]: "???" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"single tag of punctuation", doc(okTitle, okDate, `tags: "+++"`), []string{
			`content/a.md:4: tags: "+++" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"jurisdiction of punctuation", doc(okTitle, okDate, `jurisdiction: "@@@"`), []string{
			`content/a.md:4: jurisdiction: "@@@" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"jurisdiction list of punctuation", doc(okTitle, okDate, `jurisdiction: [Beijing, "，。"]`), []string{
			`content/a.md:4: jurisdiction[1]: "，。" has no letter or digit to make a URL from (give it at least one letter or digit)`}},
		{"slug of punctuation", doc(okTitle, okDate, `slug: "!!!"`), []string{
			`content/a.md:4: slug: "!!!" has no letter or digit to make a URL from (use letters, digits and hyphens)`}},

		// Amounts beyond any budget.
		{"amount beyond the ceiling", doc(okTitle, okDate, "funding:", "  - amount: 99999999999999999999999999bn", "    currency: CNY"), []string{
			`content/a.md:5: funding[0].amount: amount "99999999999999999999999999bn" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`}},
		{"38-digit amount", doc(okTitle, okDate, "funding:", "  - amount: 12345678901234567890123456789012345678", "    currency: CNY", "    usd: 99999999999999999999"), []string{
			`content/a.md:5: funding[0].amount: amount "12345678901234567890123456789012345678" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`,
			`content/a.md:7: funding[0].usd: amount "99999999999999999999" is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be (no budget is that large, even in dong or rials: check the digits and the scale word)`}},

		// Control characters, raw or escaped, in any field or the body.
		{"raw BEL in a title", doc("title: \"a\x07b\"", okDate), []string{
			`content/a.md:2: title: contains the control character U+0007 (BEL) (` + controlHint + `)`}},
		{"escaped ESC, BEL and NUL", doc(`title: "a\e[31m red"`, okDate, `summary: "bell \a"`, `authors: ["x", "nul \0"]`), []string{
			`content/a.md:2: title: contains the control character U+001B (ESC) (` + controlHint + `)`,
			`content/a.md:4: summary: contains the control character U+0007 (BEL) (` + controlHint + `)`,
			`content/a.md:5: authors[1]: contains the control character U+0000 (NUL) (` + controlHint + `)`}},
		{"C1 in a tag", doc(okTitle, okDate, "tags: [ok, \"csi \u009b\"]"), []string{
			`content/a.md:4: tags[1]: contains the control character U+009B (CSI) (` + controlHint + `)`}},
		{"raw C1 in a funding purpose", doc(okTitle, okDate, "funding:", "  - amount: 1m", "    currency: HKD", "    purpose: \"a\u0085b\"", "  - amount: 2m", "    currency: HKD", "    purpose: \"\x1b\""), []string{
			`content/a.md:7: funding[0].purpose: contains the control character U+0085 (NEL) (` + controlHint + `)`}},
		{"raw DEL in a key", doc(okTitle, okDate, "ta\x7fgs: [a]"), []string{
			`content/a.md:4: "ta\x7fgs": contains the control character U+007F (DEL) (` + controlHint + `)`}},
		{"raw control in a comment", doc(okTitle, okDate, "# note \x07"), []string{
			`content/a.md:4: front matter contains the control character U+0007 (BEL) (` + controlHint + `)`}},
		{"raw CR alone in a title", doc("title: \"a\rb\"", okDate), []string{
			`content/a.md:2: title: contains the control character U+000D (CR) (` + controlHint + `)`}},
		{"escape in TOML", "+++\ntitle = \"a\\u001bb\"\ndate = 2023-05-29\n+++\nx\n", []string{
			`content/a.md:2: title: contains the control character U+001B (ESC) (` + controlHint + `)`}},
		{"raw in TOML", "+++\ntitle = \"ok\"\ndate = 2023-05-29\nsummary = \"a\x00b\"\n+++\nx\n", []string{
			`content/a.md:4: summary: contains the control character U+0000 (NUL) (` + controlHint + `)`}},
		{"escape in JSON", "{\n\"title\": \"a\\u0007b\",\n\"date\": \"2023-05-29\"\n}\n\nx\n", []string{
			`content/a.md:2: title: contains the control character U+0007 (BEL) (` + controlHint + `)`}},
		{"body", doc(okTitle, okDate) + "fine\nbell \x07 here\nesc \x1b[31m\n\x00\n", []string{
			`content/a.md:7: body: contains the control character U+0007 (BEL), and 2 more lines have one (` + controlHint + `)`}},
		{"body C1", doc(okTitle, okDate) + "csi \u009b2J\n", []string{
			`content/a.md:6: body: contains the control character U+009B (CSI) (` + controlHint + `)`}},
		// Markdown turns a character reference into the character itself:
		// "&#7;" put a raw BEL into the page.
		{"body references", doc(okTitle, okDate) + "fine &#9; &#10; &#0; &amp;#7;\nbell &#7; here\nesc &#x1B;[2J\n`&#7;` \\&#7;\n", []string{
			`content/a.md:7: body: contains the control character U+0007 (BEL), written as "&#7;", and 1 more line has one (` + controlHint + `)`}},
		{"body reference C1", doc(okTitle, okDate) + "csi &#155;2J\n", []string{
			`content/a.md:6: body: contains the control character U+009B (CSI), written as "&#155;" (` + controlHint + `)`}},
		{"raw before references", doc(okTitle, okDate) + "ref &#27;\nraw \x07\n", []string{
			`content/a.md:7: body: contains the control character U+0007 (BEL) (` + controlHint + `)`}},
		{"references in code stay text", doc(okTitle, okDate) + "``a &#7; `` b `&#x1b;`\n\n````\n&#7;\n```\n&#7;\n````\n\n~~~\n&#27;\n~~~~\n", nil},

		// Years no briefing is dated.
		{"year 0000", doc(okTitle, "date: 0000-01-01"), []string{
			`content/a.md:3: date: year 0 is outside 1900 to 2100 (check the year)`}},
		{"year 1899", doc(okTitle, "date: 1899-12-31"), []string{
			`content/a.md:3: date: year 1899 is outside 1900 to 2100 (check the year)`}},
		{"year 2101 in updated", doc(okTitle, okDate, "updated: 2101-01-01T00:00:00+08:00"), []string{
			`content/a.md:4: updated: year 2101 is outside 1900 to 2100 (check the year)`}},
		{"year 9999 in TOML", "+++\ntitle = \"x\"\ndate = 9999-12-31\n+++\n", []string{
			`content/a.md:3: date: year 9999 is outside 1900 to 2100 (check the year)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnostics(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// bodyControlByRune is bodyControl as it was before its table, decoding
// every character: the reference the table must agree with.
func bodyControlByRune(body []byte) (r rune, line, more int) {
	r = -1
	lastLine := 0
	cur := 1
	for i := 0; i < len(body); {
		cc, size := utf8.DecodeRune(body[i:])
		i += size
		if cc == '\n' {
			cur++
			continue
		}
		if !badInBody(cc) {
			continue
		}
		if r < 0 {
			r, line, lastLine = cc, cur, cur
		} else if cur != lastLine {
			more++
			lastLine = cur
		}
	}
	return r, line, more
}

// TestBodyControlAgrees compares bodyControl with the character-by-character
// reference on random bodies mixing C0, DEL, C1, the other characters
// whose UTF-8 starts with 0xC2, and ordinary text.
func TestBodyControlAgrees(t *testing.T) {
	pieces := []string{"a", " ", "\n", "\t", "\r", "\x00", "\x1b", "\x7f", "\u0080", "\u0085", "\u009f", "\u00a0", "\u00bf", "\u00c2", "é", "—", "数", "\U0001F600", "\u2028"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		body := randomText(rng, pieces)
		r, line, more := bodyControl(body)
		wr, wline, wmore := bodyControlByRune(body)
		if r != wr || line != wline || more != wmore {
			t.Fatalf("%q: bodyControl = %U line %d, %d more; want %U line %d, %d more", body, r, line, more, wr, wline, wmore)
		}
	}
}

// TestMaskControlsAgrees compares maskControls with decoding every
// character from the start (as it did before its look-up of the first
// suspect byte) on random blocks mixing C0, DEL, C1, the sentinel,
// the other characters whose UTF-8 starts with 0xC2 or 0xEF, bytes that
// are not UTF-8, and ordinary text.
func TestMaskControlsAgrees(t *testing.T) {
	pieces := []string{"a", " ", "\n", "\t", "\r", "\x00", "\x1b", "\x7f", "\u0080", "\u0085", "\u009f", "\u00a0", "\u00bf", "\u00c2",
		"\uFDD0", "\uFDCF", "\uFF0C", "\uFFFD", "\uF000", "\xef", "\xef\xb7", "\xc2", "\xe4", "é", "—", "数", "\U0001F600", "\u2028"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		data := randomText(rng, pieces)
		first := 1 + rng.IntN(5)
		got, graws := maskControls(data, first)
		want, wraws := maskFrom(data, first, 0)
		if !bytes.Equal(got, want) || !slices.Equal(graws, wraws) {
			t.Fatalf("%q: maskControls = %q %v; want %q %v", data, got, graws, want, wraws)
		}
		if len(wraws) == 0 && len(data) > 0 && &got[0] != &data[0] {
			t.Fatalf("%q: copied with nothing to mask", data)
		}
	}
}

// randomText joins up to 19 random pieces.
func randomText(rng *rand.Rand, pieces []string) []byte {
	var b strings.Builder
	for range rng.IntN(20) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return []byte(b.String())
}

// suspectWord finds every byte suspectInBody marks wherever it is in a
// word, among bytes of any other value, and flags no word of bytes that
// are all plain.
func TestSuspectWord(t *testing.T) {
	suspect := func(c int) bool { return c < 0x20 || c == 0x7F || c == 0xC2 }
	for pos := range 8 {
		for c := range 256 {
			for fill := range 256 {
				x := 0x0101010101010101 * uint64(fill)
				x = x&^(0xFF<<(8*pos)) | uint64(c)<<(8*pos)
				if got, want := suspectWord(x), suspect(c) || suspect(fill); got != want {
					t.Fatalf("byte %#x at %d among %#x: %v, want %v", c, pos, fill, got, want)
				}
			}
		}
	}
	for c := range 256 {
		if suspectInBody[c] && !suspect(c) {
			t.Errorf("suspectInBody marks %#x, which suspectWord may miss", c)
		}
	}
}

// hasLetterOrDigit says what slug.Make's emptiness says, on random names
// of letters and digits of several scripts, full-width ones, marks,
// apostrophes, punctuation and spaces.
func TestHasLetterOrDigitAgrees(t *testing.T) {
	pieces := []string{"a", "Z", "7", "é", "e\u0301", "\u0301", "数", "Ａ", "ｚ", "９", "٣", "Ⅻ", "'", "\u2019", "-", " ", "!", "—", "/", "\u3000", "·", "🙂"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		s := string(randomText(rng, pieces))
		if got, want := hasLetterOrDigit(s), slug.Make(s) != ""; got != want {
			t.Fatalf("%q: hasLetterOrDigit = %v, slug.Make = %q", s, got, slug.Make(s))
		}
	}
}

// TestPlainTextAgrees checks plainText against a byte-by-byte reading on
// random texts of every kind of byte, and that what it calls plain is
// valid UTF-8 in which bodyControl and firstInField find nothing (Parse
// then skips all three). quickRunes and cleanText, which take plain text
// the quick way, must agree with their character-by-character readings.
func TestPlainTextAgrees(t *testing.T) {
	plain := func(b []byte) bool {
		for _, c := range b {
			if !(c >= 0x20 && c < 0x7F || c == '\t' || c == '\n') {
				return false
			}
		}
		return true
	}
	check := func(text []byte) {
		t.Helper()
		got := plainText(text)
		if got != plain(text) {
			t.Fatalf("plainText(%q) = %v", text, got)
		}
		if r, _, _ := bodyControl(text); got && (!utf8.Valid(text) || r >= 0 || firstInField(text) >= 0) {
			t.Fatalf("plainText(%q): not valid UTF-8, or bodyControl finds %U, or firstInField %d", text, r, firstInField(text))
		}
		if q, want := quickRunes(text), quickRunesByRune(text); q != want {
			t.Fatalf("quickRunes(%q) = %v, want %v", text, q, want)
		}
		if c, want := cleanText(string(text)), cleanRunes(string(text)); c != want {
			t.Fatalf("cleanText(%q) = %v, want %v", text, c, want)
		}
	}
	// Every byte value at every place of a word, after and before plain
	// text, and next to the bytes whose carries and borrows cross lanes.
	for c := range 256 {
		for at := range 17 {
			for _, fill := range []byte{'a', 0x00, 0x1F, 0x20, 0x7E, 0x7F, 0xFF, '\n', '\r', '\t'} {
				text := bytes.Repeat([]byte{'a'}, 17)
				if fill != 'a' && at > 0 {
					text[at-1] = fill
				}
				text[at] = byte(c)
				check(text)
			}
		}
	}
	pieces := []string{"a", " ", "~", "\n", "\t", "\r", "\x00", "\x1b", "\x1f", "\x7f", "\u0080", "\u0085", "\u00a0", "é", "数", "\U0001F600", "\xff", "\xc2",
		"\u2028", "\ufeff", "\uffff", string(sentinel), "plain words "}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50000 {
		check(randomText(rng, pieces))
	}
}

// badWord marks exactly the bytes of a word that are not printable ASCII, a
// tab or a line feed, whatever the bytes beside them: every byte value in
// every place, among random neighbours of every kind.
func TestBadWordExact(t *testing.T) {
	bad := func(c byte) bool { return !(c >= 0x20 && c < 0x7F || c == '\t' || c == '\n') }
	r := rand.New(rand.NewPCG(5, 6))
	var b [8]byte
	for round := range 64 {
		for place := range 8 {
			for v := range 256 {
				for i := range b {
					switch {
					case round%2 == 0:
						b[i] = byte(r.IntN(256))
					default: // mostly plain, with the bytes around the edges
						b[i] = []byte{' ', '~', '\t', '\n', 0x7F, 0x80, 0x1F, 0x08, 0x0B, 'a'}[r.IntN(10)]
					}
				}
				b[place] = byte(v)
				got := badWord(word(b[:]))
				for i, c := range b {
					if marked := got>>(8*i+7)&1 == 1; marked != bad(c) {
						t.Fatalf("badWord(% x): byte %d (%#x) marked %v", b, i, c, marked)
					}
				}
				if got&^0x8080808080808080 != 0 {
					t.Fatalf("badWord(% x) = %#x: bits outside the bytes' high bits", b, got)
				}
			}
		}
	}
}
