package render

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"maps"
	"reflect"
	"strconv"
	"sync"
	ttemplate "text/template"
	"text/template/parse"

	"brief/internal/tmplexec"
)

// Folding renders what is the same on every page once. html/template
// calls every helper and escaper of an action through reflection, on
// every page; yet much of a theme (the site's title and description, the
// navigation's URLs, the stylesheet's link, the feeds' links) depends only
// on the site's configuration and assets. For each page kind, section and
// model, the theme's set is cloned and escaped, and each action, if, with
// or range whose output can only depend on .Site.Config, .Site.URLs, the
// page's .Kind and .Section, literals and pure helpers is replaced by its
// output, found by rendering the first such page once with markers around
// those nodes. The folded set then makes the same bytes for every page
// with fewer calls. It works on any site's own layouts, since it reads the
// parse trees, not their text.
//
// Folding happens after html/template's escaping, on the escaped trees, so
// each folded output is the exact escaped text of its context; then the
// escapers left are fused (fuse.go).

// pure are the helpers whose result depends only on their arguments (and
// on what the theme's set is made for: the configuration and the assets).
// head and crumbs read the page; call runs anything.
var pure = map[string]bool{
	"relURL": true, "absURL": true, "date": true, "shortDate": true, "isoDate": true, "rfc3339": true,
	"money": true, "moneyLong": true, "figure": true, "readingTime": true, "host": true,
	"add": true, "join": true, "year": true, "asset": true, "jsonFeed": true,
	"T": true, "link": true, "code": true, "texts": true, // the set is the language's (langFuncs)
	"and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "le": true,
	"gt": true, "ge": true, "len": true, "index": true, "slice": true, "print": true,
	"printf": true, "println": true, "html": true, "js": true, "urlquery": true,
}

// isPure says whether the function named id is pure; html/template's own
// escapers (_html_template_*, _eval_args_) are.
func isPure(id string) bool {
	return pure[id] || len(id) > 0 && id[0] == '_'
}

// siteWide are the fields of .Site that stay the same for every page of a
// model: whatever else .Site holds (briefings with their rendered parts)
// may change in an incremental build without a new model.
var siteWide = map[string]bool{"Config": true, "URLs": true, "Language": true, "Languages": true}

// kind is what a value is, for folding: a constant of the model, the page
// (whose .Site.Config, .Site.URLs, .Kind and .Section are constants), or
// anything else.
type kind uint8

const (
	vOther kind = iota
	vConst
	vPage
)

// scope is what folding knows at a point of a template: what dot and $
// are, and which variables hold constants.
type scope struct {
	dot, root kind
	vars      map[string]bool
}

func (s scope) with(dot kind) scope {
	vars := make(map[string]bool, len(s.vars))
	for k, v := range s.vars {
		vars[k] = v
	}
	return scope{dot: dot, root: s.root, vars: vars}
}

// fieldsOf is the kind of a chain of fields on a value of kind k.
func fieldsOf(k kind, fields []string) kind {
	switch {
	case len(fields) == 0:
		return k
	case k == vConst:
		return vConst
	case k == vPage && len(fields) >= 2 && fields[0] == "Site" && siteWide[fields[1]]:
		return vConst
	case k == vPage && len(fields) == 1 && (fields[0] == "Kind" || fields[0] == "Section"):
		return vConst // each kind and section has its own folded set
	}
	return vOther
}

func (s scope) arg(n parse.Node) kind {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot
	case *parse.FieldNode:
		return fieldsOf(s.dot, n.Ident)
	case *parse.VariableNode:
		base := vOther
		switch {
		case n.Ident[0] == "$":
			base = s.root
		case s.vars[n.Ident[0]]:
			base = vConst
		}
		return fieldsOf(base, n.Ident[1:])
	case *parse.ChainNode:
		return fieldsOf(s.arg(n.Node), n.Field)
	case *parse.PipeNode:
		return s.pipe(n)
	case *parse.IdentifierNode:
		if isPure(n.Ident) {
			return vConst
		}
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return vConst
	}
	return vOther
}

