// Package config reads site.toml into a typed Config with a default for
// every setting. Unknown keys are errors with a did-you-mean hint, because a
// typo in a config key otherwise silently does nothing.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"brief/internal/diag"
	"brief/internal/money"
	"brief/internal/slug"
	"brief/internal/sources"
	"brief/internal/syntaxhint"
	"brief/internal/tomlpos"
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
	Parents map[string]string
	// Jurisdictions holds every name [jurisdictions] declares (as written)
	// with its description and note; nil when site.toml has no such table
	// (or an empty one), and then briefings may name any jurisdiction. A name given only as a
	// parent is declared too (see Declared).
	Jurisdictions map[string]Term
	// Tags is the [tags] table, name -> its description; nil when site.toml
	// has none (or an empty one), and then briefings may use any tag.
	Tags     map[string]Term
	Currency Currency
	// SEO says how pages present themselves to search engines and to the
	// sites they are shared on.
	SEO SEO
	// Authors describes the people and organisations named in briefings'
	// authors: lists, by name; a name not listed is a person.
	Authors map[string]Author
	// Lines maps dotted keys ("currency.rates.CNY") to their line in site.toml.
	Lines map[string]int
	// Languages are the editions of [languages], the default first, in
	// the order written; nil when site.toml has no such table (one
	// language, Language, at the root).
	Languages []Language
	editions  map[string]*Config // see EditionConfig

	spellings map[string]map[string]string              // see indexSpellings
	local     map[string]map[string]map[string][]string // see indexLocalNames
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

// Term is what site.toml says about a tag or jurisdiction: a description
// for its page and meta description, and for a jurisdiction a short note
// shown beside its name ("Special Administrative Region of China").
type Term struct {
	Description string // in the site's default language
	Note        string // likewise
	// Names, Descriptions and Notes are what the term says in other
	// languages, by language tag as [languages] declares it: "Hong Kong" =
	// { zh-Hant = "香港" }, or { zh-Hant = { name = "香港", description =
	// "...", note = "..." } }.
	Names, Descriptions, Notes map[string]string
}

// Author is one [authors."Name"] entry.
type Author struct {
	Type string // "Person" (default) or "Organization"
	URL  string // a page about them, absolute
}

// ArticleTypes are the schema.org types a briefing can be published as.
var ArticleTypes = []string{"NewsArticle", "Report"}

// knownKeys lists every key that may appear, for did-you-mean hints.
var knownKeys = []string{
	"title", "description", "baseURL", "language", "timezone", "paginate",
	"unsafeHTML", "minify", "permalinks", "jurisdictions", "currency",
	"permalinks.briefings", "currency.report", "currency.asOf", "currency.source",
	"currency.tolerance", "currency.rates", "seo", "seo.image", "seo.imageAlt", "seo.logo",
	"seo.articleType", "seo.publisher", "seo.twitter", "authors", "tags", "languages",
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
//
// The file is decoded into plain values first and each key is then checked
// on its own, so that one wrong type does not hide the next problem, and
// every problem names its key and line. A setting with an error keeps its
// default.
func Parse(src []byte) (*Config, diag.List) {
	cfg := Default()
	if len(src) == 0 {
		return cfg, nil
	}
	cfg.Lines = tomlpos.Parse(src).Lines()
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, diag.List{diag.Errorf(File, pe.Position.Line, pe.LastKey, syntaxhint.TOML(pe.Message), "%s", pe.Message)}
		}
		return cfg, diag.List{diag.Errorf(File, 0, "", syntaxhint.TOML(err.Error()), "%v", err)}
	}
	d := &decoder{lines: cfg.Lines}
	d.controls("", m)
	cfg.apply(d, m)
	cfg.checkParentCycles(&d.ds)
	_, langSet := m["language"]
	cfg.checkLanguage(d, langSet)
	cfg.checkTermNames(d)
	// An empty table declares nothing: a closed list of no names would
	// refuse every name, which no site means.
	if len(cfg.Jurisdictions) == 0 {
		cfg.Jurisdictions = nil
	}
	if len(cfg.Tags) == 0 {
		cfg.Tags = nil
	}
	cfg.indexSpellings()
	cfg.indexLocalNames()
	return cfg, d.ds
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

