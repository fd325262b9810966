package search

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"
)

// analyser counts the terms of one Doc: each term's best field and how
// often it occurs. Its terms are kept as bytes in one buffer and found by
// an open-addressing table over them, so that counting a word allocates
// nothing. Analysers are pooled: their buffers keep their room.
type analyser struct {
	// A term's slot holds the high half of its hash above 1 + its index
	// (0 for an empty slot), so that a probe compares bytes only where
	// the hashes agree. A power of two long.
	slots []uint64
	text  []byte      // the terms, one after another, each ended by a NUL
	at    []termBytes // where each term is in text
	best  []uint8     // per term
	count []int32
	word  []byte // the word being read
	base  uint8  // the field being added
	// emit, for tests alone, is handed each term instead of counting it.
	emit func([]byte)
}

// termBytes is where a term is in analyser.text.
type termBytes struct{ start, end int32 }

var analysers = sync.Pool{New: func() any {
	return &analyser{slots: make([]uint64, 1024)}
}}

func (a *analyser) termAt(k uint32) []byte {
	at := a.at[k]
	return a.text[at.start:at.end]
}

// term counts one occurrence of t, which it does not keep.
func (a *analyser) term(t []byte) {
	if a.emit != nil {
		a.emit(t)
		return
	}
	h := hashTerm(t)
	tag := h &^ (1<<32 - 1)
	mask := uint64(len(a.slots) - 1)
	i := h & mask
	for s := a.slots[i]; s != 0; s = a.slots[i] {
		if s&^(1<<32-1) == tag {
			if k := uint32(s) - 1; string(a.termAt(k)) == string(t) {
				a.best[k] = max(a.best[k], a.base)
				a.count[k]++
				return
			}
		}
		i = (i + 1) & mask
	}
	k := len(a.at)
	a.slots[i] = tag | uint64(k+1)
	a.at = append(a.at, termBytes{int32(len(a.text)), int32(len(a.text) + len(t))})
	a.text = append(append(a.text, t...), 0)
	a.best = append(a.best, a.base)
	a.count = append(a.count, 1)
	if 2*len(a.at) > len(a.slots) {
		a.grow()
	}
}

// hashTerm mixes t eight bytes at a time and its last bytes in two loads,
// its high bits folded into the low ones that pick a slot: a word of a few
// bytes costs one multiplication, where a byte at a time costs one per
// byte. Slots never decide the order of terms: any hash gives the same
// entry.
func hashTerm(t []byte) uint64 {
	const m = 0x9E3779B97F4A7C15
	h := uint64(len(t)) * m
	for len(t) > 8 {
		h = (h ^ binary.LittleEndian.Uint64(t)) * m
		h ^= h >> 29
		t = t[8:]
	}
	var x uint64
	switch {
	case len(t) >= 4: // two loads, overlapping below eight bytes
		x = uint64(binary.LittleEndian.Uint32(t)) | uint64(binary.LittleEndian.Uint32(t[len(t)-4:]))<<32
	case len(t) > 0:
		x = uint64(t[0]) | uint64(t[len(t)/2])<<8 | uint64(t[len(t)-1])<<16
	}
	h = (h ^ x) * m
	return h ^ h>>32
}

// grow doubles the table, keeping it at most half full.
func (a *analyser) grow() {
	a.slots = make([]uint64, 2*len(a.slots))
	mask := uint64(len(a.slots) - 1)
	for k := range uint32(len(a.at)) {
		h := hashTerm(a.termAt(k))
		i := h & mask
		for a.slots[i] != 0 {
			i = (i + 1) & mask
		}
		a.slots[i] = h&^(1<<32-1) | uint64(k+1)
	}
}

func (a *analyser) reset() {
	clear(a.slots)
	a.text, a.at, a.best, a.count = a.text[:0], a.at[:0], a.best[:0], a.count[:0]
	analysers.Put(a)
}

// add counts each index term of a field's text, repeats included, as
// forTerms makes them (a test holds the two to it). It reads ASCII and
// the commonest Chinese text as they are: a word of ASCII letters and
// digits is lower-cased as it is copied into a.word, stemmed there and
// counted without a string being made of it, and a run of common Han
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
	a.base = base
	if !utf8.ValidString(text) {
		a.general(text)
		return
	}
	w := a.word[:0]
	letters := byte(0x40) // the bit every lower-case letter has and no digit: kept while w has letters alone
	piece := 0            // where the text not yet counted starts
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
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
			w, letters = a.flushWord(w, letters)
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
		a.word = append(a.word[:0], run[k:k+6]...)
		a.term(a.word)
	}
	a.word = append(a.word[:0], run[len(run)-3:]...)
	a.term(a.word)
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
