package render

import (
	"html/template"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template/parse"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/funding"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/seo"
	"brief/internal/site"
)

// langFuncs are the helpers whose text depends on the page's language,
// bound to its catalog: each language gets its own clone of the templates
// with these (see Load), so a lookup is a map access, not a search.
//
//	T "key" ["name" value]...  the interface text of key (i18n.Catalog.T)
//	date .Date                 the date as the language writes it
//	shortDate .Date            the same in a table or a note: 2023-05-27,
//	                           2023年5月27日
//	readingTime .ReadingMinutes  "4 min read"
//	link URL TEXT              <a href="URL">TEXT</a>, for a link inside
//	                           a sentence of T
//	code TEXT                  <code>TEXT</code>, the same for code
//	money, moneyLong           an amount as the language writes it
//	figure ITEM                a funding item as a briefing page shows it
//	texts "key"...             the text of keys as JSON, for a script
//	crumbs .                   the pages that lead to a briefing, term or
//	                           year page, from the home page (its heading
//	                           follows, so the page itself is left out);
//	                           empty on others
func langFuncs(cfg *config.Config, c *i18n.Catalog) template.FuncMap {
	if c == nil { // for parsing: the templates run only with a catalog
		return template.FuncMap{
			"T":           func(string, ...any) (template.HTML, error) { return "", nil },
			"date":        func(time.Time) string { return "" },
			"shortDate":   func(time.Time) string { return "" },
			"readingTime": func(int) (template.HTML, error) { return "", nil },
			"link":        link,
			"code":        code,
			"crumbs":      func(*Page) ([]jsonld.Crumb, error) { return nil, nil },
			"texts":       func(...string) (string, error) { return "", nil },
		}
	}
	tx := funding.NewText(c) // how the language words amounts and funding items
	return template.FuncMap{
		"T":         c.T,
		"date":      c.Date,
		"shortDate": c.ShortDate,
		"readingTime": func(minutes int) (template.HTML, error) {
			return c.T("reading_time", "count", max(1, minutes))
		},
		"link":      link,
		"code":      code,
		"money":     tx.Short,
		"moneyLong": tx.Long,
		"figure": func(f content.Funding) (funding.Figure, error) {
			return funding.FigureOf(cfg, f, tx)
		},
		"crumbs": func(p *Page) ([]jsonld.Crumb, error) { return crumbsIn(c, p) },
		"texts":  c.JSON,
	}
}

// crumbsIn are the pages that lead to p (see langFuncs), named in the
// language of c.
func crumbsIn(c *i18n.Catalog, p *Page) ([]jsonld.Crumb, error) {
	trail, ok := p.keptTrail(c)
	var err error
	if !ok {
		trail, err = seo.Trail(c, p.seoPage())
	}
	return trail[:max(0, len(trail)-1)], err
}

// helperUses are the keys the helpers use, with their placeholders.
// funding.Uses are the keys of the funding text the build words with the
// page's catalog (the tracker, figures and totals), seo.Uses those of the
// text seo writes into a page's head (meta descriptions, share titles,
// breadcrumb names).
var helperUses = slices.Concat([]i18n.Use{{Key: "reading_time", Args: []string{"count"}}, {Key: "list_separator"},
	{Key: "crumb_home"}, {Key: "nav_jurisdictions"}, {Key: "nav_tags"}, {Key: "nav_archive"},
	{Key: "archive_title"}, {Key: "tracker_title"}, {Key: "not_found_title"}, {Key: "search_title"}}, funding.Uses, seo.Uses)

var linkTemplate = template.Must(template.New("link").Parse(`<a href="{{.URL}}">{{.Text}}</a>`))
var codeTemplate = template.Must(template.New("code").Parse(`<code>{{.}}</code>`))

// link is an <a> escaped as a template's own would be.
func link(url string, text any) (template.HTML, error) {
	var b strings.Builder
	err := linkTemplate.Execute(&b, struct {
		URL  string
		Text any
	}{url, text})
	return template.HTML(b.String()), err
}

func code(text string) (template.HTML, error) {
	var b strings.Builder
	err := codeTemplate.Execute(&b, text)
	return template.HTML(b.String()), err
}

// languages are the languages of the site's editions, the default first.
func languages(cfg *config.Config) []string {
	var out []string
	for _, l := range cfg.Editions() {
		out = append(out, l.Code)
	}
	return out
}

// langOf is the tag of an edition's language ("" for none: the default).
func langOf(l *site.Language) string {
	if l == nil {
		return ""
	}
	return l.Code
}

// i18nFile is a language file of layouts/i18n/ ("i18n/en.toml" -> "en").
func i18nFile(p string) (lang string, ok bool) {
	dir, name := path.Split(p)
	if dir != i18n.Dir+"/" || !strings.HasSuffix(name, ".toml") {
		return "", false
	}
	return strings.TrimSuffix(name, ".toml"), true
}

// readI18n adds p to files when it is a language file.
func readI18n(files []i18n.File, p, prefix string, b []byte) []i18n.File {
	lang, ok := i18nFile(p)
	if !ok {
		return files
	}
	return append(files, i18n.File{Lang: lang, Path: prefix + p, Src: b})
}

// usesOf finds every T call of the templates with a constant key, and
// the names of the placeholders each gives, by walking their parse trees.
func usesOf(sets map[string]*template.Template) []i18n.Use {
	byKey := map[string][]string{}
	free := map[string]bool{} // keys handed to a script (texts)
	seen := map[*parse.Tree]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				each(n.Nodes, walk)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(&n.BranchNode)
		case *parse.RangeNode:
			walk(&n.BranchNode)
		case *parse.WithNode:
			walk(&n.BranchNode)
		case *parse.BranchNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				each(n.Cmds, walk)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.CommandNode:
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "texts" {
				for _, a := range n.Args[1:] {
					if key, ok := a.(*parse.StringNode); ok {
						free[key.Text] = true
					}
				}
			}
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "T" && len(n.Args) > 1 {
				if key, ok := n.Args[1].(*parse.StringNode); ok {
					names := byKey[key.Text]
					for i := 2; i < len(n.Args); i += 2 {
						if name, ok := n.Args[i].(*parse.StringNode); ok {
							names = append(names, name.Text)
						}
					}
					byKey[key.Text] = names
				}
			}
			each(n.Args, walk)
		}
	}
	for _, set := range sets {
		for _, t := range set.Templates() {
			if t.Tree != nil && !seen[t.Tree] {
				seen[t.Tree] = true
				walk(t.Tree.Root)
			}
		}
	}
	uses := slices.Clone(helperUses)
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		uses = append(uses, i18n.Use{Key: k, Args: byKey[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(free)) {
		uses = append(uses, i18n.Use{Key: k, Free: true})
	}
	return uses
}

func each[N parse.Node](ns []N, f func(parse.Node)) {
	for _, n := range ns {
		f(n)
	}
}
