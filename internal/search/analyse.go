package search

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// analyser counts the terms of one Doc: each term's best field and how
// often it occurs. It is pooled, and keeps a vocabulary from document to
// document (a worker's documents share most of their words), so that a
// word met before is counted by one lookup of it as written, without
// being lower-cased, stemmed or hashed as a term again, and counting
// allocates nothing.
type analyser struct {
	vocab vocabulary
	at    []int32 // the document's terms: vocabulary ids in the order met
	doc   uint32  // the document's stamp (see vocabulary.seen), from 1
	base  uint8   // the field being added
	word  []byte  // the word being read
	text  []byte  // the entry's terms, as they are made
	// emit, for tests alone, is handed each term instead of counting it.
	emit func([]byte)
}

// vocabulary numbers the terms an analyser has met, and remembers the
// term of each ASCII word as written (lower-cased: a word's case does not
// change its term). It is emptied between documents once it holds
// vocabularyLimit terms or words, which bounds what a worker keeps.
type vocabulary struct {
	terms termIDs
	seen  []seen // per term

	// An open-addressing table over the words, which hold their first
	// eight bytes: a word of eight bytes or fewer, most words, is found
	// by comparing one number. A power of two long, at most half full.
	words     []wordSlot
	wordShift uint8 // 64 - log2(len(words)): a hash's top bits pick a slot
	nwords    int
	longs     []uint64 // for each word longer than eight: its length, then its next bytes as lowerEight gives them
	limit     int
	epoch     uint64 // new each time the vocabulary is emptied (see numberedTerms)
}

// epochs number the vocabularies' epochs, across analysers.
var epochs atomic.Uint64

// termIDs numbers terms, with an open-addressing table over them: a slot
// holds the high half of the term's hashTerm above 1 + its id (0 for an
// empty slot), so that a probe compares bytes only where the hashes agree.
// A power of two long, at most half full.
type termIDs struct {
	slots []uint64
	names []string // by id
}

func newTermIDs() termIDs { return termIDs{slots: make([]uint64, 1024)} }

// id is the id of term t, and whether t is new, which it numbers then (and
// keeps a copy of).
func (ti *termIDs) id(t string) (int32, bool) {
	h := hashTerm(t)
	tag := h &^ (1<<32 - 1)
	mask := uint64(len(ti.slots) - 1)
	i := h & mask
	for s := ti.slots[i]; s != 0; s = ti.slots[i] {
		if s&^(1<<32-1) == tag {
			if id := int32(uint32(s) - 1); ti.names[id] == t {
				return id, false
			}
		}
		i = (i + 1) & mask
	}
	id := int32(len(ti.names))
	ti.slots[i] = tag | uint64(id+1)
	ti.names = append(ti.names, strings.Clone(t))
	if 2*len(ti.names) > len(ti.slots) {
		ti.slots = make([]uint64, 2*len(ti.slots))
		mask := uint64(len(ti.slots) - 1)
		for id, name := range ti.names {
			h := hashTerm(name)
			i := h & mask
			for ti.slots[i] != 0 {
				i = (i + 1) & mask
			}
			ti.slots[i] = h&^(1<<32-1) | uint64(id+1)
		}
	}
	return id, true
}

// clear forgets every term, keeping the room of the table. The names
// get new room: entries may hold the old (numberedTerms).
func (ti *termIDs) clear() {
	clear(ti.slots)
	ti.names = make([]string, 0, cap(ti.names))
}

// seen is a term's count and best field in the last document that met
// it: a stamp that is not the document's is no document's.
type seen struct {
	doc   uint32
	count int32
	best  uint8
}

// wordSlot is a word the vocabulary knows and the term it counts as.
type wordSlot struct {
	first uint64 // its first eight bytes (see lowerEight); 0 for an empty slot
	term  int32
	long  int32 // 0 for a word of eight bytes or fewer, else 1 + where it is in longs
}

// vocabularyLimit is the most terms, and words, an analyser keeps: a
// worker's vocabulary is a few thousand words in most sites; a site that
// uses more is analysed as well, with more words lower-cased and stemmed
// again.
const vocabularyLimit = 1 << 15

