package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	ttemplate "text/template"
	"text/template/parse"

	"brief/internal/tmplexec"
)

// Fusing: html/template ends each action's pipeline with the escapers of
// its context, each a variadic function that text/template calls through
// reflection: a link (href="{{relURL .URL}}") costs three escaper calls,
// urlfilter, urlnormalizer and attrescaper. A folded set has them
// replaced by one function per chain, which escapes a plain string itself
// and gives any other value (typed HTML or URLs, numbers, nil) to a small
// html/template of the same context, so that every value comes out as
// html/template would write it.

// fusion is one chain of escapers and the function that replaces it.
type fusion struct {
	name  string   // the replacing function, as templates call it
	chain []string // the escapers, as html/template names them
	fast  func(string) string
	// keepsHTML: the context takes typed HTML as it is (text does);
	// keepsJS, typed JS (a script does). fast is nil where a plain string
	// is not simply escaped.
	keepsHTML, keepsJS bool
	slow               *template.Template // `prefix{{.V}}suffix` in the chain's context
	cut                [2]int             // len(prefix), len(suffix)
	// simple, when set, says which plain strings fast takes; the others
	// take the slow way.
	simple func(string) bool
	// quotes: fast writes a plain string in quotes, so a number is not
	// written as its digits.
	quotes bool
	// htmlAsText: typed HTML without tags or the characters the context
	// escapes is written as it is (an interface text in a title).
	htmlAsText bool
}

// fusions are found at start-up from html/template itself: the chain of
// each context is what it puts into a small template of that context, so
// that a Go release that changes them turns fusing off, never wrong.
var fusions = []*fusion{
	newFusion("_brief_url_attr", `<a href="`, `">`, escapeURLAttr),
	newFusion("_brief_attr", `<p title="`, `">`, escapeAttr).plainHTML(),
	// Text and <title> take the same table as attributes.
	newFusion("_brief_html", `<p>`, `</p>`, escapeAttr).keeping(),
	newFusion("_brief_rcdata", `<title>`, `</title>`, escapeAttr),
	// A script's value (JSON-LD): typed JS is written as it is; anything
	// else takes html/template's own way.
	newFusion("_brief_js", `<script>`, `</script>`, nil).keepingJS(),
	// A URL in a style sheet, or in an attribute without quotes: the
	// link's escapers but the attribute's.
	newFusion("_brief_url", `<style>p{background:url(`, `)}</style>`, func(s string) string { return normalizeURL(filterURL(s)) }),
	// The other contexts a site's own layouts may use, each escaped by a
	// small html/template of its context (fast is nil): the action costs
	// about what html/template makes it cost, and the rest of the page runs
	// on the executor, which does not know html/template's escapers.
	// Styles: a value in a style sheet or a style attribute, quoted or not,
	// and a string in either (whose chain is the same).
	// Strings of the few characters (see kept) that a context's escapers
	// leave as they are are written as they are (but for an empty value
	// without quotes, which html/template replaces).
	newFusion("_brief_css", `<style>p{color:`, `}</style>`, nil).keeping2(cssKept),
	newFusion("_brief_css_attr", `<p style="color:`, `">`, nil).keeping2(cssKept),
	newFusion("_brief_css_bare", `<p style=color:`, `>`, nil).keeping2(func(s string) bool { return s != "" && cssKept(s) && kept(s, wordChars) }),
	newFusion("_brief_css_string", `<style>p{content:"`, `"}</style>`, nil).keeping2(func(s string) bool { return kept(s, wordChars+" ") }),
	// A query in a link, an attribute without quotes, srcset, a string
	// in a script, a value in an event handler.
	newFusion("_brief_query_attr", `<a href="/s?q=`, `">`, nil).keeping2(func(s string) bool { return kept(s, wordChars+"~") }),
	newFusion("_brief_bare", `<p class=`, `>`, nil).keeping2(func(s string) bool { return s != "" && kept(s, wordChars) }),
	newFusion("_brief_url_bare", `<a href=`, `>`, nil).keeping2(func(s string) bool { return s != "" && kept(s, wordChars+"/") }),
	newFusion("_brief_srcset_attr", `<img srcset="`, `">`, nil).keeping2(srcsetKept),
	newFusion("_brief_js_string", `<script>s="`, `"</script>`, nil).keeping2(func(s string) bool { return kept(s, wordChars+" ") }),
	newFusion("_brief_js_attr", `<a onclick="f(`, `)">`, nil).quotingJS(),
}

