package markdown

import (
	"net/url"
	"path"
	"strings"

	"brief/internal/diag"

	"github.com/yuin/goldmark/ast"
)

// resolveLinks rewrites links to other Markdown files into the URLs of the
// briefings they become: [see](hk-retail.md#fees) -> /briefings/hk-retail/#fees.
// A link whose file does not exist, or that climbs out of the site, is
// reported and replaced by its text, so readers never meet a dead link.
// With no Resolve function, links are left as written.
func resolveLinks(links []*ast.Link, src []byte, st *renderState) {
	if st.ctx.Resolve == nil {
		return
	}
	for _, l := range links {
		dest := string(l.Destination)
		u, ok := resolveLink(dest, st, func() int { return lineOfNode(l, src, st.ctx.LineOffset) })
		switch {
		case !ok:
			unwrapLink(l)
		case u != dest:
			l.Destination = []byte(u)
		}
	}
}

// needsResolve says whether resolveLink would do more with dest than
// return it: whether it is a fragment or a link to a .md file. The fast
// path asks first, and copies dest only for those.
func needsResolve(dest string) bool {
	if strings.HasPrefix(dest, "#") {
		return true
	}
	_, _, ok := splitMarkdownLink(dest)
	return ok
}

// resolveLink works out one link's destination, dest, noting its fragment
// and any problem in st; line is the file line of the link. It returns
// the destination the link gets (a .md link's URL; any other link's
// dest) and whether the link works (false: it was reported, and must
// show as its text). st.ctx.Resolve is not nil.
func resolveLink(dest string, st *renderState, line func() int) (u string, ok bool) {
	if id, ok := strings.CutPrefix(dest, "#"); ok {
		if id != "" {
			st.fragments = append(st.fragments, Fragment{ID: unescapeFragment(id), Written: dest, Line: line()})
		}
		return dest, true
	}
	written, fragment, ok := splitMarkdownLink(dest)
	if !ok {
		return dest, true
	}
	target, inside := sitePath(st.ctx.SourcePath, written)
	n := line()
	if !inside {
		st.problems = append(st.problems, brokenLink(diag.Errorf(st.ctx.SourcePath, n, "",
			"links to .md files are relative to this file's folder and must stay inside the site",
			"link to %q points outside the site", written)))
		return "", false
	}
	u, found := st.ctx.Resolve(target)
	if !found {
		st.problems = append(st.problems, brokenLink(diag.Errorf(st.ctx.SourcePath, n, "",
			"no file "+target+"; check the name",
			"link to missing briefing %q", written)))
		return "", false
	}
	if fragment != "" {
		u += "#" + fragment
		st.fragments = append(st.fragments, Fragment{Target: target, ID: unescapeFragment(fragment), Written: dest, Line: n})
	}
	return u, true
}

func brokenLink(d diag.Diagnostic) diag.Diagnostic {
	d.Link = true
	return d
}

// unescapeFragment decodes a fragment as browsers match it against ids.
func unescapeFragment(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// splitMarkdownLink reports whether dest is a relative link to a .md file and
// splits off its fragment. The path comes back as written (still escaped).
func splitMarkdownLink(dest string) (p, fragment string, ok bool) {
	p, fragment, _ = strings.Cut(dest, "#")
	if p == "" || hasScheme(p) || strings.HasPrefix(p, "//") {
		return "", "", false
	}
	if !strings.HasSuffix(strings.ToLower(p), ".md") {
		return "", "", false
	}
	return p, fragment, true
}

// hasScheme reports whether u starts with a URL scheme such as "https:" or
// "mailto:" (a colon before any slash, query or fragment).
func hasScheme(u string) bool {
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// sitePath resolves a link written in the file at source to a cleaned slash
// path relative to the site root. A leading "/" means the site root.
// inside is false when the path climbs above the root.
func sitePath(source, written string) (p string, inside bool) {
	if unescaped, err := url.PathUnescape(written); err == nil {
		written = unescaped
	}
	if strings.HasPrefix(written, "/") {
		p = path.Clean(strings.TrimLeft(written, "/"))
	} else {
		p = path.Join(path.Dir(source), written)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return p, false
	}
	return p, true
}

// unwrapLink replaces a link by its children, keeping the text readable.
func unwrapLink(l *ast.Link) {
	parent := l.Parent()
	if parent == nil {
		return
	}
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, l, c)
		c = next
	}
	parent.RemoveChild(parent, l)
}
