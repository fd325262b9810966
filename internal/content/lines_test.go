package content

import (
	"slices"
	"testing"
	"unsafe"
)

// TestFieldLines checks the compact form of a briefing's field lines: kept
// sorted whatever the order they are set in, a field set again keeps its
// last line, and a missing field is told apart from line 0.
func TestFieldLines(t *testing.T) {
	var ls FieldLines
	for _, l := range []FieldLine{{"title", 2}, {"date", 3}, {"tags", 9}, {"aliases", 4}, {"date", 5}} {
		ls.Set(l.Field, l.Line)
	}
	want := FieldLines{{"aliases", 4}, {"date", 5}, {"tags", 9}, {"title", 2}}
	if !slices.Equal(ls, want) {
		t.Errorf("lines %v, want %v", ls, want)
	}
	if l, ok := ls.Get("tags"); !ok || l != 9 {
		t.Errorf("Get(tags) = %d, %v", l, ok)
	}
	if _, ok := ls.Get("summary"); ok {
		t.Error("Get(summary) finds a line that was never set")
	}
}

// TestLinesShareFieldNames checks that the field names of a parsed
// briefing's lines are the schema's own strings, not copies made for each
// file: every briefing of the model keeps them (issue 16: memory grows
// with the model, so the model must be small).
func TestLinesShareFieldNames(t *testing.T) {
	b, ds := Parse("content/a.md", []byte("---\ntitle: T\ndate: 2023-05-29\ntags: [a]\n---\nbody\n"), Options{})
	if len(ds) > 0 {
		t.Fatal(ds.Error())
	}
	if len(b.Lines) != 3 {
		t.Fatalf("lines %v, want three", b.Lines)
	}
	for _, l := range b.Lines {
		f := findField(briefingFields, l.Field)
		if f == nil || unsafe.StringData(f.Name) != unsafe.StringData(l.Field) {
			t.Errorf("the name %q is a copy, not the schema's string", l.Field)
		}
	}
}
