package search

import (
	"encoding/binary"
	"strings"
	"sync"
)

// Collector makes the index of entries handed to it one at a time, as a
// one-shot build analyses its briefings, and keeps only what the index
// needs of each: its postings, packed, and its filter values. An Entry
// holds each of its terms in full; packed postings take two or three bytes
// per briefing a term occurs in, so the index grows with what it must
// hold rather than with the entries. Its Index is the one Build makes of
// the same entries.
type Collector struct {
	mu      sync.Mutex
	entries []*Entry // by id, without their terms and scores once added
	pending map[int]*Entry
	next    int // the id added next: postings are packed in order of ids
	terms   map[string]*packed
}

// packed are a term's postings: each the gap from the previous id (a
// uvarint), then the score.
type packed struct {
	data []byte
	n    int
	last uint32
}

// NewCollector makes a Collector for the entries of n briefings, by id
// from 0 to n-1 (see Build).
func NewCollector(n int) *Collector {
	return &Collector{entries: make([]*Entry, n), pending: map[int]*Entry{}, terms: map[string]*packed{}}
}

// Add hands the Collector the entry of the briefing with this id. It is
// safe for concurrent use; entries may come in any order.
func (c *Collector) Add(id int, e *Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending[id] = e
	for {
		e, ok := c.pending[c.next]
		if !ok {
			return
		}
		delete(c.pending, c.next)
		c.pack(c.next, e)
		c.next++
	}
}

func (c *Collector) pack(id int, e *Entry) {
	cur := termCursor{terms: e.terms}
	for t, ok := cur.next(); ok; t, ok = cur.next() {
		p := c.terms[t]
		if p == nil {
			p = &packed{}
			c.terms[strings.Clone(t)] = p // not a slice of the entry's terms, which go
		}
		p.data = binary.AppendUvarint(p.data, uint64(uint32(id)-p.last))
		p.data = append(p.data, e.scores[cur.i-1])
		p.n++
		p.last = uint32(id)
	}
	c.entries[id] = &Entry{filters: e.filters, fragment: e.fragment, fragmentSum: e.fragmentSum}
}

// Index makes the index once every entry is added, and lets go of the
// packed postings as it unpacks them.
func (c *Collector) Index() *Index {
	ix := &Indexer{terms: make(map[string]*postings, len(c.terms))}
	for t, p := range c.terms {
		q := &postings{ids: make([]uint32, p.n), scores: make([]uint8, p.n)}
		id, data := uint32(0), p.data
		for i := range p.n {
			gap, k := binary.Uvarint(data)
			id += uint32(gap)
			q.ids[i], q.scores[i] = id, data[k]
			data = data[k+1:]
		}
		ix.terms[t] = q
		delete(c.terms, t)
	}
	ix.sortTerms()
	ix.entries = c.entries
	ix.makeSets()
	return ix.files()
}
