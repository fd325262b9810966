package config

// The keys of site.toml, as one table that the schema package describes to
// editors (JSON Schema for Even Better TOML). A test holds it to the keys
// Parse knows, so that a key added to one is added to the other.

// KeyType is the kind of value a site.toml key holds.
type KeyType uint8

const (
	// KeyString is a string; Patterns, when set, constrain it.
	KeyString KeyType = iota + 1
	// KeyBool is true or false.
	KeyBool
	// KeyInt is a whole number of at least Min.
	KeyInt
	// KeyDate is a TOML date or a "YYYY-MM-DD" string.
	KeyDate
	// KeyDecimal is a number, or a string holding one, of at least zero
	// (above zero when Min is 1).
	KeyDecimal
	// KeyCurrency is an ISO 4217 code.
	KeyCurrency
	// KeyTable is a table of the Keys listed.
	KeyTable
	// KeyMap is a table whose keys the site chooses; Entry describes each
	// value and Chosen, when set, the keys.
	KeyMap
)

// Key describes one key of site.toml.
type Key struct {
	Name     string // the key within its table: "rates", not "currency.rates"
	Type     KeyType
	Doc      string
	Default  any   // what brief uses when the key is absent; nil when nothing
	Examples []any // valid values
	Required bool
	Patterns []string // KeyString: regular expressions the value matches, all of them
	Enum     []string // KeyString: the values allowed, when there is a list
	// Min is KeyInt's least value; for KeyString 1 means "not blank", for
	// KeyDecimal "above zero".
	Min    int
	Keys   []Key       // KeyTable: its keys
	Needs  [][2]string // KeyTable: {a, b} means a key a needs a key b beside it
	Entry  *Key        // KeyMap: each value
	Chosen *Key        // KeyMap: each key, when constrained
	// Names, for a KeyTable, allows keys that are language tags besides
	// Keys: a tag's or jurisdiction's name in that language.
	Names bool
	// Or is another form the value may take: a tag is a description, or a
	// table with its description and names.
	Or *Key
}

// LanguageKey is the form of a key that names a language in a table of
// [tags] or [jurisdictions] (zh-Hant = "香港"): a BCP 47 tag.
const LanguageKey = `^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$`

// Keys returns the top-level keys of site.toml.
func Keys() []Key { return siteKeys }

