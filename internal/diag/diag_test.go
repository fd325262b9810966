package diag

import "testing"

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Errorf("content/a.md", 4, "funding[0].currency", `did you mean "CNY"?`, "unknown currency %q", "CNX"),
			`content/a.md:4: funding[0].currency: unknown currency "CNX" (did you mean "CNY"?)`},
		{Errorf("site.toml", 0, "", "", "cannot read"), "site.toml: cannot read"},
		{Warnf("content/b.md", 2, "funding[1].usd", "", "differs"), "content/b.md:2: warning: funding[1].usd: differs"},
	}
	for _, tt := range tests {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestSortedAndFilter(t *testing.T) {
	l := List{Errorf("b.md", 1, "", "", "x"), Warnf("a.md", 9, "", "", "w"), Errorf("a.md", 3, "", "", "y")}
	s := l.Sorted()
	if s[0].Line != 3 || s[1].Line != 9 || s[2].File != "b.md" {
		t.Fatalf("bad order: %v", s)
	}
	if len(l.Errors()) != 2 || len(l.Warnings()) != 1 || !l.HasErrors() {
		t.Fatal("bad filter")
	}
}

func TestSuggest(t *testing.T) {
	fields := []string{"title", "date", "jurisdiction", "funding", "tags", "summary"}
	tests := map[string]string{"jurisdicton": "jurisdiction", "titel": "title", "tag": "tags", "colour": "", "dtae": "date", "smumary": "summary"}
	for in, want := range tests {
		if got := Suggest(in, fields); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinksAsWarnings(t *testing.T) {
	l := List{
		Errorf("a.md", 3, "", "", "broken"),
		Errorf("a.md", 4, "title", "", "bad title"),
	}
	l[0].Link = true
	w := l.LinksAsWarnings()
	if w[0].Severity != Warning || w[1].Severity != Error || l[0].Severity != Error {
		t.Errorf("got %+v from %+v", w, l)
	}
	if got := w[0].Error(); got != "a.md:3: warning: broken" {
		t.Errorf("got %q", got)
	}
}
