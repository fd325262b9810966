package render

import (
	"testing"
	"unsafe"

	"brief/internal/pages"
	"brief/internal/site"
)

// TestBriefingViewFindsWhatTheModelHas checks that a briefing's view shows
// its model's neighbours and terms as the model has them, also after an
// update in place swaps them, and its picture's share image as its cover.
// The view keeps none of them (there is one per briefing to the end of a
// build): at most 112 bytes.
func TestBriefingViewFindsWhatTheModelHas(t *testing.T) {
	s := foldSite(t)
	if len(s.Briefings) < 3 {
		t.Fatal("the site needs three briefings")
	}
	v := NewViews(s)
	for _, b := range s.Briefings {
		vb := v.Briefing(b)
		if got, want := vb.Newer(), v.Briefing(b.Newer); got != want || (b.Newer == nil) != (got == nil) {
			t.Errorf("%s: Newer() = %v, want %v", b.Path, got, want)
		}
		if got, want := vb.Older(), v.Briefing(b.Older); got != want || (b.Older == nil) != (got == nil) {
			t.Errorf("%s: Older() = %v, want %v", b.Path, got, want)
		}
		for _, c := range []struct {
			got   []*Term
			model []*site.Term
		}{{vb.Tags(), b.Tags}, {vb.Jurisdictions(), b.Jurisdictions}} {
			if len(c.got) != len(c.model) {
				t.Fatalf("%s: %d terms, want %d", b.Path, len(c.got), len(c.model))
			}
			for i, vt := range c.got {
				if vt == nil || vt.Term != c.model[i] {
					t.Errorf("%s: term %d is %v, want the view of %v", b.Path, i, vt, c.model[i])
				}
			}
		}
	}

	b := s.Briefings[1]
	vb := v.Briefing(b)
	saved := b.Tags
	defer func() { b.Tags = saved }()
	b.Tags = s.Tags[len(s.Tags)-1:]
	if got := vb.Tags(); len(got) != 1 || got[0].Term != s.Tags[len(s.Tags)-1] {
		t.Errorf("after the model's terms changed, Tags() = %v", got)
	}

	if got := vb.Cover(); got != (site.Image{}) {
		t.Errorf("Cover() of a briefing without a picture = %+v", got)
	}
	vb.Picture = &site.Picture{Alt: "A", Large: site.ImageFile{URL: "/a.jpg", Width: 1200, Height: 630, Type: "image/jpeg"}}
	if got, want := vb.Cover(), (site.Image{URL: "/a.jpg", Alt: "A", Width: 1200, Height: 630}); got != want {
		t.Errorf("Cover() = %+v, want %+v", got, want)
	}

	if size := unsafe.Sizeof(Briefing{}); size > 112 {
		t.Errorf("a briefing's view takes %d bytes, want at most 112", size)
	}
}

// TestViewMethodsDirect: each method the theme's views give the executor
// is the method it names, called without reflection (TypedMethod checks
// that the function is the method).
func TestViewMethodsDirect(t *testing.T) {
	for i, m := range viewMethods {
		if !m.Direct() {
			t.Errorf("viewMethods[%d] is called through reflection: not the method it names", i)
		}
	}
}

// TestPageGivenBackIsMadeAfresh checks that a Page given back (Done) and
// made again for another page of the site keeps nothing of the first: its
// list, totals or the head's lent state.
func TestPageGivenBackIsMadeAfresh(t *testing.T) {
	s := foldSite(t)
	v := NewViews(s)
	first := v.Page(pages.Page{Kind: "home", URL: "/", List: s.Briefings, Pager: pages.Pager{Number: 1, Total: 2}})
	if len(first.List) != len(s.Briefings) || first.List[0] != v.Briefing(s.Briefings[0]) {
		t.Fatalf("the home page lists %d briefings, want %d", len(first.List), len(s.Briefings))
	}
	first.Totals = []string{"US$1m"}
	first.beginRender()
	first.returnLent()
	v.Done(first)
	for range 3 { // a pool may keep it or not
		p := v.Page(pages.Page{Kind: "list", URL: "/tags/x/", Title: "X", List: s.Briefings[1:2]})
		if p.Kind != "list" || p.URL != "/tags/x/" || p.Title != "X" || p.Pager != (pages.Pager{}) || p.Totals != nil || p.Funding != nil {
			t.Errorf("page made again = %+v", p)
		}
		if len(p.List) != 1 || p.List[0] != v.Briefing(s.Briefings[1]) {
			t.Errorf("page made again lists %v, want the view of %s", p.List, s.Briefings[1].Path)
		}
		if p.rendering != 0 || p.trail != nil || p.more != nil {
			t.Errorf("page made again keeps a render's state")
		}
		v.Done(p)
		empty := v.Page(pages.Page{Kind: "terms", URL: "/tags/"})
		if empty.List == nil || len(empty.List) != 0 {
			t.Errorf("a page without a list has List %#v, want empty and not nil, as before", empty.List)
		}
		v.Done(empty)
	}
}
