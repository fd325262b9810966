package site

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// expandPermalink fills in placeholders as a strings.Replacer of the four
// does, on patterns made of placeholders, their pieces and other text.
func TestExpandPermalinkAgreesWithReplacer(t *testing.T) {
	pieces := []string{":slug", ":year", ":month", ":day", ":", "::", ":slu", ":yea", "/", "briefings", "x", ":days", ":slugs", "年"}
	dates := []time.Time{time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(987, 12, 31, 23, 0, 0, 0, time.FixedZone("", 8*3600))}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var p strings.Builder
		for range r.IntN(8) {
			p.WriteString(pieces[r.IntN(len(pieces))])
		}
		slug := []string{"a-b", ":year", "", "数字"}[r.IntN(4)]
		date := dates[r.IntN(len(dates))]
		want := strings.NewReplacer(":slug", slug, ":year", date.Format("2006"), ":month", date.Format("01"), ":day", date.Format("02")).Replace(p.String())
		if got := expandPermalink(p.String(), slug, date); got != want {
			t.Fatalf("expandPermalink(%q, %q, %v) = %q, want %q", p.String(), slug, date, got, want)
		}
	}
}
