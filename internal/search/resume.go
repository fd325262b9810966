package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"strings"
)

// Resume gives a new Indexer the state of the index that an Indexer of
// another process last made of entries (by id, as Update takes them),
// from that index's chunk and filter set files (a build cache keeps them):
// the next Update patches the postings of the entries that changed, as the
// Indexer that made them would, instead of making every posting again. The
// postings are read from the chunks, and each is decoded only when a patch
// changes it. Resume fails, leaving the Indexer as it was, when the files
// are not a whole index's.
func (ix *Indexer) Resume(entries []*Entry, files []File) error {
	if ix.terms != nil {
		return errors.New("search: Resume is for a new Indexer")
	}
	var chunks []resumedChunk
	var sets []File
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Path, "c/"):
			chunks = append(chunks, resumedChunk{file: chunkFile{name: strings.TrimSuffix(strings.TrimPrefix(f.Path, "c/"), ".bin"), data: f.Data, sum: f.Sum}})
		case strings.HasPrefix(f.Path, "s/"):
			sets = append(sets, f)
		}
	}
	errs := make([]error, len(chunks))
	parallel(len(chunks), func(i int) { errs[i] = chunks[i].read() })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	slices.SortFunc(chunks, func(a, b resumedChunk) int { return strings.Compare(a.terms[0], b.terms[0]) })
	n := 0
	for _, c := range chunks {
		n += len(c.terms)
	}
	terms := make(map[string]*postings, n)
	sorted := make([]string, 0, n)
	post := make([]*postings, 0, n)
	keys := make(map[chunkKey]*chunkFile, len(chunks))
	reuse := make(map[string]*chunkFile, len(chunks)) // for an Update that makes every chunk again
	for i := range chunks {
		c := &chunks[i]
		if len(sorted) > 0 && sorted[len(sorted)-1] >= c.terms[0] {
			return errors.New("search: chunks overlap")
		}
		if c.maxID >= uint64(len(entries)) {
			return errors.New("search: a posting of a briefing the entries do not have")
		}
		for k, t := range c.terms {
			terms[t] = &c.post[k]
		}
		sorted, post = append(sorted, c.terms...), append(post, ptrs(c.post)...)
		keys[chunkKey{first: c.terms[0], last: c.terms[len(c.terms)-1], n: len(c.terms)}] = &c.file
		reuse[c.file.name] = &c.file
	}
	ix.entries, ix.terms, ix.sorted, ix.post, ix.chunks, ix.reuse = slices.Clone(entries), terms, sorted, post, keys, reuse
	ix.sets = sets // setNames is nil: the next Update makes the sets' names again, reusing their files
	return nil
}

func ptrs(ps []postings) []*postings {
	out := make([]*postings, len(ps))
	for i := range ps {
		out[i] = &ps[i]
	}
	return out
}

// resumedChunk is a chunk file read back: its terms, in order, and their
// postings as the chunk holds them (enc).
type resumedChunk struct {
	file  chunkFile
	terms []string
	post  []postings
	maxID uint64 // the highest id of any posting
}

// read inflates the chunk and cuts it into terms; it checks that the
// terms are sorted and that each term's postings are whole.
func (c *resumedChunk) read() error {
	zr, err := gzip.NewReader(bytes.NewReader(c.file.data))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	n, k := binary.Uvarint(raw)
	if k <= 0 || n == 0 || n > uint64(len(raw)) {
		return errors.New("search: corrupt chunk")
	}
	raw = raw[k:]
	c.terms, c.post = make([]string, 0, n), make([]postings, n)
	prev := ""
	for i := range n {
		shared, k1 := binary.Uvarint(raw)
		if k1 <= 0 {
			return errors.New("search: corrupt chunk")
		}
		rest, k2 := binary.Uvarint(raw[k1:])
		if k2 <= 0 || shared > uint64(len(prev)) || rest > uint64(len(raw)-k1-k2) {
			return errors.New("search: corrupt chunk")
		}
		raw = raw[k1+k2:]
		t := prev[:shared] + string(raw[:rest])
		raw = raw[rest:]
		if i > 0 && t <= prev {
			return errors.New("search: corrupt chunk")
		}
		start := raw
		count, k3 := binary.Uvarint(raw)
		if k3 <= 0 || count == 0 || count > uint64(len(raw)) {
			return errors.New("search: corrupt chunk")
		}
		raw = raw[k3:]
		gaps, id := 0, uint64(0)
		for j := range count {
			gap, k := binary.Uvarint(raw[gaps:])
			if k <= 0 || (gap == 0 && j > 0) {
				return errors.New("search: corrupt chunk")
			}
			gaps, id = gaps+k, id+gap
		}
		c.maxID = max(c.maxID, id)
		if gaps+int(count) > len(raw) {
			return errors.New("search: corrupt chunk")
		}
		raw = raw[gaps+int(count):]
		c.post[i] = postings{enc: start[:k3+gaps+int(count)], n: int(count)}
		c.terms = append(c.terms, t)
		prev = t
	}
	if len(raw) > 0 {
		return errors.New("search: corrupt chunk")
	}
	return nil
}

// unpack decodes postings read from a chunk, before a patch changes them.
func (p *postings) unpack() {
	if p.enc != nil {
		p.ids, p.scores = decodeEnc(p.enc)
		p.enc, p.n = nil, 0
	}
}

// decodeEnc decodes postings as a chunk holds them (appendTo), which
// resumedChunk.read checked.
func decodeEnc(enc []byte) ([]uint32, []uint8) {
	n, k := binary.Uvarint(enc)
	enc = enc[k:]
	ids := make([]uint32, n)
	last := uint32(0)
	for i := range ids {
		gap, k := binary.Uvarint(enc)
		enc = enc[k:]
		last += uint32(gap)
		ids[i] = last
	}
	return ids, slices.Clone(enc[:n])
}