// wordChars are letters, digits and the marks of a slug.
const wordChars = alnumChars + "-_."

// alnumChars are ASCII letters and digits.
const alnumChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// kept says whether every byte of s is one of chars.
func kept(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(chars, s[i]) < 0 {
			return false
		}
	}
	return true
}

// srcsetKept says whether a srcset is one html/template leaves as it is:
// image candidates of word characters and slashes (no scheme, nothing to
// percent-encode), each with descriptors of letters and digits only
// ("/img/a-400.jpg 400w, /img/a-800.jpg 800w"); it refuses any other.
func srcsetKept(s string) bool {
	for {
		c, rest, more := strings.Cut(s, ",")
		url, desc, _ := strings.Cut(strings.TrimLeft(c, " "), " ")
		if !kept(url, wordChars+"/") || !kept(desc, alnumChars+" ") {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// cssKept says whether a CSS value is one html/template leaves as it is:
// a length, a colour, a percentage, a list of words (no quotes, brackets,
// slashes, semicolons or escapes, no "--", and no word that could be
// expression() or -moz-binding, which it refuses).
func cssKept(s string) bool {
	if !kept(s, wordChars+" #%,") || strings.Contains(s, "--") {
		return false
	}
	// html/template looks for the words in the value's letters, digits
	// and underscores only: "ex-pres sion" is expression to it.
	var buf [64]byte
	id := buf[:0]
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z':
			id = append(id, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
			id = append(id, c)
		}
	}
	return !bytes.Contains(id, []byte("expression")) && !bytes.Contains(id, []byte("binding"))
}

func newFusion(name, prefix, suffix string, fast func(string) string) *fusion {
	t := template.Must(template.New(name).Parse(prefix + "{{.V}}" + suffix))
	f := &fusion{name: name, fast: fast, slow: t, cut: [2]int{len(prefix), len(suffix)}}
	var probe bytes.Buffer
	if t.Execute(&probe, struct{ V string }{"x"}) != nil || !strings.HasPrefix(probe.String(), prefix) || !strings.HasSuffix(probe.String(), suffix) {
		return f // no chain: never used
	}
	for _, n := range t.Tree.Root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			for _, c := range a.Pipe.Cmds[1:] {
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if !ok || len(c.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
					return f
				}
				f.chain = append(f.chain, id.Ident)
			}
		}
	}
	return f
}

func (f *fusion) keeping() *fusion {
	f.keepsHTML = true
	return f
}

func (f *fusion) keepingJS() *fusion {
	f.keepsJS = true
	return f
}

func (f *fusion) plainHTML() *fusion {
	f.htmlAsText = true
	return f
}

// keeping2 gives f a fast way for the plain strings that simple accepts,
// which its escapers leave as they are.
func (f *fusion) keeping2(simple func(string) bool) *fusion {
	f.fast = func(s string) string { return s }
	f.simple = simple
	return f
}

// quotingJS gives a value in an event handler a fast way: a plain string
// of word characters and spaces is a JSON string there, left as it is
// between its quotes, which the attribute escapes.
func (f *fusion) quotingJS() *fusion {
	f.fast = func(s string) string { return "&#34;" + s + "&#34;" }
	f.simple = func(s string) bool { return kept(s, wordChars+" ") }
	f.quotes = true
	return f
}

// plain escapes a plain string: for the executor, which has no error to
// give; a failure (none of html/template's escapers fails on a string)
// panics, which gives the run back to html/template.
func (f *fusion) plain(s string) string {
	if f.simple == nil || f.simple(s) {
		return f.fast(s)
	}
	out, err := f.call(s)
	if err != nil {
		panic(err)
	}
	return out
}

