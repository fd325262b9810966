package build

import (
	"encoding/binary"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"brief/internal/binenc"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/diag"
	"brief/internal/markdown"
	"brief/internal/money"
	"brief/internal/render"
	"brief/internal/search"
	"brief/internal/site"
	"brief/internal/sources"
)

// A build cache carries a Builder's state from one process to the next
// (brief build --cache): each source's content hash and front matter, what
// its body rendered to (statistics, links, images, headings, problems,
// parts' fingerprints, search entry), the cards, and the fingerprints of
// the outputs last written. A later process restores it, reads every
// source again (the content hashes say what changed) and builds
// incrementally as watch mode does.
//
// Bodies' HTML and plain text are not kept, which would make the cache as
// large as the site: a body restored without them is lazy, and is rendered
// again from its source (which the build reads anyway, to hash it) only
// when an output that shows it, or the search entry, must be made again.
// Re-rendering gives the same fingerprints, or the build fails loudly.
//
// The state is a journal: stateMagic, stateFormat, then segments, each the
// length of its payload (8 bytes), the payload and a checksum chained from
// the previous segment's. The first segment is a whole state; each later
// one is what a later build changed (files, cards and outputs set or gone,
// and the output's id), so that a build after one edit appends a few
// kilobytes instead of writing 35 MB at 10,000 briefings. The whole state
// is written again once the journal has grown by a quarter. A segment
// damaged or cut anywhere fails a checksum, and the whole state is refused.

// Cache is where a Builder keeps its state between processes. Load returns
// nil when there is none; Save replaces it whole or not at all; Append
// adds to the end of the state that Load returned or Save wrote. None of
// them knows what the state means: Restore refuses a state written with
// other options or site.toml, or damaged.
type Cache interface {
	Load() ([]byte, error)
	Save(state []byte) error
	Append(segment []byte) error
}

// stateMagic and stateFormat start every saved state. Change stateFormat
// when the layout below changes, or how the search index fingerprints its
// files (7: xxHash, not FNV; 8: the search index's ids, entries'
// headers; 9: large outputs' sizes; 10: files' metadata apart from
// their records; 11: data files' entry tables); fingerprintSeed
// when what fingerprints cover changes.
const (
	stateMagic  = "brief build state\n"
	stateFormat = 11
)

// stateKey covers what a saved state depends on besides the sources: the
// options that change output, and site.toml (which sets the time zone that
// dates are read in, the HTML policy, and much else). A state saved with a
// different key is ignored.
func stateKey(seed hashSeed, opt Options, cfgSrc []byte) uint64 {
	return newHasher(seed).int(stateFormat).bool(opt.Drafts).bool(opt.Future).str(opt.BaseURL).bool(opt.Minify).
		bool(opt.Fingerprint).bool(opt.BrokenLinksWarn).bytes(cfgSrc).sum()
}

// savedState is what the cache's state holds, as of the last restore or
// save: the records it holds (the files by the values that their records
// are made of), the size of its whole state and of the journal, and the
// last segment's checksum, which the next one chains from.
type savedState struct {
	key       uint64
	id        string
	loc       *time.Location
	files     map[string]savedFile
	cards     map[string]cardCache
	out       map[string]outputLog
	search    map[string]search.File
	searchIDs map[string]string
	// stats are the files' metadata (fileStat), kept apart from their
	// records: after a checkout every file has new metadata and the same
	// record, and the journal takes the metadata only.
	stats      map[string]fileStat
	base, size int
	sum        uint64
}

// savedFile is what a file's record is written from: a file whose
// sourceFile, rendered body and search entry are those it had when saved
// has the same record (a file parsed again or rendered again gets new
// ones). Its metadata is saved apart (savedState.stats).
type savedFile struct {
	f        *sourceFile
	rendered *renderedBody
	search   *searchCache
}

func savedOf(f *sourceFile) savedFile { return savedFile{f, f.rendered, f.search} }

// kept says whether the state keeps a file. Files with problems of their
// own are left out: they are parsed again, so that their problems are
// reported again.
func kept(f *sourceFile) bool { return f.b != nil && len(f.diags) == 0 }

// changes are what a segment of the state sets and removes, by path.
type changes struct {
	id                   string
	files, filesGone     []string
	cards, cardsGone     []string
	outputs, outputsGone []string
	search, searchGone   []string
	ids, idsGone         []string
	stats, statsGone     []string
}

