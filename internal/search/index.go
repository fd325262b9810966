package search

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Chunk sizes, in bytes before compression. A chunk ends where the hash of
// the next term says so (content-defined, so that an edit moves the chunk
// boundaries near it and nowhere else), once it holds minChunk bytes; past
// targetChunk a cut is sixteen times likelier; a chunk never grows past
// maxChunk unless a single term is larger.
const (
	minChunk    = 4 << 10
	targetChunk = 24 << 10
	maxChunk    = 64 << 10
)

// File is one file of the index, by path under the search folder:
// "manifest.json", "c/<hash>.bin" (term chunks), "s/<hash>.bin" (filter
// sets), "f/<id>.json" (fragments). Chunks and sets are gzip; the manifest
// and fragments are plain JSON, which the host compresses.
type File struct {
	Path string
	Data []byte
	Sum  uint64 // changes whenever Data does
}

// Index is a built index: its files, manifest first.
type Index struct {
	Files []File
}

// Build makes the index of entries; a briefing's id is its position in
// entries. Give them oldest first: ranking breaks ties in favour of the
// higher id, and a new briefing, appended, leaves the others' ids alone.
func Build(entries []*Entry) *Index {
	return new(Indexer).Update(entries)
}

// Indexer builds the index again and again as a site changes, reworking
// only what the changed entries touch. Update's result is always the same
// as Build's for the same entries (a test checks this).
type Indexer struct {
	entries []*Entry
	terms   map[string]*postings
	sorted  []string    // every term, sorted
	post    []*postings // the postings of sorted[i]
	dirty   []*postings // postings changed since the chunks were made

	chunks    map[chunkKey]*chunkFile // the last update's chunks, for reuse
	reuse     map[string]*chunkFile   // compressed chunks by name, from Reuse
	sets      []File                  // the last update's filter set files...
	setNames  map[string]map[string]string
	fragPaths []string            // FragmentPath(id), made once
	collected map[Filter][]uint32 // the filter sets, from a Collector: its entries have no filters
	// byFilter are the filter sets of entries as last made, for Update to
	// patch with the filters of the entries that changed.
	byFilter map[Filter][]uint32
}

// postings are the briefings a term occurs in, by id, with its score in each.
type postings struct {
	ids    []uint32
	scores []uint8
	packed *packed // instead of ids and scores, in an index made once (Collector)
	// enc and n are, instead of ids and scores, the postings as a chunk
	// holds them (appendTo) and their number, in an index resumed from
	// its files until a patch changes them (unpack).
	enc   []byte
	n     int
	size  int  // bytes the term takes in a chunk, as estimated by layout
	dirty bool // changed since the chunks were last made
}

// count is the number of postings.
func (p *postings) count() int {
	if p.packed != nil {
		return p.packed.n
	}
	if p.enc != nil {
		return p.n
	}
	return len(p.ids)
}

// gapBytes is what the gaps between the ids take in a chunk.
func (p *postings) gapBytes() int {
	if p.packed != nil {
		return p.packed.gapBytes
	}
	if p.enc != nil {
		return len(p.enc) - uvarintLen(uint64(p.n)) - p.n
	}
	n, prev := 0, uint32(0)
	for _, id := range p.ids {
		n += uvarintLen(uint64(id - prev))
		prev = id
	}
	return n
}

// appendTo writes the postings as a chunk holds them: their number, the
// gaps between the ids, then the scores.
func (p *postings) appendTo(buf []byte) []byte {
	if p.enc != nil {
		return append(buf, p.enc...)
	}
	buf = appendUvarint(buf, uint64(p.count()))
	if p.packed != nil {
		return p.packed.appendPostings(buf)
	}
	last := uint32(0)
	for _, id := range p.ids {
		buf = appendUvarint(buf, uint64(id-last))
		last = id
	}
	return append(buf, p.scores...)
}

// touch marks p as changed since the chunks were made.
func (ix *Indexer) touch(p *postings) {
	if !p.dirty {
		p.dirty = true
		ix.dirty = append(ix.dirty, p)
	}
}

type chunkKey struct {
	first, last string
	n           int
}

type chunkFile struct {
	name string // hash of the raw bytes
	data []byte // compressed
	sum  uint64
}