// call is the function that replaces the chain.
func (f *fusion) call(v any) (string, error) {
	switch v := v.(type) {
	case string:
		if f.fast != nil && (f.simple == nil || f.simple(v)) {
			return f.fast(v), nil
		}
	case int:
		if f.fast != nil && !f.quotes {
			return strconv.Itoa(v), nil // no escaper of text or attributes changes digits or '-'
		}
	case template.HTML:
		if f.keepsHTML {
			return string(v), nil // bodies and cards, in text
		}
		if f.htmlAsText && !strings.ContainsAny(string(v), "<>\"'+\x00") {
			return string(v), nil // its entities stay: the context takes text as HTML
		}
	case template.JS:
		if f.keepsJS {
			return string(v), nil
		}
	}
	var b strings.Builder
	if err := f.slow.Execute(&b, struct{ V any }{v}); err != nil {
		return "", err
	}
	out := b.String()
	return out[f.cut[0] : len(out)-f.cut[1]], nil
}

// relURLAttr is what a link to a page of the site (href="{{relURL .URL}}")
// becomes: the relURL helper and the link's escapers in one call.
const relURLAttr = "_brief_rel_url_attr"

// fusedFuncs are the replacing functions, for the theme's sets; relURL is
// the theme's helper, whichever it is.
func fusedFuncs(relURL func(string) string) template.FuncMap {
	m := template.FuncMap{}
	for _, f := range fusions {
		m[f.name] = f.call
	}
	link := fusions[0]
	m[relURLAttr] = func(v any) (string, error) {
		p, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("relURL: wrong type for value; expected string; got %T", v)
		}
		return link.call(relURL(p))
	}
	return m
}

// kept are the types whose values call gives back as they are: typed
// HTML in text (bodies and cards), typed JS in a script (structured data).
func (f *fusion) kept() []reflect.Type {
	var ts []reflect.Type
	if f.keepsHTML {
		ts = append(ts, reflect.TypeFor[template.HTML]())
	}
	if f.keepsJS {
		ts = append(ts, reflect.TypeFor[template.JS]())
	}
	return ts
}

// fusedEscapers are the replacing functions for the executor (package
// tmplexec), which gives a plain string to fast without boxing it.
func fusedEscapers(relURL func(string) string) map[string]any {
	m := map[string]any{}
	for _, f := range fusions {
		var plain func(string) string
		switch {
		case f.simple != nil:
			plain = f.plain
		case f.fast != nil:
			plain = f.fast
		}
		m[f.name] = tmplexec.Escaper{Plain: plain, Any: f.call, Kept: f.kept()}
	}
	link := fusions[0]
	m[relURLAttr] = tmplexec.Escaper{
		Plain: func(p string) string { return link.fast(relURL(p)) },
		Any:   fusedFuncs(relURL)[relURLAttr].(func(any) (string, error)),
	}
	return m
}

// fuseCards escapes the card partial (executing it with no data escapes it
// and stops at its first field) and fuses its escapers, before the build
// renders cards on all cores; false when the partial does not escape.
func fuseCards(set *template.Template) bool {
	var exec ttemplate.ExecError
	if err := set.ExecuteTemplate(io.Discard, CardTemplate, nil); err != nil && !errors.As(err, &exec) {
		return false // Card reports it
	}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			fuse(t.Tree.Root)
		}
	}
	return true
}

// fuse replaces, in the pipelines of l and below, each chain of escapers
// that a fusion knows by its function.
func fuse(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			fusePipe(n.Pipe)
		case *parse.IfNode:
			fuse(n.List)
			fuse(n.ElseList)
		case *parse.WithNode:
			fuse(n.List)
			fuse(n.ElseList)
		case *parse.RangeNode:
			fuse(n.List)
			fuse(n.ElseList)
		}
	}
}

func fusePipe(p *parse.PipeNode) {
	// The longest chain that ends the pipeline: a style attribute's
	// chain ends with a quoted attribute's.
	var best *fusion
	for _, f := range fusions {
		k := len(p.Cmds) - len(f.chain)
		if len(f.chain) == 0 || k < 1 || best != nil && len(best.chain) >= len(f.chain) {
			continue
		}
		if endsWith(p.Cmds[k:], f.chain) {
			best = f
		}
	}
	if f := best; f != nil {
		k := len(p.Cmds) - len(f.chain)
		id := parse.NewIdentifier(f.name).SetPos(p.Cmds[k].Pos)
		p.Cmds = append(p.Cmds[:k:k], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: p.Cmds[k].Pos, Args: []parse.Node{id}})
	}
	// relURL X | link escapers
	if len(p.Cmds) == 2 && len(p.Cmds[0].Args) == 2 && isIdent(p.Cmds[0].Args[0], "relURL") && isIdent(p.Cmds[1].Args[0], fusions[0].name) {
		c := p.Cmds[0]
		p.Cmds = []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: c.Pos, Args: []parse.Node{parse.NewIdentifier(relURLAttr).SetPos(c.Pos), c.Args[1]}}}
	}
}

