package search

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode/utf8"
)

// analyser counts the terms of one Doc: each term's best field and how
// often it occurs. Its terms are kept as bytes in one buffer and found by
// an open-addressing table over them, so that counting a word allocates
// nothing. Analysers are pooled: their buffers keep their room.
type analyser struct {
	slots []int32 // 1 + a term's index, 0 for an empty slot; a power of two long
	text  []byte  // the terms, one after another, each ended by a NUL
	ends  []int32 // term i is text[ends[i-1]+1:ends[i]]
	best  []uint8 // per term
	count []int32
	word  []byte // the word being read
	base  uint8  // the field being added
}

var analysers = sync.Pool{New: func() any {
	return &analyser{slots: make([]int32, 1024)}
}}

// add counts the terms of a field's text.
func (a *analyser) add(text string, base uint8) {
	a.base = base
	a.word = fastTerms(text, a.word, a.term)
}

func (a *analyser) termAt(i int32) []byte {
	start := int32(0)
	if i > 0 {
		start = a.ends[i-1] + 1
	}
	return a.text[start:a.ends[i]]
}

// term counts one occurrence of t, which it does not keep.
func (a *analyser) term(t []byte) {
	mask := uint64(len(a.slots) - 1)
	i := hashTerm(t) & mask
	for ; a.slots[i] != 0; i = (i + 1) & mask {
		if k := a.slots[i] - 1; bytes.Equal(a.termAt(k), t) {
			a.best[k] = max(a.best[k], a.base)
			a.count[k]++
			return
		}
	}
	k := int32(len(a.ends))
	a.slots[i] = k + 1
	a.text = append(a.text, t...)
	a.ends = append(a.ends, int32(len(a.text)))
	a.text = append(a.text, 0)
	a.best = append(a.best, a.base)
	a.count = append(a.count, 1)
	if 2*len(a.ends) > len(a.slots) {
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
	a.slots = make([]int32, 2*len(a.slots))
	mask := uint64(len(a.slots) - 1)
	for k := range int32(len(a.ends)) {
		i := hashTerm(a.termAt(k)) & mask
		for a.slots[i] != 0 {
			i = (i + 1) & mask
		}
		a.slots[i] = k + 1
	}
}

func (a *analyser) reset() {
	clear(a.slots)
	a.text, a.ends, a.best, a.count = a.text[:0], a.ends[:0], a.best[:0], a.count[:0]
	analysers.Put(a)
}

// fastTerms calls emit with each index term of text, repeats included, as
// forTerms does (a test holds the two to it), and returns w, a buffer it
// may reuse. It reads ASCII and the commonest Chinese text as they are:
// a word of ASCII letters and digits is copied into w, lower-cased and stemmed there
// and handed over without a string being made of it, and a run of common
// Han characters gives its pairs, as cjkTerms does. Text from the last
// separator to the next one that holds anything else is handed to
// forTerms: normalising and tokenising text piece by piece gives what doing
// it whole gives when each piece starts where a token cannot go on, at a
// character that nothing before it composes with. ASCII separators,
// fastSeparator's punctuation and the first of a run of those Han
// characters are such places. That holds for UTF-8 only: text that is not
// (which Normalize would copy as it is at its end, in part) takes the
// general path whole.
func fastTerms(text string, w []byte, emit func([]byte)) []byte {
	w = w[:0]
	if !utf8.ValidString(text) {
		return slowTerms(text, w, emit)
	}
	piece := 0 // where the text not yet counted starts
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				// The run of letters and digits, lower-cased as the
				// word is handed over (emitWord).
				end := i + 1
				for end < len(text) && asciiWord[text[end]] {
					end++
				}
				w = append(w, text[i:end]...)
				i = end
				continue
			}
			if c == '\'' && len(w) > 0 && i+1 < len(text) {
				if next := text[i+1]; next >= utf8.RuneSelf {
					w, piece, i = slowPiece(text, piece, i, w, emit)
					continue
				} else if asciiWord[next] {
					i++ // joins two word characters: dropped
					continue
				}
			}
			w = flushWord(w, emit)
			piece = i
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if fastSeparator(r) {
			w = flushWord(w, emit)
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
				w = flushWord(w, emit)
				w = hanTerms(text[i:end], w, emit)
				piece, i = end, end
				continue
			}
		}
		w, piece, i = slowPiece(text, piece, i, w, emit)
	}
	return flushWord(w, emit)
}

// slowPiece hands the text from piece to the separator after i to the
// general path, and returns w and where the text not yet counted starts.
func slowPiece(text string, piece, i int, w []byte, emit func([]byte)) ([]byte, int, int) {
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
	return slowTerms(text[piece:end], w, emit), end, end
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

// hanTerms hands over the terms of a run of fastHan characters: what
// cjkTerms gives.
func hanTerms(run string, w []byte, emit func([]byte)) []byte {
	for k := 0; k+3 < len(run); k += 3 {
		w = append(w[:0], run[k:k+6]...)
		emit(w)
	}
	w = append(w[:0], run[len(run)-3:]...)
	emit(w)
	return w[:0]
}

// flushWord hands over the term of w, a word of ASCII letters and digits,
// if any, and returns w emptied.
func flushWord(w []byte, emit func([]byte)) []byte {
	if len(w) > 0 {
		emitWord(w, emit)
	}
	return w[:0]
}

// slowTerms hands text to forTerms and its terms on to emit, in w.
func slowTerms(text string, w []byte, emit func([]byte)) []byte {
	forTerms(text, func(t string) {
		w = append(w[:0], t...)
		emit(w)
	})
	return w[:0]
}

// emitWord hands over the term of a word of ASCII letters and digits,
// lower-casing and stemming it in place, unless the word is too long to be
// indexed. One pass lower-cases it and finds whether it is letters alone,
// which stemming asks.
func emitWord(w []byte, emit func([]byte)) {
	if len(w) > maxWordLen {
		return
	}
	letters := byte(0x40) // the bit every lower-case letter has and no digit
	for k, c := range w {
		c |= 0x20 // lower case; digits already have the bit
		w[k] = c
		letters &= c
	}
	if letters != 0 {
		n, y := stemLetters(w)
		w = w[:n]
		if y {
			w = append(w, 'y')
		}
	}
	emit(w)
}
