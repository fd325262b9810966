package lending

import (
	"strings"
	"testing"
)

func TestSpoilInTests(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 4096} {
		b := []byte(strings.Repeat("a", n))
		Spoil(b)
		if want := strings.Repeat(Pattern, n/len(Pattern)+1)[:n]; string(b) != want {
			t.Errorf("Spoil of %d bytes: %q, want %q", n, b, want)
		}
		if n >= 17 && !Spoiled(b) {
			t.Errorf("Spoiled(%q) = false", b)
		}
	}
	if Spoiled([]byte("<p>returned to the pool</p>")) {
		t.Error("Spoiled holds ordinary text")
	}
}
