package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"brief/internal/content"
)

// sortNewest orders briefings as a stable sort by newer does, on dates
// that tie to the nanosecond, differ by one, and name one instant in
// different zones (which Equal counts as one date).
func TestSortNewestAgreesWithNewer(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	zones := []*time.Location{time.UTC, time.FixedZone("HKT", 8*3600), time.FixedZone("", -5*3600)}
	base := time.Date(2024, 3, 9, 10, 0, 0, 0, time.UTC)
	for round := range 200 {
		n := r.IntN(60)
		bs := make([]*Briefing, n)
		for i := range bs {
			d := base.Add(time.Duration(r.IntN(5))*24*time.Hour + time.Duration(r.IntN(3))*time.Nanosecond)
			if r.IntN(10) == 0 {
				d = time.Date(1969, 12, 31, 23, 59, 59, r.IntN(3), time.UTC) // before 1970: negative seconds
			}
			bs[i] = &Briefing{Briefing: &content.Briefing{Path: fmt.Sprintf("content/briefings/%03d.md", i), Date: d.In(zones[r.IntN(len(zones))])}}
		}
		want := slices.Clone(bs)
		sort.SliceStable(want, func(i, j int) bool { return newer(want[i], want[j]) })
		got := slices.Clone(bs)
		sortNewest(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: sortNewest differs from newer", round)
		}
	}
}
