package build

import (
	"slices"
	"testing"
	"time"

	"brief"
	"brief/internal/output"
)

// TestStepsAreReportedInOrder: Options.Steps hears of a build's start and
// of each step as it ends, in the order they run, once per build (brief
// build --steps times them), also when a later build on the same Builder
// reuses what the first one made.
func TestStepsAreReportedInOrder(t *testing.T) {
	want := []string{"", "load", "model", "briefing pages", "plan", "search index", "checks", "execute"}
	fsys := CorpusFS(t, 30, 6)
	bl := New(brief.DefaultTheme())
	var got []string
	opt := Options{Now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), Steps: func(step string) { got = append(got, step) }}
	for round := range 2 {
		got = nil
		if _, err := bl.Build(fsys, nil, opt, output.NewMemory()); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("build %d reported steps %q, want %q", round+1, got, want)
		}
	}
}