func (c *changes) empty() bool {
	return len(c.files)+len(c.filesGone)+len(c.cards)+len(c.cardsGone)+len(c.outputs)+len(c.outputsGone)+len(c.search)+len(c.searchGone)+
		len(c.ids)+len(c.idsGone)+len(c.stats)+len(c.statsGone) == 0
}

// Restore loads a state that a build with opt saved into c, into a Builder
// that has not built yet, and returns the id of the output that build
// wrote (Result.OutputID): when the sink still holds that output, build
// with Options.Incremental into it; otherwise into an empty one. A state
// saved with other options or another site.toml, or damaged, is ignored,
// with an error saying why; the next build with a cache replaces it.
func (bl *Builder) Restore(fsys fs.FS, c Cache, opt Options) (string, error) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	if len(bl.files) > 0 || bl.haveCfg {
		return "", errors.New("a Builder restores a cache before its first build only")
	}
	if opt.Cache != nil {
		// The build after the restore walks content/ (with the files'
		// metadata) first: walk it meanwhile.
		bl.prewalk = walkContent(fsys)
	}
	data, err := c.Load()
	if err != nil || data == nil {
		return "", err
	}
	cfgSrc, err := sources.ReadFile(fsys, sources.ConfigFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	segs, sum, err := segments(bl.seed, data)
	if err != nil {
		return "", err
	}
	// Strings share the state's memory (it is read once, never changed).
	r := binenc.NewSharedReader(segs[0])
	if r.Sum() != uint64(fingerprintSeed) {
		return "", errors.New("made by another version of brief")
	}
	key := stateKey(bl.seed, opt, cfgSrc)
	if r.Sum() != key {
		return "", errors.New("made with other options or another site.toml")
	}
	cfg, _ := config.Parse(cfgSrc) // for its time zone; errors are the build's to report
	s := &savedState{key: key, loc: cfg.Location, size: len(data), base: len(data), sum: sum}
	for i, seg := range segs {
		if i > 0 {
			r = binenc.NewSharedReader(seg)
			s.base -= len(seg) + 16
		}
		s.apply(r)
		if !r.Done() {
			return "", errors.New("damaged or truncated")
		}
	}
	bl.files = make(map[string]*sourceFile, len(s.files))
	for p, f := range s.files {
		f.f.stat = s.stats[p]
		bl.files[p] = f.f
		bl.frontSum += sourceEntry(bl.seed, p, f.f.front, f.f.ok())
		bl.lazyBodies = bl.lazyBodies || f.f.rendered != nil
	}
	bl.cards, bl.out, bl.searchKept = maps.Clone(s.cards), maps.Clone(s.out), maps.Clone(s.search)
	bl.searchIDs = maps.Clone(s.searchIDs)
	bl.searchResume = map[string]*resumedIndex{}
	for lang, es := range s.entriesByID() {
		bl.searchResume[lang] = resumeIndex(es, bl.keptSearchFiles(lang))
	}
	bl.statZone = cfg.Location.String() // what the state's files were read in
	bl.saved = s
	return s.id, nil
}

// segments checks a state's layout and checksums and returns its
// segments' payloads, the whole state first, and the last checksum.
func segments(seed hashSeed, data []byte) ([][]byte, uint64, error) {
	if len(data) < len(stateMagic)+1 || string(data[:len(stateMagic)]) != stateMagic {
		return nil, 0, errors.New("not a build cache")
	}
	r := binenc.NewReader(data[len(stateMagic):])
	if f := r.Uint(); r.Err() != nil || f != stateFormat {
		return nil, 0, errors.New("made by another version of brief")
	}
	var segs [][]byte
	var sum uint64
	for rest := r.Buf; len(rest) > 0; {
		if len(rest) < 16 {
			return nil, 0, errors.New("damaged or truncated")
		}
		n := binary.LittleEndian.Uint64(rest)
		if n > uint64(len(rest)-16) {
			return nil, 0, errors.New("damaged or truncated")
		}
		payload := rest[8 : 8+n]
		next := binary.LittleEndian.Uint64(rest[8+n:])
		if segmentSum(seed, sum, payload) != next {
			return nil, 0, errors.New("damaged or truncated")
		}
		segs, sum, rest = append(segs, payload), next, rest[16+n:]
	}
	if len(segs) == 0 {
		return nil, 0, errors.New("damaged or truncated")
	}
	return segs, sum, nil
}

// segmentSum is a segment's checksum: its payload's, chained from the
// previous segment's (0 for the first).
func segmentSum(seed hashSeed, prev uint64, payload []byte) uint64 {
	return newHasher(seed).num(prev).bytes(payload).sum()
}