// pipe is the kind of a pipeline's value (its declarations aside).
func (s scope) pipe(p *parse.PipeNode) kind {
	if p == nil || len(p.Cmds) == 0 {
		return vOther
	}
	for _, c := range p.Cmds {
		k := s.arg(c.Args[0])
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && !isPure(id.Ident) {
			return vOther
		}
		if len(c.Args) == 1 && len(p.Cmds) == 1 {
			return k // a lone value: the page stays the page
		}
		if k != vConst {
			return vOther
		}
		for _, a := range c.Args[1:] {
			if s.arg(a) != vConst {
				return vOther
			}
		}
	}
	return vConst
}

// declare records the variables a pipeline declares, constant or not.
func (s scope) declare(p *parse.PipeNode, k kind) {
	for _, v := range p.Decl {
		s.vars[v.Ident[0]] = k == vConst
	}
}

// folds says whether n makes the same output for every page.
func (s scope) folds(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode:
		return true
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !s.folds(c) {
				return false
			}
		}
		return true
	case *parse.ActionNode:
		if n.Pipe.IsAssign || s.pipe(n.Pipe) != vConst {
			return false
		}
		s.declare(n.Pipe, vConst)
		return true
	case *parse.IfNode:
		return s.branch(&n.BranchNode, false)
	case *parse.WithNode:
		return s.branch(&n.BranchNode, true)
	case *parse.RangeNode:
		return s.branch(&n.BranchNode, true)
	}
	return false // templates (see calls), break, continue
}

func (s scope) branch(b *parse.BranchNode, rebinds bool) bool {
	if b.Pipe.IsAssign || s.pipe(b.Pipe) != vConst {
		return false
	}
	in := s.with(s.dot)
	if rebinds {
		in.dot = vConst
	}
	in.declare(b.Pipe, vConst)
	return in.folds(b.List) && s.with(s.dot).folds(b.ElseList)
}

// spot is a position in a template's tree where a folded node sits.
type spot struct {
	list *parse.ListNode
	i    int
}

// folder finds the nodes to fold in a set, from base.html down.
type folder struct {
	set   *template.Template
	entry map[string]kind // what each reached template's dot is
	sites []spot
}

// reach records that name is executed with a dot of kind k, and walks it
// again when that changes what folding may assume.
func (f *folder) reach(name string, k kind) {
	old, seen := f.entry[name]
	if seen && (old == vOther || old == k) {
		return
	}
	if seen {
		k = vOther // called with different dots
	}
	f.entry[name] = k
	if t := f.set.Lookup(name); t != nil && t.Tree != nil {
		f.walk(t.Tree.Root, scope{dot: k, root: k, vars: map[string]bool{}}, false)
	}
}

// walk visits a list: it follows template calls and, when mark is set,
// records the largest nodes that fold.
func (f *folder) walk(l *parse.ListNode, s scope, mark bool) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode, *parse.IfNode, *parse.WithNode, *parse.RangeNode:
			if a, ok := n.(*parse.ActionNode); !ok || len(a.Pipe.Decl) == 0 {
				if mark && s.with(s.dot).folds(n) {
					f.sites = append(f.sites, spot{l, i})
					continue
				}
			}
		}
		switch n := n.(type) {
		case *parse.ActionNode:
			s.declare(n.Pipe, vOther)
		case *parse.IfNode:
			f.walk(n.List, s.with(s.dot), mark)
			f.walk(n.ElseList, s.with(s.dot), mark)
		case *parse.WithNode:
			in := s.with(s.pipe(n.Pipe))
			in.declare(n.Pipe, vOther)
			f.walk(n.List, in, mark)
			f.walk(n.ElseList, s.with(s.dot), mark)
		case *parse.RangeNode:
			in := s.with(vOther)
			in.declare(n.Pipe, vOther)
			f.walk(n.List, in, mark)
			f.walk(n.ElseList, s.with(s.dot), mark)
		case *parse.TemplateNode:
			if !mark {
				k := vOther
				if n.Pipe != nil && s.pipe(n.Pipe) == vPage {
					k = vPage
				}
				f.reach(n.Name, k)
			}
		}
	}
}

