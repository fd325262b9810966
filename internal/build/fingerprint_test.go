package build

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"brief"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/site"
)

// TestFingerprintsCoverEveryField changes each field of the briefing types,
// one at a time, and checks that the fingerprint that stands for it
// changes, unless the field is exempt with a reason. A field added to a
// briefing type fails here until it is hashed in fingerprint.go or
// exempted below.
func TestFingerprintsCoverEveryField(t *testing.T) {
	seed := fingerprintSeed

	// Front matter: every field of the parsed briefing, deep.
	exempt := map[string]string{
		"Body": "the model never holds the body; its rendered form has a fingerprint of its own (parts.body)",
	}
	base := frontMatter(seed, sampleBriefing())
	for _, m := range mutations(reflect.TypeFor[content.Briefing](), "") {
		if _, ok := exempt[m.path]; ok {
			continue
		}
		b := sampleBriefing()
		m.apply(reflect.ValueOf(b).Elem())
		if frontMatter(seed, b) == base {
			t.Errorf("content.Briefing.%s is not in frontMatter's fingerprint: hash it, or exempt it with a reason", m.path)
		}
	}

	// A briefing page's own fingerprint: the model's fields of the briefing,
	// its neighbours and its terms' names.
	s := sampleSite(t)
	headers := func(b *site.Briefing) uint64 { return header(seed, frontMatter(seed, b.Briefing), b) }
	page := func(b *site.Briefing) uint64 {
		return ownBase(seed, "briefing", 0, 0, render.Reads{}, headers, b)
	}
	b := s.Briefings[1]
	before := page(b)
	other := &site.Briefing{Briefing: sampleBriefing(), Slug: "elsewhere", URL: "/briefings/elsewhere/"}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[site.Briefing]()) {
		if len(f.Index) > 1 || !f.IsExported() || f.Anonymous {
			continue // promoted from content.Briefing (above), unexported, or the embedded briefing itself
		}
		saved := *b
		v := reflect.ValueOf(b).Elem().FieldByIndex(f.Index)
		switch f.Name {
		case "Newer", "Older":
			v.Set(reflect.ValueOf(other))
		case "Tags", "Jurisdictions":
			v.Set(reflect.Append(v, reflect.ValueOf(&site.Term{Kind: "tags", Name: "New", Slug: "new", URL: "/tags/new/"})))
		default:
			mutate(v)
		}
		if page(b) == before {
			t.Errorf("site.Briefing.%s is not in a briefing page's fingerprint", f.Name)
		}
		*b = saved
	}

	// Terms: what a page shows of its own terms is hashed; reading the rest
	// of a term reads the model.
	term := b.Tags[0]
	for _, f := range reflect.VisibleFields(reflect.TypeFor[site.Term]()) {
		if !f.IsExported() {
			continue
		}
		saved := *term
		mutate(reflect.ValueOf(term).Elem().FieldByIndex(f.Index))
		hashed := page(b) != before
		*term = saved
		if hashed {
			continue
		}
		if r := readsOf(t, "briefing.html", `{{define "main"}}{{range .Briefing.Tags}}{{.`+f.Name+`}}{{end}}{{end}}`, "briefing"); !r.Model {
			t.Errorf("site.Term.%s is neither in a briefing page's fingerprint nor counted as reading the model", f.Name)
		}
	}

	// Pages other than briefings': every field of the page, and what it
	// shows of its term and year, is in the page's key, or reading it
	// reads the model.
	ls := pages.Lists(s)
	i := slices.IndexFunc(ls, func(l pages.List) bool { return l.Page(1).Term == term })
	if i < 0 {
		t.Fatal("no page of the sample's tag")
	}
	lp := ls[i].Page(1)
	key := func() uint64 { return pageKey(seed, lp, newShapes(seed, s), nil, headers) }
	before = key()
	for _, f := range reflect.VisibleFields(reflect.TypeFor[pages.Page]()) {
		switch f.Name {
		case "Briefing", "Owner":
			continue // briefing pages have their own key; Owner is for messages
		}
		saved := lp
		switch v := reflect.ValueOf(&lp).Elem().FieldByIndex(f.Index); f.Name {
		case "List":
			lp.List = append(slices.Clip(lp.List), s.Briefings[0])
		case "Terms":
			lp.Terms = append(lp.Terms, term)
		case "Years":
			lp.Years = append(lp.Years, s.Years[0])
		default:
			mutate(v)
		}
		if key() == before {
			t.Errorf("pages.Page.%s is not in a page's key", f.Name)
		}
		lp = saved
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[site.Term]()) {
		if !f.IsExported() {
			continue
		}
		saved := *term
		if f.Name == "Children" {
			term.Children = append(slices.Clip(term.Children), &site.Term{Kind: term.Kind, Name: "Child"})
		} else {
			mutate(reflect.ValueOf(term).Elem().FieldByIndex(f.Index))
		}
		hashed := key() != before
		*term = saved
		if !hashed && !readsOf(t, "list.html", `{{define "main"}}{{with .Term}}{{.`+f.Name+`}}{{end}}{{end}}`, "list").Model {
			t.Errorf("site.Term.%s is neither in a term page's key nor counted as reading the model", f.Name)
		}
	}
	year := s.Years[0]
	lp = pages.Page{Kind: "list", URL: year.URL, Year: year}
	before = key()
	for _, f := range reflect.VisibleFields(reflect.TypeFor[site.Year]()) {
		saved := *year
		mutate(reflect.ValueOf(year).Elem().FieldByIndex(f.Index))
		if key() == before {
			t.Errorf("site.Year.%s is not in a year page's key", f.Name)
		}
		*year = saved
	}

	// Views: each field a template can read of a briefing is the model's
	// (copied), a rendered part with its own fingerprint, or made from
	// hashed fields. (Its neighbours, terms and cover are methods that
	// find them in the model and the rendered picture when asked.)
	views := render.NewViews(s)
	view := views.Briefing(b)
	made := map[string]string{
		"Figures": "made from the front matter's funding and the configuration, both hashed",
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[render.Briefing]()) {
		if len(f.Index) > 1 || f.Anonymous || !f.IsExported() {
			continue
		}
		if _, ok := made[f.Name]; ok {
			continue
		}
		if mf, ok := reflect.TypeFor[site.Briefing]().FieldByName(f.Name); ok && mf.Type == f.Type {
			got := reflect.ValueOf(view).Elem().FieldByIndex(f.Index).Interface()
			want := reflect.ValueOf(b).Elem().FieldByIndex(mf.Index).Interface()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("render.Briefing.%s = %v, want the model's %v", f.Name, got, want)
			}
			continue
		}
		r := readsOf(t, "briefing.html", `{{define "main"}}{{.Briefing.Newer.`+f.Name+`}}{{end}}`, "briefing")
		if (r.Bodies|r.Stats|r.Pictures|r.Cards)&render.Neighbours == 0 {
			t.Errorf("render.Briefing.%s is neither the model's, nor a rendered part the reads count, nor exempt", f.Name)
		}
	}
}

