// Package linkcheck finds internal links in a built site that lead
// nowhere: a missing page, file or #fragment.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"brief/internal/diag"
)

// Origin finds where a link of a page is written in the page's source: the
// file, line and column, or ok=false when the page has no source file or the link
// is not in it (it comes from the theme).
type Origin func(page, link string) (file string, line, column int, ok bool)

// Check scans every HTML file in files (output path -> bytes) for href and
// src attributes that point inside the site (relative, or under basePath)
// and reports those whose target is missing. External links are not fetched.
// A broken link that origin (which may be nil) finds in a source file is
// reported at that file and line, which is where an editor fixes it.
func Check(files map[string][]byte, basePath string, origin Origin) diag.List {
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	ids := map[string]map[string]bool{}
	links := map[string][]string{}
	for p, data := range files {
		if strings.HasSuffix(p, ".html") {
			l, i := scan(data)
			links[p], ids[p] = l, i
		}
	}
	// A link in the theme breaks on every page: report each broken target
	// once, naming the first page and how many others have it.
	type broken struct {
		msg, hint string
		pages     []string
	}
	byTarget := map[string]*broken{}
	var out diag.List
	placed := map[string]int{}  // file:line:col:message -> index in out
	placedMore := map[int]int{} // index in out -> pages beyond the first
	for _, p := range slices.Sorted(maps.Keys(links)) {
		seen := map[string]bool{}
		for _, raw := range links[p] {
			if seen[raw] {
				continue
			}
			seen[raw] = true
			target, frag, internal := resolve(p, raw, basePath)
			if !internal {
				continue
			}
			file, ok := find(files, target)
			var b broken
			switch {
			case !ok:
				b = broken{msg: fmt.Sprintf("broken link to %s", raw), hint: "fix the link, or add the page it points to"}
			case frag != "" && ids[file] != nil && !ids[file][frag]:
				b = broken{msg: fmt.Sprintf("broken link to %s: no element with id %q", raw, frag), hint: "check the heading's id on the target page"}
			default:
				continue
			}
			if origin != nil {
				if file, line, col, ok := origin(p, raw); ok {
					// A template's link is on every page it makes: once.
					key := fmt.Sprint(file, ":", line, ":", col, ":", b.msg)
					if i, seen := placed[key]; seen {
						placedMore[i]++
						continue
					}
					d := diag.Errorf(file, line, "", b.hint, "%s (on page /%s)", b.msg, strings.TrimSuffix(p, "index.html"))
					d.Column = col
					d.Link = true
					placed[key] = len(out)
					out = append(out, d)
					continue
				}
			}
			if byTarget[b.msg] == nil {
				byTarget[b.msg] = &b
			}
			byTarget[b.msg].pages = append(byTarget[b.msg].pages, p)
		}
	}
	for i, n := range placedMore {
		out[i].Msg = strings.TrimSuffix(out[i].Msg, ")") + " and" + morePages(n) + ")"
	}
	for _, b := range byTarget {
		msg := b.msg
		if n := len(b.pages) - 1; n > 0 {
			msg += " (and" + morePages(n) + ")"
		}
		d := diag.Errorf(b.pages[0], 0, "", b.hint, "%s", msg)
		d.Link = true
		out = append(out, d)
	}
	return out.Sorted()
}

// morePages says on how many more pages a broken link is: " on 3 more pages".
func morePages(n int) string {
	if n == 1 {
		return " on 1 more page"
	}
	return fmt.Sprintf(" on %d more pages", n)
}

// scan returns the href/src values and the ids of one HTML document.
func scan(data []byte) (links []string, ids map[string]bool) {
	ids = map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links, ids
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id", "name":
					ids[string(v)] = true
				case "href", "src":
					if tag != "link" || !bytes.Contains(v, []byte("://")) {
						links = append(links, string(v))
					}
				}
			}
		}
	}
}

