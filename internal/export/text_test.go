package export

import (
	"testing"
	"time"

	"brief/internal/config"
)

// TestTextKeepsAnEntrysStrings: the strings an entry makes in its text
// stay as made while the text grows past its room for later ones, and a
// nil text makes the same strings of their own.
func TestTextKeepsAnEntrysStrings(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://x.example/policy/"); err != nil {
		t.Fatal(err)
	}
	var nilText *text
	tx := &text{b: make([]byte, 0, 8)}
	for round := range 3 {
		tx.reset()
		var got, want []string
		for i := range 40 {
			day := time.Date(2020+round, 1, 1+i%28, 0, 0, 0, 0, time.UTC)
			p := "/briefings/" + string(rune('a'+i%26)) + "/"
			got = append(got, tx.absURL(cfg, p), tx.date(day, time.RFC3339))
			want = append(want, nilText.absURL(cfg, p), nilText.date(day, time.RFC3339))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("round %d, string %d: %q, want %q", round, i, got[i], want[i])
			}
		}
	}
}