// fold folds set, executed from base.html: it escapes the set, marks the
// nodes to fold, fuses the escapers (fuse.go), has render render the
// marked set once (with compile's program when there is one) and read
// each node's output from it (see outputs and unmarker), and puts each
// node's output in its place. Not ok when render could not, and the set is
// then half made.
func fold(set *template.Template, compile func(*template.Template) *tmplexec.Program, render func(set *template.Template, prog *tmplexec.Program, sites int) (out [][]byte, ok bool)) bool {
	// Escaping comes before execution: with no data, executing the set
	// escapes it and stops at the first field.
	var exec ttemplate.ExecError
	if err := set.ExecuteTemplate(io.Discard, "base.html", nil); err != nil && !errors.As(err, &exec) {
		return false
	}
	f := &folder{set: set, entry: map[string]kind{}}
	f.reach("base.html", vPage)
	for name, k := range f.entry {
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			f.walk(t.Tree.Root, scope{dot: k, root: k, vars: map[string]bool{}}, true)
		}
	}
	// Each site gets markers around it, in a copy of its list's nodes.
	orig := map[*parse.ListNode][]parse.Node{}
	at := map[*parse.ListNode]map[int]int{} // list -> node index -> site
	for k, s := range f.sites {
		if orig[s.list] == nil {
			orig[s.list] = s.list.Nodes
			at[s.list] = map[int]int{}
		}
		at[s.list][s.i] = k
	}
	for l, nodes := range orig {
		marked := make([]parse.Node, 0, len(nodes)+2*len(at[l]))
		for i, n := range nodes {
			k, ok := at[l][i]
			if !ok {
				marked = append(marked, n)
				continue
			}
			marked = append(marked, text(n, marker(k, false)), n, text(n, marker(k, true)))
		}
		l.Nodes = marked
	}
	for name := range f.entry {
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			fuse(t.Tree.Root)
		}
	}
	// The marked set renders with the executor when it can (the first
	// page of a kind may be the archive of every briefing).
	out, ok := render(set, compile(set), len(f.sites))
	if !ok {
		return false
	}
	for l, nodes := range orig {
		folded := make([]parse.Node, 0, len(nodes))
		for i, n := range nodes {
			if k, ok := at[l][i]; ok && out[k] != nil {
				n = text(n, out[k])
			}
			// Neighbouring text is one write.
			if t, ok := n.(*parse.TextNode); ok && len(folded) > 0 {
				if prev, ok := folded[len(folded)-1].(*parse.TextNode); ok {
					joined := text(prev, append(append([]byte(nil), prev.Text...), t.Text...))
					folded[len(folded)-1] = joined
					continue
				}
			}
			folded = append(folded, n)
		}
		l.Nodes = folded
	}
	return true
}

// heldIn renders a marked set whole into buf, for fold, and reads the
// sites' outputs from it; *page is then the page without its markers, in
// buf's own bytes.
func heldIn(buf *bytes.Buffer, data any, page *[]byte) func(*template.Template, *tmplexec.Program, int) ([][]byte, bool) {
	return func(set *template.Template, prog *tmplexec.Program, sites int) ([][]byte, bool) {
		if prog == nil || prog.Execute(buf, data) != nil {
			if err := set.ExecuteTemplate(buf, "base.html", data); err != nil {
				return nil, false
			}
		}
		out, pg := outputs(buf.Bytes(), sites)
		*page = pg
		return out, pg != nil
	}
}

// Rewinder is a writer that can take back all that was written to it. A
// page rendered into one goes out as it is made (see Render): the first
// page of a kind, which folds, may be the funding tracker or archive of
// every briefing, tens of megabytes on a large site; when the executor
// gives a run back to html/template halfway, or folding finds markers it
// did not put, the page is taken back and rendered again.
type Rewinder interface {
	io.Writer
	Rewind() error
}

// flushAt is how much of a page streamed into a Rewinder is held before
// it goes out.
const flushAt = 32 << 10

