package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/funding"
	"brief/internal/money"
	"brief/internal/site"
	"brief/internal/weburl"
)

// Funcs are the helpers available to every template.
func Funcs(cfg *config.Config) template.FuncMap {
	return template.FuncMap{
		"relURL":    func(p string) string { return site.RelURL(cfg, p) },
		"absURL":    func(p string) string { return site.AbsURL(cfg, p) },
		"date":      func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate":   func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339":   func(t time.Time) string { return t.Format(time.RFC3339) },
		"money":     money.Short,
		"moneyLong": money.Long,
		// without a language, for parsing: each language has its own (langFuncs)
		"figure": func(f content.Funding) (funding.Figure, error) { return funding.FigureOf(cfg, f, funding.Text{}) },
		"readingTime": func(minutes int) string {
			if minutes <= 1 {
				return "1 min read"
			}
			return strconv.Itoa(minutes) + " min read"
		},
		"host": func(raw string) string {
			if host, ok := weburl.PlainHost(raw); ok {
				return strings.TrimPrefix(host, "www.") // as url.Parse's Host, without its allocations
			}
			u, err := url.Parse(raw)
			if err != nil {
				return raw
			}
			return strings.TrimPrefix(u.Host, "www.")
		},
		"add":  func(a, b int) int { return a + b },
		"join": strings.Join,
		"year": func(t time.Time) int { return t.Year() },
	}
}