func (c *Config) apply(d *decoder, m map[string]any) {
	for _, key := range slices.Sorted(maps.Keys(m)) {
		v := m[key]
		switch key {
		case "title":
			d.setString(&c.Title, key, v)
		case "description":
			d.setString(&c.Description, key, v)
		case "language":
			d.setString(&c.Language, key, v)
		case "baseURL":
			if s, ok := d.str(key, v, `"https://example.org/"`); ok {
				if i := strings.IndexAny(s, "?#"); i >= 0 {
					// Each page's URL is the base and a path: the
					// query or fragment would be dropped.
					d.errorf(key, fmt.Sprintf("write %q", s[:i]), "base URL %q has a query or #fragment, which no page URL can keep", s)
				} else if err := c.SetBaseURL(s); err != nil {
					d.errorf(key, `write a full URL such as "https://example.org/"`, "%v", err)
				}
			}
		case "timezone":
			if s, ok := d.str(key, v, `"Asia/Hong_Kong"`); ok {
				loc, err := time.LoadLocation(s)
				if err != nil || s == "" || strings.EqualFold(s, "local") {
					d.errorf(key, `use an IANA name such as "Asia/Hong_Kong" or "UTC"`, "unknown time zone %q", s)
				} else {
					c.Timezone, c.Location = s, loc
				}
			}
		case "paginate":
			if n, ok := d.integer(key, v, "10"); ok {
				if n < 1 {
					d.errorf(key, "use a number such as 10", "must be at least 1, got %d", n)
				} else {
					c.Paginate = int(n)
				}
			}
		case "unsafeHTML":
			d.setBool(&c.UnsafeHTML, key, v)
		case "minify":
			d.setBool(&c.Minify, key, v)
		case "permalinks":
			c.applyPermalinks(d, v)
		case "jurisdictions":
			c.applyJurisdictions(d, v)
		case "currency":
			c.applyCurrency(d, v)
		case "seo":
			c.applySEO(d, v)
		case "authors":
			c.applyAuthors(d, v)
		case "tags":
			c.applyTags(d, v)
		case "languages":
			c.applyLanguages(d, v)
		default:
			d.unknown(key)
		}
	}
}

func (c *Config) applyPermalinks(d *decoder, v any) {
	t, ok := d.table("permalinks", v, `write [permalinks] and, under it, briefings = "/briefings/:slug/"`)
	if !ok {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		key := "permalinks." + k
		if k != "briefings" {
			d.errorf(key, `only "briefings" can be set`, "unknown permalink kind")
			continue
		}
		p, ok := d.str(key, t[k], `"/briefings/:year/:slug/"`)
		if !ok {
			continue
		}
		if err := checkPermalink(p); err != nil {
			d.errorf(key, `write a path such as "/briefings/:year/:slug/"`, "%v", err)
			continue
		}
		c.Permalinks.Briefings = p
	}
}

// jurisdictionKeys are the settings of one [jurisdictions] entry.
var jurisdictionKeys = []string{"parent", "description", "note"}

const jurisdictionExample = `{ parent = "China", description = "..." }`

