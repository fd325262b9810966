package markdown

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"brief/internal/lending"
)

// TestLenderHTML: a Lender renders what the Renderer renders; a lent
// body stays as it is until it is handed back, when its buffer serves
// other bodies (fewer bytes allocated), and no other string hands anything
// back.
func TestLenderHTML(t *testing.T) {
	r := New(Options{})
	lender := r.Lender()
	bodies := append(append([]string{}, emphasisBodies...), headingBodies...)
	for _, body := range bodies {
		want := r.Render([]byte(body), Context{IDPrefix: "x-"}).HTML
		got := lender.Render([]byte(body), Context{IDPrefix: "x-"}).HTML
		if got != want {
			t.Fatalf("%q: lent\n%s\nwant\n%s", body, got, want)
		}
		kept := strings.Clone(got)
		r.ReturnHTML(got[1:])            // not a lent string: nothing
		r.ReturnHTML(got[:len(got)-1])   // nor this
		r.ReturnHTML(strings.Clone(got)) // nor a copy
		r.ReturnHTML(want)               // nor the Renderer's own
		other := lender.Render([]byte("# Other\n\ntext\n"), Context{}).HTML
		if got != kept {
			t.Fatalf("%q: a lent body changed before it was handed back (next: %q)", body, other)
		}
		if len(r.lent) != 2 {
			t.Fatalf("%q: %d buffers lent, want 2", body, len(r.lent))
		}
		lender.ReturnHTML(other)
		lender.ReturnHTML(got)
		if len(kept) >= 17 && !lending.Spoiled([]byte(got)) {
			t.Fatalf("%q: a body handed back still reads %q: a reader after ReturnHTML would not show in tests", body, got)
		}
	}
	if n := len(r.lent); n != 0 {
		t.Errorf("%d buffers still lent after every body was handed back", n)
	}

	src := []byte(strings.Repeat("A paragraph of *text* with [a link](/x).\n\n", 300))
	size := uint64(len(r.Render(src, Context{}).HTML))
	copied := bytesPerRun(func() { r.Render(src, Context{}) })
	lent := bytesPerRun(func() { lender.ReturnHTML(lender.Render(src, Context{}).HTML) })
	if copied-lent < size/2 {
		t.Errorf("%d bytes of HTML: %d bytes allocated per body copied, %d per body lent", size, copied, lent)
	}
}

// TestLenderText: a Lender's text is the Renderer's; handed back, its
// buffer takes another body's text, which is right; a text with
// footnotes is a copy and lends nothing; nothing stays lent.
func TestLenderText(t *testing.T) {
	r := New(Options{})
	lender := r.Lender()
	bodies := append(append(append([]string{}, emphasisBodies...), headingBodies...), awkwardBodies...)
	ctx := Context{PlainText: true}
	for round := range 2 {
		for i, body := range bodies {
			want := r.Render([]byte(body), ctx)
			got := lender.Render([]byte(body), ctx)
			if got.Text != want.Text || got.Words != want.Words || got.CJK != want.CJK {
				t.Fatalf("round %d, body %d %q: lent text %q (%d, %d), want %q (%d, %d)", round, i, body, got.Text, got.Words, got.CJK, want.Text, want.Words, want.CJK)
			}
			lender.ReturnHTML(got.HTML)
			lender.ReturnText(want.Text) // not lent: nothing
			lent := len(r.lentText) > 0
			lender.ReturnText(got.Text)
			if lent && len(got.Text) >= 17 && !lending.Spoiled([]byte(got.Text)) {
				t.Fatalf("round %d, body %d: a text handed back still reads %q", round, i, got.Text)
			}
		}
	}
	if len(r.lentText) != 0 || len(r.lent) != 0 {
		t.Errorf("%d texts and %d bodies still lent", len(r.lentText), len(r.lent))
	}
	if len(r.freeTexts) == 0 {
		t.Error("no text handed back was kept")
	}
	src := []byte(strings.Repeat("A paragraph of text with words.\n\n", 300))
	size := uint64(len(r.Render(src, ctx).Text))
	kept := bytesPerRun(func() { res := lender.Render(src, ctx); lender.ReturnHTML(res.HTML) })
	handed := bytesPerRun(func() { res := lender.Render(src, ctx); lender.ReturnHTML(res.HTML); lender.ReturnText(res.Text) })
	if kept-handed < size/2 {
		t.Errorf("%d bytes of text: %d bytes allocated per body with its text kept, %d handed back", size, kept, handed)
	}
}

// bytesPerRun is what one run of f allocates, over 20 runs with no
// collection meanwhile (it would empty the pools at random).
func bytesPerRun(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 20 {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / 20
}
