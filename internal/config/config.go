// Package config reads site.toml into a typed Config with a default for
// every setting. Unknown keys are errors with a did-you-mean hint, because a
// typo in a config key otherwise silently does nothing.
package config

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/slug"
	"brief/internal/sources"
)

// File is the config file's name at the site root (see package sources).
const File = sources.ConfigFile

// Config is a site's settings after defaults and validation.
type Config struct {
	Title       string
	Description string
	BaseURL     string // always ends in "/"
	basePath    string // BaseURL's path, kept by SetBaseURL: read for every link
	Language    string
	Timezone    string
	Location    *time.Location // loaded from Timezone; date-only front matter is midnight here
	Paginate    int            // briefings per list page
	UnsafeHTML  bool           // raw HTML in Markdown passes, sanitised
	Minify      bool
	Permalinks  Permalinks
	// Parents maps a jurisdiction name to its parent, e.g. Beijing -> China.
	Parents  map[string]string
	Currency Currency
	// SEO says how pages present themselves to search engines and to the
	// sites they are shared on.
	SEO SEO
	// Authors describes the people and organisations named in briefings'
	// authors: lists, by name; a name not listed is a person.
	Authors map[string]Author
	// Lines maps dotted keys ("currency.rates.CNY") to their line in site.toml.
	Lines map[string]int
}

// Permalinks are URL patterns. Tokens: :slug, :year, :month, :day.
type Permalinks struct {
	Briefings string
}

// Currency configures conversion into one reporting currency.
type Currency struct {
	Rates     money.Rates
	Tolerance money.Decimal // percent; a stated figure further than this from the computed one is a warning
}

// SEO is the [seo] table: the site-wide share image, the publisher and the
// kind of article briefings are in structured data.
type SEO struct {
	Image       string // default share image: a site path ("/images/share.png") or an absolute URL
	ImageAlt    string // its text alternative; default: the site title
	Logo        string // the publisher's logo, same forms
	ArticleType string // schema.org type of a briefing: "NewsArticle" (default) or "Report"
	Publisher   string // the publishing organisation's name; default: the site title
	Twitter     string // the site's account for twitter:site, "@name"
}

// Author is one [authors."Name"] entry.
type Author struct {
	Type string // "Person" (default) or "Organization"
	URL  string // a page about them, absolute
}

// ArticleTypes are the schema.org types a briefing can be published as.
var ArticleTypes = []string{"NewsArticle", "Report"}

// raw mirrors site.toml for decoding; pointers tell "unset" from "zero".
type raw struct {
	Title         *string                    `toml:"title"`
	Description   *string                    `toml:"description"`
	BaseURL       *string                    `toml:"baseURL"`
	Language      *string                    `toml:"language"`
	Timezone      *string                    `toml:"timezone"`
	Paginate      *int                       `toml:"paginate"`
	UnsafeHTML    *bool                      `toml:"unsafeHTML"`
	Minify        *bool                      `toml:"minify"`
	Permalinks    map[string]string          `toml:"permalinks"`
	Jurisdictions map[string]rawJurisdiction `toml:"jurisdictions"`
	Currency      *rawCurrency               `toml:"currency"`
	SEO           *rawSEO                    `toml:"seo"`
	Authors       map[string]rawAuthor       `toml:"authors"`
}

type rawSEO struct {
	Image       *string `toml:"image"`
	ImageAlt    *string `toml:"imageAlt"`
	Logo        *string `toml:"logo"`
	ArticleType *string `toml:"articleType"`
	Publisher   *string `toml:"publisher"`
	Twitter     *string `toml:"twitter"`
}

type rawAuthor struct {
	Type string `toml:"type"`
	URL  string `toml:"url"`
}

type rawJurisdiction struct {
	Parent string `toml:"parent"`
}

type rawCurrency struct {
	Report    string         `toml:"report"`
	AsOf      any            `toml:"asOf"`
	Source    string         `toml:"source"`
	Tolerance any            `toml:"tolerance"`
	Rates     map[string]any `toml:"rates"`
}

// knownKeys lists every key that may appear, for did-you-mean hints.
var knownKeys = []string{
	"title", "description", "baseURL", "language", "timezone", "paginate",
	"unsafeHTML", "minify", "permalinks", "jurisdictions", "currency",
	"permalinks.briefings", "currency.report", "currency.asOf", "currency.source",
	"currency.tolerance", "currency.rates", "seo", "seo.image", "seo.imageAlt", "seo.logo",
	"seo.articleType", "seo.publisher", "seo.twitter", "authors",
}

