package binenc

import (
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	hk, err := time.LoadLocation("Asia/Hong_Kong")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	times := []time.Time{{}, time.Date(2023, 5, 29, 0, 0, 0, 0, hk), time.Date(2023, 5, 29, 10, 0, 0, 5, time.UTC),
		time.Date(2023, 5, 29, 10, 0, 0, 0, time.FixedZone("", 8*3600)), time.Date(2023, 5, 29, 10, 0, 0, 0, time.FixedZone("X", -3600))}
	var w Writer
	w.Uint(300)
	w.Int(-7)
	w.Bool(true)
	w.Sum(1 << 63)
	w.String("香港")
	w.Bytes([]byte{0, 1})
	w.Strings([]string{"a", ""})
	w.Ints([]int{-1, 2})
	for _, tm := range times {
		w.Time(tm, hk)
	}
	for _, shared := range []bool{false, true} {
		roundTrip(t, w.Buf, shared, times, hk)
	}
	// The site's zone loaded twice (two processes) is still the site's zone.
	hk2, _ := time.LoadLocation("Asia/Hong_Kong")
	var w2 Writer
	w2.Time(times[1].In(hk2), hk)
	if got := NewReader(w2.Buf).Time(hk); got.Location() != hk || !got.Equal(times[1]) {
		t.Errorf("a date in a second load of the zone came back as %v", got)
	}
}

func roundTrip(t *testing.T, data []byte, shared bool, times []time.Time, hk *time.Location) {
	t.Helper()
	r := NewReader(data)
	if shared {
		r = NewSharedReader(data)
	}
	if r.Uint() != 300 || r.Int() != -7 || !r.Bool() || r.Sum() != 1<<63 || r.String() != "香港" || string(r.Bytes()) != "\x00\x01" {
		t.Fatal("scalars differ")
	}
	if ss := r.Strings(); len(ss) != 2 || ss[0] != "a" || ss[1] != "" {
		t.Fatalf("strings: %q", ss)
	}
	if ns := r.Ints(); len(ns) != 2 || ns[0] != -1 || ns[1] != 2 {
		t.Fatalf("ints: %v", ns)
	}
	for _, want := range times {
		got := r.Time(hk)
		if !got.Equal(want) || got.Location().String() != want.Location().String() || got.Format(time.RFC3339Nano+" MST") != want.Format(time.RFC3339Nano+" MST") {
			t.Errorf("time %v came back as %v", want, got)
		}
	}
	if !r.Done() {
		t.Fatalf("shared %v: not done: %v, %d bytes left", shared, r.Err(), len(r.Buf))
	}
}

// TestDamage cuts a record at every byte and flips bytes: reads never
// panic, and a cut record is always an error.
func TestDamage(t *testing.T) {
	var w Writer
	w.Strings([]string{"one", "two", "three"})
	w.Time(time.Date(2023, 1, 2, 3, 4, 5, 0, time.FixedZone("Z", 60)), nil)
	w.Bytes(make([]byte, 40))
	read := func(b []byte, shared bool) *Reader {
		r := NewReader(b)
		if shared {
			r = NewSharedReader(b)
		}
		r.Strings()
		r.Time(nil)
		r.Bytes()
		return r
	}
	for _, shared := range []bool{false, true} {
		for i := range len(w.Buf) {
			if r := read(w.Buf[:i], shared); r.Err() == nil {
				t.Errorf("shared %v: cut at %d of %d: no error", shared, i, len(w.Buf))
			}
			b := append([]byte{}, w.Buf...)
			b[i] ^= 0xff
			read(b, shared) // must not panic
		}
		if r := read(w.Buf, shared); !r.Done() {
			t.Fatal(r.Err())
		}
	}
}
