package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"brief/internal/diag"

	"github.com/yuin/goldmark/ast"
)

// An HTML block that starts with <pre>, <script>, <style>, <textarea>, a
// comment, <?, <! or <![CDATA[ runs, under CommonMark's rules, until a line
// holding its closer: without one, the rest of the body is raw HTML, which
// the site then drops (raw HTML off) or shows as one unformatted block.
// Nothing after it would reach readers as written, so it is an error.

var (
	type1Opener = regexp.MustCompile(`(?i)^ {0,3}<(script|pre|style|textarea)`)
	type1Closer = regexp.MustCompile(`(?i)</(script|pre|style|textarea)>`)
)

// htmlBlockCloser returns what opens and what closes a block of a type
// that needs a closer; ok is false for the types a blank line ends.
func htmlBlockCloser(b *ast.HTMLBlock, first []byte) (opener, closer string, ok bool) {
	switch b.HTMLBlockType {
	case ast.HTMLBlockType1:
		tag := "pre"
		if m := type1Opener.FindSubmatch(first); m != nil {
			tag = strings.ToLower(string(m[1]))
		}
		return "<" + tag + ">", "</" + tag + ">", true
	case ast.HTMLBlockType2:
		return "HTML comment <!--", "-->", true
	case ast.HTMLBlockType3:
		return "<?", "?>", true
	case ast.HTMLBlockType4:
		return "<!", ">", true
	case ast.HTMLBlockType5:
		return "<![CDATA[", "]]>", true
	}
	return "", "", false
}

// checkHTMLBlock reports a block that its closer never ends.
func checkHTMLBlock(b *ast.HTMLBlock, src []byte, st *renderState) {
	if b.HasClosure() || b.Lines().Len() == 0 {
		return
	}
	seg := b.Lines().At(0)
	first := seg.Value(src)
	opener, closer, ok := htmlBlockCloser(b, first)
	if !ok {
		return
	}
	closed := bytes.Contains(first, []byte(closer))
	if b.HTMLBlockType == ast.HTMLBlockType1 {
		closed = type1Closer.Match(first)
	}
	if closed {
		return
	}
	line := lineOfNode(b, src, st.ctx.LineOffset)
	st.problems = append(st.problems, diag.Errorf(st.ctx.SourcePath, line, "",
		fmt.Sprintf("close it with %s", closer),
		"%s is not closed: everything after it becomes raw HTML", opener))
}