var analysers = sync.Pool{New: func() any { return newAnalyser(vocabularyLimit) }}

func newAnalyser(limit int) *analyser {
	a := &analyser{vocab: vocabulary{limit: limit}}
	a.vocab.clear()
	return a
}

// clear empties the vocabulary, keeping its room.
func (v *vocabulary) clear() {
	if v.words == nil {
		v.terms, v.words, v.wordShift = newTermIDs(), make([]wordSlot, 1024), 64-10
	}
	v.terms.clear()
	v.epoch = epochs.Add(1)
	clear(v.words)
	v.seen = v.seen[:0]
	v.nwords, v.longs = 0, v.longs[:0]
}

func (v *vocabulary) termOf(id int32) string { return v.terms.names[id] }

// begin starts a document.
func (a *analyser) begin() {
	v := &a.vocab
	if a.doc++; a.doc == 0 || len(v.terms.names) >= v.limit || v.nwords >= v.limit {
		v.clear() // stamps start again with the terms
		a.doc = 1
	}
}

// meet counts one occurrence of the term with this id in the document.
func (a *analyser) meet(id int32) {
	if a.emit != nil {
		a.emit([]byte(a.vocab.termOf(id)))
		return
	}
	s := &a.vocab.seen[id]
	if s.doc != a.doc {
		*s = seen{a.doc, 1, a.base}
		a.at = append(a.at, id)
		return
	}
	s.count++
	s.best = max(s.best, a.base)
}

// term counts one occurrence of t, which it does not keep.
func (a *analyser) term(t []byte) { a.meet(a.vocab.termID(unsafe.String(unsafe.SliceData(t), len(t)))) }

// termID is the id of term t, which it numbers if it is new (and copies
// then: t may be a word's bytes as they are read).
func (v *vocabulary) termID(t string) int32 {
	id, added := v.terms.id(t)
	if added {
		v.seen = append(v.seen, seen{})
	}
	return id
}

const golden = 0x9E3779B97F4A7C15 // 2^64 over the golden ratio: multiplying by it mixes bits upwards

// longWord counts a word longer than eight bytes as asciiWords counts
// shorter ones.
func (a *analyser) longWord(text string, i, j int, first uint64) {
	if j-i > maxWordLen {
		return // not indexed
	}
	var key [(maxWordLen - 1) / 8]uint64
	rest := key[:(j-i-1)/8]
	for k := range rest {
		at := i + 8 + 8*k
		rest[k] = lowerEight(text, at, min(8, j-at))
	}
	v := &a.vocab
	mask := len(v.words) - 1
	for k := int(longHash(j-i, first, rest) >> v.wordShift); ; k = (k + 1) & mask {
		s := &v.words[k]
		if s.first == first && s.long != 0 {
			if l := v.longs[s.long-1:]; int(l[0]) == j-i && slices.Equal(l[1:1+len(rest)], rest) {
				a.meet(s.term)
				return
			}
		}
		if s.first == 0 {
			a.learn(text, i, j, first, k)
			return
		}
	}
}

// longHash is the hash of a word of n bytes, longer than eight, whose
// first eight are first and whose next are rest (see lowerEight).
func longHash(n int, first uint64, rest []uint64) uint64 {
	h := (uint64(n)*golden ^ first) * golden
	for _, x := range rest {
		h = (h ^ h>>29 ^ x) * golden
	}
	return h
}

// learn counts the word text[i:j], not met before, and keeps it in slot
// k of the word table.
func (a *analyser) learn(text string, i, j int, first uint64, k int) {
	v := &a.vocab
	// Its term, as flushWord makes it.
	t, letters := a.word[:0], byte(0x40)
	for at := i; at < j; at++ {
		c := text[at] | 0x20
		t = append(t, c)
		letters &= c
	}
	if letters != 0 {
		m, y := stemLetters(t)
		if t = t[:m]; y {
			t = append(t, 'y')
		}
	}
	a.word = t
	id := v.termID(unsafe.String(unsafe.SliceData(t), len(t)))
	s := wordSlot{first: first, term: id}
	if j-i > 8 {
		s.long = int32(len(v.longs) + 1)
		v.longs = append(v.longs, uint64(j-i))
		for at := i + 8; at < j; at += 8 {
			v.longs = append(v.longs, lowerEight(text, at, min(8, j-at)))
		}
	}
	v.keep(k, s)
	a.meet(id)
}