// beginSegment starts a segment in w; endSegment ends the one started at
// at, chained from prev, and returns its checksum.
func beginSegment(w *binenc.Writer) int {
	at := len(w.Buf)
	w.Sum(0) // the length, once known
	return at
}

func endSegment(seed hashSeed, w *binenc.Writer, at int, prev uint64) uint64 {
	payload := w.Buf[at+8:]
	binary.LittleEndian.PutUint64(w.Buf[at:], uint64(len(payload)))
	sum := segmentSum(seed, prev, payload)
	w.Sum(sum)
	return sum
}

// apply reads a segment's changes into s.
func (s *savedState) apply(r *binenc.Reader) {
	s.id = r.String()
	decodeSection(r, &s.files, func(p string) savedFile { return savedOf(decodeFile(r, p, s.loc)) })
	decodeSection(r, &s.cards, func(string) cardCache { return cardCache{base: r.Sum(), hash: r.Sum(), html: r.String()} })
	decodeSection(r, &s.out, func(string) outputLog {
		return outputLog{inputs: r.Sum(), bytes: r.Sum(), size: r.Int(), entries: decodeEntryTable(r)}
	})
	decodeSection(r, &s.search, func(k string) search.File {
		_, p, _ := strings.Cut(k, "\x00")
		return search.File{Path: p, Data: r.Bytes(), Sum: r.Sum()}
	})
	decodeSection(r, &s.searchIDs, func(string) string { return r.String() })
	decodeSection(r, &s.stats, func(string) fileStat { return decodeFileStat(r) })
}

// entriesByID are, by edition, the search entries of the index the state
// describes, by id: the entries of its files, named by their fingerprints
// in searchIDs. An edition with an entry the state does not hold (a file
// with problems of its own is not kept) has none.
func (s *savedState) entriesByID() map[string][]*search.Entry {
	byKey := make(map[uint64]*search.Entry, len(s.files))
	for _, f := range s.files {
		if c := f.f.search; c != nil {
			byKey[c.key] = c.entry
		}
	}
	out := map[string][]*search.Entry{}
	for lang, ids := range s.searchIDs {
		if len(ids)%8 != 0 {
			continue
		}
		es := make([]*search.Entry, len(ids)/8)
		for i := range es {
			if es[i] = byKey[binary.LittleEndian.Uint64([]byte(ids[8*i:]))]; es[i] == nil {
				es = nil
				break
			}
		}
		if es != nil {
			out[lang] = es
		}
	}
	return out
}

// saveCache brings the state in the build's cache up to date after a
// successful build: it appends what changed since the state was restored
// or saved, or writes the whole state when there is none or the journal
// has grown by a quarter.
func (st *state) saveCache() error {
	bl := st.bl
	key, id, loc := stateKey(bl.seed, st.opt, bl.cfgSrc), st.res.OutputID, st.cfg.Location
	if bl.onSave != nil {
		w := &binenc.Writer{}
		bl.encodeChanges(w, bl.allChanges(id), loc)
		bl.onSave(w.Buf)
	}
	if s := bl.saved; s != nil && s.key == key && s.loc.String() == loc.String() {
		ch := bl.changesSince(s, id)
		if ch.empty() && ch.id == s.id {
			return nil // the state holds this build
		}
		if (s.size-s.base)*4 < s.base && st.appendChanges(s, ch, loc) {
			return nil
		}
	}
	// About 3.6 KB a file at 10,000 briefings: room for it in one go.
	w := &binenc.Writer{Buf: make([]byte, 0, 1<<20+4<<10*len(bl.files))}
	if s := bl.saved; s != nil {
		w.Buf = make([]byte, 0, s.size+s.size/8)
	}
	w.Buf = append(w.Buf, stateMagic...)
	w.Uint(stateFormat)
	at := beginSegment(w)
	w.Sum(uint64(fingerprintSeed))
	w.Sum(key)
	ch := bl.allChanges(id)
	bl.encodeChanges(w, ch, loc)
	sum := endSegment(bl.seed, w, at, 0)
	bl.saved = nil
	if err := st.opt.Cache.Save(w.Buf); err != nil {
		return err
	}
	s := &savedState{key: key, loc: loc, files: make(map[string]savedFile, len(ch.files)), base: len(w.Buf), size: len(w.Buf), sum: sum}
	s.cards, s.out, s.search, s.searchIDs, s.stats = map[string]cardCache{}, map[string]outputLog{}, map[string]search.File{}, map[string]string{}, map[string]fileStat{}
	bl.noteSaved(s, ch)
	bl.saved = s
	return nil
}

