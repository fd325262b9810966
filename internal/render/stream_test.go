package render

import (
	"bytes"
	"errors"
	"html/template"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"brief/internal/pages"
	"brief/internal/tmplexec"
)

// tape is a Rewinder that records how it was written to.
type tape struct {
	bytes.Buffer
	writes, largest int
	rewinds         int
	before          int // bytes taken back by the rewinds
	fail            error
}

func (t *tape) Write(p []byte) (int, error) {
	if t.fail != nil {
		return 0, t.fail
	}
	t.writes++
	t.largest = max(t.largest, len(p))
	return t.Buffer.Write(p)
}

func (t *tape) Rewind() error {
	t.rewinds++
	t.before += t.Len()
	t.Reset()
	return nil
}

// TestRenderStreamsFoldedPage renders the first page of each kind, which
// folds its set, into a Rewinder, as a one-shot build renders the archive
// and the funding tracker into their files: the page goes out in pieces of
// about the theme's chunk as it is made (before, it was made whole in
// memory and written at once), with the bytes of a page rendered into a
// buffer, and the set it folded renders the next pages.
func TestRenderStreamsFoldedPage(t *testing.T) {
	s := foldSite(t)
	streamed, held := defaultTheme(t, s), defaultTheme(t, s)
	streamed.chunk = 128
	sv, hv := NewViews(s), NewViews(s)
	seen := map[string]int{}
	for _, pg := range pages.All(s) {
		if pg.Kind == "funding" {
			continue // needs the tracker, which the build adds
		}
		seen[pg.Kind]++
		var w tape
		if err := streamed.Render(&w, sv.Page(pg)); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := held.Render(&want, hv.Page(pg)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w.Bytes(), want.Bytes()) {
			t.Fatalf("%s %s: streamed page differs:\n%s\nwant:\n%s", pg.Kind, pg.URL, w.Bytes(), want.Bytes())
		}
		if w.rewinds != 0 {
			t.Errorf("%s %s: taken back %d times", pg.Kind, pg.URL, w.rewinds)
		}
		if seen[pg.Kind] == 1 && pg.Kind == "archive" {
			if w.Len() < 8*streamed.chunk {
				t.Fatalf("the archive is %d bytes: too small to show streaming", w.Len())
			}
			if w.writes < 4 || w.largest > w.Len()/2 {
				t.Errorf("the archive (%d bytes) went out in %d writes, the largest %d: not streamed", w.Len(), w.writes, w.largest)
			}
		}
	}
	if seen["archive"] == 0 {
		t.Fatal("no archive page")
	}
	if streamed.ran.Load() == 0 || streamed.fellBack.Load() != 0 || len(streamed.refused) != 0 {
		t.Errorf("executor: %d pages rendered, %d given back, refused %v", streamed.ran.Load(), streamed.fellBack.Load(), streamed.refused)
	}
}

// TestStreamedFoldTakesBack: when the executor gives a streamed page back
// to html/template halfway (here a helper that panics once, after much of
// the page went out), what went out is taken back and html/template
// renders the page again from its start. A rendering whose markers are
// not fold's is taken back too, and folds nothing.
func TestStreamedFoldTakesBack(t *testing.T) {
	calls, armed := 0, false
	funcs := template.FuncMap{
		"flaky": func(i int) int {
			calls++
			if armed && calls == 150 {
				panic("once")
			}
			return i
		},
		"raw": func(s string) template.HTML { return template.HTML(s) },
	}
	set := template.Must(template.New("base.html").Funcs(funcs).Parse(`<ul>{{range .}}<li>{{flaky .}}</li>{{end}}</ul>`))
	var want bytes.Buffer
	if err := template.Must(set.Clone()).ExecuteTemplate(&want, "base.html", make([]int, 200)); err != nil {
		t.Fatal(err)
	}
	calls, armed = 0, true
	prog, err := tmplexec.Compile(set, "base.html", funcs)
	if err != nil {
		t.Fatal(err)
	}
	var w tape
	var werr error
	out, ok := streamedTo(&w, new(bytes.Buffer), 64, make([]int, 200), &werr)(set, prog, 0)
	if !ok || werr != nil || len(out) != 0 {
		t.Fatalf("not rendered: ok %v, %v", ok, werr)
	}
	if w.rewinds != 1 || w.before < 256 {
		t.Fatalf("taken back %d times, %d bytes: the executor's run did not stream before it gave up", w.rewinds, w.before)
	}
	if w.String() != want.String() {
		t.Fatalf("page after taking back:\n%s\nwant:\n%s", w.String(), want.String())
	}

	// Markers out of place (site 0 of a set with none).
	odd := template.Must(template.New("base.html").Funcs(funcs).Parse(`<p>{{range .}}x{{end}}{{raw "\x00fold<0>\x00"}}</p>`))
	w = tape{}
	if _, ok := streamedTo(&w, new(bytes.Buffer), 4, make([]int, 50), &werr)(odd, nil, 0); ok || werr != nil {
		t.Fatalf("ok %v, %v: a rendering with a stranger's marker folded", ok, werr)
	}
	if w.rewinds != 1 || w.Len() != 0 {
		t.Fatalf("taken back %d times, %d bytes left", w.rewinds, w.Len())
	}

	// A writer that fails: its error, not a page rendered twice.
	w = tape{fail: errors.New("disk full")}
	if _, ok := streamedTo(&w, new(bytes.Buffer), 64, make([]int, 200), &werr)(set, prog, 0); ok || werr == nil || werr.Error() != "disk full" {
		t.Fatalf("ok %v, error %v; want the writer's", ok, werr)
	}
}

