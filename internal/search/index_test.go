package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// open builds the index of docs (oldest first) and opens it.
func open(t testing.TB, docs ...*Doc) *Reader {
	t.Helper()
	return openIndex(t, Build(analyseAll(docs)))
}

func openIndex(t testing.TB, x *Index) *Reader {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range x.Files {
		files[f.Path] = f.Data
	}
	r, err := Open(func(p string) ([]byte, error) {
		data, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("no file %s", p)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// urls runs a query and returns the URLs of the results, best first.
func urls(t testing.TB, r *Reader, q string, filters ...Filter) []string {
	t.Helper()
	hits, err := r.Search(q, filters)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		f, err := r.Fragment(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f.URL)
	}
	return out
}

// TestFieldWeights: a title match ranks above a heading match, above the
// summary, tags and jurisdictions, above the body, funding purposes and
// sources; among equals the more recent (higher id) comes first.
func TestFieldWeights(t *testing.T) {
	r := open(t,
		&Doc{URL: "/body-old/", Title: "One", Body: "A distributed ledger pilot."},
		&Doc{URL: "/title/", Title: "The ledger rules", Body: "Nothing else."},
		&Doc{URL: "/heading/", Title: "Two", Headings: []string{"Ledger standards"}},
		&Doc{URL: "/summary/", Title: "Three", Summary: "On a ledger."},
		&Doc{URL: "/tag/", Title: "Four", Tags: []string{"Ledgers"}},
		&Doc{URL: "/funding/", Title: "Five", Funding: []string{"Ledger research grant"}},
		&Doc{URL: "/source/", Title: "Six", Sources: []string{"Ledger bulletin"}},
		&Doc{URL: "/body-new/", Title: "Seven", Body: "The ledger was published."},
		&Doc{URL: "/jurisdiction/", Title: "Eight", Jurisdictions: []string{"Ledger Island"}},
		&Doc{URL: "/none/", Title: "Nine", Body: "Nothing to see."},
	)
	want := []string{"/title/", "/heading/", "/jurisdiction/", "/tag/", "/summary/", "/body-new/", "/source/", "/funding/", "/body-old/"}
	if got := urls(t, r, "ledger"); !slices.Equal(got, want) {
		t.Errorf("ledger:\n got %v\nwant %v", got, want)
	}
}

// TestFrequency: more occurrences weigh more within a field, never enough
// to pass the next field.
func TestFrequency(t *testing.T) {
	r := open(t,
		&Doc{URL: "/many/", Title: "A", Body: strings.Repeat("sandbox ", 300)},
		&Doc{URL: "/once/", Title: "B", Body: "One sandbox."},
		&Doc{URL: "/summary/", Title: "C", Summary: "A sandbox."},
	)
	if got, want := urls(t, r, "sandbox"), []string{"/summary/", "/many/", "/once/"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestMatching(t *testing.T) {
	r := open(t,
		&Doc{URL: "/ecny/", Title: "e-CNY white paper", Body: "Trials for the 2022 Beijing Winter Olympics. 数字人民币试点扩大。"},
		&Doc{URL: "/ban/", Title: "Crypto ban", Headings: []string{"《关于进一步防范和处置虚拟货币交易炒作风险的通知》"}, Body: "The notice on risks."},
		&Doc{URL: "/cafe/", Title: "Café society", Body: "Regulators licensed ＷＥＢ３ platforms; China’s policies."},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Olympics", []string{"/ecny/"}},
		{"olympic", []string{"/ecny/"}},
		{"OLYMPICS winter", []string{"/ecny/"}},
		{"风险", []string{"/ban/"}},
		{"险", []string{"/ban/"}},          // the last character of a pair
		{"炒", []string{"/ban/"}},          // the first of a pair
		{"人民币", []string{"/ecny/"}},       // inside a longer run
		{"数字 trials", []string{"/ecny/"}}, // Chinese and English together
		{"风险 trials", nil},                // every word must match
		{"cafe", []string{"/cafe/"}},      // diacritics folded
		{"web3", []string{"/cafe/"}},      // full-width in the text
		{"ｗｅｂ３", []string{"/cafe/"}},      // full-width in the query
		{"regulator license policy china's", []string{"/cafe/"}},
		{"regul", []string{"/cafe/"}}, // the last word as a prefix
		{"regul ", nil},               // ...only while it may be unfinished
		{"pap", []string{"/ecny/"}},   // "paper"
		{"zebra", nil},
		{"", nil},
	} {
		if got := urls(t, r, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestFilters(t *testing.T) {
	doc := func(url, year string, filters ...Filter) *Doc {
		return &Doc{URL: url, Title: "Stablecoin rules " + url, Date: year + "-01-01", Filters: append(filters, Filter{"year", year})}
	}
	hk, cn, bj := Filter{"jurisdiction", "hong-kong"}, Filter{"jurisdiction", "china"}, Filter{"jurisdiction", "beijing"}
	web3 := Filter{"tag", "web3"}
	r := open(t,
		doc("/a/", "2022", hk, web3),
		doc("/b/", "2023", bj, cn, web3),
		doc("/c/", "2023", hk),
		doc("/d/", "2024", cn, cn), // a repeated filter counts once
	)
	for _, tc := range []struct {
		q       string
		filters []Filter
		want    []string
	}{
		{"stablecoin", []Filter{hk}, []string{"/c/", "/a/"}},
		{"stablecoin", []Filter{cn}, []string{"/d/", "/b/"}},
		{"stablecoin", []Filter{cn, web3}, []string{"/b/"}},
		{"stablecoin", []Filter{{"year", "2023"}}, []string{"/c/", "/b/"}},
		{"stablecoin", []Filter{{"year", "1999"}}, nil},
		{"stablecoin", []Filter{{"tag", "nope"}}, nil},
		{"", []Filter{web3}, []string{"/b/", "/a/"}}, // filters alone: newest first
		{"rules /c/", []Filter{hk}, []string{"/c/"}},
	} {
		if got := urls(t, r, tc.q, tc.filters...); !slices.Equal(got, tc.want) {
			t.Errorf("%q %v: got %v, want %v", tc.q, tc.filters, got, tc.want)
		}
	}
}

// manyDocs makes n briefings from a vocabulary large enough to need many
// chunks, with words sharing long prefixes.
func manyDocs(r *rand.Rand, n int) []*Doc {
	docs := make([]*Doc, n)
	for i := range docs {
		var body strings.Builder
		for range 40 + r.IntN(40) {
			fmt.Fprintf(&body, "regulat%c%c%d ", 'a'+rune(r.IntN(26)), 'a'+rune(r.IntN(26)), r.IntN(30))
			fmt.Fprintf(&body, "w%d ", r.IntN(3000))
		}
		docs[i] = &Doc{URL: fmt.Sprintf("/b%d/", i), Title: fmt.Sprintf("Briefing %d", i), Body: body.String(),
			Filters: []Filter{{"tag", fmt.Sprint("t", r.IntN(5))}}}
	}
	return docs
}

// TestPrefixAcrossChunks: a prefix whose terms fill several chunks finds
// every briefing holding any of them, as a scan of the texts does.
func TestPrefixAcrossChunks(t *testing.T) {
	docs := manyDocs(rand.New(rand.NewPCG(1, 2)), 400)
	x := Build(analyseAll(docs))
	r := openIndex(t, x)
	if n := x.Summarize().Chunks; n < 5 {
		t.Fatalf("only %d chunks: the test needs more", n)
	}
	for _, q := range []string{"regulat", "regulata", "regulatq", "regulatzz2", "w12", "w2999"} {
		got := urls(t, r, q)
		var want []string
		for i := len(docs) - 1; i >= 0; i-- {
			for _, w := range strings.Fields(docs[i].Body) {
				if strings.HasPrefix(w, q) {
					want = append(want, docs[i].URL)
					break
				}
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %d results, a scan finds %d", q, len(got), len(want))
		}
	}
	fetched := map[string]bool{}
	for _, p := range r.Fetched {
		fetched[p] = true
	}
	if len(fetched) >= x.Summarize().Files {
		t.Error("the queries loaded every file of the index")
	}
}

// TestUpdateEqualsBuild: after any sequence of changes, an Indexer that
// patched its way there gives the files a fresh Build gives; a one-briefing
// edit changes only the chunks of the terms it adds or removes.
func TestUpdateEqualsBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	docs := manyDocs(r, 150)
	entries := analyseAll(docs)
	var ix Indexer
	last := ix.Update(entries)
	for step := range 80 {
		entries = slices.Clone(entries)
		what := ""
		switch k := r.IntN(11); {
		case k < 2: // a word of the body goes into the title: its score changes
			i := r.IntN(len(docs))
			d := *docs[i]
			d.Title += " " + strings.Fields(d.Body)[r.IntN(10)]
			docs[i] = &d
			entries[i] = Analyse(&d)
			what = "title"
		case k < 6: // edit one body: a word out, a word in
			editWord(r, docs, entries, "new")
			what = "edit"
		case k < 8: // a new briefing, the newest
			d := manyDocs(r, 1)[0]
			d.URL = fmt.Sprintf("/new%d/", step)
			docs = append(docs, d)
			entries = append(entries, Analyse(d))
			what = "add"
		case k < 9: // the newest goes
			docs, entries = docs[:len(docs)-1], entries[:len(entries)-1]
			what = "remove"
		case k < 10: // a briefing's tag changes (one of the first few: sets come and go)
			i := r.IntN(3)
			d := *docs[i]
			// A set made or left empty (t5, changed), or one more (t1).
			d.Filters = []Filter{{"tag", []string{"changed", "t5", "t1"}[r.IntN(3)]}}
			docs[i] = &d
			entries[i] = Analyse(&d)
			what = "retag"
		default: // many change at once: a rebuild
			for range len(docs) / 4 {
				i := r.IntN(len(docs))
				d := *docs[i]
				d.Title += " again"
				docs[i] = &d
				entries[i] = Analyse(&d)
			}
			what = "many"
		}
		got := ix.Update(entries)
		want := Build(entries)
		if diff := diffIndexes(got, want); diff != "" {
			t.Fatalf("step %d (%s): Update differs from Build:\n%s", step, what, diff)
		}
		if what == "edit" || what == "title" {
			if n := changedChunks(last, got); n > 4 {
				t.Errorf("step %d: a one-word edit changed %d chunks", step, n)
			}
		}
		last = got
	}
}

// editWord replaces a word of a random briefing's body with a new one
// (prefix and a number), in docs and entries.
func editWord(r *rand.Rand, docs []*Doc, entries []*Entry, prefix string) {
	i := r.IntN(len(docs))
	d := *docs[i]
	words := strings.Fields(d.Body)
	words[r.IntN(len(words))] = fmt.Sprintf("%s%d", prefix, r.IntN(500))
	d.Body = strings.Join(words, " ")
	docs[i] = &d
	entries[i] = Analyse(&d)
}

// TestReuse: a new Indexer given the files of an earlier index (by a
// build cache, in another process) takes the chunks and filter sets whose
// content it would make again, and makes the rest: the files are Build's.
func TestReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 3))
	docs := manyDocs(r, 150)
	entries := analyseAll(docs)
	before := Build(entries)
	d := *docs[7]
	d.Body += " reusedneverseen"
	entries[7] = Analyse(&d)
	want := Build(entries)

	var ix Indexer
	ix.Reuse(before.Files)
	if diff := diffIndexes(ix.Update(entries), want); diff != "" {
		t.Fatalf("reusing an earlier index's files gives another index:\n%s", diff)
	}
	// The same with marked copies, to see which were taken.
	var marked []File
	for _, f := range before.Files {
		marked = append(marked, File{Path: f.Path, Data: []byte("reused " + f.Path), Sum: f.Sum})
	}
	ix = Indexer{}
	ix.Reuse(marked)
	reused, made := map[string]int{}, map[string]int{}
	for _, f := range ix.Update(entries).Files {
		kind := f.Path[:2]
		if string(f.Data) == "reused "+f.Path {
			reused[kind]++
		} else {
			made[kind]++
		}
	}
	if reused["c/"] == 0 || reused["s/"] == 0 || made["c/"] == 0 || reused["f/"] != 0 {
		t.Errorf("reused %v, made %v: want chunks and sets reused, the edited term's chunk made, no fragment taken", reused, made)
	}
}

func diffIndexes(a, b *Index) string {
	var out strings.Builder
	if len(a.Files) != len(b.Files) {
		fmt.Fprintf(&out, "%d files, want %d\n", len(a.Files), len(b.Files))
	}
	for i := range min(len(a.Files), len(b.Files)) {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) || a.Files[i].Sum != b.Files[i].Sum {
			fmt.Fprintf(&out, "file %d: %s, want %s\n", i, a.Files[i].Path, b.Files[i].Path)
		}
	}
	return out.String()
}

func changedChunks(before, after *Index) int {
	old := map[string]bool{}
	for _, f := range before.Files {
		old[f.Path] = true
	}
	n := 0
	for _, f := range after.Files {
		if strings.HasPrefix(f.Path, "c/") && !old[f.Path] {
			n++
		}
	}
	return n
}

// TestDeterministic: the same entries give the same bytes, whatever the
// order in which a Doc lists its filters or the cores analyse them.
func TestDeterministic(t *testing.T) {
	docs := manyDocs(rand.New(rand.NewPCG(3, 4)), 200)
	a := Build(analyseAll(docs))
	for _, d := range docs {
		d.Filters = append([]Filter{{"year", "2024"}}, d.Filters...)
	}
	b := Build(analyseAll(docs))
	slices.Reverse(docs[0].Filters)
	c := Build(analyseAll(docs))
	if diffIndexes(b, c) != "" {
		t.Error("the order of a Doc's filters changes the index")
	}
	if diffIndexes(a, b) == "" {
		t.Error("a new filter did not change the index")
	}
	if d := diffIndexes(Build(analyseAll(docs)), c); d != "" {
		t.Errorf("two builds differ:\n%s", d)
	}
}

// TestCorruptFiles: the reader reports a damaged file instead of panicking.
func TestCorruptFiles(t *testing.T) {
	x := Build(analyseAll(manyDocs(rand.New(rand.NewPCG(5, 6)), 20)))
	for i, f := range x.Files {
		if !strings.HasPrefix(f.Path, "c/") {
			continue
		}
		raw := gzipBytes([]byte{5, 0, 200, 1, 'a'}, smallGzip) // five terms promised, one cut short
		x.Files[i].Data = raw
	}
	r := openIndex(t, x)
	if _, err := r.Search("regulat", nil); err == nil {
		t.Error("a corrupt chunk gave no error")
	}
}

// TestFragmentsArePlainJSON: a fragment is stored as plain JSON under
// f/<id>.json, for the host to compress as it serves it (Netlify sends JSON
// with brotli or gzip): compressing ten thousand small files one by one was
// a fifth of the build's search work.
func TestFragmentsArePlainJSON(t *testing.T) {
	x := Build(analyseAll([]*Doc{{URL: "/a/", Title: "Fintech <licensing>", Date: "2024-01-02", Body: "Body & text."}}))
	var data []byte
	for _, f := range x.Files {
		if f.Path == "f/0.json" {
			data = f.Data
		}
	}
	if data == nil {
		t.Fatalf("no f/0.json among %d files (FragmentPath(0) = %s)", len(x.Files), FragmentPath(0))
	}
	var got Fragment
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("f/0.json is not JSON: %v", err)
	}
	if got.Title != "Fintech <licensing>" || got.URL != "/a/" || got.Text != "Body & text." {
		t.Errorf("fragment = %+v", got)
	}
	if bytes.ContainsAny(data, "<>&") {
		t.Errorf("fragment holds raw <, > or &: %s", data)
	}
}

// TestResumeEqualsBuild: an Indexer resumed from the files of an index
// that another Indexer (or a Collector) made of some entries, then
// updated to other entries, gives the files Build gives of those; an edit
// of one briefing decodes only the postings it changes, and makes again
// only their chunks.
func TestResumeEqualsBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 8))
	docs := manyDocs(r, 150)
	entries := analyseAll(docs)
	for step := range 30 {
		var before *Index
		if step%2 == 0 {
			before = Build(entries)
		} else {
			c := NewCollector(len(entries))
			for id, e := range entries {
				c.Add(id, e)
			}
			before = c.Index()
		}
		next := slices.Clone(entries)
		what := ""
		switch k := r.IntN(6); {
		case k < 3:
			editWord(r, docs, next, "resumed")
			what = "edit"
		case k < 4:
			d := manyDocs(r, 1)[0]
			d.URL = fmt.Sprintf("/resumed%d/", step)
			docs = append(docs, d)
			next = append(next, Analyse(d))
			what = "add"
		case k < 5:
			docs, next = docs[:len(docs)-1], next[:len(next)-1]
			what = "remove"
		default:
			what = "none"
		}
		var ix Indexer
		if err := ix.Resume(entries, before.Files); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		got := ix.Update(next)
		if diff := diffIndexes(got, Build(next)); diff != "" {
			t.Fatalf("step %d (%s): a resumed Indexer's update differs from Build:\n%s", step, what, diff)
		}
		decoded := 0
		for _, p := range ix.terms {
			if p.enc == nil {
				decoded++
			}
		}
		if what == "edit" && (decoded == 0 || decoded > 4 || changedChunks(before, got) > 4) {
			t.Errorf("step %d: a one-word edit decoded %d postings and changed %d chunks", step, decoded, changedChunks(before, got))
		}
		if what == "none" && decoded > 0 {
			t.Errorf("step %d: no change decoded %d postings", step, decoded)
		}
		entries = next
	}
}