// Default returns the configuration of a site without site.toml.
func Default() *Config {
	return &Config{
		Title:      "Briefings",
		BaseURL:    "/",
		Language:   "en",
		Timezone:   "UTC",
		Location:   time.UTC,
		Paginate:   10,
		Permalinks: Permalinks{Briefings: "/briefings/:slug/"},
		Parents:    map[string]string{},
		Currency: Currency{
			Rates:     money.Rates{Report: "USD", PerUnit: map[string]money.Decimal{}},
			Tolerance: money.NewInt(15),
		},
		SEO:     SEO{Image: "/images/share.png", Logo: "/images/logo.png", ArticleType: "NewsArticle"},
		Authors: map[string]Author{},
		Lines:   map[string]int{},
	}
}

// Parse reads site.toml's bytes. A nil or empty src gives the defaults.
func Parse(src []byte) (*Config, diag.List) {
	cfg := Default()
	if len(src) == 0 {
		return cfg, nil
	}
	cfg.Lines = keyLines(string(src))
	var r raw
	md, err := toml.Decode(string(src), &r)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, diag.List{diag.Errorf(File, pe.Position.Line, "", "check the TOML syntax", "%s", pe.Message)}
		}
		return cfg, diag.List{diag.Errorf(File, 0, "", "", "%v", err)}
	}
	var ds diag.List
	// The TOML decoder matches keys whatever their case; we do not, so that
	// one spelling is documented and a miscased key is a visible typo.
	exact := map[string]bool{}
	for _, k := range knownKeys {
		exact[k] = true
	}
	for _, key := range slices.Sorted(maps.Keys(cfg.Lines)) {
		if exact[key] || strings.HasPrefix(key, "currency.rates.") || strings.HasPrefix(key, "jurisdictions.") || strings.HasPrefix(key, "authors.") {
			continue
		}
		for _, k := range knownKeys {
			if strings.EqualFold(k, key) {
				ds = append(ds, diag.Errorf(File, cfg.Lines[key], key, fmt.Sprintf("did you mean %q?", k), "unknown key"))
			}
		}
	}
	for _, k := range md.Undecoded() {
		key := k.String()
		if strings.HasPrefix(key, "currency.rates.") || strings.HasPrefix(key, "jurisdictions.") && len(k) == 2 || strings.HasPrefix(key, "authors.") && len(k) == 2 {
			continue // free-form tables, validated below
		}
		hint := diag.DidYouMean(key, knownKeys)
		if hint == "" {
			hint = "known keys: " + strings.Join(topLevel(), ", ")
		}
		ds = append(ds, diag.Errorf(File, cfg.Lines[key], key, hint, "unknown key"))
	}
	cfg.apply(&r, &ds)
	return cfg, ds
}

func topLevel() []string {
	var out []string
	for _, k := range knownKeys {
		if !strings.Contains(k, ".") {
			out = append(out, k)
		}
	}
	return out
}

func (c *Config) apply(r *raw, ds *diag.List) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&c.Title, r.Title)
	set(&c.Description, r.Description)
	set(&c.Language, r.Language)
	if r.BaseURL != nil {
		if err := c.SetBaseURL(*r.BaseURL); err != nil {
			*ds = append(*ds, diag.Errorf(File, c.Lines["baseURL"], "baseURL", `write a full URL such as "https://example.org/"`, "%v", err))
		}
	}
	if r.Timezone != nil {
		loc, err := time.LoadLocation(*r.Timezone)
		if err != nil {
			*ds = append(*ds, diag.Errorf(File, c.Lines["timezone"], "timezone", `use an IANA name such as "Asia/Hong_Kong" or "UTC"`, "unknown time zone %q", *r.Timezone))
		} else {
			c.Timezone, c.Location = *r.Timezone, loc
		}
	}
	if r.Paginate != nil {
		if *r.Paginate < 1 {
			*ds = append(*ds, diag.Errorf(File, c.Lines["paginate"], "paginate", "use a number such as 10", "must be at least 1, got %d", *r.Paginate))
		} else {
			c.Paginate = *r.Paginate
		}
	}
	if r.UnsafeHTML != nil {
		c.UnsafeHTML = *r.UnsafeHTML
	}
	if r.Minify != nil {
		c.Minify = *r.Minify
	}
	for _, k := range slices.Sorted(maps.Keys(r.Permalinks)) {
		v := r.Permalinks[k]
		line := c.Lines["permalinks."+k]
		if k != "briefings" {
			*ds = append(*ds, diag.Errorf(File, line, "permalinks."+k, `only "briefings" can be set`, "unknown permalink kind"))
			continue
		}
		if err := checkPermalink(v); err != nil {
			*ds = append(*ds, diag.Errorf(File, line, "permalinks."+k, `e.g. "/briefings/:year/:slug/"`, "%v", err))
			continue
		}
		c.Permalinks.Briefings = v
	}
	spelled := map[string]string{} // lower case -> the first spelling, in sorted order
	for _, name := range slices.Sorted(maps.Keys(r.Jurisdictions)) {
		parent := strings.TrimSpace(r.Jurisdictions[name].Parent)
		line := c.Lines["jurisdictions."+name]
		key := strings.ToLower(strings.TrimSpace(name))
		if first, ok := spelled[key]; ok {
			// Briefings match jurisdictions without regard to case, so
			// two entries would give one jurisdiction two parents.
			*ds = append(*ds, diag.Errorf(File, line, "jurisdictions."+name,
				"keep one entry: jurisdiction names match without regard to case",
				"%q is already set as %q on line %d", name, first, c.Lines["jurisdictions."+first]))
			continue
		}
		spelled[key] = name
		if parent == "" {
			*ds = append(*ds, diag.Errorf(File, line, "jurisdictions."+name, `write { parent = "China" }`, "no parent given"))
			continue
		}
		// Each name gets a page: it needs something to make a URL from.
		if slug.Make(name) == "" {
			*ds = append(*ds, diag.Errorf(File, line, "jurisdictions."+name, noURLHint, noURLMsg, name))
			continue
		}
		if slug.Make(parent) == "" {
			*ds = append(*ds, diag.Errorf(File, line, "jurisdictions."+name+".parent", noURLHint, noURLMsg, parent))
			continue
		}
		c.Parents[name] = parent
	}
	c.checkParentCycles(ds)
	if r.Currency != nil {
		c.applyCurrency(r.Currency, ds)
	}
	if r.SEO != nil {
		c.applySEO(r.SEO, ds)
	}
	for _, name := range slices.Sorted(maps.Keys(r.Authors)) {
		c.applyAuthor(name, r.Authors[name], ds)
	}
}

