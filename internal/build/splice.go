package build

import (
	"io"

	"brief/internal/binenc"
	"brief/internal/export"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/site"
)

// The data files (briefings.json, funding.csv) hold an entry per briefing
// and are megabytes at 10,000 briefings: made again for one title edit,
// they took about a tenth of a build through the cache. Each entry
// depends on its briefing's header and the configuration alone, so the
// build keeps how it cut each file (entryTable, in the output's log and the
// build cache) and, when the sink still holds the file it describes, makes
// the file again from those bytes: the entries whose key is unchanged are
// copied from where they were, in the new order, and only the others are
// made. The result is the file a full build makes, byte for byte.

// entryTable is how a file of entries was cut when last made: each
// entry's key (entryKey) in file order and where its bytes end. The first
// starts after the head; each other after the separator that follows the
// one before. sum is the fingerprint of the file's bytes (outputHash): the
// table is used only on a file with that fingerprint.
type entryTable struct {
	sum  uint64
	head int
	keys []uint64
	ends []int
}

// entryKey covers what an entry of a data file is made of: the
// configuration (themeKey covers it) and the briefing's header.
func entryKey(seed hashSeed, themeKey, header uint64) uint64 {
	return newHasher(seed).str("entry").num(themeKey, header).sum()
}

// entriesJob adds a data file made of entries: e's, of the edition's
// briefings.
func (pl *planner) entriesJob(url string, owner pages.Owner, entries func() (*export.Entries, error)) {
	m, seed, tk := pl.m, pl.st.bl.seed, pl.tk
	s := m.site
	var j *job
	j = pl.whole("data", url, owner, len(s.Briefings), func(st *state, w io.Writer) error {
		e, err := entries()
		if err != nil {
			return err
		}
		return st.writeEntries(w, j.path, e, s.Briefings, func(b *site.Briefing) uint64 { return entryKey(seed, tk, m.header(b)) })
	})
	j.lazy = true
}

// writeEntries writes to w the file at path made of e's entries of bs,
// spliced into its last bytes when the sink holds them (see above), and
// notes how it cut the file for the next build.
func (st *state) writeEntries(w io.Writer, path string, e *export.Entries, bs []*site.Briefing, key func(*site.Briefing) uint64) error {
	if len(bs) == 0 {
		_, err := w.Write(e.Empty)
		return err
	}
	if st.opt.Cache == nil || st.minifier() != nil {
		// Only a build cache keeps the table for a later process (a
		// watching build makes these files on request, from a model
		// updated in place); and minified, the bytes written are not
		// the bytes made.
		return e.WriteAll(w, bs)
	}
	old, last := st.lastEntries(path, len(e.Sep))
	if st.opt.Incremental && st.bl.out[path].entries != nil {
		st.bl.entryFiles.Add(1)
	}
	if last != nil {
		st.bl.spliced.Add(1)
	}
	t := &entryTable{head: len(e.Head), keys: make([]uint64, len(bs)), ends: make([]int, len(bs))}
	if _, err := w.Write(e.Head); err != nil {
		return err
	}
	n := len(e.Head)
	var made []byte
	for i, b := range bs {
		k := key(b)
		var entry []byte
		if span, ok := last[k]; ok {
			entry = old[span[0]:span[1]]
		} else {
			made = e.Append(made[:0], b)
			entry = made
		}
		if i > 0 {
			if _, err := w.Write(e.Sep); err != nil {
				return err
			}
			n += len(e.Sep)
		}
		if _, err := w.Write(entry); err != nil {
			return err
		}
		n += len(entry)
		t.keys[i], t.ends[i] = k, n
	}
	if _, err := w.Write(e.Tail); err != nil {
		return err
	}
	st.noteEntries(path, t)
	return nil
}

// lastEntries returns the bytes of the file at path that the sink holds,
// and where each of its entries lies by key, when an entry table describes
// them; else nothing.
func (st *state) lastEntries(path string, sep int) ([]byte, map[uint64][2]int) {
	sink, ok := st.sink.(output.ReadSink)
	l := st.bl.out[path]
	t := l.entries
	if !ok || !st.opt.Incremental || t == nil || t.sum != l.bytes {
		return nil, nil
	}
	data, err := sink.ReadBack(path)
	if err != nil || outputHash(st.bl.seed, data) != t.sum || len(t.keys) == 0 || t.ends[len(t.ends)-1] > len(data) {
		return nil, nil
	}
	at := make(map[uint64][2]int, len(t.keys))
	start := t.head
	for i, k := range t.keys {
		end := t.ends[i]
		if end < start {
			return nil, nil // not a table of this file
		}
		at[k] = [2]int{start, end}
		start = end + sep
	}
	return data, at
}

// noteEntries keeps t, the table of the file made at path, for the build to
// log with the file (renderJobs); tableOf returns it.
func (st *state) noteEntries(path string, t *entryTable) {
	st.tablesMu.Lock()
	defer st.tablesMu.Unlock()
	if st.tables == nil {
		st.tables = map[string]*entryTable{}
	}
	st.tables[path] = t
}

func (st *state) tableOf(path string) *entryTable {
	st.tablesMu.Lock()
	defer st.tablesMu.Unlock()
	return st.tables[path]
}

// encode writes t (which may be nil) for the build cache; decodeEntryTable
// reads it back.
func (t *entryTable) encode(w *binenc.Writer) {
	w.Bool(t != nil)
	if t == nil {
		return
	}
	w.Sum(t.sum)
	w.Int(t.head)
	w.Uint(uint64(len(t.keys)))
	prev := t.head
	for i, k := range t.keys {
		w.Sum(k)
		w.Int(t.ends[i] - prev) // small: the entry's size
		prev = t.ends[i]
	}
}

func decodeEntryTable(r *binenc.Reader) *entryTable {
	if !r.Bool() {
		return nil
	}
	t := &entryTable{sum: r.Sum(), head: r.Int()}
	n := r.Len()
	t.keys, t.ends = make([]uint64, 0, n), make([]int, 0, n)
	prev := t.head
	for ; n > 0 && r.Err() == nil; n-- {
		t.keys = append(t.keys, r.Sum())
		prev += r.Int()
		t.ends = append(t.ends, prev)
	}
	return t
}