// streamedTo renders a marked set into w as it is made, for fold, reading
// the sites' outputs on the way (unmarker); scratch holds what is not out
// yet. *err is set when w could not take the page or take it back: the
// page is then lost, and so is the build.
func streamedTo(w Rewinder, scratch *bytes.Buffer, chunk int, data any, err *error) func(*template.Template, *tmplexec.Program, int) ([][]byte, bool) {
	return func(set *template.Template, prog *tmplexec.Program, sites int) ([][]byte, bool) {
		u := newUnmarker(w, sites)
		ran := false
		if prog != nil {
			scratch.Reset()
			if prog.ExecuteFlushing(scratch, data, chunk, u.write) == nil {
				u.write(scratch.Bytes())
				ran = true
			} else if *err = rewind(w, u); *err != nil {
				return nil, false
			}
			scratch.Reset()
		}
		if !ran {
			u = newUnmarker(w, sites)
			if set.ExecuteTemplate(u, "base.html", data) != nil {
				*err = rewind(w, u)
				return nil, false
			}
		}
		out, ok := u.finish()
		if u.err != nil {
			*err = u.err
			return nil, false
		}
		if !ok {
			*err = w.Rewind()
		}
		return out, ok
	}
}

// rewind takes back what w was given through u, unless w failed already.
func rewind(w Rewinder, u *unmarker) error {
	if u.err != nil {
		return u.err
	}
	return w.Rewind()
}

// unmarker reads a marked rendering as it streams, as outputs reads one
// held whole: it writes the page without its markers to w and keeps each
// site's output. It is stricter: any marker out of place (nested,
// unknown, unended) breaks the rendering (fold then folds nothing), where
// outputs takes some as text; a NUL that begins no marker is text to both.
type unmarker struct {
	w      io.Writer
	all    [][]byte
	bad    []bool
	site   int  // the site whose output is being read; -1 between sites
	first  bool // it is the site's first output
	at     int  // else how much of its first output this one has matched
	differ bool // and whether it has differed
	carry  []byte
	broken bool
	err    error // w's
}

func newUnmarker(w io.Writer, sites int) *unmarker {
	return &unmarker{w: w, all: make([][]byte, sites), bad: make([]bool, sites), site: -1}
}

