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

// fold folds set, executed from base.html with data: it escapes the set,
// marks the nodes to fold, fuses the escapers (fuse.go), renders data once
// and puts each node's output in its place. It returns data's page, from
// that one rendering, made in buf; not ok when it could not render it, and
// the set is then half made.
func fold(set *template.Template, data any, compile func(*template.Template) *tmplexec.Program, buf *bytes.Buffer) (page []byte, ok bool) {
	// Escaping comes before execution: with no data, executing the set
	// escapes it and stops at the first field.
	var exec ttemplate.ExecError
	if err := set.ExecuteTemplate(io.Discard, "base.html", nil); err != nil && !errors.As(err, &exec) {
		return nil, false
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
	if p := compile(set); p == nil || p.Execute(buf, data) != nil {
		if err := set.ExecuteTemplate(buf, "base.html", data); err != nil {
			return nil, false
		}
	}
	out, page := outputs(buf.Bytes(), len(f.sites))
	if page == nil {
		return nil, false
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
	return page, true
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
// more), else in a pooled buffer, buf: release it once page is written.
// A page rendered into its own output's buffer, which the build grows to
// the last size of a large file, needs no buffer growing from nothing
// nor a copy of the page (the first of a kind may be the funding tracker
// of every briefing).
func (t *Theme) folded(p *Page, pristine *template.Template, lang string, into *bytes.Buffer) (set *template.Template, prog *tmplexec.Program, page []byte, buf *bytes.Buffer, err error) {
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
		var ok bool
		compile := func(set *template.Template) *tmplexec.Program { return t.compile(set, "base.html", lang) }
		out := into
		if out == nil {
			buf = t.buffer()
			out = buf
		}
		if page, ok = fold(e.set, p, compile, out); !ok {
			// A set whose first page fails is used as html/template
			// makes it, for the page's error to name its own actions.
			e.set, e.err = pristine.Clone()
			if into != nil {
				into.Reset() // what fold left in it
			}
			return
		}
		if into != nil {
			into.Truncate(len(page)) // page is at its start
		}
		e.prog = compile(e.set)
	})
	return e.set, e.prog, page, buf, e.err
}