// appendChanges appends ch to the journal of the state s; false when the
// append failed (it may have left part of a segment: the state must be
// written whole).
func (st *state) appendChanges(s *savedState, ch changes, loc *time.Location) bool {
	bl := st.bl
	w := &binenc.Writer{}
	at := beginSegment(w)
	bl.encodeChanges(w, ch, loc)
	sum := endSegment(bl.seed, w, at, s.sum)
	if err := st.opt.Cache.Append(w.Buf); err != nil {
		return false
	}
	bl.noteSaved(s, ch)
	s.size, s.sum = s.size+len(w.Buf), sum
	return true
}

// allChanges are the changes of a whole state: every record set.
func (bl *Builder) allChanges(id string) changes {
	ch := changes{id: id, cards: slices.Sorted(maps.Keys(bl.cards)), outputs: slices.Sorted(maps.Keys(bl.out)), search: slices.Sorted(maps.Keys(bl.searchKept)),
		ids: slices.Sorted(maps.Keys(bl.searchIDs))}
	for p, f := range bl.files {
		if kept(f) {
			ch.files = append(ch.files, p)
		}
	}
	slices.Sort(ch.files)
	for _, p := range ch.files {
		if bl.files[p].stat.known() {
			ch.stats = append(ch.stats, p)
		}
	}
	return ch
}

// changesSince lists the records that differ from those s holds.
func (bl *Builder) changesSince(s *savedState, id string) changes {
	ch := changes{id: id}
	stats := 0 // the files of s.stats that still have their metadata known
	for p, f := range bl.files {
		old, had := s.files[p]
		switch {
		case kept(f) && (!had || old != savedOf(f)):
			ch.files = append(ch.files, p)
		case !kept(f) && had:
			ch.filesGone = append(ch.filesGone, p)
		}
		was, hadStat := s.stats[p]
		known := kept(f) && f.stat.known()
		switch {
		case known && hadStat:
			stats++
			if was != f.stat {
				ch.stats = append(ch.stats, p)
			}
		case known:
			ch.stats = append(ch.stats, p)
		case hadStat:
			ch.statsGone = append(ch.statsGone, p)
		}
	}
	for p := range s.files {
		if bl.files[p] == nil {
			ch.filesGone = append(ch.filesGone, p)
		}
	}
	for p := range s.stats {
		if stats+len(ch.statsGone) == len(s.stats) {
			break
		}
		if bl.files[p] == nil {
			ch.statsGone = append(ch.statsGone, p)
		}
	}
	ch.cards, ch.cardsGone = diffMaps(s.cards, bl.cards, equal)
	ch.outputs, ch.outputsGone = diffMaps(s.out, bl.out, equal)
	ch.search, ch.searchGone = diffMaps(s.search, bl.searchKept, func(a, b search.File) bool { return a.Sum == b.Sum })
	ch.ids, ch.idsGone = diffMaps(s.searchIDs, bl.searchIDs, equal)
	slices.Sort(ch.files)
	slices.Sort(ch.filesGone)
	slices.Sort(ch.stats)
	slices.Sort(ch.statsGone)
	return ch
}

// diffMaps lists the keys of now whose values differ from was's, and the
// keys gone from was, sorted.
func diffMaps[V any](was, now map[string]V, same func(a, b V) bool) (set, gone []string) {
	kept := 0
	for k, v := range now {
		old, had := was[k]
		if had {
			kept++
		}
		if !had || !same(old, v) {
			set = append(set, k)
		}
	}
	// When now holds every key of was, none is gone (28,000 outputs at
	// 10,000 briefings: not looked up again).
	for k := range was {
		if kept == len(was) {
			break
		}
		if _, ok := now[k]; !ok {
			gone = append(gone, k)
		}
	}
	slices.Sort(set)
	slices.Sort(gone)
	return set, gone
}

func equal[V comparable](a, b V) bool { return a == b }

// noteSaved records in s the changes just saved.
func (bl *Builder) noteSaved(s *savedState, ch changes) {
	s.id = ch.id
	patch(s.files, ch.files, ch.filesGone, func(p string) savedFile { return savedOf(bl.files[p]) })
	patch(s.cards, ch.cards, ch.cardsGone, func(p string) cardCache { return bl.cards[p] })
	patch(s.out, ch.outputs, ch.outputsGone, func(p string) outputLog { return bl.out[p] })
	patch(s.search, ch.search, ch.searchGone, func(k string) search.File { return bl.searchKept[k] })
	patch(s.searchIDs, ch.ids, ch.idsGone, func(lang string) string { return bl.searchIDs[lang] })
	patch(s.stats, ch.stats, ch.statsGone, func(p string) fileStat { return bl.files[p].stat })
}