func (c *Config) applyJurisdictions(d *decoder, v any) {
	t, ok := d.table("jurisdictions", v, `write [jurisdictions] and, under it, Beijing = { parent = "China" } or "Hong Kong" = {}`)
	if !ok {
		return
	}
	c.Jurisdictions = map[string]Term{}
	spelled := map[string]string{} // lower case -> the first spelling, in sorted order
	for _, name := range slices.Sorted(maps.Keys(t)) {
		field := "jurisdictions." + name
		entry, ok := d.table(field, t[name], fmt.Sprintf(`write %s = { parent = "China" }, or %s = {} for one without a parent`, quoteKey(name), quoteKey(name)))
		if !ok {
			continue
		}
		var parent string
		var info Term
		for _, k := range slices.Sorted(maps.Keys(entry)) {
			key := field + "." + k
			switch k {
			case "parent":
				if s, ok := d.str(key, entry[k], `"China"`); ok {
					if parent = strings.TrimSpace(s); parent == "" {
						d.errorf(key, `write { parent = "China" }, or {} for a jurisdiction without a parent`, "must not be empty")
					}
				}
			case "description":
				d.setString(&info.Description, key, entry[k])
			case "note":
				d.setString(&info.Note, key, entry[k])
			default:
				if setTermName(d, &info, key, k, entry[k], jurisdictionTexts) {
					continue
				}
				hint := diag.DidYouMean(k, jurisdictionKeys)
				if hint == "" {
					hint = "a jurisdiction has parent, description and note, e.g. " + jurisdictionExample
				}
				d.errorf(key, hint, "unknown key")
			}
		}
		// Briefings match jurisdictions as slug.Key does, so two entries
		// would give one jurisdiction two parents.
		name, ok = c.newName(d, "jurisdictions", name, spelled)
		if !ok {
			continue
		}
		c.Jurisdictions[name] = info
		if parent == "" {
			continue // a top-level jurisdiction
		}
		if slug.Make(parent) == "" {
			d.errorf(field+".parent", noURLHint, noURLMsg, parent)
			continue
		}
		c.Parents[name] = parent
	}
}

// newName checks a name declared in a table of names: it must not be one
// already declared (slug.Key makes names one), and it gets a page, so it
// needs something to make a URL from. It returns the name trimmed.
func (c *Config) newName(d *decoder, table, name string, spelled map[string]string) (string, bool) {
	field := table + "." + name
	name = strings.TrimSpace(name)
	key := slug.Key(name)
	if first, ok := spelled[key]; ok {
		d.errorf(field, "keep one entry: names that differ only in case, width, spaces or hyphens are one",
			"%q is already set as %q on line %d", name, first, c.Lines[table+"."+first])
		return "", false
	}
	spelled[key] = name
	if slug.Make(name) == "" {
		d.errorf(field, noURLHint, noURLMsg, name)
		return "", false
	}
	return name, true
}

// applyTags reads [tags]: each tag the site uses, with its description
// ("" when it has none).
func (c *Config) applyTags(d *decoder, v any) {
	t, ok := d.table("tags", v, `write [tags] and, under it, Web3 = "Blockchain-based internet services"`)
	if !ok {
		return
	}
	c.Tags = map[string]Term{}
	spelled := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(t)) {
		field := "tags." + name
		var info Term
		if entry, ok := t[name].(map[string]any); ok {
			// Web3 = { description = "...", zh-Hant = "..." }
			for _, k := range slices.Sorted(maps.Keys(entry)) {
				key := field + "." + k
				switch {
				case k == "description":
					if s, ok := d.str(key, entry[k], `"What the tag is about"`); ok {
						info.Description = strings.TrimSpace(s)
					}
				case setTermName(d, &info, key, k, entry[k], tagTexts):
				default:
					d.errorf(key, cmp.Or(diag.DidYouMean(k, []string{"description"}), `a tag has a description and its names in other languages, e.g. { description = "...", zh-Hant = "..." }`), "unknown key")
				}
			}
		} else if s, ok := d.str(field, t[name], `"What the tag is about", or "" for none`); ok {
			info.Description = strings.TrimSpace(s)
		} else {
			continue
		}
		if name, ok = c.newName(d, "tags", name, spelled); ok {
			c.Tags[name] = info
		}
	}
}

