package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM (autolinks, tables, strikethrough, task
// lists, in its order) with the autolinker behind quickLinkify.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, linkifyPriority),
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// linkifyPriority is the one extension.Linkify registers its parser with.
const linkifyPriority = 999

// quickLinkify is goldmark's autolinker with a cheap test in front. The
// autolinker is asked at every space of every paragraph whether a URL or an
// email address starts there; nearly every time none does, and answering
// costs a tenth of a body's rendering (three prefix compares and an email
// scan). A URL it finds starts with "http:", "https:", "ftp:" or "www.",
// and an email address holds an "@": when the body has no "@" and the text
// after the trigger starts otherwise, the autolinker would say no, so we
// say it. Anything else goes to the autolinker, so links come out as before.
type quickLinkify struct{ linkify parser.InlineParser }

func (q quickLinkify) Trigger() []byte { return q.linkify.Trigger() }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if st := stateOf(pc); st != nil && !st.hasAt {
		line, _ := block.PeekLine()
		if !startsURL(line) {
			return nil
		}
	}
	return q.linkify.Parse(parent, block, pc)
}

// startsURL reports whether line, after one of the autolinker's trigger
// characters, starts the way every URL it links starts.
func startsURL(line []byte) bool {
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	if len(line) < 4 {
		return false
	}
	// Byte by byte: this runs at every space of every body, and a call to
	// compare four bytes costs more than the comparing.
	switch line[0] {
	case 'h':
		return line[1] == 't' && line[2] == 't' && line[3] == 'p'
	case 'f':
		return line[1] == 't' && line[2] == 'p' && line[3] == ':'
	case 'w':
		return line[1] == 'w' && line[2] == 'w' && line[3] == '.'
	}
	return false
}