func readsOf(t *testing.T, file, src, kind string) render.Reads {
	t.Helper()
	th, ds := render.Load(brief.DefaultTheme(), fstest.MapFS{file: {Data: []byte(src)}}, config.Default())
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return th.Reads[kind]
}

// sampleBriefing has every field set.
func sampleBriefing() *content.Briefing {
	d := func(s string) money.Decimal {
		v, err := money.ParseAmount(s)
		if err != nil {
			panic(err)
		}
		return v
	}
	usd := d("14m")
	return &content.Briefing{
		Path: "content/briefings/a.md", Title: "A", Summary: "S", Slug: "a", Draft: true,
		Date: time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC), Updated: time.Date(2023, 5, 2, 9, 0, 0, 0, time.UTC),
		Jurisdictions: []string{"Beijing"}, Tags: []string{"Web3"}, Authors: []string{"Desk"},
		JurisdictionLines: []int{4}, TagLines: []int{5},
		Funding: []content.Funding{{Amount: d("100m"), AmountText: "100m", Currency: "CNY", USD: &usd, USDText: "14m", Purpose: "P", Line: 7}},
		Aliases: []content.Alias{{Path: "/old/", Field: "aliases[0]", Line: 9}},
		Sources: []content.Source{{Title: "T", URL: "https://example.org/"}},
		Image:   "chart.png", ImageAlt: "A chart",
		Body: []byte("body"), BodyLine: 12, Lines: content.NewFieldLines(content.FieldLine{Field: "title", Line: 2}),
	}
}

func sampleSite(t *testing.T) *site.Site {
	var bs []*content.Briefing
	for i := range 3 {
		b := sampleBriefing()
		b.Path = fmt.Sprintf("content/briefings/%c.md", 'a'+i)
		b.Slug = ""
		b.Draft = false
		b.Aliases = nil
		b.Date = b.Date.AddDate(0, 0, i)
		bs = append(bs, b)
	}
	s, ds := site.New(config.Default(), bs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return s
}

// mutation changes one leaf field, found by its path ("Funding.Amount").
type mutation struct {
	path  string
	apply func(v reflect.Value)
}

// mutations lists a change for every leaf field of struct type t: fields
// of structs in slices are changed in the first element, and each slice
// also gets an extra element.
func mutations(t reflect.Type, prefix string) []mutation {
	var out []mutation
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		path, index := prefix+f.Name, f.Index
		field := func(v reflect.Value) reflect.Value { return v.FieldByIndex(index) }
		out = append(out, mutation{path, func(v reflect.Value) { mutate(field(v)) }})
		if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
			for _, m := range mutations(f.Type.Elem(), path+".") {
				out = append(out, mutation{m.path, func(v reflect.Value) { m.apply(field(v).Index(0)) }})
			}
		}
	}
	return out
}

// mutate changes v to a different value of its type.
func mutate(v reflect.Value) {
	switch v.Interface().(type) {
	case time.Time:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
		return
	case money.Decimal:
		v.Set(reflect.ValueOf(v.Interface().(money.Decimal).Add(money.NewInt(1))))
		return
	case content.FieldLines: // kept in order by its methods
		ls := slices.Clone(v.Interface().(content.FieldLines))
		l, _ := ls.Get("updated")
		ls.Set("updated", l+1)
		v.Set(reflect.ValueOf(ls))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(k, v.MapIndex(k))
		}
		k := reflect.New(v.Type().Key()).Elem()
		mutate(k)
		m.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		v.Set(m)
	case reflect.Pointer:
		n := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			n.Elem().Set(v.Elem())
		}
		mutate(n.Elem())
		v.Set(n)
	case reflect.Struct: // its scalar fields, so that a value that refers to itself ends
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() && f.Kind() != reflect.Pointer && f.Kind() != reflect.Slice && f.Kind() != reflect.Map {
				mutate(f)
			}
		}
	default:
		panic("mutate: add a case for " + v.Type().String())
	}
}