// patch sets each key of set in m to its value now and deletes the keys gone.
func patch[V any](m map[string]V, set, gone []string, now func(string) V) {
	for _, k := range set {
		m[k] = now(k)
	}
	for _, k := range gone {
		delete(m, k)
	}
}

// encodeChanges writes a segment's changes (see apply).
func (bl *Builder) encodeChanges(w *binenc.Writer, ch changes, loc *time.Location) {
	w.String(ch.id)
	encodeSection(w, ch.files, ch.filesGone, func(p string) { encodeFile(w, bl.files[p], loc) })
	encodeSection(w, ch.cards, ch.cardsGone, func(p string) {
		c := bl.cards[p]
		w.Sum(c.base)
		w.Sum(c.hash)
		w.String(c.html)
	})
	encodeSection(w, ch.outputs, ch.outputsGone, func(p string) {
		w.Sum(bl.out[p].inputs)
		w.Sum(bl.out[p].bytes)
		w.Int(bl.out[p].size)
		bl.out[p].entries.encode(w)
	})
	encodeSection(w, ch.search, ch.searchGone, func(k string) {
		w.Bytes(bl.searchKept[k].Data)
		w.Sum(bl.searchKept[k].Sum)
	})
	encodeSection(w, ch.ids, ch.idsGone, func(lang string) { w.String(bl.searchIDs[lang]) })
	encodeSection(w, ch.stats, ch.statsGone, func(p string) { bl.files[p].stat.encode(w) })
}

// encodeSection writes the records of keys set, each its key and what put
// writes, then the keys gone; decodeSection reads them into m.
func encodeSection(w *binenc.Writer, set, gone []string, put func(k string)) {
	w.Uint(uint64(len(set)))
	for _, k := range set {
		w.String(k)
		put(k)
	}
	w.Strings(gone)
}

func decodeSection[V any](r *binenc.Reader, m *map[string]V, get func(k string) V) {
	n := r.Len()
	if *m == nil {
		*m = make(map[string]V, n)
	}
	for ; n > 0 && r.Err() == nil; n-- {
		k := r.String()
		(*m)[k] = get(k)
	}
	for _, k := range r.Strings() {
		delete(*m, k)
	}
}

// outputID names the output the sink holds after a build: a fingerprint of
// every output's path, inputs and bytes, summed in any order (sorting
// 28,000 paths at 10,000 briefings took longer).
func (bl *Builder) outputID() string {
	var id uint64
	for p, l := range bl.out {
		id += newHasher(bl.seed).str(p).num(l.inputs, l.bytes).sum()
	}
	return strconv.FormatUint(id, 16)
}

func encodeFile(w *binenc.Writer, f *sourceFile, loc *time.Location) {
	w.Sum(f.hash)
	w.Sum(f.front)
	encodeBriefing(w, f.b, loc)
	w.Bool(f.rendered != nil)
	if rb := f.rendered; rb != nil {
		encodeBody(w, rb)
	}
	w.Bool(f.search != nil)
	if f.search != nil {
		w.Sum(f.search.key)
		w.Sum(f.search.header)
		// Not the result fragment, which holds the body's text: it is
		// made again from the source if it must be written (fragmentAgain).
		f.search.entry.WithoutFragment().Encode(w)
	}
}

func decodeFile(r *binenc.Reader, p string, loc *time.Location) *sourceFile {
	f := &sourceFile{hash: r.Sum(), front: r.Sum()}
	f.b = decodeBriefing(r, p, loc)
	if r.Bool() {
		f.rendered = decodeBody(r)
	}
	if r.Bool() {
		key, header := r.Sum(), r.Sum()
		if e := search.DecodeEntry(r); e != nil {
			// Valid with this header and rendered body, and the
			// configuration the state was saved with (searchEntry).
			f.search = &searchCache{key: key, entry: e, header: header, rendered: f.rendered}
		}
	}
	return f
}