// resolve turns a link found in page p into a site path and fragment.
func resolve(page, raw, basePath string) (target, frag string, internal bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//") {
		return "", "", false
	}
	frag = u.Fragment
	p := u.Path
	switch {
	case p == "":
		p = "/" + page
	case strings.HasPrefix(p, "/"):
		switch {
		case p+"/" == basePath:
			p = "/" // the base path without its slash is the home page
		case strings.HasPrefix(p, basePath):
			p = "/" + strings.TrimPrefix(p, basePath)
		default:
			return "", "", false // outside this site's base path
		}
	default:
		joined := path.Join("/"+path.Dir(page), p)
		if strings.HasSuffix(p, "/") && joined != "/" {
			joined += "/"
		}
		p = joined
	}
	return p, frag, true
}

// find maps a site path to the file that serves it.
func find(files map[string][]byte, p string) (string, bool) {
	rel := strings.TrimPrefix(p, "/")
	candidates := []string{rel}
	if rel == "" || strings.HasSuffix(rel, "/") {
		candidates = []string{rel + "index.html"}
	} else {
		candidates = append(candidates, rel+"/index.html")
	}
	for _, c := range candidates {
		if _, ok := files[c]; ok {
			return c, true
		}
	}
	return "", false
}

// InSources is an Origin for pages made from source files: sources maps an
// output page ("briefings/x/index.html") to its source ("content/briefings/x.md")
// in fsys. A link is found by its text as written, or percent-decoded, since
// the Markdown renderer encodes non-ASCII characters in URLs.
func InSources(fsys fs.FS, sources map[string]string) Origin {
	return func(page, link string) (string, int, int, bool) {
		src, ok := sources[page]
		if !ok {
			return "", 0, 0, false
		}
		data, err := fs.ReadFile(fsys, src)
		if err != nil {
			return "", 0, 0, false
		}
		line, col, ok := locate(data, link)
		return src, line, col, ok
	}
}

// InTemplates is an Origin for links a site's own templates write: files
// maps each template's name as reported ("layouts/partials/nav.html") to
// its text. A link in a template breaks on every page it makes, and the
// template is where it is fixed; the first file (by name) holding the
// link's text is taken.
// A link under the base path is also looked for without it, as templates
// write it for relURL ("/about/" for "/policy/about/").
func InTemplates(files map[string][]byte, basePath string) Origin {
	names := slices.Sorted(maps.Keys(files))
	return func(_, link string) (string, int, int, bool) {
		candidates := []string{link}
		if rest, ok := strings.CutPrefix(link, basePath); ok && basePath != "/" {
			candidates = append(candidates, "/"+rest)
		}
		for _, c := range candidates {
			for _, name := range names {
				if line, col, ok := locate(files[name], c); ok {
					return name, line, col, true
				}
			}
		}
		return "", 0, 0, false
	}
}

// FirstOf asks each origin in turn.
func FirstOf(origins ...Origin) Origin {
	return func(page, link string) (string, int, int, bool) {
		for _, o := range origins {
			if file, line, col, ok := o(page, link); ok {
				return file, line, col, true
			}
		}
		return "", 0, 0, false
	}
}

// locate finds a link's text, as written or percent-decoded, in data and
// returns its 1-based line and column (in characters).
func locate(data []byte, link string) (line, col int, ok bool) {
	candidates := []string{link}
	if dec, err := url.PathUnescape(link); err == nil && dec != link {
		candidates = append(candidates, dec)
	}
	for _, c := range candidates {
		if i := bytes.Index(data, []byte(c)); i >= 0 {
			lineStart := bytes.LastIndexByte(data[:i], '\n') + 1
			return 1 + bytes.Count(data[:i], []byte("\n")), 1 + utf8.RuneCount(data[lineStart:i]), true
		}
	}
	return 0, 0, false
}

// IDs returns the id (and name) attributes of one HTML document: the
// anchors a #fragment link to it may name.
func IDs(html []byte) map[string]bool {
	_, ids := scan(html)
	return ids
}
