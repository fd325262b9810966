package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
)

// Reader searches an index the way search.js does in the browser, loading
// only the files a query needs. It is the reference for the file format
// and for ranking: tests check that the browser ranks alike and count the
// bytes a query costs.
type Reader struct {
	fetch  func(path string) ([]byte, error)
	man    manifest
	chunks map[string]*chunk
	sets   map[string][]uint32
	// Fetched lists every file loaded so far, manifest first, in order.
	Fetched []string
}

type chunk struct {
	terms  []string
	ids    [][]uint32
	scores [][]uint8
}

// Open reads the manifest through fetch, which returns a file of the index
// by its path under the search folder.
func Open(fetch func(path string) ([]byte, error)) (*Reader, error) {
	r := &Reader{fetch: fetch, chunks: map[string]*chunk{}, sets: map[string][]uint32{}}
	data, err := r.load(ManifestFile)
	if err != nil {
		return nil, err
	}
	// Numbers as floats: a JSON minifier may write 10000 as 1e4.
	var m struct {
		Version, Docs float64
		Chunks        [][2]string
		Filters       map[string]map[string]string
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	if m.Version != formatVersion {
		return nil, fmt.Errorf("%s: version %v, want %d", ManifestFile, m.Version, formatVersion)
	}
	r.man = manifest{Version: formatVersion, Docs: int(m.Docs), Chunks: m.Chunks, Filters: m.Filters}
	return r, nil
}

func (r *Reader) load(path string) ([]byte, error) {
	r.Fetched = append(r.Fetched, path)
	return r.fetch(path)
}

// Hit is a result: a briefing id (its fragment is f/<id>.json) and its score.
type Hit struct {
	ID    int
	Score int
}

// Search returns the briefings that match every group of the query and
// every filter, best first; ties go to the more recent (higher id). With
// no words, it lists the filtered briefings newest first.
func (r *Reader) Search(query string, filters []Filter) ([]Hit, error) {
	groups := ParseQuery(query)
	if len(groups) == 0 && len(filters) == 0 {
		return nil, nil
	}
	n := r.man.Docs
	// allowed[id] counts the conditions an id meets; it must meet all.
	need := 0
	allowed := make([]int, n)
	for _, f := range filters {
		ids, err := r.set(f)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			allowed[id]++
		}
		need++
	}
	total := make([]int, n)
	for _, g := range groups {
		best, err := r.groupScores(g)
		if err != nil {
			return nil, err
		}
		for id, s := range best {
			if s > 0 {
				allowed[id]++
				total[id] += s
			}
		}
		need++
	}
	var hits []Hit
	for id := range n {
		if allowed[id] == need {
			hits = append(hits, Hit{ID: id, Score: total[id]})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID > hits[j].ID
	})
	return hits, nil
}

// groupScores gives each briefing its best score for the group: over the
// terms that match it, idf × the term's score in the briefing, doubled for
// the word itself against a longer word found by prefix.
func (r *Reader) groupScores(g Group) ([]int, error) {
	best := make([]int, r.man.Docs)
	for _, name := range r.chunksFor(g) {
		c, err := r.chunk(name)
		if err != nil {
			return nil, err
		}
		for i, t := range c.terms {
			ok, whole := g.Matches(t)
			if !ok {
				continue
			}
			w := idf(r.man.Docs, len(c.ids[i]))
			if whole {
				w *= 2
			}
			for k, id := range c.ids[i] {
				best[id] = max(best[id], w*int(c.scores[i][k]))
			}
		}
	}
	return best, nil
}

// idf is the inverse document frequency, as a whole number so that Go and
// JavaScript rank alike: round(100 × ln(1 + docs/df)).
func idf(docs, df int) int {
	return int(math.Round(100 * math.Log(1+float64(docs)/float64(df))))
}

// chunksFor names the chunks that may hold the group's terms.
func (r *Reader) chunksFor(g Group) []string {
	var names []string
	if g.Exact != "" {
		names = append(names, r.man.Chunks[r.chunkOf(g.Exact)][1])
	}
	if g.Prefix != "" {
		i := r.chunkOf(g.Prefix)
		names = append(names, r.man.Chunks[i][1])
		for i+1 < len(r.man.Chunks) && strings.HasPrefix(r.man.Chunks[i+1][0], g.Prefix) {
			i++
			names = append(names, r.man.Chunks[i][1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// chunkOf is the index of the last chunk whose lowest term is not above t.
func (r *Reader) chunkOf(t string) int {
	cs := r.man.Chunks
	return sort.Search(len(cs), func(i int) bool { return cs[i][0] > t }) - 1
}

func (r *Reader) chunk(name string) (*chunk, error) {
	if c := r.chunks[name]; c != nil {
		return c, nil
	}
	raw, err := r.loadBinary("c/" + name + ".bin")
	if err != nil {
		return nil, err
	}
	c, err := decodeChunk(raw)
	if err != nil {
		return nil, fmt.Errorf("c/%s.bin: %w", name, err)
	}
	r.chunks[name] = c
	return c, nil
}

func (r *Reader) set(f Filter) ([]uint32, error) {
	name := r.man.Filters[f.Kind][f.Value]
	if name == "" {
		return nil, nil // no briefing has this value
	}
	if ids, ok := r.sets[name]; ok {
		return ids, nil
	}
	raw, err := r.loadBinary("s/" + name + ".bin")
	if err != nil {
		return nil, err
	}
	br := bytes.NewReader(raw)
	ids, err := readIDs(br)
	if err != nil {
		return nil, fmt.Errorf("s/%s.bin: %w", name, err)
	}
	r.sets[name] = ids
	return ids, nil
}

// Fragment loads what the result with this id shows.
func (r *Reader) Fragment(id int) (*Fragment, error) {
	p := FragmentPath(id)
	raw, err := r.load(p)
	if err != nil {
		return nil, err
	}
	var f Fragment
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &f, nil
}

func (r *Reader) loadBinary(path string) ([]byte, error) {
	data, err := r.load(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

func decodeChunk(raw []byte) (*chunk, error) {
	br := bytes.NewReader(raw)
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	c := &chunk{}
	var prev []byte
	for range n {
		shared, err1 := binary.ReadUvarint(br)
		rest, err2 := binary.ReadUvarint(br)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if shared > uint64(len(prev)) || rest > uint64(br.Len()) {
			return nil, errors.New("corrupt term")
		}
		term := append(prev[:shared:shared], make([]byte, rest)...)
		if _, err := io.ReadFull(br, term[shared:]); err != nil {
			return nil, err
		}
		ids, err := readIDs(br)
		if err != nil {
			return nil, err
		}
		scores := make([]uint8, len(ids))
		if _, err := io.ReadFull(br, scores); err != nil {
			return nil, err
		}
		c.terms = append(c.terms, string(term))
		c.ids = append(c.ids, ids)
		c.scores = append(c.scores, scores)
		prev = term
	}
	return c, nil
}

func readIDs(br *bytes.Reader) ([]uint32, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if n > uint64(br.Len()) {
		return nil, errors.New("corrupt id list")
	}
	ids := make([]uint32, n)
	last := uint64(0)
	for i := range ids {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		last += d
		ids[i] = uint32(last)
	}
	return ids, nil
}
