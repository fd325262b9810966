package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/money"
	"brief/internal/site"
)

// Figure is how templates see a funding item (site.Figure).
type Figure = site.Figure

// Funcs are the helpers available to every template.
func Funcs(cfg *config.Config) template.FuncMap {
	return template.FuncMap{
		"relURL":    func(p string) string { return RelURL(cfg, p) },
		"absURL":    func(p string) string { return AbsURL(cfg, p) },
		"date":      func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate":   func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339":   func(t time.Time) string { return t.Format(time.RFC3339) },
		"money":     money.Short,
		"moneyLong": money.Long,
		"figure":    func(f content.Funding) Figure { return FigureOf(cfg, f) },
		"readingTime": func(minutes int) string {
			if minutes <= 1 {
				return "1 min read"
			}
			return strconv.Itoa(minutes) + " min read"
		},
		"host": func(raw string) string {
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

// FigureOf prefers the editor's stated USD figure; otherwise it converts
// with the configured rates and marks the result as an estimate.
func FigureOf(cfg *config.Config, f content.Funding) Figure {
	fig := Figure{Original: money.Short(f.Amount, f.Currency), Long: money.Long(f.Amount, f.Currency), Purpose: f.Purpose}
	rates := &cfg.Currency.Rates
	switch {
	case f.Currency == rates.Report:
	case f.USD != nil && rates.Report == "USD":
		fig.Report = money.Short(*f.USD, "USD")
	default:
		if v, ok := rates.Convert(f.Amount, f.Currency); ok {
			fig.Report = money.Short(v, rates.Report)
			fig.Estimated = true
			fig.AsOf = rates.AsOf
		}
	}
	return fig
}

// RelURL prefixes a site-relative path with the base URL's path, so a site
// deployed under a sub-folder keeps working links.
func RelURL(cfg *config.Config, p string) string {
	if isAbsolute(p) {
		return p
	}
	base := cfg.BasePath()
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(p, "/")
}

// AbsURL makes a full URL from a site-relative path, for feeds, sitemaps
// and canonical links. With no absolute base URL it falls back to RelURL.
func AbsURL(cfg *config.Config, p string) string {
	if isAbsolute(p) || !strings.Contains(cfg.BaseURL, "://") {
		return RelURL(cfg, p)
	}
	return strings.TrimSuffix(cfg.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

func isAbsolute(p string) bool {
	return strings.Contains(p, "://") || strings.HasPrefix(p, "//")
}