// Reuse gives a new Indexer the compressed chunk and filter set files of
// an index made before, by another process (a build cache keeps them): a
// chunk or set whose content has one of their names is taken as it is
// rather than compressed again. Other files are ignored.
func (ix *Indexer) Reuse(files []File) {
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Path, "c/"):
			if ix.reuse == nil {
				ix.reuse = map[string]*chunkFile{}
			}
			name := strings.TrimSuffix(strings.TrimPrefix(f.Path, "c/"), ".bin")
			ix.reuse[name] = &chunkFile{name: name, data: f.Data, sum: f.Sum}
		case strings.HasPrefix(f.Path, "s/"):
			ix.sets = append(ix.sets, f) // makeSets takes those it makes again
		}
	}
}

// rebuildShare: when more than this share of the entries changed, the
// index is made from scratch, which is then quicker than patching.
const rebuildShare = 8

// Update makes the index of entries, reusing what it can of the last one.
func (ix *Indexer) Update(entries []*Entry) *Index {
	changed := ix.changedIDs(entries)
	setsStale := ix.terms == nil || ix.setNames == nil || len(entries) != len(ix.entries)
	for _, id := range changed {
		if old, cur := entryAt(ix.entries, id), entryAt(entries, id); old == nil || cur == nil || !slices.Equal(old.filters, cur.filters) {
			setsStale = true
		}
	}
	if ix.terms == nil || len(changed)*rebuildShare > max(len(entries), len(ix.entries)) {
		ix.rebuild(entries)
	} else {
		ix.patch(entries, changed)
	}
	if setsStale && ix.byFilter != nil && len(entries) == len(ix.entries) {
		ix.patchFilters(entries, changed)
	} else if setsStale {
		ix.byFilter = nil
	}
	ix.entries = slices.Clone(entries)
	if setsStale {
		ix.makeSets()
	}
	return ix.files()
}

func (ix *Indexer) changedIDs(entries []*Entry) []int {
	var ids []int
	for i := range max(len(entries), len(ix.entries)) {
		if entryAt(entries, i) != entryAt(ix.entries, i) {
			ids = append(ids, i)
		}
	}
	return ids
}

func entryAt(es []*Entry, i int) *Entry {
	if i < len(es) {
		return es[i]
	}
	return nil
}

func (ix *Indexer) rebuild(entries []*Entry) {
	ix.terms = map[string]*postings{}
	for id, e := range entries {
		c := termCursor{terms: e.termText()}
		for t, ok := c.next(); ok; t, ok = c.next() {
			p := ix.terms[t]
			if p == nil {
				p = &postings{}
				ix.terms[strings.Clone(t)] = p // not a slice of the entry's terms, which may go
			}
			p.ids = append(p.ids, uint32(id))
			p.scores = append(p.scores, e.scores[c.i-1])
		}
	}
	ix.sortTerms()
}

// sortTerms lists the terms in order, all of them changed.
func (ix *Indexer) sortTerms() {
	ix.sorted = ix.sorted[:0]
	ix.dirty = ix.dirty[:0]
	for t, p := range ix.terms {
		ix.sorted = append(ix.sorted, t)
		ix.touch(p)
	}
	slices.Sort(ix.sorted)
	ix.lookUpPostings()
}

// lookUpPostings aligns post with sorted, after terms came or went.
func (ix *Indexer) lookUpPostings() {
	ix.post = slices.Grow(ix.post[:0], len(ix.sorted))
	for _, t := range ix.sorted {
		ix.post = append(ix.post, ix.terms[t])
	}
}

