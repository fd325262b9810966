package search

import (
	"encoding/binary"
	"math"
	"slices"
	"sync"
)

// Collector makes the index of entries handed to it one at a time, as a
// one-shot build analyses its briefings, and keeps only what the index
// needs of each: its postings, packed, the ids under each filter value,
// and its fragment's fingerprint (and the fragment, unless it was written
// already). An Entry holds each of its terms in full; packed postings take
// one byte per briefing a term occurs in, mostly, and a filter value four,
// so the index grows with what it must hold rather than with the entries.
// Its Index is the one Build makes of the same entries, written from the
// packed postings as they are.
type Collector struct {
	mu      sync.Mutex
	frags   []fragmentFile // by id
	pending map[int]*Entry
	next    int // the id added next: postings are packed in order of ids
	// Every term of every entry is looked up, under the lock: numbered by
	// termIDs, it is found at about half a map's cost, which hashed each
	// string again.
	terms termIDs
	post  []packed // by term id
	// numbers are, for each vocabulary that numbered entries
	// (numberedTerms, by epoch), 1 + the term id of each of its numbers
	// looked up so far, 0 for one not yet: a term's string is looked up
	// once per vocabulary, not once per entry it occurs in.
	numbers map[uint64][]int32
	sets    map[Filter][]uint32 // the ids filed under each filter value
}

// fragmentFile is a fragment's bytes, nil once written, and fingerprint.
type fragmentFile struct {
	data []byte
	sum  uint64
}

// packed are a term's postings as a Collector keeps them, in order of ids,
// each the gap from the previous id and the score:
//
//   - 0x00-0x7F: a gap of 1 to 8 (the high three bits, plus one) and a
//     score of 4 to 64 (the low four bits, plus one, times four): a word
//     of a briefing's body, mostly, in one of the next few briefings;
//   - 0x80-0xBF: a score of (b&0x3F)*4, then the gap as a uvarint;
//   - 0xC0: the score's byte, then the gap as a uvarint.
//
// Scores are multiples of four (a field's base plus a bonus in steps of
// four); the last form is for any other.
type packed struct {
	data     []byte
	n        int
	last     uint32
	gapBytes int // what the gaps take as uvarints, as a chunk stores them
}

func (p *packed) add(id uint32, score uint8) {
	gap := id - p.last // the first from 0
	switch {
	case gap >= 1 && gap <= 8 && score%4 == 0 && score >= 4 && score <= 64:
		p.data = append(p.data, byte(gap-1)<<4|(score/4-1))
	case score%4 == 0:
		p.data = append(p.data, 0x80|score/4)
		p.data = binary.AppendUvarint(p.data, uint64(gap))
	default:
		p.data = append(p.data, 0xC0, score)
		p.data = binary.AppendUvarint(p.data, uint64(gap))
	}
	p.n++
	p.last = id
	p.gapBytes += uvarintLen(uint64(gap))
}

// maxPacked is the most bytes a posting takes packed: the 0xC0 form with
// a gap of 32 bits.
const maxPacked = 2 + binary.MaxVarintLen32

// reserve makes room in p for the postings of ids to come, p's next
// posting's included, the entries being n. A term's postings mostly grow
// as the ids do: p is given about what it holds times n over the ids so
// far, at least a quarter more (append's growth) and at most twice as
// much. Growing a quarter at a time, the postings of a site were copied
// a dozen times, and those copies were let go of: at 100,000 briefings,
// 100 MB of garbage for 25 MB of postings.
func (p *packed) reserve(id uint32, n int) {
	have := len(p.data)
	want := have + have*(n-int(id))/(int(id)+1) + have/16
	want = min(max(want, have+have/4), 2*have) + maxPacked
	p.data = slices.Grow(p.data, want-have)
}