// Write is write, for html/template.
func (u *unmarker) Write(p []byte) (int, error) {
	if err := u.write(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// write reads p, the rendering's next bytes.
func (u *unmarker) write(p []byte) error {
	if u.broken || u.err != nil {
		return u.err
	}
	if len(u.carry) > 0 {
		// A marker began at the end of the last bytes (rare: only
		// where a flush cut it).
		p = append(u.carry, p...)
		u.carry = nil
	}
	for len(p) > 0 && !u.broken {
		i := bytes.IndexByte(p, 0)
		if i < 0 {
			u.text(p)
			break
		}
		u.text(p[:i])
		p = p[i:]
		k, end, n := scanMarker(p)
		switch {
		case n == 0: // the start of a marker, cut off
			u.carry = bytes.Clone(p)
			p = nil
		case n < 0:
			u.broken = true
		case k < 0: // a NUL that begins no marker
			u.text(p[:1])
			p = p[1:]
		default:
			u.marker(k, end)
			p = p[n:]
		}
	}
	return u.err
}

// text is the rendering's text: the page's and, between a site's
// markers, that site's output.
func (u *unmarker) text(b []byte) {
	if len(b) == 0 {
		return
	}
	if u.err == nil {
		_, u.err = u.w.Write(b)
	}
	if u.site < 0 {
		return
	}
	k := u.site
	switch {
	case u.first:
		u.all[k] = append(u.all[k], b...)
	case !u.differ && u.at+len(b) <= len(u.all[k]) && bytes.Equal(u.all[k][u.at:u.at+len(b)], b):
		u.at += len(b)
	default:
		u.differ = true
	}
}

// marker opens or closes site k's output.
func (u *unmarker) marker(k int, end bool) {
	switch {
	case k >= len(u.all), end != (u.site == k), !end && u.site >= 0:
		u.broken = true
	case !end:
		u.site, u.at, u.differ = k, 0, false
		u.first = u.all[k] == nil && !u.bad[k]
		if u.first {
			u.all[k] = []byte{}
		}
	default:
		if !u.first && (u.differ || u.at != len(u.all[k])) {
			u.all[k], u.bad[k] = nil, true
		}
		u.site = -1
	}
}

// finish ends the rendering: each site's output (nil for a site that did
// not run or made different outputs), or not ok when the markers were not
// as fold put them.
func (u *unmarker) finish() (all [][]byte, ok bool) {
	if len(u.carry) >= len(markOpen) {
		u.broken = true // a marker cut off by the page's end
	} else if len(u.carry) > 0 {
		u.text(u.carry)
		u.carry = nil
	}
	if u.broken || u.site >= 0 {
		return nil, false
	}
	return u.all, true
}

// markOpen begins every marker.
const markOpen = "\x00fold<"

// scanMarker reads the marker at the start of b, which begins with NUL:
// site k's opening or end, n bytes long. n is 0 when b ends before the
// marker can be told, -1 for a marker that is not one of fold's (not
// text: outputs does not take it either), and k is -1 when b begins no
// marker at all.
func scanMarker(b []byte) (k int, end bool, n int) {
	m := min(len(b), len(markOpen))
	if string(b[:m]) != markOpen[:m] {
		return -1, false, 1
	}
	if m < len(markOpen) {
		return 0, false, 0
	}
	i := len(markOpen)
	if i < len(b) && b[i] == '/' {
		end = true
		i++
	}
	start := i
	for i < len(b) && '0' <= b[i] && b[i] <= '9' && i-start < 9 {
		k = k*10 + int(b[i]-'0')
		i++
	}
	switch {
	case i == len(b):
		return 0, false, 0 // cut off in its number
	case i == start || b[i] != '>':
		return 0, false, -1
	case i+1 == len(b):
		return 0, false, 0 // cut off before its last NUL
	case b[i+1] != 0:
		return 0, false, -1
	}
	return k, end, i + 2
}

// text is a text node at n's position.
func text(n parse.Node, b []byte) *parse.TextNode {
	return &parse.TextNode{NodeType: parse.NodeText, Pos: n.Position(), Text: b}
}

// marker opens or closes the output of site k; NUL never comes out of an
// escaped template, so it cannot be mistaken for a page's text.
func marker(k int, end bool) []byte {
	m := "\x00fold<"
	if end {
		m = "\x00fold</"
	}
	return []byte(m + strconv.Itoa(k) + ">\x00")
}

// outputs reads each site's output from a marked rendering: nil for a site
// that did not run, or that made different outputs each time it ran (it
// then does not fold). page is the rendering without its markers, made in
// b's own bytes (a page folds once, and the first of a kind may be the
// funding tracker of every briefing: no second copy of it); all is nil
// when the markers are not as fold put them, and b is then overwritten.
func outputs(b []byte, n int) (all [][]byte, page []byte) {
	all = make([][]byte, n)
	bad := make([]bool, n)
	open := []byte("\x00fold<")
	w, r := 0, 0 // the page so far is b[:w]; reading goes on at r, never behind w
	for {
		i := bytes.Index(b[r:], open)
		if i < 0 {
			break
		}
		w += copy(b[w:], b[r:r+i])
		r += i + len(open)
		rest := b[r:]
		j := bytes.IndexByte(rest, '>')
		k, err := strconv.Atoi(string(rest[:max(j, 0)]))
		if j < 0 || err != nil || k < 0 || k >= n || len(rest) < j+2 || rest[j+1] != 0 {
			return make([][]byte, n), nil // not our markers: fold nothing
		}
		r += j + 2
		end := marker(k, true)
		e := bytes.Index(b[r:], end)
		if e < 0 {
			return make([][]byte, n), nil
		}
		got := b[r : r+e]
		switch { // before the page's copy moves over got
		case all[k] == nil && !bad[k]:
			all[k] = append([]byte{}, got...)
		case !bytes.Equal(all[k], got):
			all[k], bad[k] = nil, true
		}
		w += copy(b[w:], got)
		r += e + len(end)
	}
	w += copy(b[w:], b[r:])
	if b == nil {
		return all, []byte{} // an empty page is a page
	}
	return all, b[:w]
}

// folds are the folded sets of one model (kept in its Site view, so they
// go with it), by theme, page kind and section, and assets.
type folds struct {
	mu   sync.Mutex
	sets map[foldKey]*foldedSet
}

type foldKey struct {
	theme         *Theme
	kind, section string
	assets        uint64 // the manifest's hash: asset's results
}

type foldedSet struct {
	once sync.Once
	set  *template.Template
	prog *tmplexec.Program // nil when html/template executes the set
	err  error
}

// KeepFolds gives v the theme's sets folded for old, the views of an
// earlier model of the same edition, when what folding reads of the site
// is the same in both (.Site.Config, .Site.URLs, .Site.Language and
// .Site.Languages): a model made again after a front matter edit then
// folds nothing again.
func (v *Views) KeepFolds(old *Views) {
	a, b := old.Site, v.Site
	if a.Config != b.Config || a.URLs != b.URLs || !reflect.DeepEqual(a.Language, b.Language) || !reflect.DeepEqual(a.Languages, b.Languages) {
		return
	}
	a.folds.mu.Lock()
	defer a.folds.mu.Unlock()
	b.folds.mu.Lock()
	defer b.folds.mu.Unlock()
	b.folds.sets = maps.Clone(a.folds.sets)
}

// folded is the set that renders p, folded for p's model on first use;
// page is p's page when this call has rendered it while folding: in into
// when into is not nil (an empty buffer, which then holds page and no
// more), else written to stream when it is not nil (page is then empty;
// werr is stream's error, when it could not take the page or take back
// what it had of it), else in a pooled buffer, buf: release it once page
// is written (or, with stream, at once).
// A page rendered into its own output's buffer, which the build grows to
// the last size of a large file, needs no buffer growing from nothing
// nor a copy of the page (the first of a kind may be the funding tracker
// of every briefing).
func (t *Theme) folded(p *Page, pristine pristine, lang string, into *bytes.Buffer, stream Rewinder) (set *template.Template, prog *tmplexec.Program, page []byte, buf *bytes.Buffer, err, werr error) {
	fs := &t.siteless
	if p.Site != nil {
		fs = &p.Site.folds
	}
	key := foldKey{theme: t, kind: p.Kind, section: p.Section, assets: t.manifest.Load().Hash}
	fs.mu.Lock()
	e := fs.sets[key]
	if e == nil {
		if fs.sets == nil {
			fs.sets = map[foldKey]*foldedSet{}
		}
		for k := range fs.sets {
			if k.theme != t || k.assets != key.assets {
				delete(fs.sets, k) // made for another theme or other assets
			}
		}
		e = &foldedSet{}
		fs.sets[key] = e
	}
	fs.mu.Unlock()
	e.once.Do(func() {
		// The theme's own sets are never executed, so they can be cloned.
		if e.set, e.err = pristine.Clone(); e.err != nil {
			return
		}
		compile := func(set *template.Template) *tmplexec.Program { return t.compile(set, "base.html", lang) }
		var render func(*template.Template, *tmplexec.Program, int) ([][]byte, bool)
		switch {
		case into != nil:
			render = heldIn(into, p, &page)
		case stream != nil:
			buf = t.buffer() // what is not out yet
			render = streamedTo(stream, buf, t.chunk, p, &werr)
		default:
			buf = t.buffer()
			render = heldIn(buf, p, &page)
		}
		if !fold(e.set, compile, render) {
			// A set whose first page fails is used as html/template
			// makes it, for the page's error to name its own actions.
			e.set, e.err = pristine.Clone()
			page = nil
			if into != nil {
				into.Reset() // what fold left in it
			}
			return
		}
		switch {
		case into != nil:
			into.Truncate(len(page)) // page is at its start
		case stream != nil:
			page = []byte{} // it is in stream
		}
		e.prog = compile(e.set)
	})
	return e.set, e.prog, page, buf, e.err, werr
}
