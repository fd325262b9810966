// Package lending makes a read of a lent buffer after it was handed back
// fail loudly in tests. A one-shot build lends the buffers a body's HTML,
// its text, its search fragment and a page's structured data were written
// into until the page is written, then pools them: a reader after that
// would get another page's bytes, which only a diff of the output shows.
// In a test binary every buffer handed back is first overwritten with
// Pattern, so such a reader writes Pattern into pages, goldens and
// fragments instead; brief itself leaves them alone.
package lending

import (
	"bytes"
	"testing"
)

// spoils is true in test binaries only: set once, at start (no hook).
var spoils = testing.Testing()

// Pattern is what a spoiled buffer holds, repeated.
const Pattern = "!RETURNED!"

// Spoil overwrites b, about to be handed back, with Pattern in tests; in
// brief it does nothing (an inlined test of a constant-at-start bool).
func Spoil(b []byte) {
	if spoils {
		spoil(b)
	}
}

func spoil(b []byte) {
	for i := 0; i < len(b); i += len(Pattern) {
		copy(b[i:], Pattern)
	}
}

// Spoiled reports whether s holds a piece of a spoiled buffer (any of 17
// bytes or more): a test looks for it in what a build wrote.
func Spoiled(s []byte) bool {
	return bytes.Contains(s, []byte(Pattern[1:9]))
}