// encodeBriefing writes a parsed briefing's front matter (not its body,
// which the model never holds). TestCacheKeepsEveryField checks that
// every field comes back.
func encodeBriefing(w *binenc.Writer, b *content.Briefing, loc *time.Location) {
	w.String(b.Title)
	w.Time(b.Date, loc)
	w.Time(b.Updated, loc)
	w.Strings(b.Jurisdictions)
	w.Uint(uint64(len(b.Funding)))
	for _, f := range b.Funding {
		f.Amount.Encode(w)
		w.String(f.AmountText)
		w.String(f.Currency)
		w.Bool(f.USD != nil)
		if f.USD != nil {
			f.USD.Encode(w)
		}
		w.String(f.USDText)
		w.String(f.Purpose)
		w.Int(f.Line)
		w.String(f.Jurisdiction)
		w.Int(f.JurisdictionLine)
		w.Time(f.Date, loc)
		w.String(f.Per)
		w.Int(f.From)
		w.Int(f.To)
	}
	w.Strings(b.Tags)
	w.String(b.Summary)
	w.Bool(b.Draft)
	w.String(b.Slug)
	w.Uint(uint64(len(b.Aliases)))
	for _, a := range b.Aliases {
		w.String(a.Path)
		w.String(a.Field)
		w.Int(a.Line)
	}
	w.Ints(b.JurisdictionLines)
	w.Ints(b.TagLines)
	w.String(b.Image)
	w.String(b.ImageAlt)
	w.Uint(uint64(len(b.Sources)))
	for _, s := range b.Sources {
		w.String(s.Title)
		w.String(s.URL)
	}
	w.Strings(b.Authors)
	w.String(b.TranslationKey)
	w.Int(b.BodyLine)
	w.Uint(uint64(len(b.Lines)))
	for f, l := range b.Lines.All() {
		w.String(f)
		w.Int(l)
	}
}

func decodeBriefing(r *binenc.Reader, p string, loc *time.Location) *content.Briefing {
	b := &content.Briefing{Path: p, Title: r.String(), Date: r.Time(loc), Updated: r.Time(loc), Jurisdictions: r.Strings()}
	if n := r.Len(); n > 0 {
		b.Funding = make([]content.Funding, n)
		for i := range b.Funding {
			f := &b.Funding[i]
			f.Amount, f.AmountText, f.Currency = money.DecodeDecimal(r), r.String(), r.String()
			if r.Bool() {
				usd := money.DecodeDecimal(r)
				f.USD = &usd
			}
			f.USDText, f.Purpose, f.Line = r.String(), r.String(), r.Int()
			f.Jurisdiction, f.JurisdictionLine, f.Date = r.String(), r.Int(), r.Time(loc)
			f.Per, f.From, f.To = r.String(), r.Int(), r.Int()
		}
	}
	b.Tags, b.Summary, b.Draft, b.Slug = r.Strings(), r.String(), r.Bool(), r.String()
	if n := r.Len(); n > 0 {
		b.Aliases = make([]content.Alias, n)
		for i := range b.Aliases {
			b.Aliases[i] = content.Alias{Path: r.String(), Field: r.String(), Line: r.Int()}
		}
	}
	b.JurisdictionLines, b.TagLines, b.Image, b.ImageAlt = r.Ints(), r.Ints(), r.String(), r.String()
	if n := r.Len(); n > 0 {
		b.Sources = make([]content.Source, n)
		for i := range b.Sources {
			b.Sources[i] = content.Source{Title: r.String(), URL: r.String()}
		}
	}
	b.Authors, b.TranslationKey, b.BodyLine = r.Strings(), r.String(), r.Int()
	if n := r.Len(); n > 0 {
		b.Lines = make(content.FieldLines, 0, n)
		for range n {
			b.Lines.Set(r.String(), r.Int())
		}
	}
	return b
}

// encodeBody writes what a body rendered to, less its HTML and text.
func encodeBody(w *binenc.Writer, rb *renderedBody) {
	w.Bool(rb.unsafe)
	w.Bool(rb.linksWarn)
	w.Uint(uint64(len(rb.links)))
	for _, t := range slices.Sorted(maps.Keys(rb.links)) {
		w.String(t)
		w.String(rb.links[t])
		w.Bool(rb.drafts[t])
	}
	w.Uint(uint64(len(rb.images)))
	for _, dest := range slices.Sorted(maps.Keys(rb.images)) {
		u := rb.images[dest]
		w.String(dest)
		w.String(u.ref.src)
		w.String(u.ref.url)
		w.Sum(u.ref.hash)
		w.Bool(u.ref.own)
		w.String(u.pic.Src)
		w.Int(u.pic.Width)
		w.Int(u.pic.Height)
		w.String(u.pic.Srcset)
		w.String(u.pic.Sizes)
		w.String(u.err)
	}
	encodeDiags(w, rb.problems)
	w.Int(rb.words)
	w.Int(rb.cjk)
	w.Uint(uint64(len(rb.headings)))
	for _, h := range rb.headings {
		w.Int(h.Level)
		w.String(h.ID)
		w.String(h.Text)
	}
	w.Uint(uint64(len(rb.fragments)))
	for _, f := range rb.fragments {
		w.String(f.Target)
		w.String(f.ID)
		w.String(f.Written)
		w.Int(f.Line)
	}
	w.Sum(rb.textSum)
	w.Sum(rb.parts.body)
	w.Sum(rb.parts.stats)
	w.Sum(rb.parts.picture)
	w.Sum(rb.parts.card)
}