// keep puts s, a word not met before, in slot k of the word table.
func (v *vocabulary) keep(k int, s wordSlot) {
	v.words[k] = s
	if v.nwords++; 2*v.nwords > len(v.words) {
		v.growWords()
	}
}

// growWords doubles the word table.
func (v *vocabulary) growWords() {
	old := v.words
	v.words, v.wordShift = make([]wordSlot, 2*len(old)), v.wordShift-1
	mask := len(v.words) - 1
	for _, s := range old {
		if s.first == 0 {
			continue
		}
		h := s.first * golden
		if s.long != 0 {
			l := v.longs[s.long-1:]
			h = longHash(int(l[0]), s.first, l[1:1+(int(l[0])-1)/8])
		}
		k := int(h >> v.wordShift)
		for v.words[k].first != 0 {
			k = (k + 1) & mask
		}
		v.words[k] = s
	}
}

// asciiWords counts the words from text[i] on, a word of ASCII letters and
// digits at text[i] and those after it, each after one space, as long as
// each is a word alone, which the ASCII character after it (not an
// apostrophe, which may join it to the next) ends: most words. It returns
// where it stops, the piece as add keeps it, and whether it stops at a
// word that is not alone, for add to read.
//
// A word counts as its term if the vocabulary knows it, else as the term
// of the word lower-cased and stemmed, which the vocabulary then learns
// (learn). A word of eight bytes or fewer, most words, is looked up here,
// with meet's commonest case, a term met before in the document: no call
// per word.
func (a *analyser) asciiWords(text string, i, piece int) (int, int, bool) {
	const high = 0x8080808080808080
	v := &a.vocab
	for {
		var j int
		var first uint64 // the word's first eight bytes, or fewer, as lowerEight gives them
		if i+8 <= len(text) {
			// The word and what follows it, from eight bytes loaded at once.
			x := load8(text[i:])
			run := uint(bits.TrailingZeros64(^wordBytes(x)&high)) / 8 // 8 when all are
			j, first = i+int(run), (x|0x2020202020202020)&(1<<(8*run)-1)
		} else {
			// Near the text's end.
			j = i + 1
			first = lowerEight(text, i, min(len(text)-i, 8))
		}
		if j-i == 8 || i+8 > len(text) {
			for j < len(text) && asciiWord[text[j]] {
				j++
			}
			first &= 1<<(8*min(j-i, 8)) - 1
		}
		if j < len(text) && (text[j] >= utf8.RuneSelf || text[j] == '\'') {
			return i, piece, true
		}
		if j-i > 8 {
			a.longWord(text, i, j, first)
		} else {
			mask := len(v.words) - 1
			for k := int(first * golden >> v.wordShift); ; k = (k + 1) & mask {
				s := &v.words[k]
				if s.first == first && s.long == 0 {
					if c := &v.seen[s.term]; c.doc == a.doc && a.emit == nil {
						c.count++
						c.best = max(c.best, a.base)
					} else {
						a.meet(s.term)
					}
					break
				}
				if s.first == 0 {
					a.learn(text, i, j, first, k)
					break
				}
			}
		}
		if j+1 >= len(text) || text[j] != ' ' || !asciiWord[text[j+1]] {
			return j, piece, false
		}
		i, piece = j+1, j
	}
}

// wordBytes has the high bit of each byte of x set where that byte is an
// ASCII letter or digit, and no other bit: asciiWord for eight bytes at
// once. Each test adds to the byte's low seven bits what carries into its
// high bit at a bound, which never carries into the next byte.
func wordBytes(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	low := x &^ high
	lower := low | 0x20*ones                                         // letters lower-cased; no other byte becomes one
	letter := (lower + (0x80-'a')*ones) &^ (lower + (0x7f-'z')*ones) // 'a' <= lower <= 'z'
	digit := (low + (0x80-'0')*ones) &^ (low + (0x7f-'9')*ones)      // '0' <= low <= '9'
	return (letter | digit) &^ x & high                              // and x < 0x80
}