// patch moves the postings of the changed ids from their old entries to
// their new ones.
func (ix *Indexer) patch(entries []*Entry, changed []int) {
	created := map[string]bool{}
	gone := false
	old := map[string]uint8{} // the old entry's terms not (yet) met in the new one
	for _, id := range changed {
		clear(old)
		if e := entryAt(ix.entries, id); e != nil {
			c := termCursor{terms: e.termText()}
			for t, ok := c.next(); ok; t, ok = c.next() {
				old[t] = e.scores[c.i-1]
			}
		}
		if e := entryAt(entries, id); e != nil {
			c := termCursor{terms: e.termText()}
			for t, ok := c.next(); ok; t, ok = c.next() {
				score := e.scores[c.i-1]
				if was, ok := old[t]; ok {
					delete(old, t)
					if was != score {
						ix.insert(ix.terms[t], uint32(id), score)
					}
					continue
				}
				p := ix.terms[t] // the term came into the briefing
				if p == nil {
					p = &postings{}
					t = strings.Clone(t)
					ix.terms[t] = p
					created[t] = true
				}
				ix.insert(p, uint32(id), score)
			}
		}
		for t := range old { // the terms that left the briefing
			p := ix.terms[t]
			ix.remove(p, uint32(id))
			if len(p.ids) == 0 {
				delete(ix.terms, t)
				gone = true
			}
		}
	}
	// A term may have gone and come back within one patch: drop every
	// created term from the list, then merge back those that still exist.
	if gone || len(created) > 0 {
		ix.sorted = slices.DeleteFunc(ix.sorted, func(t string) bool { return ix.terms[t] == nil || created[t] })
	}
	var added []string
	for t := range created {
		if ix.terms[t] != nil {
			added = append(added, t)
		}
	}
	if len(added) > 0 {
		slices.Sort(added)
		ix.sorted = mergeSorted(ix.sorted, added)
	}
	if gone || len(created) > 0 {
		ix.lookUpPostings()
	}
}

func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// insert sets the score of id in p, adding it if absent.
func (ix *Indexer) insert(p *postings, id uint32, score uint8) {
	p.unpack()
	i, found := slices.BinarySearch(p.ids, id)
	if found {
		p.scores[i] = score
	} else {
		p.ids = slices.Insert(p.ids, i, id)
		p.scores = slices.Insert(p.scores, i, score)
	}
	ix.touch(p)
}

func (ix *Indexer) remove(p *postings, id uint32) {
	p.unpack()
	if i, found := slices.BinarySearch(p.ids, id); found {
		p.ids = slices.Delete(p.ids, i, i+1)
		p.scores = slices.Delete(p.scores, i, i+1)
		ix.touch(p)
	}
}

// files lays the terms out in chunks, makes the chunks that changed, the
// filter sets and the manifest, and lists every file.
func (ix *Indexer) files() *Index {
	bounds := ix.layout()
	chunks := make([]*chunkFile, len(bounds))
	next := make(map[chunkKey]*chunkFile, len(bounds))
	var todo []int
	for i, b := range bounds {
		k := ix.key(b)
		if c := ix.chunks[k]; c != nil && !ix.anyDirty(b) {
			chunks[i] = c
		} else {
			todo = append(todo, i)
		}
	}
	parallel(len(todo), func(n int) {
		i := todo[n]
		bp := rawChunks.Get().(*[]byte)
		raw := ix.encodeChunk((*bp)[:0], bounds[i])
		if name := contentName(raw); ix.reuse[name] != nil {
			chunks[i] = ix.reuse[name]
		} else {
			data := gzipBytes(raw, smallGzip)
			chunks[i] = &chunkFile{name: name, data: data, sum: sum(data)}
		}
		*bp = raw
		rawChunks.Put(bp)
	})
	ix.reuse = nil
	for i, b := range bounds {
		next[ix.key(b)] = chunks[i]
	}
	for _, p := range ix.dirty {
		p.dirty = false
	}
	ix.dirty = ix.dirty[:0]
	ix.chunks = next

	m := manifest{Version: formatVersion, Docs: len(ix.entries), Filters: ix.setNames}
	out := &Index{Files: make([]File, 1, 1+len(bounds)+len(ix.sets)+len(ix.entries))} // the manifest goes first, made last
	for i, b := range bounds {
		c := chunks[i]
		from := ""
		if i > 0 {
			from = separator(ix.sorted[b.lo-1], ix.sorted[b.lo])
		}
		m.Chunks = append(m.Chunks, [2]string{from, c.name})
		out.Files = append(out.Files, File{Path: "c/" + c.name + ".bin", Data: c.data, Sum: c.sum})
	}
	out.Files = append(out.Files, ix.sets...)
	for id := len(ix.fragPaths); id < len(ix.entries); id++ {
		ix.fragPaths = append(ix.fragPaths, FragmentPath(id))
	}
	for id, e := range ix.entries {
		out.Files = append(out.Files, File{Path: ix.fragPaths[id], Data: e.fragment, Sum: e.fragmentSum})
	}
	data, _ := json.Marshal(m) // strings, ints and maps of strings: cannot fail
	out.Files[0] = File{Path: ManifestFile, Data: data, Sum: sum(data)}
	return out
}