func decodeBody(r *binenc.Reader) *renderedBody {
	// Most bodies link to no briefing and show no image: their maps stay
	// nil (read only, as a rendered body's are).
	rb := &renderedBody{lazy: true, unsafe: r.Bool(), linksWarn: r.Bool()}
	if n := r.Len(); n > 0 {
		rb.links, rb.drafts = make(map[string]string, n), map[string]bool{}
		for ; n > 0 && r.Err() == nil; n-- {
			t := r.String()
			rb.links[t] = r.String()
			if r.Bool() {
				rb.drafts[t] = true
			}
		}
	}
	if n := r.Len(); n > 0 {
		rb.images = make(map[string]imageUse, n)
		for ; n > 0 && r.Err() == nil; n-- {
			dest := r.String()
			u := imageUse{ref: imageRef{src: r.String(), url: r.String(), hash: r.Sum(), own: r.Bool()}}
			u.pic = markdown.Picture{Src: r.String(), Width: r.Int(), Height: r.Int(), Srcset: r.String(), Sizes: r.String()}
			u.err = r.String()
			rb.images[dest] = u
		}
	}
	rb.problems = decodeDiags(r)
	rb.words, rb.cjk = r.Int(), r.Int()
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		rb.headings = append(rb.headings, markdown.Heading{Level: r.Int(), ID: r.String(), Text: r.String()})
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		rb.fragments = append(rb.fragments, markdown.Fragment{Target: r.String(), ID: r.String(), Written: r.String(), Line: r.Int()})
	}
	rb.textSum = r.Sum()
	rb.parts = parts{body: r.Sum(), stats: r.Sum(), picture: r.Sum(), card: r.Sum()}
	return rb
}

func encodeDiags(w *binenc.Writer, ds diag.List) {
	w.Uint(uint64(len(ds)))
	for _, d := range ds {
		w.String(d.File)
		w.Int(d.Line)
		w.Int(d.Column)
		w.String(d.Field)
		w.String(d.Msg)
		w.String(d.Hint)
		w.Int(int(d.Severity))
		w.Bool(d.Link)
	}
}

func decodeDiags(r *binenc.Reader) diag.List {
	var ds diag.List
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		ds = append(ds, diag.Diagnostic{File: r.String(), Line: r.Int(), Column: r.Int(), Field: r.String(), Msg: r.String(),
			Hint: r.String(), Severity: diag.Severity(r.Int()), Link: r.Bool()})
	}
	return ds
}

// ensureBodies renders again the bodies of bs, briefings of the edition m,
// with m.mu held,
// that were restored without their HTML (see above), and fills it into
// their views.
func (st *state) ensureBodies(m *model, bs []*site.Briefing) error {
	bl := st.bl
	if !bl.lazyBodies {
		return nil
	}
	var todo []*site.Briefing
	seen := map[*site.Briefing]bool{} // bs may name one twice (cards and their neighbours): render it once
	for _, b := range bs {
		if f := bl.files[b.Path]; f != nil && f.rendered != nil && f.rendered.lazy && !seen[b] {
			seen[b] = true
			todo = append(todo, b)
		}
	}
	errs := make([]error, len(todo))
	r := st.renderer() // made before the workers share it
	parallel(len(todo), func(i int) { errs[i] = st.renderAgain(r, m, todo[i], bl.files[todo[i].Path]) })
	for i, b := range todo {
		if errs[i] != nil {
			return errs[i]
		}
		m.views.Briefing(b).Content = htmlOf(bl.files[b.Path].rendered)
	}
	return nil
}