// load8 is the first eight bytes of s in a little-endian number (one load
// where the machine allows it).
func load8[T ~string | ~[]byte](s T) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load4 is the first four bytes of s in a little-endian number.
func load4[T ~string | ~[]byte](s T) uint64 {
	s = s[:4]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// lowerEight is the n bytes (1 to 8) of ASCII letters and digits from
// text[i] on, lower-cased, in a little-endian number: a letter's case is
// its 0x20 bit, which every digit has. Bytes past n are zeros.
func lowerEight(text string, i, n int) uint64 {
	var x uint64
	if i+8 <= len(text) {
		x = load8(text[i:]) | 0x2020202020202020
	} else {
		for k := n - 1; k >= 0; k-- {
			x = x<<8 | uint64(text[i+k]|0x20)
		}
	}
	return x & (1<<(8*n) - 1) // 1<<64 is 0 in Go: all of it for n = 8
}

// hashTerm mixes t eight bytes at a time and its last bytes in two loads,
// its high bits folded into the low ones that pick a slot: a word of a few
// bytes costs one multiplication, where a byte at a time costs one per
// byte. Slots never decide the order of terms: any hash gives the same
// entry.
func hashTerm[T ~string | ~[]byte](t T) uint64 {
	const m = 0x9E3779B97F4A7C15
	h := uint64(len(t)) * m
	for len(t) > 8 {
		h = (h ^ load8(t)) * m
		h ^= h >> 29
		t = t[8:]
	}
	var x uint64
	switch {
	case len(t) >= 4: // two loads, overlapping below eight bytes
		x = load4(t) | load4(t[len(t)-4:])<<32
	case len(t) > 0:
		x = uint64(t[0]) | uint64(t[len(t)/2])<<8 | uint64(t[len(t)-1])<<16
	}
	h = (h ^ x) * m
	return h ^ h>>32
}

// end ends a document, whose terms and their scores are made.
func (a *analyser) end() { a.at = a.at[:0] }

// add counts each index term of a field's text, repeats included, as
// forTerms makes them (a test holds the two to it). It reads ASCII and
// the commonest Chinese text as they are: a word of ASCII letters and
// digits alone is counted as the vocabulary's term for it (asciiWords),
// one that apostrophes join is lower-cased as it is copied into a.word,
// stemmed there and counted without a string being made of it, and a run of common Han
// characters gives its pairs, as cjkTerms does. Text from the last
// separator to the next one that holds anything else is handed to
// forTerms: normalising and tokenising text piece by piece gives what doing
// it whole gives when each piece starts where a token cannot go on, at a
// character that nothing before it composes with. ASCII separators,
// fastSeparator's punctuation and the first of a run of those Han
// characters are such places. That holds for UTF-8 only: text that is not
// (which Normalize would copy as it is at its end, in part) takes the
// general path whole.
func (a *analyser) add(text string, base uint8) {
	if !utf8.ValidString(text) {
		a.base = base
		a.general(text)
		return
	}
	a.addUTF8(text, base)
}

// addUTF8 is add for text known to be UTF-8.
func (a *analyser) addUTF8(text string, base uint8) {
	a.base = base
	w := a.word[:0]
	letters := byte(0x40) // the bit every lower-case letter has and no digit: kept while w has letters alone
	piece := 0            // where the text not yet counted starts
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				if len(w) == 0 {
					var stop bool
					if i, piece, stop = a.asciiWords(text, i, piece); !stop {
						continue
					}
					c = text[i]
				}
				// The run of letters and digits, lower-cased as it is
				// copied (digits have the bit already).
				for {
					c |= 0x20
					w = append(w, c)
					letters &= c
					if i++; i == len(text) || !asciiWord[text[i]] {
						break
					}
					c = text[i]
				}
				continue
			}
			if c == '\'' && len(w) > 0 && i+1 < len(text) {
				if next := text[i+1]; next >= utf8.RuneSelf {
					a.word = w
					piece, i = a.slowPiece(text, piece, i)
					w, letters = a.word[:0], 0x40
					continue
				} else if asciiWord[next] {
					i++ // joins two word characters: dropped
					continue
				}
			}
			if len(w) > 0 {
				w, letters = a.flushWord(w, letters)
			}
			piece = i
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if fastSeparator(r) {
			w, letters = a.flushWord(w, letters)
			piece = i
			i += size
			continue
		}
		if fastHan(r) {
			end := i + size
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if !fastHan(r) {
					break
				}
				end += size
			}
			if end == len(text) || text[end] < utf8.RuneSelf || fastSeparator(firstRune(text[end:])) {
				w, letters = a.flushWord(w, letters)
				a.word = w
				a.hanTerms(text[i:end])
				w = a.word[:0]
				piece, i = end, end
				continue
			}
		}
		a.word = w
		piece, i = a.slowPiece(text, piece, i)
		w, letters = a.word[:0], 0x40
	}
	w, _ = a.flushWord(w, letters)
	a.word = w
}

