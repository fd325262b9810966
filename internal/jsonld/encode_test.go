package jsonld

import (
	"bytes"
	"encoding/json"
	"testing"

	"brief/internal/lending"
)

// byEncodingJSON is what Script wrote before it had its own encoder.
func byEncodingJSON(t testing.TB, v any) string {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

var awkward = []string{
	"", "plain", `quote " and \ backslash`, "</script><!--", "a & b > c", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "\u2028\u2029", "香港 Web3 «€»", "bad \xff\xfe utf-8", "\xe2\x80", "emoji 😀",
}

// TestAppendJSONMatchesEncodingJSON checks that the structured data is
// byte for byte what encoding/json wrote, for every kind of value nodes
// hold, and every byte of a string.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	var every []byte
	for c := range 256 {
		every = append(every, byte(c))
	}
	strs := append(awkward, string(every))
	for _, s := range strs {
		if got, want := string(appendJSON(nil, s)), byEncodingJSON(t, s); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
	docs := []any{
		nil, true, false, 0, -12, 1 << 40, 1.5, "x",
		Node{}, Node(nil), []Node(nil), []string(nil), []any(nil), []Node{}, []string{},
		Node{"@type": "Article", "b": 2, "a": []string{"x", "<y>"}, "z": Node{"k": nil, "j": []any{1, "two", Node{"é": "&"}}},
			"image": []Node{{"url": "https://example.org/a b", "width": 1200}}, "free": true, "@context": "https://schema.org"},
		Node{"keys & <sorted>": 1, "Keys": 2, "keys": 3, "ключ": 4, "香港": 5, "\u2028": 6},
		map[string]string{"other": "type"},
	}
	for _, s := range strs {
		docs = append(docs, Node{s: s, "list": []string{s}})
	}
	for _, d := range docs {
		if got, want := string(appendJSON(nil, d)), byEncodingJSON(t, d); got != want {
			t.Errorf("%#v:\ngot  %s\nwant %s", d, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSON(nil, Node{s: []string{s}})), byEncodingJSON(t, Node{s: []string{s}}); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}

// A trail's items and a document's @context, encoded without maps of
// their own, are what encoding/json writes of the maps they stand for.
func TestListItemsAndContextMatchEncodingJSON(t *testing.T) {
	var items []listItem
	var maps []Node
	for i, s := range awkward {
		items = append(items, listItem{position: i + 1, name: s, item: "https://example.org/" + s})
		maps = append(maps, Node{"@type": "ListItem", "position": i + 1, "name": s, "item": "https://example.org/" + s})
	}
	for _, tt := range []struct{ got, want any }{
		{[]listItem(nil), []Node(nil)},
		{[]listItem{}, []Node{}},
		{Node{"@type": "BreadcrumbList", "itemListElement": items}, Node{"@type": "BreadcrumbList", "itemListElement": maps}},
	} {
		if got, want := string(appendJSON(nil, tt.got)), byEncodingJSON(t, tt.want); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	for _, n := range []Node{{}, {"@type": "WebSite", "name": "x"}, {"@context": "mine", "a": 1}, {"@b": 1, "@a": 2}} {
		with := Node{"@context": "https://schema.org"}
		for k, v := range n {
			with[k] = v
		}
		if got, want := string(appendNode(nil, n, "@context", "https://schema.org")), byEncodingJSON(t, with); got != want {
			t.Errorf("%v with @context:\ngot  %s\nwant %s", n, got, want)
		}
	}
}

// A trail's BreadcrumbNode is written, alone with its @context and in a
// graph, as the map it stands for, {"@type": "BreadcrumbList",
// "itemListElement": [its items' maps]}, by encoding/json.
func TestBreadcrumbNodeMatchesItsMap(t *testing.T) {
	abs := func(p string) string { return "https://x.example" + p }
	for n := range len(awkward) + 1 {
		var trail []Crumb
		maps := []Node{}
		for i, s := range awkward[:n] {
			trail = append(trail, Crumb{Name: s, URL: "/" + s})
			maps = append(maps, Node{"@type": "ListItem", "position": i + 1, "name": s, "item": abs("/" + s)})
		}
		crumbs := Breadcrumbs(Env{Abs: abs}, trail)
		m := Node{"@type": "BreadcrumbList", "itemListElement": maps}
		alone := Node{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": maps}
		if got, want := string(Script(crumbs)), byEncodingJSON(t, alone); got != want {
			t.Errorf("%d crumbs alone:\ngot  %s\nwant %s", n, got, want)
		}
		other := Node{"@type": "WebSite", "name": "x"}
		graph := Node{"@context": "https://schema.org", "@graph": []any{other, m}}
		if got, want := string(Script(other, crumbs)), byEncodingJSON(t, graph); got != want {
			t.Errorf("%d crumbs in a graph:\ngot  %s\nwant %s", n, got, want)
		}
		if got, want := string(appendJSON(nil, crumbs)), byEncodingJSON(t, m); got != want {
			t.Errorf("%d crumbs as a value:\ngot  %s\nwant %s", n, got, want)
		}
	}
}

// encoding/json writes a BreadcrumbNode and its items as appendJSON
// does, not as empty objects.
func TestBreadcrumbsByEncodingJSON(t *testing.T) {
	var trail []Crumb
	for _, s := range awkward {
		trail = append(trail, Crumb{Name: s, URL: "/" + s})
	}
	n := Breadcrumbs(Env{Abs: func(p string) string { return "https://x.example" + p }}, trail)
	if got, want := byEncodingJSON(t, n), string(appendJSON(nil, n)); got != want {
		t.Errorf("encoding/json: %s\nappendJSON:    %s", got, want)
	}
}

// TestLendScript: a lent document is Script's; two lent at once never
// share a buffer, and a document stays as it is until it is returned.
func TestLendScript(t *testing.T) {
	a := Node{"@type": "Thing", "name": "first"}
	b := Node{"@type": "Thing", "name": "second", "url": "https://example.org/"}
	if js, l := LendScript(); js != "" || l != (Lent{}) {
		t.Errorf("no nodes: %q, %v", js, l)
	}
	for range 50 {
		ja, la := LendScript(a)
		jb, lb := LendScript(a, b)
		if ja != Script(a) || jb != Script(a, b) {
			t.Fatalf("lent %s and %s, want %s and %s", ja, jb, Script(a), Script(a, b))
		}
		keep := string([]byte(ja))
		lb.Return()
		for range 3 {
			_, l := LendScript(b, a, b)
			l.Return()
		}
		if string(ja) != keep {
			t.Fatalf("a lent document changed before it was returned: %s, was %s", ja, keep)
		}
		la.Return()
		if !lending.Spoiled([]byte(ja)) {
			t.Fatalf("a returned document still reads %s: a reader after Return would not show in tests", ja)
		}
	}
}