// makeSets makes the filter set files and their names for the manifest.
// Two values with the same briefings share one file.
func (ix *Indexer) makeSets() {
	old := map[string]File{}
	for _, f := range ix.sets {
		old[f.Path] = f
	}
	ix.sets = ix.sets[:0:0]
	ix.setNames = map[string]map[string]string{}
	made := map[string]bool{}
	for _, s := range ix.filterSets() {
		raw := encodeIDs(s.ids)
		name := contentName(raw)
		p := "s/" + name + ".bin"
		if !made[p] {
			made[p] = true
			f, ok := old[p]
			if !ok {
				data := gzipBytes(raw, smallGzip)
				f = File{Path: p, Data: data, Sum: sum(data)}
			}
			ix.sets = append(ix.sets, f)
		}
		if ix.setNames[s.Kind] == nil {
			ix.setNames[s.Kind] = map[string]string{}
		}
		ix.setNames[s.Kind][s.Value] = name
	}
}

// FragmentPath is the file of the fragment of the briefing with this id.
func FragmentPath(id int) string { return "f/" + strconv.Itoa(id) + ".json" }

// ManifestFile is the manifest's name; the other files' paths are relative
// to its folder.
const ManifestFile = "manifest.json"

// formatVersion changes whenever the files change shape; search.js checks it.
const formatVersion = 1

// manifest is manifest.json: what the browser loads first.
type manifest struct {
	Version int `json:"version"`
	Docs    int `json:"docs"`
	// Chunks lists each chunk's lowest term (shortened to what tells it
	// from the previous chunk's highest) and its file name; a term lives in
	// the last chunk whose lowest term is not above it.
	Chunks [][2]string `json:"chunks"`
	// Filters maps a filter kind and value to its set file's name.
	Filters map[string]map[string]string `json:"filters"`
}

// span is a chunk's terms: sorted[lo:hi].
type span struct{ lo, hi int }

func (ix *Indexer) key(b span) chunkKey {
	return chunkKey{first: ix.sorted[b.lo], last: ix.sorted[b.hi-1], n: b.hi - b.lo}
}

func (ix *Indexer) anyDirty(b span) bool {
	for _, p := range ix.post[b.lo:b.hi] {
		if p.dirty {
			return true
		}
	}
	return false
}

// layout cuts the sorted terms into chunks.
func (ix *Indexer) layout() []span {
	var out []span
	lo, size := 0, 0
	for i, t := range ix.sorted {
		p := ix.post[i]
		if p.dirty || p.size == 0 {
			n := p.count()
			p.size = len(t) + 2 + uvarintLen(uint64(n)) + n + p.gapBytes()
		}
		if i > lo && (size+p.size > maxChunk || (size >= minChunk && cutBefore(t, size))) {
			out = append(out, span{lo, i})
			lo, size = i, 0
		}
		size += p.size
	}
	if lo < len(ix.sorted) {
		out = append(out, span{lo, len(ix.sorted)})
	}
	return out
}

// cutBefore decides, from the term alone, whether a chunk of size bytes
// ends before it.
func cutBefore(term string, size int) bool {
	mask := uint32(63)
	if size >= targetChunk {
		mask = 3
	}
	return fnv32a(term)&mask == 0
}

// fnv32a is the 32-bit FNV-1a hash of s (hash/fnv's New32a), without a
// hasher and a copy of s made for each term.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := range len(s) {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// separator is the shortest prefix of hi that sorts above lo (lo < hi),
// cut at a character boundary.
func separator(lo, hi string) string {
	n := 0
	for n < len(lo) && n < len(hi) && lo[n] == hi[n] {
		n++
	}
	n++ // the first byte that differs, or the first past lo
	for n < len(hi) && hi[n]&0xC0 == 0x80 {
		n++
	}
	return hi[:min(n, len(hi))]
}