var siteKeys = []Key{
	{Name: "title", Type: KeyString, Default: "Briefings",
		Doc:      "The site's name, in the header, the title of every page and the feeds.",
		Examples: []any{"China & Hong Kong Web3 Policy Brief"}},
	{Name: "description", Type: KeyString,
		Doc: "One sentence for the home page lede, the footer and the feeds."},
	{Name: "baseURL", Type: KeyString, Default: "/",
		Patterns: []string{`^(?:/?|[hH][tT][tT][pP][sS]?://[^/?#]+.*)$`},
		Doc:      `The absolute URL the site is published at, or "/" for relative links only. --baseURL and Netlify's URL or DEPLOY_PRIME_URL override it.`,
		Examples: []any{"https://brief-example.netlify.app/"}},
	{Name: "language", Type: KeyString, Default: "en",
		Doc:      "The language of the pages (a BCP 47 tag for <html lang>).",
		Examples: []any{"en", "zh-Hant"}},
	{Name: "timezone", Type: KeyString, Default: "UTC",
		Doc:      `The IANA time zone in which a date without a time ("2023-05-29") starts.`,
		Examples: []any{"Asia/Hong_Kong", "UTC"}},
	{Name: "paginate", Type: KeyInt, Default: 10, Min: 1,
		Doc: "Briefings per list page."},
	{Name: "unsafeHTML", Type: KeyBool, Default: false,
		Doc: "Let raw HTML in Markdown through, sanitised (no scripts, event handlers or javascript: links)."},
	{Name: "minify", Type: KeyBool, Default: false,
		Doc: "Minify HTML, CSS, JS, SVG, XML and JSON, as --minify does."},
	{Name: "permalinks", Type: KeyTable,
		Doc: "URL patterns of the pages.",
		Keys: []Key{
			{Name: "briefings", Type: KeyString, Default: "/briefings/:slug/",
				Patterns: []string{`^/(?:(?::slug|:year|:month|:day|[^/:][^/]*)?/)*$`, `:slug`},
				Doc:      "The URL of a briefing: starts and ends with /, holds :slug, and may use :year, :month and :day.",
				Examples: []any{"/briefings/:slug/", "/:year/:month/:slug/"}},
		}},
	{Name: "jurisdictions", Type: KeyMap,
		Doc:    `The site's jurisdictions: when the table is there, briefings may name only these and their parents. Beijing = { parent = "China" } puts Beijing's briefings on the China page too; "Hong Kong" = {} declares one without a parent; zh-Hant = "香港" names it in a language of [languages], and zh-Hant = { name = "香港", description = "...", note = "..." } also describes it there.`,
		Chosen: &Key{Type: KeyString, Patterns: []string{letterOrDigit}},
		Entry: &Key{Type: KeyTable, Keys: []Key{
			{Name: "parent", Type: KeyString, Patterns: []string{letterOrDigit},
				Doc:      "The jurisdiction this one belongs to; leave it out for a top-level one.",
				Examples: []any{"China"}},
			{Name: "description", Type: KeyString,
				Doc:      "A sentence or two about the jurisdiction, shown on its page and used as the page's meta description.",
				Examples: []any{"Briefings on the mainland's central government and its regulators."}},
			{Name: "note", Type: KeyString,
				Doc:      "A short note shown beside the name on its page.",
				Examples: []any{"Special Administrative Region of China"}},
		}, Names: true}},
	{Name: "tags", Type: KeyMap,
		Doc:    `The site's tags, each with a description ("" for none), or a table with its description and its names in the site's languages ({ description = "...", zh-Hant = "穩定幣" }, or zh-Hant = { name = "穩定幣", description = "..." } to describe it in that language too): when the table is there, briefings may use only these tags.`,
		Chosen: &Key{Type: KeyString, Patterns: []string{letterOrDigit}},
		Entry: &Key{Type: KeyString,
			Doc:      "What the tag is about, shown on its page and used as the page's meta description.",
			Examples: []any{"Blockchain-based internet services and the policy around them."},
			Or: &Key{Type: KeyTable, Names: true, Keys: []Key{
				{Name: "description", Type: KeyString,
					Doc: "What the tag is about, shown on its page and used as the page's meta description."},
			}}}},
	{Name: "currency", Type: KeyTable,
		Doc:   "Conversion of funding figures into one reporting currency.",
		Needs: [][2]string{{"rates", "asOf"}},
		Keys: []Key{
			{Name: "report", Type: KeyCurrency, Default: "USD",
				Doc: "The currency totals and estimates are given in."},
			{Name: "asOf", Type: KeyDate,
				Doc:      "The date of the rates, shown with every estimate; required with rates.",
				Examples: []any{"2023-06-30"}},
			{Name: "source", Type: KeyString,
				Doc:      "Where the rates come from.",
				Examples: []any{"Approximate mid-market rates at 30 June 2023"}},
			{Name: "tolerance", Type: KeyDecimal, Default: 15,
				Doc: "How many percent a stated US dollar figure may differ from the computed one before brief warns."},
			{Name: "rates", Type: KeyMap, Chosen: &Key{Type: KeyCurrency},
				Doc:   "Units of the report currency per unit of each currency, e.g. CNY = 0.138.",
				Entry: &Key{Type: KeyDecimal, Min: 1, Examples: []any{0.138}}},
		}},
	{Name: "seo", Type: KeyTable,
		Doc: "How pages present themselves to search engines and to the sites they are shared on.",
		Keys: []Key{
			{Name: "image", Type: KeyString, Default: "/images/share.png", Patterns: []string{siteOrWebPath},
				Doc: "The share image of pages without one of their own: a path in the site or a full http(s) URL."},
			{Name: "imageAlt", Type: KeyString,
				Doc: "The share image's text alternative; the site title when left out."},
			{Name: "logo", Type: KeyString, Default: "/images/logo.png", Patterns: []string{siteOrWebPath},
				Doc: "The publisher's logo in structured data: a path in the site or a full http(s) URL."},
			{Name: "articleType", Type: KeyString, Default: "NewsArticle", Enum: ArticleTypes,
				Doc: "The schema.org type of a briefing in structured data."},
			{Name: "publisher", Type: KeyString,
				Doc: "The publishing organisation's name; the site title when left out."},
			{Name: "twitter", Type: KeyString,
				Doc:      "The site's account for twitter:site.",
				Examples: []any{"@briefdesk"}},
		}},
	{Name: "authors", Type: KeyMap,
		Doc: `The people and organisations named in briefings' authors, e.g. "Brief Desk" = { type = "Organization" }; a name not listed is a person.`,
		Entry: &Key{Type: KeyTable, Keys: []Key{
			{Name: "type", Type: KeyString, Default: "Person", Enum: []string{"Person", "Organization"},
				Doc: "Person or Organization, for structured data."},
			{Name: "url", Type: KeyString, Patterns: []string{`^[\t ]*(?:[hH][tT][tT][pP][sS]?://[^/?#\s]+.*)?$`},
				Doc: "A page about them: a full http(s) URL."},
		}}},
	{Name: "languages", Type: KeyMap,
		Doc:    `The languages the site is published in, each a table named by its BCP 47 tag ([languages.en], [languages.zh-Hant]); the first is the default, at the site's root, and every other one is under its lower-cased tag (/zh-hant/). A briefing's translation is a file named x.zh-Hant.md beside x.md, or one with the same translationKey.`,
		Chosen: &Key{Type: KeyString, Patterns: []string{`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`}},
		Entry: &Key{Type: KeyTable, Keys: []Key{
			{Name: "name", Type: KeyString, Required: true, Min: 1,
				Doc:      "The language's name in itself, for the language switcher.",
				Examples: []any{"English", "繁體中文"}},
			{Name: "title", Type: KeyString,
				Doc:      "The site's title in this language; the site's title when left out.",
				Examples: []any{"中國與香港 Web3 政策簡報"}},
			{Name: "description", Type: KeyString,
				Doc: "The site's description in this language; when left out, the edition has none (not the default language's), and its home page's meta description is a generated sentence."},
			{Name: "imageAlt", Type: KeyString,
				Doc: "What the site's share image ([seo] image) shows, in this language; the site's title in this language when left out."},
			{Name: "ratesSource", Type: KeyString,
				Doc:      "Where the exchange rates come from ([currency] source), in this language, for the edition's funding tracker; when left out, the edition names none (not the default language's).",
				Examples: []any{"2023年6月30日的約略中間市場匯率"}},
		}}},
}

// siteOrWebPath: empty, a path in the site, or a full http(s) URL.
const siteOrWebPath = `^[\t ]*(?:/.*|[hH][tT][tT][pP][sS]?://[^/?#\s]+.*)?$`

// letterOrDigit: a jurisdiction gets a page, and its URL needs a letter or
// digit of some script (as slug.Make keeps them).
const letterOrDigit = LetterOrDigit

// LetterOrDigit is what a name needs to make a URL from.
const LetterOrDigit = `[\p{L}\p{N}]`

// dottedKeys lists the tables and keys of keys, dotted ("currency.rates"),
// but not the names a KeyMap holds: what Parse knows as knownKeys.
func dottedKeys(prefix string, keys []Key) []string {
	var out []string
	for _, k := range keys {
		name := prefix + k.Name
		out = append(out, name)
		if k.Type == KeyTable {
			out = append(out, dottedKeys(name+".", k.Keys)...)
		}
	}
	return out
}