// renderAgain renders a lazy body from its source, which must be the one
// its cached parts were made from.
func (st *state) renderAgain(r *markdown.Renderer, m *model, b *site.Briefing, f *sourceFile) error {
	md, release, err := st.markdownOf(b.Path, f)
	if err != nil {
		return err
	}
	f.body = md
	rb := st.renderBody(r, m, b, f)
	if st.opt.Once {
		f.body = nil
		release() // the rendered body holds copies only
	}
	if rb.parts != f.rendered.parts || rb.textSum != f.rendered.textSum {
		return diag.List{diag.Errorf(b.Path, 0, "", "delete the build cache folder and build again; please report this bug in brief",
			"the body rendered differently from the build cache's record of it")}
	}
	rb.parts = f.rendered.parts // picture and card are set by the build
	f.rendered = rb
	return nil
}

// markdownOf returns the Markdown body of a file whose parse the cache
// restored, or that a one-shot build let go of: the source is read again
// (and parsed again, unless the build knows where its body starts).
// release is to be called once nothing reads the body: a one-shot build,
// which renders it and lets go of it, reads it into a pooled buffer.
func (st *state) markdownOf(p string, f *sourceFile) (md []byte, release func(), err error) {
	release = func() {}
	if f.body != nil {
		return f.body, release, nil
	}
	var src []byte
	if st.opt.Once {
		src, release, err = sources.ReadAgain(st.fsys, p, int(f.readSize))
	} else {
		src, err = sources.ReadFile(st.fsys, p)
	}
	if err != nil {
		release()
		return nil, nil, diag.List{sources.ReadProblem(p, err)}
	}
	if sourceHash(st.bl.seed, src, st.cfg.Location.String()) != f.hash {
		release()
		return nil, nil, diag.List{diag.Errorf(p, 0, "", "build again once the file is saved", "the file changed while brief was building")}
	}
	switch {
	case f.readSize > 0: // the same bytes as parsed: nothing to normalise
		return src[f.bodyAt:], release, nil
	case f.bodyAt > 0:
		return content.BodyAt(src, int(f.bodyAt)), release, nil // a one-shot build knows where it starts
	}
	cb, _ := content.Parse(p, src, content.Options{Location: st.cfg.Location})
	release() // the parse keeps none of src
	if cb == nil {
		return nil, nil, diag.List{diag.Errorf(p, 0, "", "build again", "the file no longer parses")}
	}
	return cb.Body, func() {}, nil
}

// fragmentBriefings maps the search index's fragment files of s to their
// briefings.
func fragmentBriefings(s *site.Site) map[string]*site.Briefing {
	out := make(map[string]*site.Briefing, len(s.Briefings))
	for _, b := range s.Briefings {
		out[search.FragmentPath(len(s.Briefings)-1-site.Rank(b))] = b
	}
	return out
}

// fragmentAgain makes again the search result fragment of b, whose entry
// the cache kept without it, from its source: it must be the fragment the
// entry was made with (its fingerprint is want). It leaves b's file as it
// is, since other outputs may be rendered meanwhile.
func (st *state) fragmentAgain(m *model, b *site.Briefing, want uint64) ([]byte, error) {
	f := st.bl.files[b.Path]
	md, release, err := st.markdownOf(b.Path, f)
	if err != nil {
		return nil, err
	}
	src := *f
	src.body = md
	rb := st.renderBody(st.renderer(), m, b, &src)
	release()
	data, sum := search.FragmentOf(st.searchDoc(m, b, rb))
	if sum != want {
		return nil, diag.List{diag.Errorf(b.Path, 0, "", "delete the build cache folder and build again; please report this bug in brief",
			"the search result rendered differently from the build cache's record of it")}
	}
	return data, nil
}

// ensureRead renders again the lazy bodies that jobs read.
func (st *state) ensureRead(jobs []*job) error {
	if !st.bl.lazyBodies {
		return nil
	}
	read := map[*model]map[*site.Briefing]bool{}
	for _, j := range jobs {
		if read[j.m] == nil {
			read[j.m] = map[*site.Briefing]bool{}
		}
		if j.reads.Bodies.Has(render.Any) {
			for _, b := range j.m.site.Briefings {
				read[j.m][b] = true
			}
		}
		j.eachRead(j.reads.Bodies, func(b *site.Briefing) { read[j.m][b] = true })
	}
	for _, m := range st.models {
		m.mu.Lock()
		err := st.ensureBodies(m, slices.Collect(maps.Keys(read[m])))
		m.mu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

func htmlOf(rb *renderedBody) template.HTML { return template.HTML(rb.html) }

// asDiags turns an error of the cache's into the build's problems.
func asDiags(err error) diag.List {
	var l diag.List
	if errors.As(err, &l) {
		return l
	}
	return diag.List{diag.Errorf("", 0, "", "delete the build cache folder and build again", "%v", err)}
}
