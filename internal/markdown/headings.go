package markdown

import (
	"strconv"
	"strings"

	"brief/internal/diag"
	"brief/internal/slug"

	"github.com/yuin/goldmark/ast"
)

// fallbackHeadingID is used when a heading's text has no letters or digits.
const fallbackHeadingID = "section"

// assignHeadingIDs gives every heading an id: the author's explicit {#id}
// when there is one, otherwise slug.Make of the heading's text (CJK kept),
// made unique on the page with -1, -2 suffixes. It also drops every other
// heading attribute except class, so {onclick=...} or {style=...} never
// reach the page. headings are in document order, labels their plain text.
func assignHeadingIDs(headings []*ast.Heading, labels []string, src []byte, st *renderState) {
	// Explicit ids are claimed first so that generated ones step around them
	// wherever they appear on the page.
	used := map[string]bool{}
	explicit := make([]string, len(headings))
	classes := make([][]byte, len(headings))
	for i, h := range headings {
		id, class := takeHeadingAttributes(h)
		classes[i] = class
		if id == "" {
			continue
		}
		if strings.ContainsFunc(id, isSpace) {
			st.problems = append(st.problems, diag.Warnf(st.ctx.SourcePath, lineOfNode(h, src, st.ctx.LineOffset), "",
				"ids cannot contain spaces; use hyphens", "heading id %q ignored", id))
			continue
		}
		if used[id] {
			st.problems = append(st.problems, diag.Warnf(st.ctx.SourcePath, lineOfNode(h, src, st.ctx.LineOffset), "",
				"each heading id must be unique on the page", "duplicate heading id %q", id))
			continue
		}
		used[id] = true
		explicit[i] = id
	}

	for i, h := range headings {
		label := labels[i]
		id := explicit[i]
		if id == "" {
			id = uniqueID(headingBase(label), used)
			used[id] = true
		}
		if st.ownTags {
			st.headingTags = append(st.headingTags, headingTag{node: h, id: id, class: classes[i]})
		} else {
			h.SetAttributeString("id", []byte(id))
			if classes[i] != nil {
				h.SetAttributeString("class", classes[i])
			}
		}
		st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: label})
	}
}

// takeHeadingAttributes removes every attribute from h and returns the
// explicit id and class, the only ones we put back.
func takeHeadingAttributes(h *ast.Heading) (id string, class []byte) {
	attrs := h.Attributes()
	h.RemoveAttributes()
	for _, a := range attrs {
		switch string(a.Name) {
		case "id":
			id = strings.TrimSpace(attrString(a.Value))
		case "class":
			class = []byte(attrString(a.Value))
		}
	}
	return id, class
}

func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// headingBase is the id a heading would get if it were alone on the page.
func headingBase(label string) string {
	if s := slug.Make(label); s != "" {
		return s
	}
	return fallbackHeadingID
}

// uniqueID returns base, or base-1, base-2... whichever is not yet used.
func uniqueID(base string, used map[string]bool) string {
	id := base
	for n := 1; used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}