// slowPiece hands the text from piece to the separator after i to the
// general path, and returns where the text not yet counted starts (twice:
// the next piece and the place to read on from).
func (a *analyser) slowPiece(text string, piece, i int) (int, int) {
	end := i + 1
	for end < len(text) {
		if c := text[end]; c < utf8.RuneSelf {
			if !asciiWord[c] && c != '\'' {
				break
			}
			end++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[end:])
		if fastSeparator(r) {
			break
		}
		end += size
	}
	a.general(text[piece:end])
	return end, end
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// fastHan: the CJK Unified Ideographs' main block, which Normalize leaves
// as it is and which compose with nothing; three bytes each in UTF-8.
func fastHan(r rune) bool { return 0x4e00 <= r && r <= 0x9fff }

// fastSeparator: the commonest punctuation of Chinese text. Each separates
// tokens, composes with nothing, and normalises to itself or to ASCII
// punctuation that is not an apostrophe.
func fastSeparator(r rune) bool {
	switch r {
	case '，', '。', '、', '：', '；', '！', '？', '（', '）', '《', '》', '「', '」', '“', '”', '—', '…':
		return true
	}
	return false
}

// hanTerms counts the terms of a run of fastHan characters: what
// cjkTerms gives.
func (a *analyser) hanTerms(run string) {
	for k := 0; k+3 < len(run); k += 3 {
		pair := run[k : k+6]
		a.asWritten(pair, load4(pair)|uint64(pair[4])<<32|uint64(pair[5])<<40)
	}
	last := run[len(run)-3:]
	a.asWritten(last, uint64(last[0])|uint64(last[1])<<8|uint64(last[2])<<16)
}

// asWritten counts t, a term that is its own word (one or two fastHan
// characters), which the vocabulary's word table keeps as it keeps a
// short ASCII word: by its bytes in a little-endian number, first. No
// ASCII word's number is one: t's bytes are all above 0x7F.
func (a *analyser) asWritten(t string, first uint64) {
	v := &a.vocab
	mask := len(v.words) - 1
	for k := int(first * golden >> v.wordShift); ; k = (k + 1) & mask {
		s := &v.words[k]
		if s.first == first && s.long == 0 {
			a.meet(s.term)
			return
		}
		if s.first == 0 {
			id := v.termID(t)
			v.keep(k, wordSlot{first: first, term: id})
			a.meet(id)
			return
		}
	}
}

// flushWord counts the term of w, a word of ASCII letters and digits
// lower-cased, if any, and returns w emptied and letters as for a new
// word. letters is 0 unless w is letters alone, which stemming asks. A
// word too long to be indexed is not counted.
func (a *analyser) flushWord(w []byte, letters byte) ([]byte, byte) {
	if n := len(w); n > 0 && n <= maxWordLen {
		if letters != 0 {
			n, y := stemLetters(w)
			w = w[:n]
			if y {
				w = append(w, 'y')
			}
		}
		a.term(w)
	}
	return w[:0], 0x40
}

// general hands text to forTerms and counts its terms, copied into
// a.word.
func (a *analyser) general(text string) {
	forTerms(text, func(t string) {
		a.word = append(a.word[:0], t...)
		a.term(a.word)
	})
}