func (c *Config) applyCurrency(d *decoder, v any) {
	t, ok := d.table("currency", v, `write [currency] and, under it, report = "USD"`)
	if !ok {
		return
	}
	cur := &c.Currency
	for _, k := range slices.Sorted(maps.Keys(t)) {
		key, v := "currency."+k, t[k]
		switch k {
		case "report":
			if s, ok := d.str(key, v, `"USD"`); ok {
				if _, known := money.Lookup(s); !known {
					d.errorf(key, cmp.Or(diag.DidYouMean(s, money.Codes()), `use an ISO 4217 code such as "USD"`), "unknown currency %q", s)
				} else {
					cur.Rates.Report = s
				}
			}
		case "source":
			if s, ok := d.str(key, v, `"Approximate mid-market rates"`); ok {
				cur.Rates.Source = strings.TrimSpace(s)
			}
		case "asOf":
			var t time.Time
			switch x := v.(type) {
			case time.Time:
				t = x
			case string:
				var err error
				if t, err = time.Parse("2006-01-02", x); err != nil {
					d.errorf(key, "write a date such as 2023-06-30", "invalid date %q", x)
					continue
				}
			default:
				d.errorf(key, "write a date such as 2023-06-30", "want a date, got %s", typeName(v))
				continue
			}
			// The years a briefing may be dated: "0000" is a typo.
			if y := t.Year(); y < 1900 || y > 2100 {
				d.errorf(key, "check the year", "year %d is outside 1900 to 2100", y)
				continue
			}
			cur.Rates.AsOf = t.Format("2006-01-02")
		case "tolerance":
			if n, err := decimalOf(v); err != nil || n.Sign() < 0 {
				d.errorf(key, "write a percentage such as 15", "invalid tolerance %v", v)
			} else {
				cur.Tolerance = n
			}
		case "rates":
			rates, ok := d.table(key, v, "write [currency.rates] and, under it, CNY = 0.138")
			if !ok {
				continue
			}
			for _, code := range slices.Sorted(maps.Keys(rates)) {
				field := "currency.rates." + code
				if _, known := money.Lookup(code); !known {
					d.errorf(field, cmp.Or(diag.DidYouMean(code, money.Codes()), `use an ISO 4217 code such as "CNY"`), "unknown currency %q", code)
					continue
				}
				n, err := decimalOf(rates[code])
				if err != nil || n.Sign() <= 0 {
					d.errorf(field, "write units of the report currency per one unit, e.g. 0.14", "invalid rate %v", rates[code])
					continue
				}
				cur.Rates.PerUnit[code] = n
			}
		default:
			d.unknown(key)
		}
	}
	if _, given := t["asOf"]; len(cur.Rates.PerUnit) > 0 && !given {
		d.ds = append(d.ds, diag.Errorf(File, c.Lines["currency"], "currency.asOf", "add asOf = 2023-06-30 so readers know how old the rates are", "rates are given without a date"))
	}
}

func (c *Config) applySEO(d *decoder, v any) {
	t, ok := d.table("seo", v, `write [seo] and, under it, image = "/images/share.png"`)
	if !ok {
		return
	}
	s := &c.SEO
	fields := map[string]*string{"image": &s.Image, "imageAlt": &s.ImageAlt, "logo": &s.Logo,
		"articleType": &s.ArticleType, "publisher": &s.Publisher, "twitter": &s.Twitter}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		key := "seo." + k
		dst, known := fields[k]
		if !known {
			d.unknown(key)
			continue
		}
		d.setString(dst, key, t[k])
		switch k {
		case "image", "logo":
			if *dst != "" && !strings.HasPrefix(*dst, "/") && !isHTTPURL(*dst) {
				d.errorf(key, `write a path in the site such as "/images/share.png", or a full https:// URL`, "invalid image %q", *dst)
			}
		case "articleType":
			if !slices.Contains(ArticleTypes, *dst) {
				d.errorf(key, cmp.Or(diag.DidYouMean(*dst, ArticleTypes), `use "NewsArticle" or "Report"`), "unknown article type %q", *dst)
				*dst = "NewsArticle"
			}
		case "twitter":
			if *dst != "" && !strings.HasPrefix(*dst, "@") {
				*dst = "@" + *dst
			}
		}
	}
}