// appendPostings appends the gaps between the ids as a chunk stores
// them, uvarints (what the postings hold already, but for the short
// form's), then the scores, a byte each: in one pass, each to its place,
// gapBytes telling where the scores start.
func (p *packed) appendPostings(buf []byte) []byte {
	at := len(buf)
	buf = slices.Grow(buf, p.gapBytes+p.n)[:at+p.gapBytes+p.n]
	gaps, scores := buf[at:at+p.gapBytes], buf[at+p.gapBytes:]
	g, s, data := 0, 0, p.data
	for i := 0; i < len(data); {
		b := data[i]
		if b < 0x80 {
			gaps[g], scores[s] = b>>4+1, (b&15+1)*4 // a gap of 1 to 8: its uvarint is itself
			g, s, i = g+1, s+1, i+1
			continue
		}
		if b < 0xC0 {
			scores[s], i = (b&0x3F)*4, i+1
		} else {
			scores[s], i = data[i+1], i+2
		}
		s++
		for data[i] >= 0x80 { // the gap's uvarint
			gaps[g], g, i = data[i], g+1, i+1
		}
		gaps[g], g, i = data[i], g+1, i+1
	}
	return buf
}

// NewCollector makes a Collector for the entries of n briefings, by id
// from 0 to n-1 (see Build).
func NewCollector(n int) *Collector {
	return &Collector{frags: make([]fragmentFile, n), pending: map[int]*Entry{}, terms: newTermIDs(),
		numbers: map[uint64][]int32{}, sets: map[Filter][]uint32{}}
}

// Add hands the Collector the entry of the briefing with this id. It is
// safe for concurrent use; entries may come in any order.
func (c *Collector) Add(id int, e *Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id != c.next {
		c.pending[id] = e // until those before it come
		return
	}
	for {
		c.pack(c.next, e)
		c.next++
		var ok bool
		if e, ok = c.pending[c.next]; !ok {
			return
		}
		delete(c.pending, c.next)
	}
}

func (c *Collector) pack(id int, e *Entry) {
	if n := e.numbered; n != nil {
		c.packNumbered(uint32(id), n, e.scores)
	} else {
		cur := termCursor{terms: e.terms}
		for t, ok := cur.next(); ok; t, ok = cur.next() {
			c.post[c.termID(t)].add(uint32(id), e.scores[cur.i-1])
		}
	}
	for _, f := range e.filters { // distinct
		c.sets[f] = append(c.sets[f], uint32(id))
	}
	c.frags[id] = fragmentFile{e.fragment, e.fragmentSum}
}

// termID is the id of term t, which it numbers if it is new.
func (c *Collector) termID(t string) int32 {
	k, added := c.terms.id(t)
	if added {
		c.post = append(c.post, packed{})
	}
	return k
}

// packNumbered packs the postings of the entry with this id whose terms
// n numbers.
func (c *Collector) packNumbered(id uint32, n *numberedTerms, scores []uint8) {
	ids := c.numbers[n.epoch]
	if len(ids) < len(n.names) {
		if ids == nil && len(c.numbers) >= maxEpochs {
			delete(c.numbers, minKey(c.numbers))
		}
		ids = append(ids, make([]int32, len(n.names)-len(ids))...)
		c.numbers[n.epoch] = ids
	}
	for k, v := range n.ids {
		t := ids[v]
		if t == 0 {
			t = c.termID(n.names[v]) + 1
			ids[v] = t
		}
		q := &c.post[t-1]
		if cap(q.data)-len(q.data) < maxPacked {
			q.reserve(id, len(c.frags))
		}
		q.add(id, scores[k])
	}
	n.giveBack()
}

// maxEpochs bounds the vocabularies a Collector keeps the numbers of: an
// analyser's vocabulary is emptied (a new epoch) when it grows too large,
// and a pooled analyser may be let go of and made again. Entries of an
// epoch forgotten are looked up afresh.
const maxEpochs = 64

func minKey(m map[uint64][]int32) uint64 {
	k := uint64(math.MaxUint64)
	for e := range m {
		k = min(k, e)
	}
	return k
}

// Index makes the index once every entry is added; it writes the chunks
// from the packed postings.
func (c *Collector) Index() *Index {
	terms := make(map[string]*postings, len(c.post))
	for id := range c.post {
		terms[c.terms.names[id]] = &postings{packed: &c.post[id]}
	}
	ix := &Indexer{terms: terms, collected: c.sets}
	c.terms, c.post, c.numbers, c.sets = termIDs{}, nil, nil, nil
	ix.sortTerms()
	entries := make([]Entry, len(c.frags)) // what files reads of them
	ix.entries = make([]*Entry, len(c.frags))
	for id, f := range c.frags {
		entries[id] = Entry{fragment: f.data, fragmentSum: f.sum}
		ix.entries[id] = &entries[id]
	}
	c.frags = nil
	ix.makeSets()
	return ix.files()
}
