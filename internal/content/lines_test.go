package content

import (
	"slices"
	"testing"
	"unsafe"
)

// TestFieldLines checks the compact form of a briefing's field lines: kept
// sorted by name whatever the order they are set in, a field set again
// keeps its last line, a missing field is told apart from line 0, and a
// name the schema does not know is not kept.
func TestFieldLines(t *testing.T) {
	var ls FieldLines
	for _, l := range []FieldLine{{"title", 2}, {"date", 3}, {"tags", 9}, {"aliases", 0}, {"date", 5}, {"nonsense", 7}} {
		ls.Set(l.Field, l.Line)
	}
	var got []FieldLine
	for f, l := range ls.All() {
		got = append(got, FieldLine{f, l})
	}
	want := []FieldLine{{"aliases", 0}, {"date", 5}, {"tags", 9}, {"title", 2}}
	if !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	if l, ok := ls.Get("tags"); !ok || l != 9 {
		t.Errorf("Get(tags) = %d, %v", l, ok)
	}
	if l, ok := ls.Get("aliases"); !ok || l != 0 {
		t.Errorf("Get(aliases) = %d, %v", l, ok)
	}
	for _, f := range []string{"summary", "nonsense"} {
		if _, ok := ls.Get(f); ok {
			t.Errorf("Get(%s) finds a line that was never kept", f)
		}
	}
	if !slices.Equal(NewFieldLines(want...), ls) {
		t.Errorf("NewFieldLines(%v) = %v, want %v", want, NewFieldLines(want...), ls)
	}
}

// TestFieldLineIsOneWord checks that a field's line takes one word: every
// briefing of the model keeps its lines (issue 16: memory grows with the
// model, so the model must be small).
func TestFieldLineIsOneWord(t *testing.T) {
	b, ds := Parse("content/a.md", []byte("---\ntitle: T\ndate: 2023-05-29\ntags: [a]\n---\nbody\n"), Options{})
	if len(ds) > 0 {
		t.Fatal(ds.Error())
	}
	if len(b.Lines) != 3 {
		t.Fatalf("lines %v, want three", b.Lines)
	}
	if size := unsafe.Sizeof(b.Lines[0]); size != 8 {
		t.Errorf("a field's line takes %d bytes, want 8", size)
	}
}