// encodeChunk appends to buf a chunk's terms: for each term, the bytes it
// shares with the previous term, the rest of it, the number of postings,
// the id gaps, then the scores.
func (ix *Indexer) encodeChunk(buf []byte, b span) []byte {
	// Room for what layout estimated the terms take (prefixes shared
	// with the term before only shorten them): buf grows once at most,
	// rather than by doubling.
	size := uvarintLen(uint64(b.hi - b.lo))
	for _, p := range ix.post[b.lo:b.hi] {
		size += p.size
	}
	buf = appendUvarint(slices.Grow(buf, size), uint64(b.hi-b.lo))
	prev := ""
	for k, t := range ix.sorted[b.lo:b.hi] {
		shared := 0
		for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
			shared++
		}
		buf = appendUvarint(buf, uint64(shared))
		buf = appendUvarint(buf, uint64(len(t)-shared))
		buf = append(buf, t[shared:]...)
		buf = ix.post[b.lo+k].appendTo(buf)
		prev = t
	}
	return buf
}

// filterSet is the ids filed under one filter value.
type filterSet struct {
	Filter
	ids []uint32
}

func (ix *Indexer) filterSets() []filterSet {
	byFilter := ix.collected
	if byFilter == nil && ix.byFilter == nil {
		ix.byFilter = map[Filter][]uint32{}
		for id, e := range ix.entries {
			for _, f := range e.filters {
				ix.byFilter[f] = append(ix.byFilter[f], uint32(id))
			}
		}
	}
	if byFilter == nil {
		byFilter = ix.byFilter
	}
	out := make([]filterSet, 0, len(byFilter))
	for f, ids := range byFilter {
		out = append(out, filterSet{f, ids})
	}
	slices.SortFunc(out, func(a, b filterSet) int { return compareFilters(a.Filter, b.Filter) })
	return out
}

// patchFilters brings the filter sets up to date with entries, the
// same number as before, of which those at the ids changed are new: each
// such id leaves the sets of its old entry's filters and joins its new
// one's, in order. A set left empty goes, as a set made again would.
func (ix *Indexer) patchFilters(entries []*Entry, changed []int) {
	for _, id := range changed {
		var before, after []Filter
		if e := ix.entries[id]; e != nil {
			before = e.filters
		}
		if e := entries[id]; e != nil {
			after = e.filters
		}
		for _, f := range before {
			ids := ix.byFilter[f]
			if i, ok := slices.BinarySearch(ids, uint32(id)); ok {
				ids = slices.Delete(slices.Clone(ids), i, i+1)
			}
			if len(ids) == 0 {
				delete(ix.byFilter, f)
			} else {
				ix.byFilter[f] = ids
			}
		}
		for _, f := range after {
			ids := ix.byFilter[f]
			if i, ok := slices.BinarySearch(ids, uint32(id)); !ok {
				ix.byFilter[f] = slices.Insert(slices.Clip(ids), i, uint32(id))
			}
		}
	}
}

// encodeIDs writes a count and the gaps between increasing ids.
func encodeIDs(ids []uint32) []byte {
	buf := appendUvarint(nil, uint64(len(ids)))
	last := uint32(0)
	for _, id := range ids {
		buf = appendUvarint(buf, uint64(id-last))
		last = id
	}
	return buf
}

// Summary describes an index in numbers, for benchmarks and reports.
type Summary struct {
	Files, Chunks, Sets, Fragments int
	Bytes                          int // everything, as stored
	ChunkBytes, FragmentBytes      int
}

// Summarize counts the files of an index by kind.
func (x *Index) Summarize() Summary {
	var s Summary
	for _, f := range x.Files {
		s.Files++
		s.Bytes += len(f.Data)
		switch {
		case strings.HasPrefix(f.Path, "c/"):
			s.Chunks++
			s.ChunkBytes += len(f.Data)
		case strings.HasPrefix(f.Path, "s/"):
			s.Sets++
		case strings.HasPrefix(f.Path, "f/"):
			s.Fragments++
			s.FragmentBytes += len(f.Data)
		}
	}
	return s
}

// Lookup returns the file at path, if the index has it.
func (x *Index) Lookup(path string) ([]byte, bool) {
	for _, f := range x.Files {
		if f.Path == path {
			return f.Data, true
		}
	}
	return nil, false
}