// TestResumeRefusesOtherFiles: files that are not a whole index of the
// entries given are refused, and the Indexer stays new.
func TestResumeRefusesOtherFiles(t *testing.T) {
	entries := analyseAll(manyDocs(rand.New(rand.NewPCG(3, 4)), 60))
	x := Build(entries)
	damaged := slices.Clone(x.Files)
	for i, f := range damaged {
		if strings.HasPrefix(f.Path, "c/") {
			damaged[i].Data = append(slices.Clone(f.Data[:len(f.Data)/2]), 1, 2, 3)
			break
		}
	}
	for name, c := range map[string]struct {
		entries []*Entry
		files   []File
	}{
		"fewer entries than the postings name": {entries[:30], x.Files},
		"a damaged chunk":                      {entries, damaged},
		"a chunk twice":                        {entries, append(slices.Clone(x.Files), x.Files[1])},
	} {
		var ix Indexer
		if err := ix.Resume(c.entries, c.files); err == nil {
			t.Errorf("%s: resumed", name)
		}
		if ix.terms != nil {
			t.Errorf("%s: the Indexer is not new", name)
		}
	}
}

// TestFNV32a: the terms' hash that decides where chunks end is hash/fnv's
// FNV-1a: another would move every chunk's bounds.
func TestFNV32a(t *testing.T) {
	for _, s := range []string{"", "a", "licens", "香港", "数字人民币", strings.Repeat("xy", 40), "\xff\x00"} {
		h := fnv.New32a()
		h.Write([]byte(s))
		if got, want := fnv32a(s), h.Sum32(); got != want {
			t.Errorf("fnv32a(%q) = %#x, want %#x", s, got, want)
		}
	}
}
