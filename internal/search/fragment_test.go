package search

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"brief/internal/lending"
)

// fragmentByEncodingJSON is the fragment as encoding/json writes it: the
// reference fragmentJSON must agree with byte for byte.
func fragmentByEncodingJSON(t testing.TB, d *Doc) string {
	data, err := json.Marshal(Fragment{Title: d.Title, URL: d.URL, Date: d.Date, Jurisdictions: d.Jurisdictions,
		Tags: d.Tags, Summary: d.Summary, Text: d.Body})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func checkFragment(t testing.TB, d *Doc) {
	if got, want := string(fragmentJSON(d)), fragmentByEncodingJSON(t, d); got != want {
		t.Fatalf("fragment of %+v\n got %s\nwant %s", d, got, want)
	}
}

// TestFragmentJSONAgrees: every field empty, missing and awkward, and the
// documents of a generated corpus, whose bodies the renderer says are
// plain (Doc.BodyPlain) when they are.
func TestFragmentJSONAgrees(t *testing.T) {
	awkward := "<script>&amp; \"quoted\" \\ \u2028\u2029 \x00\x1f\x7f bad \xff utf-8 香港 😀\n\t"
	for _, d := range []*Doc{
		{},
		{Title: "t"},
		{Tags: []string{}, Jurisdictions: []string{}},
		{Tags: []string{""}, Jurisdictions: []string{"", ""}},
		{Title: awkward, URL: awkward, Date: awkward, Summary: awkward, Body: awkward,
			Tags: []string{awkward, "b"}, Jurisdictions: []string{"a", awkward, "c"}},
		{Title: "Only a body", Body: "text"},
		{Title: "A body JSON takes as it is", Body: "text, 'quoted' (香港) and 😀", BodyPlain: true},
	} {
		checkFragment(t, d)
	}
	plain := 0
	for _, d := range corpusDocs(t, 200) {
		checkFragment(t, d)
		if d.BodyPlain {
			plain++
		}
	}
	if plain == 0 {
		t.Error("no body of the corpus was found plain: the test tests little")
	}
}

func FuzzFragmentJSONAgrees(f *testing.F) {
	f.Add("title", "/u/", "2024-01-02", "summary", "body <b>", "tag", "juris", uint8(3))
	f.Fuzz(func(t *testing.T, title, url, date, summary, body, tag, juris string, lists uint8) {
		d := &Doc{Title: title, URL: url, Date: date, Summary: summary, Body: body}
		for i := range int(lists & 3) {
			d.Tags = append(d.Tags, tag[:min(i, len(tag))])
		}
		for i := range int(lists >> 2 & 3) {
			d.Jurisdictions = append(d.Jurisdictions, juris[min(i, len(juris)):])
		}
		checkFragment(t, d)
	})
}

// BenchmarkFragmentJSON: fragmentJSON against encoding/json, on the same
// documents.
func BenchmarkFragmentJSON(b *testing.B) {
	docs := corpusDocs(b, 200)
	b.Run("ours", func(b *testing.B) {
		for b.Loop() {
			for _, d := range docs {
				fragmentJSON(d)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, d := range docs {
				fragmentByEncodingJSON(b, d)
			}
		}
	})
}

// TestWrittenFragmentReused: a written fragment's buffer serves the next
// entry, which holds its own fragment all the same; the written entry
// gives its fragment no more, and keeps everything else.
func TestWrittenFragmentReused(t *testing.T) {
	docs := corpusDocs(t, 50)
	var sums []uint64
	for _, d := range docs {
		sums = append(sums, Analyse(d).fragmentSum)
	}
	for round := range 2 {
		for i, d := range docs {
			e := Analyse(d)
			if got, want := string(e.FragmentFile()), fragmentByEncodingJSON(t, d); got != want {
				t.Fatalf("round %d, doc %d: fragment\n got %s\nwant %s", round, i, got, want)
			}
			data := e.FragmentFile()
			w := e.Written()
			if len(data) >= 17 && !lending.Spoiled(data) {
				t.Fatalf("round %d, doc %d: a written fragment's buffer still reads %s", round, i, data)
			}
			if e.FragmentFile() != nil || w.FragmentFile() != nil || w.fragmentSum != sums[i] || w.terms != e.terms {
				t.Fatalf("round %d, doc %d: written entry %+v from %+v", round, i, w, e)
			}
		}
	}
	d := &Doc{Title: "One", Body: strings.Repeat("the same few words again ", 800)}
	// No collection meanwhile: it would empty the pool at random.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	perRun := func(write bool) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 20 {
			if e := Analyse(d); write {
				e.Written()
			}
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / 20
	}
	size := uint64(len(fragmentJSON(d)))
	if kept, written := perRun(false), perRun(true); kept-written < size/2 {
		t.Errorf("a %d-byte fragment: %d bytes allocated per entry kept, %d per entry written", size, kept, written)
	}
}
