package build

import (
	"reflect"
	"testing"
	"time"

	"brief/internal/binenc"
	"brief/internal/content"
)

// TestCacheKeepsEveryField changes each field of a parsed briefing, one at
// a time, and checks that the build cache gives it back: a field added to
// content.Briefing fails here until cache.go writes it.
func TestCacheKeepsEveryField(t *testing.T) {
	hk, err := time.LoadLocation("Asia/Hong_Kong")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	roundTrip := func(b *content.Briefing) *content.Briefing {
		var w binenc.Writer
		encodeBriefing(&w, b, hk)
		r := binenc.NewReader(w.Buf)
		back := decodeBriefing(r, b.Path, hk)
		if !r.Done() {
			t.Fatalf("decoding: %v", r.Err())
		}
		back.Body = b.Body // never cached: the model does not hold it
		return back
	}
	same := func(a, b *content.Briefing) bool { return reflect.DeepEqual(a, b) }
	b := sampleBriefing()
	b.Date = time.Date(2023, 5, 1, 0, 0, 0, 0, hk) // a date in the site's zone stays in it
	if back := roundTrip(b); !same(back, b) || back.Date.Location() != hk {
		t.Fatalf("the sample briefing came back as\n%#v\nnot\n%#v", back, b)
	}
	for _, m := range mutations(reflect.TypeFor[content.Briefing](), "") {
		if m.path == "Body" {
			continue
		}
		b := sampleBriefing()
		m.apply(reflect.ValueOf(b).Elem())
		if back := roundTrip(b); !same(back, b) {
			t.Errorf("content.Briefing.%s does not come back from the build cache: write it in encodeBriefing", m.path)
		}
	}
}
