package markdown

import "github.com/yuin/goldmark/parser"

// delimiterChunk is how many delimiters an arena allocates at once: most
// bodies hold fewer emphasis runs than this.
const delimiterChunk = 64

// maxKeptChunks bounds what a pooled arena keeps after a body with a great
// many emphasis runs (about 13 KB a chunk).
const maxKeptChunks = 8

// delimiterArena hands out the emphasis parser's delimiters for one render
// and takes them back when it is done. Every '*' or '_' run is a delimiter
// node of about 200 bytes that lives only while its block's inlines are
// parsed (goldmark removes each one from the tree once its emphasis is
// matched or given up), yet one was allocated per run: a third of a
// million, 71 MB, at 10,000 briefings. An arena is reused only after the
// render that filled it has finished with its tree, so no node of a
// finished body can see a delimiter change under it.
type delimiterArena struct {
	chunks [][]parser.Delimiter
	chunk  int // index of the chunk being filled
	used   int // delimiters handed out from it
}

// next returns a zeroed delimiter.
func (a *delimiterArena) next() *parser.Delimiter {
	if a.chunk < len(a.chunks) && a.used == len(a.chunks[a.chunk]) {
		a.chunk++
		a.used = 0
	}
	if a.chunk == len(a.chunks) {
		a.chunks = append(a.chunks, make([]parser.Delimiter, delimiterChunk))
	}
	d := &a.chunks[a.chunk][a.used]
	a.used++
	return d
}

// reset zeroes what was handed out, so that the arena holds no pointer into
// the finished body's tree, and keeps the first chunks for the next render.
func (a *delimiterArena) reset() {
	for i := 0; i < a.chunk && i < len(a.chunks); i++ {
		clear(a.chunks[i])
	}
	if a.chunk < len(a.chunks) {
		clear(a.chunks[a.chunk][:a.used])
	}
	if len(a.chunks) > maxKeptChunks {
		clear(a.chunks[maxKeptChunks:])
		a.chunks = a.chunks[:maxKeptChunks]
	}
	a.chunk, a.used = 0, 0
}

// newDelimiter is parser.NewDelimiter, taken from the arena when there is
// one (a render's), allocated otherwise.
func newDelimiter(a *delimiterArena, canOpen, canClose bool, length int, char byte, processor parser.DelimiterProcessor) *parser.Delimiter {
	if a == nil {
		return parser.NewDelimiter(canOpen, canClose, length, char, processor)
	}
	d := a.next()
	d.CanOpen = canOpen
	d.CanClose = canClose
	d.Length = length
	d.OriginalLength = length
	d.Char = char
	d.Processor = processor
	return d
}
