package pattern

import (
	"fmt"
	"regexp"
	"testing"
	"time"
	"unicode"

	"github.com/dlclark/regexp2"
)

// compileBoth compiles p as RE2 and as ECMAScript, the two engines a JSON
// Schema pattern meets, and returns a matcher that insists they agree.
func compileBoth(t *testing.T, p string) func(string) bool {
	t.Helper()
	re := regexp.MustCompile(p)
	js, err := regexp2.Compile(p, regexp2.ECMAScript)
	if err != nil {
		t.Fatalf("%q is not ECMAScript: %v", p, err)
	}
	return func(s string) bool {
		a := re.MatchString(s)
		b, err := js.MatchString(s)
		if err != nil || a != b {
			t.Fatalf("%q on %q: RE2 %v, ECMAScript %v (%v)", p, s, a, b, err)
		}
		return a
	}
}

func TestSpaceIsUnicodeIsSpace(t *testing.T) {
	match := compileBoth(t, "^["+Space+"]$")
	for r := rune(0); r <= 0x3100; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if got, want := match(string(r)), unicode.IsSpace(r); got != want {
			t.Errorf("U+%04X: class says %v, unicode.IsSpace %v", r, got, want)
		}
	}
	notSpace := compileBoth(t, "^"+NotSpace+"$")
	if notSpace(" ") || notSpace("\u3000") || !notSpace("a") || !notSpace("\ufeff") {
		t.Error("NotSpace is not the complement of Space")
	}
}

func TestLiteralAndFold(t *testing.T) {
	lit := compileBoth(t, "^"+Literal(`a.b*c/d\e[f]-g^$|?+(){}`)+"$")
	if !lit(`a.b*c/d\e[f]-g^$|?+(){}`) || lit("axb*c/d\\e[f]-g^$|?+(){}") {
		t.Error("Literal does not match only itself")
	}
	fold := compileBoth(t, "^"+OneOf(FoldASCII("bn"), FoldASCII("亿"))+"$")
	for s, want := range map[string]bool{"bn": true, "BN": true, "bN": true, "亿": true, "b": false, "bnn": false} {
		if fold(s) != want {
			t.Errorf("fold %q = %v", s, !want)
		}
	}
	class := compileBoth(t, "^["+InClass('-')+InClass(']')+InClass('\\')+"]$")
	if !class("-") || !class("]") || !class("\\") || class("a") {
		t.Error("InClass escapes")
	}
}

func TestDayIsARealDay(t *testing.T) {
	match := compileBoth(t, "^"+Day+"$")
	years := []int{0, 4, 100, 1600, 1700, 1800, 1900, 2000, 2100, 2400, 9996, 9999}
	for y := 2001; y <= 2030; y++ {
		years = append(years, y)
	}
	real := map[string]bool{}
	for _, y := range years {
		for d := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == y; d = d.AddDate(0, 0, 1) {
			real[d.Format("2006-01-02")] = true
		}
	}
	for _, y := range years {
		for m := 0; m <= 13; m++ {
			for day := 0; day <= 32; day++ {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
				if match(s) != real[s] {
					t.Fatalf("%s: pattern %v, calendar %v", s, match(s), real[s])
				}
			}
		}
	}
}

func TestTrie(t *testing.T) {
	var years []string
	for y := 1900; y <= 2100; y++ {
		years = append(years, fmt.Sprint(y))
	}
	for _, words := range [][]string{years, {"a", "ab", "abc", "b"}, {"x"}, {"亿", "億", "万"}, {"1-2", "1.2"}} {
		match := compileBoth(t, "^"+Trie(words)+"$")
		in := map[string]bool{}
		for _, w := range words {
			in[w] = true
			if !match(w) {
				t.Errorf("Trie(%q) misses %q", words, w)
			}
		}
		for _, s := range []string{"", "1899", "2101", "19000", "190", "ac", "abcd", "b1", "1x2"} {
			if match(s) != in[s] {
				t.Errorf("Trie(%q) on %q: %v", words, s, !in[s])
			}
		}
	}
	if got := Trie(years); len(got) > 50 {
		t.Errorf("not compact: %s", got)
	}
}
