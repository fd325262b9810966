// Package scaffold writes the first draft of a briefing for brief new: the
// front matter filled with everything that can be inferred (today's date in
// the site's time zone, a file name from the title, the site's only
// jurisdiction) and examples of the rest to fill in.
package scaffold

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"brief/internal/slug"
)

// Options describe the briefing to start.
type Options struct {
	Title string
	// Now is the build clock; the date is its day in Location.
	Now      time.Time
	Location *time.Location
	// Jurisdictions are the names the site knows (declared or in use). When
	// Jurisdiction is empty and there is exactly one, it is filled in.
	Jurisdictions []string
	Jurisdiction  string
	Tags          []string
	// Bundle makes a page bundle: a folder holding index.md, beside which
	// the briefing's pictures and files go.
	Bundle bool
}

// Dir is where briefings go, relative to the site folder.
const Dir = "content/briefings"

// maxName caps a file name from a long title, in characters: short enough for
// a URL someone might type, far from the 255 bytes a file system allows.
const maxName = 80

// Name is the file name (without .md) for a title: its slug, cut at a hyphen
// when long. It is "" when the title has no letter or digit.
func Name(title string) string {
	s := slug.Make(title)
	if utf8.RuneCountInString(s) <= maxName {
		return s
	}
	cut := string([]rune(s)[:maxName])
	if i := strings.LastIndexByte(cut, '-'); i > maxName/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-")
}

// Path is the briefing's file, slash-separated and relative to the site.
func Path(name string, bundle bool) string {
	if bundle {
		return path.Join(Dir, name, "index.md")
	}
	return path.Join(Dir, name+".md")
}

// Other is the file that would give a briefing the same URL in the other
// form: the bundle for a plain file, and the other way round.
func Other(name string, bundle bool) string { return Path(name, !bundle) }

// Briefing is the file's text.
func Briefing(o Options) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(o.Title))
	fmt.Fprintf(&b, "date: %s\n", o.Now.In(o.Location).Format("2006-01-02"))
	juris := strings.TrimSpace(o.Jurisdiction)
	if juris == "" && len(o.Jurisdictions) == 1 {
		juris = o.Jurisdictions[0]
	}
	switch {
	case juris != "":
		fmt.Fprintf(&b, "jurisdiction: %s\n", strconv.Quote(juris))
	case len(o.Jurisdictions) > 1:
		fmt.Fprintf(&b, "# jurisdiction: %s   # or a list; the site's: %s\n", strconv.Quote(o.Jurisdictions[0]), strings.Join(o.Jurisdictions, ", "))
	default:
		b.WriteString("# jurisdiction: \"Hong Kong\"   # or a list: [Beijing, China]\n")
	}
	var tags []string
	for _, t := range o.Tags {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, strconv.Quote(t))
		}
	}
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(tags, ", "))
	b.WriteString("summary: \"\"\n")
	b.WriteString("draft: true\n")
	if o.Bundle {
		b.WriteString("# image: chart.png          # a picture in this folder, for cards and link previews\n")
		b.WriteString("# imageAlt: \"What the chart shows\"\n")
	}
	b.WriteString("# funding:\n#   - amount: \"100m\"\n#     currency: CNY\n#     usd: \"14m\"\n#     purpose: \"\"\n")
	b.WriteString("sources: []   # - title: \"...\"\n              #   url: \"https://...\"\n")
	b.WriteString("---\n\nWrite the briefing here.\n")
	return []byte(b.String())
}