// TestUnmarkerAgreesWithOutputs holds unmarker, which reads a marked
// rendering as it streams, to outputs, which reads one held whole, on
// random renderings cut at random places: whatever it takes it reads as
// outputs does, and it takes every rendering whose markers are as fold
// puts them.
func TestUnmarkerAgreesWithOutputs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	texts := []string{"", "<p>", "a > b", "\x00", "fold<", "\x00fold", "\x00fold<", "香港", "<a href=\"/x\">x</a>\n"}
	for i := range 5000 {
		n := 1 + r.IntN(4)
		wellFormed := r.IntN(2) == 0
		var b []byte
		for range r.IntN(8) {
			if wellFormed {
				b = append(b, "<p>香港</p>"[:r.IntN(4)]...)
			} else {
				b = append(b, texts[r.IntN(len(texts))]...)
			}
			k := r.IntN(n + 1) // n: a site the set does not have
			if wellFormed {
				k = r.IntN(n)
			}
			out := texts[r.IntN(len(texts))]
			if wellFormed {
				out = []string{"", "a", "ab", "<b>"}[r.IntN(4)]
			}
			switch r.IntN(12) {
			case 0:
				if !wellFormed {
					b = append(b, marker(k, false)...) // no end
					continue
				}
			case 1:
				if !wellFormed {
					b = append(b, "\x00fold<x>\x00"...)
					continue
				}
			case 2:
				if !wellFormed {
					b = append(b, marker(k, false)...)
					b = append(b, marker((k+1)%n, false)...)
					b = append(b, out...)
					b = append(b, marker((k+1)%n, true)...)
					b = append(b, marker(k, true)...)
					continue
				}
			}
			b = append(b, marker(k, false)...)
			b = append(b, out...)
			b = append(b, marker(k, true)...)
		}
		wantAll, wantPage := outputs(bytes.Clone(b), n)
		var page bytes.Buffer
		u := newUnmarker(&page, n)
		for rest := b; len(rest) > 0; {
			cut := 1 + r.IntN(min(len(rest), 12))
			if err := u.write(rest[:cut]); err != nil {
				t.Fatal(err)
			}
			rest = rest[cut:]
		}
		all, ok := u.finish()
		switch {
		case wellFormed && !ok:
			t.Fatalf("case %d, %q (%d sites): not taken", i, b, n)
		case ok && wantPage == nil:
			t.Fatalf("case %d, %q (%d sites): taken, outputs does not", i, b, n)
		case ok && (!reflect.DeepEqual(all, wantAll) || !bytes.Equal(page.Bytes(), wantPage)):
			t.Fatalf("case %d, %q (%d sites):\ngot  %q %q\nwant %q %q", i, b, n, fmtAll(all), page.Bytes(), fmtAll(wantAll), wantPage)
		}
	}
}

// TestScanMarker reads markers whole, cut off and broken.
func TestScanMarker(t *testing.T) {
	for _, tc := range []struct {
		in        string
		k, n      int
		end, text bool
	}{
		{in: "\x00fold<12>\x00rest", k: 12, n: 10},
		{in: "\x00fold</3>\x00", k: 3, end: true, n: 10},
		{in: "\x00", n: 0},
		{in: "\x00fol", n: 0},
		{in: "\x00fold<", n: 0},
		{in: "\x00fold</", n: 0},
		{in: "\x00fold<123", n: 0},
		{in: "\x00fold<1>", n: 0},
		{in: "\x00x", text: true},
		{in: "\x00fold>", text: true},
		{in: "\x00fold<>\x00", n: -1},
		{in: "\x00fold<1>x", n: -1},
		{in: "\x00fold<1x", n: -1},
		{in: "\x00fold<1234567890>\x00", n: -1},
	} {
		k, end, n := scanMarker([]byte(tc.in))
		switch {
		case tc.text && (k != -1 || n != 1):
			t.Errorf("%q: k %d n %d, want text", tc.in, k, n)
		case !tc.text && (n != tc.n || n > 0 && (k != tc.k || end != tc.end)):
			t.Errorf("%q: k %d end %v n %d, want %d %v %d", tc.in, k, end, n, tc.k, tc.end, tc.n)
		}
	}
	if strings.Contains(string(marker(3, true)), markOpen) != true {
		t.Fatal("an end marker does not begin as markOpen")
	}
}
