package search

import (
	"encoding/binary"
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
	post  []*postings         // by term id
	sets  map[Filter][]uint32 // the ids filed under each filter value
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

// appendGaps appends the gaps between the ids as a chunk stores them,
// uvarints: what the postings hold already, but for the short form's.
func (p *packed) appendGaps(buf []byte) []byte {
	data := p.data
	for len(data) > 0 {
		b := data[0]
		if b < 0x80 {
			buf = append(buf, b>>4+1) // a gap of 1 to 8: its uvarint is itself
			data = data[1:]
			continue
		}
		data = data[1+int(b>>6&1):] // past the score's byte of the 0xC0 form
		n := 1
		for data[n-1] >= 0x80 {
			n++
		}
		buf, data = append(buf, data[:n]...), data[n:]
	}
	return buf
}

// appendScores appends the scores, a byte each.
func (p *packed) appendScores(buf []byte) []byte {
	data := p.data
	for len(data) > 0 {
		b := data[0]
		switch {
		case b < 0x80:
			buf, data = append(buf, (b&15+1)*4), data[1:]
			continue
		case b < 0xC0:
			buf, data = append(buf, (b&0x3F)*4), data[1:]
		default:
			buf, data = append(buf, data[1]), data[2:]
		}
		for data[0] >= 0x80 { // past the gap's uvarint
			data = data[1:]
		}
		data = data[1:]
	}
	return buf
}

// NewCollector makes a Collector for the entries of n briefings, by id
// from 0 to n-1 (see Build).
func NewCollector(n int) *Collector {
	return &Collector{frags: make([]fragmentFile, n), pending: map[int]*Entry{}, terms: newTermIDs(),
		sets: map[Filter][]uint32{}}
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
	cur := termCursor{terms: e.terms}
	for t, ok := cur.next(); ok; t, ok = cur.next() {
		k, added := c.terms.id(t)
		if added {
			c.post = append(c.post, &postings{packed: &packed{}})
		}
		c.post[k].packed.add(uint32(id), e.scores[cur.i-1])
	}
	for _, f := range e.filters { // distinct
		c.sets[f] = append(c.sets[f], uint32(id))
	}
	c.frags[id] = fragmentFile{e.fragment, e.fragmentSum}
}

// Index makes the index once every entry is added; it writes the chunks
// from the packed postings.
func (c *Collector) Index() *Index {
	terms := make(map[string]*postings, len(c.post))
	for id, p := range c.post {
		terms[c.terms.names[id]] = p
	}
	ix := &Indexer{terms: terms, collected: c.sets}
	c.terms, c.post, c.sets = termIDs{}, nil, nil
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