func (c *Config) applySEO(r *rawSEO, ds *diag.List) {
	s := &c.SEO
	for _, f := range []struct{ src, dst *string }{{r.Image, &s.Image}, {r.ImageAlt, &s.ImageAlt}, {r.Logo, &s.Logo},
		{r.ArticleType, &s.ArticleType}, {r.Publisher, &s.Publisher}, {r.Twitter, &s.Twitter}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
	line := func(k string) int { return c.Lines["seo."+k] }
	for _, f := range []struct{ key, val string }{{"image", s.Image}, {"logo", s.Logo}} {
		if f.val != "" && !strings.HasPrefix(f.val, "/") && !isHTTPURL(f.val) {
			*ds = append(*ds, diag.Errorf(File, line(f.key), "seo."+f.key, `a path in the site such as "/images/share.png", or a full https:// URL`, "invalid image %q", f.val))
		}
	}
	if !slices.Contains(ArticleTypes, s.ArticleType) {
		*ds = append(*ds, diag.Errorf(File, line("articleType"), "seo.articleType", diag.DidYouMean(s.ArticleType, ArticleTypes)+` (one of "NewsArticle", "Report")`, "unknown article type %q", s.ArticleType))
		s.ArticleType = "NewsArticle"
	}
	if s.Twitter != "" && !strings.HasPrefix(s.Twitter, "@") {
		s.Twitter = "@" + s.Twitter
	}
}

func (c *Config) applyAuthor(name string, r rawAuthor, ds *diag.List) {
	field := "authors." + name
	line := func(k string) int { // inline tables have no line per key
		if l := c.Lines[field+"."+k]; l > 0 {
			return l
		}
		return c.Lines[field]
	}
	a := Author{Type: "Person", URL: strings.TrimSpace(r.URL)}
	switch strings.TrimSpace(r.Type) {
	case "", "Person":
	case "Organization":
		a.Type = "Organization"
	default:
		*ds = append(*ds, diag.Errorf(File, line("type"), field+".type", `"Person" or "Organization"`, "unknown author type %q", r.Type))
	}
	if a.URL != "" && !isHTTPURL(a.URL) {
		*ds = append(*ds, diag.Errorf(File, line("url"), field+".url", `a full URL such as "https://example.org/about/"`, "invalid URL %q", a.URL))
		a.URL = ""
	}
	c.Authors[strings.TrimSpace(name)] = a
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (c *Config) applyCurrency(rc *rawCurrency, ds *diag.List) {
	cur := &c.Currency
	if rc.Report != "" {
		if _, ok := money.Lookup(rc.Report); !ok {
			*ds = append(*ds, diag.Errorf(File, c.Lines["currency.report"], "currency.report", diag.DidYouMean(rc.Report, money.Codes()), "unknown currency %q", rc.Report))
		} else {
			cur.Rates.Report = rc.Report
		}
	}
	cur.Rates.Source = strings.TrimSpace(rc.Source)
	switch v := rc.AsOf.(type) {
	case nil:
	case time.Time:
		cur.Rates.AsOf = v.Format("2006-01-02")
	case string:
		if _, err := time.Parse("2006-01-02", v); err != nil {
			*ds = append(*ds, diag.Errorf(File, c.Lines["currency.asOf"], "currency.asOf", "write a date such as 2023-06-30", "invalid date %q", v))
		} else {
			cur.Rates.AsOf = v
		}
	default:
		*ds = append(*ds, diag.Errorf(File, c.Lines["currency.asOf"], "currency.asOf", "write a date such as 2023-06-30", "want a date, got %T", v))
	}
	if rc.Tolerance != nil {
		d, err := decimalOf(rc.Tolerance)
		if err != nil || d.Sign() < 0 {
			*ds = append(*ds, diag.Errorf(File, c.Lines["currency.tolerance"], "currency.tolerance", "a percentage such as 15", "invalid tolerance %v", rc.Tolerance))
		} else {
			cur.Tolerance = d
		}
	}
	for _, code := range slices.Sorted(maps.Keys(rc.Rates)) {
		field := "currency.rates." + code
		line := c.Lines[field]
		if _, ok := money.Lookup(code); !ok {
			*ds = append(*ds, diag.Errorf(File, line, field, diag.DidYouMean(code, money.Codes()), "unknown currency %q", code))
			continue
		}
		d, err := decimalOf(rc.Rates[code])
		if err != nil || d.Sign() <= 0 {
			*ds = append(*ds, diag.Errorf(File, line, field, "units of the report currency per one unit, e.g. 0.14", "invalid rate %v", rc.Rates[code]))
			continue
		}
		cur.Rates.PerUnit[code] = d
	}
	if len(cur.Rates.PerUnit) > 0 && cur.Rates.AsOf == "" {
		*ds = append(*ds, diag.Errorf(File, c.Lines["currency"], "currency.asOf", "add asOf = 2023-06-30 so readers know how old the rates are", "rates are given without a date"))
	}
}

// decimalOf reads a TOML number or string exactly. TOML floats arrive as
// float64; their shortest text form is what the editor wrote.
func decimalOf(v any) (money.Decimal, error) {
	switch n := v.(type) {
	case int64:
		return money.NewInt(n), nil
	case float64:
		return money.ParseDecimal(fmt.Sprint(n))
	case string:
		return money.ParseDecimal(n)
	}
	return money.Decimal{}, fmt.Errorf("not a number")
}

// SetBaseURL validates and normalises a base URL ("/" or an absolute http(s) URL).
func (c *Config) SetBaseURL(s string) error {
	s = strings.TrimSpace(s)
	if s == "" || s == "/" {
		c.BaseURL, c.basePath = "/", "/"
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid base URL %q", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	c.BaseURL, c.basePath = u.String(), u.Path
	return nil
}

// BasePath is the path part of BaseURL, e.g. "/" or "/policy/".
func (c *Config) BasePath() string {
	if c.basePath == "" {
		return "/"
	}
	return c.basePath
}

func checkPermalink(p string) error {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return fmt.Errorf("permalink %q must start and end with /", p)
	}
	if !strings.Contains(p, ":slug") {
		return fmt.Errorf("permalink %q must contain :slug so that URLs are unique", p)
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if strings.HasPrefix(seg, ":") {
			switch seg {
			case ":slug", ":year", ":month", ":day":
			default:
				return fmt.Errorf("unknown token %q in permalink (use :slug, :year, :month, :day)", seg)
			}
		}
	}
	return nil
}

func (c *Config) checkParentCycles(ds *diag.List) {
	for _, start := range slices.Sorted(maps.Keys(c.Parents)) {
		seen := map[string]bool{start: true}
		for p, ok := c.Parents[start]; ok; p, ok = c.Parents[p] {
			if seen[p] {
				*ds = append(*ds, diag.Errorf(File, c.Lines["jurisdictions."+start], "jurisdictions."+start, "a jurisdiction cannot be its own ancestor", "parent cycle through %q", p))
				delete(c.Parents, start)
				break
			}
			seen[p] = true
		}
	}
}

const (
	noURLMsg  = "%q has no letter or digit to make a URL from"
	noURLHint = "give it at least one letter or digit"
)

// Ancestors returns a jurisdiction's parents, nearest first.
func (c *Config) Ancestors(name string) []string {
	var out []string
	seen := map[string]bool{name: true}
	for p, ok := c.Parents[name]; ok && !seen[p]; p, ok = c.Parents[p] {
		out = append(out, p)
		seen[p] = true
	}
	return out
}

// NetlifyBaseURL picks the base URL Netlify gives a build: URL for the
// production context, DEPLOY_PRIME_URL for deploy previews and branch
// deploys. It returns "" outside Netlify.
func NetlifyBaseURL(getenv func(string) string) string {
	if getenv("NETLIFY") != "true" {
		return ""
	}
	if getenv("CONTEXT") == "production" {
		return getenv("URL")
	}
	if u := getenv("DEPLOY_PRIME_URL"); u != "" {
		return u
	}
	return getenv("URL")
}