func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

func endsWith(cmds []*parse.CommandNode, chain []string) bool {
	for i, c := range cmds {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || len(c.Args) != 1 || id.Ident != chain[i] {
			return false
		}
	}
	return true
}

// escapeAttr escapes a plain string for a quoted attribute value or for
// text, with html/template's table: NUL becomes U+FFFD; ", &, ', +, <
// and > become references.
func escapeAttr(s string) string {
	i := 0
	// Eight bytes at a time, with no branch between their look-ups: a
	// page's summary and description are hundreds of bytes to scan.
	for ; i+8 <= len(s); i += 8 {
		if b := s[i : i+8]; !(attrKept[b[0]] && attrKept[b[1]] && attrKept[b[2]] && attrKept[b[3]] &&
			attrKept[b[4]] && attrKept[b[5]] && attrKept[b[6]] && attrKept[b[7]]) {
			break
		}
	}
	for i < len(s) && attrKept[s[i]] {
		i++
	}
	if i == len(s) {
		return s // the usual case: one look-up per byte, no copy
	}
	b := make([]byte, 0, len(s)+16)
	last := 0
	for ; i < len(s); i++ {
		if r := attrRef[s[i]]; r != "" {
			b = append(append(b, s[last:i]...), r...)
			last = i + 1
		}
	}
	return string(append(b, s[last:]...))
}

// attrRef is what escapeAttr writes for each byte it replaces; attrKept
// are the others.
var attrRef = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

var attrKept = func() (t [256]bool) {
	for c, r := range attrRef {
		t[c] = r == ""
	}
	return t
}()

// escapeURLAttr is a link's escapers: filterURL, normalizeURL, escapeAttr.
// A URL of the bytes that none of them changes (a site's own links, no
// scheme, nothing to encode) is itself, after one look-up per byte.
func escapeURLAttr(s string) string {
	i := 0
	for i < len(s) && urlAttrKept[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	// A web address (http, https or mailto) of those bytes and colons,
	// such as every absolute link of the site's own, is itself too.
	if s[i] == ':' && safeScheme(s[:i]) {
		j := i + 1
		for j < len(s) && webURLKept[s[j]] {
			j++
		}
		if j == len(s) {
			return s
		}
	}
	return escapeAttr(normalizeURL(filterURL(s)))
}

// urlAttrKept are the bytes that normalizeURL keeps and escapeAttr does
// not replace, but ':' (a scheme, for filterURL) and '%'.
var urlAttrKept = bytesOf(alnumChars + "-._~!#$*,/;=?@[]")

// webURLKept are urlAttrKept and ':', after a scheme that filterURL keeps.
var webURLKept = bytesOf(alnumChars + "-._~!#$*,/;=?@[]:")

// filterURL keeps a URL without a scheme or with http, https or mailto,
// and replaces any other (javascript:...) with html/template's "#ZgotmplZ".
func filterURL(s string) string {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") || safeScheme(scheme) {
		return s
	}
	return "#ZgotmplZ"
}

// safeScheme says whether a URL's scheme is one that filterURL keeps.
func safeScheme(scheme string) bool {
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normalizeURL percent-encodes the bytes a URL may not hold as they are:
// it keeps letters, digits, -._~, the reserved !#$&*+,/:;=?@[] and escapes
// already made (%2F), and encodes the rest, quotes and parentheses too, as
// %xx in lower case.
func normalizeURL(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case urlKept[c]:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(append(b, s[last:i]...), '%', lowerHex[c>>4], lowerHex[c&15])
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

const lowerHex = "0123456789abcdef"

// urlKept are the bytes normalizeURL keeps as they are (but '%', which it
// keeps before two hex digits).
var urlKept = bytesOf(alnumChars + "-._~!#$&*+,/:;=?@[]")

// bytesOf is the table of the bytes in chars.
func bytesOf(chars string) (t [256]bool) {
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	return t
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