func (c *Config) applyAuthors(d *decoder, v any) {
	t, ok := d.table("authors", v, `write [authors] and, under it, "Brief Desk" = { type = "Organization" }`)
	if !ok {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(t)) {
		field := "authors." + name
		entry, ok := d.table(field, t[name], fmt.Sprintf(`write %s = { type = "Person", url = "https://..." }`, quoteKey(name)))
		if !ok {
			continue
		}
		a := Author{Type: "Person"}
		for _, k := range slices.Sorted(maps.Keys(entry)) {
			key := field + "." + k
			switch k {
			case "type":
				var typ string
				d.setString(&typ, key, entry[k])
				switch typ {
				case "", "Person":
				case "Organization":
					a.Type = typ
				default:
					d.errorf(key, `write "Person" or "Organization"`, "unknown author type %q", typ)
				}
			case "url":
				d.setString(&a.URL, key, entry[k])
				if a.URL != "" && !isHTTPURL(a.URL) {
					d.errorf(key, `write a full URL such as "https://example.org/about/"`, "invalid URL %q", a.URL)
					a.URL = ""
				}
			default:
				d.errorf(key, `an author has type and url, e.g. { type = "Organization", url = "https://..." }`, "unknown key")
			}
		}
		c.Authors[strings.TrimSpace(name)] = a
	}
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
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
		switch {
		case seg == "":
			return fmt.Errorf("permalink %q has an empty segment", p)
		case seg == "." || seg == "..":
			return fmt.Errorf("permalink %q has a %q segment, which would put pages outside their folder", p, seg)
		case strings.HasPrefix(seg, ":"):
			switch seg {
			case ":slug", ":year", ":month", ":day":
			default:
				return fmt.Errorf("unknown token %q in permalink (use :slug, :year, :month, :day)", seg)
			}
		}
		if i := strings.IndexFunc(seg, func(r rune) bool {
			return strings.ContainsRune(`\?#%`, r) || unicode.IsSpace(r) || unicode.IsControl(r)
		}); i >= 0 {
			r, _ := utf8.DecodeRuneInString(seg[i:])
			return fmt.Errorf("permalink %q contains %q, which is not allowed in a URL path", p, r)
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

// Vocabularies returns, for each taxonomy whose names site.toml declares, the
// declared names, sorted: "jurisdictions" holds every name in [jurisdictions]
// and every parent, "tags" every name in [tags]. A declared list is closed:
// the build refuses names outside it. Editors' tools offer them as the
// allowed values of the front matter fields of that vocabulary
// (content.Field.Vocabulary). A taxonomy the site does not declare is absent.
func (c *Config) Vocabularies() map[string][]string {
	out := map[string][]string{}
	for vocabulary, names := range c.spellings {
		out[vocabulary] = slices.Sorted(maps.Values(names))
	}
	return out
}

// The names of the vocabularies (content.Field.Vocabulary).
const (
	JurisdictionsVocabulary = "jurisdictions"
	TagsVocabulary          = "tags"
)

// Declared returns how site.toml spells a jurisdiction or tag (vocabulary
// is JurisdictionsVocabulary or TagsVocabulary), matched without regard to
// case, width, spaces or hyphens (slug.Key), and what it says about it; ok is false when the name is not
// declared. A jurisdiction named only as a parent is declared, with nothing
// said about it.
func (c *Config) Declared(vocabulary, name string) (spelling string, info Term, ok bool) {
	spelling, ok = c.spellings[vocabulary][slug.Key(name)]
	if !ok {
		return "", Term{}, false
	}
	return spelling, c.terms(vocabulary)[spelling], true
}

// terms are the declared entries of a vocabulary ([jurisdictions] or
// [tags]); nil when site.toml has no such table.
func (c *Config) terms(vocabulary string) map[string]Term {
	if vocabulary == JurisdictionsVocabulary {
		return c.Jurisdictions
	}
	return c.Tags
}

// Closed reports whether site.toml declares the names a vocabulary may use
// ([jurisdictions], [tags]).
func (c *Config) Closed(vocabulary string) bool {
	_, ok := c.spellings[vocabulary]
	return ok
}

// indexSpellings makes the index Declared reads: for each declared
// vocabulary, slug.Key of a name -> the name as declared. An entry's own
// spelling wins over a parent's.
func (c *Config) indexSpellings() {
	c.spellings = map[string]map[string]string{}
	if c.Jurisdictions != nil {
		m := map[string]string{}
		for _, child := range slices.Sorted(maps.Keys(c.Parents)) {
			m[slug.Key(c.Parents[child])] = c.Parents[child]
		}
		for name := range c.Jurisdictions {
			m[slug.Key(name)] = name
		}
		c.spellings[JurisdictionsVocabulary] = m
	}
	if c.Tags != nil {
		m := map[string]string{}
		for name := range c.Tags {
			m[slug.Key(name)] = name
		}
		c.spellings[TagsVocabulary] = m
	}
}
