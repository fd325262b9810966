package markdown

import (
	"brief/internal/diag"

	"github.com/yuin/goldmark/parser"
)

// stateKey finds the per-render state in a parser.Context. Keys are made once
// at start-up and never change, so sharing this one is safe.
var stateKey = parser.NewContextKey()

// renderState is everything one Render call collects or needs; it lives in the
// parse context so the shared goldmark pipeline stays free of mutable state.
type renderState struct {
	ctx       Context
	hasAt     bool // the body holds an "@", so it may hold an email address
	headings  []Heading
	problems  diag.List
	fragments []Fragment
	// The body's plain text (or only its counts) and its footnotes' texts,
	// written by the transformer's walk.
	text          *textBuilder
	footnoteTexts []footnoteText
	// ownTags says the heading renderer writes headings' ids and classes
	// from headingTags (a Render's), not from the nodes' attributes;
	// nextTag is the next heading's.
	ownTags     bool
	headingTags []headingTag
	nextTag     int
	// textBuf is where the body's text goes when it has room (a Lender's
	// render: see lendText).
	textBuf []byte
	// delims holds the emphasis parser's delimiters (nil: allocate each).
	delims *delimiterArena
}

// stateOf returns the render state, or nil when goldmark is driven without
// Render (the transformers then do nothing).
func stateOf(pc parser.Context) *renderState {
	st, _ := pc.Get(stateKey).(*renderState)
	return st
}
