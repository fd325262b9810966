package markdown

import (
	"bytes"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// newPolicy is the sanitiser used when a site allows raw HTML. It follows
// bluemonday's UGC policy (no scripts, styles, forms, frames or event
// handlers; only http, https and mailto URLs) with three differences:
//   - ids may hold any letters, so CJK heading anchors and footnote ids survive;
//   - class is allowed, for goldmark's footnote and code classes and authors'
//     table and heading classes;
//   - no rel="nofollow" is added: links are the site's own editorial choices.
//
// It also keeps what our Markdown emits: footnote roles, table alignment
// styles and disabled task-list checkboxes.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()

	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}\p{M}_:.\-]+$`)).Globally()
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).Globally()
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).Globally()
	p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$`)).Globally()

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("mailto", "http", "https")

	p.AllowElements("article", "aside", "figure", "figcaption", "section", "summary", "hgroup",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"br", "div", "hr", "p", "span", "wbr", "pre",
		"abbr", "cite", "code", "dfn", "em", "mark", "s", "samp", "strong", "sub", "sup", "var", "kbd",
		"b", "i", "small", "u", "del", "ins", "rp", "rt", "ruby")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`(?i)^(|open)$`)).OnElements("details")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("time", "del", "ins")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|backlink|endnotes)$`)).OnElements("a", "div", "section")
	p.AllowLists()
	p.AllowTables()
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("th", "td")
	p.AllowImages()
	p.RequireNoFollowOnLinks(false) // AllowImages turns it on
	// What figures.go writes on images: resized copies and lazy loading.
	// A srcset holds site paths or http(s) URLs, each with a width.
	p.AllowAttrs("srcset").Matching(srcsetPattern).OnElements("img")
	p.AllowAttrs("sizes").Matching(regexp.MustCompile(`^[\w\s().,:%+\-*/]+$`)).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^(async|sync|auto)$`)).OnElements("img")

	// GFM task lists render disabled checkboxes.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	return p
}

// srcsetPattern accepts candidates "URL 480w" (or "2x") separated by commas,
// whose URLs are paths or http(s) URLs: no other scheme can slip in.
var srcsetPattern = func() *regexp.Regexp {
	candidate := `(?:https?://[^\s,]+|[^\s,:]+)(?:\s+\d+(?:\.\d+)?[wx])?`
	return regexp.MustCompile(`^\s*` + candidate + `(?:\s*,\s*` + candidate + `)*\s*$`)
}()

// rawTextTags switch an HTML tokenizer into raw text (or RCDATA, or
// plaintext) mode: after one of them, everything up to its end tag, or to
// the end of the input, is one run of text. An editor's stray <title> or
// <plaintext> would swallow the rest of the body that way, so the sanitiser
// never lets the tokenizer enter that mode and removes these tags.
var rawTextTags = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

// skipContent are elements whose content is not for readers (code, styles,
// inert or embedded documents, foreign markup the policy refuses): when one
// is closed, it goes with everything inside it. When it is not closed, only
// its tag goes, so that it cannot take the rest of the body with it.
var skipContent = map[string]bool{
	"script": true, "style": true, "title": true, "noscript": true, "noembed": true,
	"noframes": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"template": true, "svg": true, "math": true,
}

// sanitize makes a rendered body safe and balanced. Raw HTML in Markdown is
// spliced into goldmark's output as written, so it may close the theme's
// elements (</div></article>), leave its own open, or hide what follows it
// (<title>, <plaintext>, an unterminated comment). In three steps:
//  1. tokenize without raw text modes, drop comments, and remove the tags
//     that would start one (with their content when they are closed);
//  2. apply the policy (bluemonday);
//  3. parse the result as HTML does inside a <div> and write the tree back,
//     which closes what is open and drops end tags that match nothing,
//     until the text no longer changes: the page then holds exactly the
//     tree a browser builds from it, and nothing in it can close the
//     theme's elements.
func (r *Renderer) sanitize(body []byte) string {
	out := r.policy.SanitizeBytes(neutralise(body))
	for range 4 {
		next := balance(out)
		if bytes.Equal(next, out) {
			break
		}
		out = next
	}
	return string(out)
}

// neutralise is step 1 of sanitize.
func neutralise(body []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(body))
	var toks []html.Token
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			z.NextIsNotRawText()
		}
		if tt == html.CommentToken || tt == html.DoctypeToken {
			if raw := z.Raw(); unterminated(raw) {
				// It ran to the end of the body: drop only its opener,
				// so that what follows stays.
				opener := 2 // "<!", "<?", "</"
				if bytes.HasPrefix(raw, []byte("<!--")) {
					opener = 4
				}
				z = html.NewTokenizer(bytes.NewReader(bytes.Clone(raw[opener:])))
			}
			continue
		}
		toks = append(toks, z.Token())
	}
	// Pair each start tag of a skipped element with its end tag.
	closes := map[int]int{}
	open := map[string][]int{}
	for i, t := range toks {
		if !skipContent[t.Data] {
			continue
		}
		switch t.Type {
		case html.StartTagToken, html.SelfClosingTagToken:
			open[t.Data] = append(open[t.Data], i)
		case html.EndTagToken:
			if s := open[t.Data]; len(s) > 0 {
				closes[s[len(s)-1]] = i
				open[t.Data] = s[:len(s)-1]
			}
		}
	}
	var b bytes.Buffer
	b.Grow(len(body))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Type != html.TextToken && (rawTextTags[t.Data] || skipContent[t.Data]) {
			if end, ok := closes[i]; ok {
				i = end
			}
			continue
		}
		b.WriteString(t.String())
	}
	return b.Bytes()
}

// unterminated reports whether a comment or doctype token's raw text never
// ends: a tokenizer runs such a token to the end of its input.
func unterminated(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte("<!--")) {
		return !bytes.HasSuffix(raw, []byte("-->")) && !bytes.HasSuffix(raw, []byte("--!>"))
	}
	return !bytes.HasSuffix(raw, []byte(">"))
}

// bodyContext is the element a body sits in on the page.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

// balance is step 3 of sanitize: parse as the inside of a <div>, write back.
func balance(src []byte) []byte {
	nodes, err := html.ParseFragment(bytes.NewReader(src), bodyContext)
	if err != nil { // only a failing reader errs; ours is in memory
		return []byte(html.EscapeString(string(src)))
	}
	var b bytes.Buffer
	b.Grow(len(src))
	for _, n := range nodes {
		_ = html.Render(&b, n) // writes to memory: cannot fail
	}
	return b.Bytes()
}
