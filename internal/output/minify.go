package output

import (
	"bytes"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier shrinks output files by type. HTML keeps its document and end
// tags and attribute quotes, so that anything downstream that parses the
// HTML (live reload, Netlify Forms) still finds what it expects; feeds and
// sitemaps go through the XML minifier, never the HTML one.
type Minifier struct{ m *minify.M }

// NewMinifier sets up every type brief emits.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

// minifiedAlready reports CSS or JavaScript that someone else has minified,
// such as a library's bundle in static/ (Decap CMS's, written by brief cms):
// its lines run to hundreds of characters. It is published as it is:
// minifying it again gains little, costs seconds for megabytes, and the
// minifier broke Decap's bundle ("Cannot access 't' before initialization").
func minifiedAlready(mediaType string, data []byte) bool {
	if mediaType != "text/css" && mediaType != "application/javascript" || len(data) == 0 {
		return false
	}
	return len(data)/(bytes.Count(data, []byte("\n"))+1) >= 500
}

var typesByExt = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
}

// Into minifies data according to the file's extension into out and
// returns out's bytes. Files of other types, and files the minifier cannot
// read, come back unchanged as data. The minifier briefly writes a NUL into
// data's spare capacity, if it has some: data must not be shared (pass
// data[:len(data):len(data)] if it is, and it copies instead).
func (m *Minifier) Into(out *bytes.Buffer, p string, data []byte) []byte {
	mt, ok := typesByExt[path.Ext(p)]
	if !ok || minifiedAlready(mt, data) {
		return data
	}
	out.Grow(len(data))
	// A reader with Bytes() is read in place; a bytes.Reader would be
	// copied through io.ReadAll.
	if err := m.m.Minify(mt, out, bytes.NewBuffer(data)); err != nil {
		return data
	}
	return out.Bytes()
}
