package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"brief/internal/syntaxhint"
)

// decodeJSON decodes a JSON block token by token, so that every key and
// value keeps its line and numbers keep their literal text.
func decodeJSON(data []byte, first int) (*node, *syntaxError) {
	w := jsonWalker{data: data, first: first, budget: maxNodes}
	w.dec = json.NewDecoder(bytes.NewReader(data))
	w.dec.UseNumber()
	tok, line, err := w.next()
	if err != nil {
		return nil, w.fail(err)
	}
	root, err := w.value(tok, line, 0)
	if err != nil {
		return nil, w.fail(err)
	}
	if _, line, err := w.next(); err != io.EOF {
		return nil, &syntaxError{line: line, msg: "unexpected text after the closing }",
			hint: "end the front matter with its closing }, then an empty line, then the body"}
	}
	return root, nil
}

type jsonWalker struct {
	dec    *json.Decoder
	data   []byte
	first  int // file line of data[0]
	pos    int // data[:pos] holds lines newlines
	lines  int
	budget int
}

var errTooLarge = errors.New("too large")

// lineAt returns the file line of data[off], counting newlines incrementally
// since tokens arrive in order.
func (w *jsonWalker) lineAt(off int) int {
	off = max(0, min(off, len(w.data)))
	if off < w.pos {
		w.pos, w.lines = 0, 0
	}
	w.lines += bytes.Count(w.data[w.pos:off], newline)
	w.pos = off
	return w.first + w.lines
}

// next reads a token and the line it starts on.
func (w *jsonWalker) next() (json.Token, int, error) {
	off := int(w.dec.InputOffset())
	for off < len(w.data) && strings.IndexByte(" \t\r\n,:", w.data[off]) >= 0 {
		off++
	}
	line := w.lineAt(off)
	tok, err := w.dec.Token()
	return tok, line, err
}

func (w *jsonWalker) value(tok json.Token, line, depth int) (*node, error) {
	w.budget--
	if w.budget < 0 || depth > 100 {
		return nil, errTooLarge
	}
	n := &node{line: line}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			n.kind = kindList
			for {
				tok, line, err := w.next()
				if err != nil {
					return nil, err
				}
				if tok == json.Delim(']') {
					return n, nil
				}
				item, err := w.value(tok, line, depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
		}
		n.kind = kindMap
		for {
			tok, keyLine, err := w.next()
			if err != nil {
				return nil, err
			}
			if tok == json.Delim('}') {
				return n, nil
			}
			key, _ := tok.(string) // the decoder allows only strings here
			tok, line, err := w.next()
			if err != nil {
				return nil, err
			}
			val, err := w.value(tok, line, depth+1)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, entry{key: key, line: keyLine, val: val})
		}
	case string:
		n.kind, n.text = kindString, t
	case json.Number:
		n.kind, n.text = kindNumber, t.String()
	case bool:
		n.kind = kindBool
		n.text = "false"
		if t {
			n.text = "true"
		}
	default: // nil
		n.kind = kindNull
	}
	return n, nil
}

// fail places a decoding error on a file line.
func (w *jsonWalker) fail(err error) *syntaxError {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errTooLarge):
		return tooLarge(w.first)
	case errors.As(err, &se):
		// The offset is just after the bad character for errors inside a
		// value and at it for errors between tokens: look for it from
		// one before.
		msg, at := se.Error(), int(se.Offset)-1
		var c byte
		if q, ok := quotedChar(msg); ok {
			c = q
			if i := bytes.IndexByte(w.data[max(at, 0):], c); i >= 0 {
				at += i
			}
		}
		if strings.HasSuffix(msg, "'") { // between { and the first key, json names no context
			msg += " where a key should be"
		}
		return &syntaxError{line: w.lineAt(at), msg: msg, hint: syntaxhint.JSON(msg, c)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		msg := "unexpected end of the JSON object"
		return &syntaxError{line: w.lineAt(len(w.data)), msg: msg, hint: syntaxhint.JSON(msg, 0)}
	}
	return &syntaxError{line: w.lineAt(int(w.dec.InputOffset())), msg: err.Error(), hint: syntaxhint.JSON(err.Error(), 0)}
}

// quotedChar reads the character of encoding/json's "invalid character 'x' ..."
// messages; json writes it as a Go character literal ('\n', '\”, '"').
func quotedChar(msg string) (byte, bool) {
	rest, ok := strings.CutPrefix(msg, "invalid character ")
	if !ok {
		return 0, false
	}
	lit, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return 0, false
	}
	s, err := strconv.Unquote(lit)
	if err != nil || len(s) != 1 {
		return 0, false
	}
	return s[0], true
}
