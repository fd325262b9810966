package content

// The front matter a briefing may carry, as one table. The parser decodes each
// key by its Type and the schema package describes the same table to editors
// (JSON Schema, CMS forms), so the two cannot drift apart: a new field, type,
// required flag or limit belongs here, not in a check elsewhere.

// Type is the kind of value a front matter field holds.
type Type uint8

const (
	// Text is a string that must not be empty or only white space.
	Text Type = iota + 1
	// String is a string that may be empty.
	String
	// Date is YYYY-MM-DD (midnight in the site's zone) or RFC 3339 with an offset.
	Date
	// Names is one string or a list of them, none empty.
	Names
	// Terms are Names that each get a page (tags, jurisdictions): every one
	// needs a letter or digit to make its URL from.
	Terms
	// Bool is true or false, never yes/no.
	Bool
	// Slug is one URL segment.
	Slug
	// Paths is one path on the site or a list of them, each starting with one
	// "/" and free of what Netlify's _redirects reads as syntax.
	Paths
	// URL is an absolute http or https URL.
	URL
	// Amount is a non-negative number, or a string such as "100m" or "1.2bn".
	Amount
	// Currency is an ISO 4217 code in upper case.
	Currency
	// Picture is an image file beside the briefing, a path in static/
	// ("/img/x.png") or an http(s) URL.
	Picture
	// List is a list of maps, each with the keys in Fields.
	List
	// Year is a whole year from 1900 to 2100, e.g. 2025.
	Year

	typeEnd // keep last: Types lists the types before it
)

// Types returns every Type, so that tools that write something for each
// (schemas, forms) can be tested for all of them, a new one included.
func Types() []Type {
	out := make([]Type, 0, typeEnd-Text)
	for t := Text; t < typeEnd; t++ {
		out = append(out, t)
	}
	return out
}

// Field describes one front matter key.
type Field struct {
	Name     string
	Type     Type
	Required bool
	// Doc says what the field is for, in one or two sentences for editors.
	Doc string
	// Examples are valid values, as a JSON or YAML decoder gives them.
	Examples []any
	// Vocabulary names the site's list of allowed values, when it declares
	// one: "jurisdictions" or "tags" (see config.Config.Vocabularies).
	Vocabulary string
	// Paragraph marks text that runs to sentences rather than a line.
	Paragraph bool
	// Enum lists the values a String may take, when there is a list.
	Enum []string
	// Fields are the keys of each item of a List.
	Fields []Field
	// With names a field that must hold a value when this one does (and
	// only then: the two come together or not at all).
	With string
	// MaxItems caps a list (of Names, Terms, Paths or a List); MaxChars a
	// text, or each text of a list, in characters. What one briefing may
	// hold is bounded: each tag gets a page and a feed, and 5,000 of them
	// made a gigabyte of output.
	MaxItems, MaxChars int

	placeholder string   // the value in a "required field is missing" hint
	emptyHint   string   // Text: how to fix an empty value
	listWant    string   // List: what "want ..." names when the value is not a list
	itemWant    string   // List: the same for an item that is not a map
	itemHint    string   // List: how to fix such an item
	itemExample []string // List: keys and values of an item, for hints
	set         func(b *Briefing, v value)
	// itemNames names, for i < MaxItems, a List's item i ("funding[2]") at
	// [i][0] and its field j ("funding[2].amount") at [i][1+j]: made once,
	// as every item of every file passes them to the checks of its values.
	itemNames [][]string
}

func init() {
	for i := range briefingFields {
		f := &briefingFields[i]
		if f.Type != List {
			continue
		}
		f.itemNames = make([][]string, f.MaxItems)
		for n := range f.itemNames {
			item := itemField(f.Name, n)
			names := []string{item}
			for _, sf := range f.Fields {
				names = append(names, item+"."+sf.Name)
			}
			f.itemNames[n] = names
		}
	}
}

// itemName names item i of the List f, read as the field name.
func (f *Field) itemName(name string, i int) string {
	if name == f.Name && i < len(f.itemNames) {
		return f.itemNames[i][0]
	}
	return itemField(name, i)
}

// subName names the field Fields[j] of item i of the List f, read as the
// field name, whose name is item.
func (f *Field) subName(name string, i, j int, item string) string {
	if name == f.Name && i < len(f.itemNames) {
		return f.itemNames[i][1+j]
	}
	return item + "." + f.Fields[j].Name
}

// Fields returns the front matter keys a briefing may set, in the order
// editors usually write them.
func Fields() []Field { return briefingFields }

var fundingFields = []Field{
	{Name: "amount", Type: Amount, Required: true, placeholder: `"100m"`,
		Doc:      `The amount in the item's currency: a number, or text with a scale word such as "100m", "1.2bn", "100 million", "2,500,000" or "3亿".`,
		Examples: []any{"100m", 100000000, "1.2bn"}},
	{Name: "currency", Type: Currency, Required: true, placeholder: `"CNY"`,
		Doc:      "The ISO 4217 code of the amount's currency, in upper case.",
		Examples: []any{"CNY", "HKD"}},
	{Name: "usd", Type: Amount,
		Doc:      "The US dollar figure the source states, if it states one; same forms as amount.",
		Examples: []any{"14m"}},
	{Name: "purpose", Type: String, MaxChars: 500,
		Doc:      "What the money is for.",
		Examples: []any{"Annual Web3 innovation fund, 2023-2025"}},
	{Name: "jurisdiction", Type: Text, MaxChars: 100, Vocabulary: "jurisdictions",
		Doc:      "The one jurisdiction the money is for: one of the briefing's jurisdictions, or a parent or child of one. Without it the item counts in the briefing's jurisdiction, and a briefing with several must say which for each item.",
		Examples: []any{"Shenzhen"}},
	{Name: "date", Type: Date,
		Doc:      "When the money was committed or announced, in the same forms as the briefing's date; the briefing's date when left out. Year totals count the item in this year.",
		Examples: []any{"2024-02-07"}},
	{Name: "per", Type: String, Enum: []string{"year"},
		Doc:      `"year" for an amount given each year from one year to another: the item counts once in each of those years, and its total is the sum.`,
		Examples: []any{"year"}},
	{Name: "from", Type: Year,
		Doc:      "The first year of a yearly amount (per: year); the year of the item's date when left out.",
		Examples: []any{2023}},
	{Name: "to", Type: Year,
		Doc:      "The last year of a yearly amount (per: year).",
		Examples: []any{2025}},
}

var sourceFields = []Field{
	{Name: "title", Type: String, MaxChars: 300,
		Doc:      "The source's name; the link's host name when left out.",
		Examples: []any{"Beijing Municipal Science and Technology Commission"}},
	{Name: "url", Type: URL, MaxChars: 2000, Required: true, placeholder: `"https://..."`,
		Doc:      "The absolute http(s) address of the source.",
		Examples: []any{"https://kw.beijing.gov.cn/"}},
}

var briefingFields = []Field{
	{Name: "title", Type: Text, MaxChars: 300, Required: true, placeholder: `"..."`,
		Doc:      "The headline.",
		Examples: []any{"Beijing pledges CNY 100m a year to become a Web3 hub"},
		set:      func(b *Briefing, v value) { b.Title = v.str }},
	{Name: "date", Type: Date, Required: true, placeholder: "2023-05-29",
		Doc:      "When the briefing was published: YYYY-MM-DD (midnight in the site's time zone) or RFC 3339 with an offset. Briefings dated in the future stay out of the site until then.",
		Examples: []any{"2023-05-29", "2023-05-29T10:00:00+08:00"},
		set:      func(b *Briefing, v value) { b.Date = v.time }},
	{Name: "updated", Type: Date,
		Doc:      "When the briefing was last revised; same forms as date, and not before it.",
		Examples: []any{"2023-06-02"},
		set:      func(b *Briefing, v value) { b.Updated = v.time }},
	{Name: "jurisdiction", Type: Terms, MaxItems: 20, MaxChars: 100, Vocabulary: "jurisdictions",
		Doc:      "The jurisdiction the briefing is about, or a list of them; parents come from site.toml, and when it has [jurisdictions], only the names declared there (and their parents) may be used.",
		Examples: []any{"Hong Kong", []any{"Beijing", "China"}},
		set: func(b *Briefing, v value) {
			b.Jurisdictions, b.JurisdictionLines = dedupeLines(v.list, v.lines, false)
		}},
	{Name: "tags", Type: Terms, MaxItems: 50, MaxChars: 100, Vocabulary: "tags",
		Doc:      "Topics, matched without regard to case, width, spaces or hyphens; a single string is one tag. When site.toml has [tags], only the tags declared there may be used.",
		Examples: []any{[]any{"Web3", "white paper", "funding"}},
		set:      func(b *Briefing, v value) { b.Tags, b.TagLines = dedupeLines(v.list, v.lines, true) }},
	{Name: "summary", Type: String, MaxChars: 1000, Paragraph: true,
		Doc:      "One or two sentences of plain text for lists, feeds, search and the meta description.",
		Examples: []any{"Beijing's white paper sets out an annual fund for Web3 start-ups."},
		set:      func(b *Briefing, v value) { b.Summary = v.str }},
	{Name: "image", Type: Picture, With: "imageAlt",
		Doc:      "The briefing's picture for cards and link previews: a file beside the briefing, a path in static/ (/img/x.png) or an http(s) URL.",
		Examples: []any{"chart.png", "/img/beijing.jpg"},
		set:      func(b *Briefing, v value) { b.Image = v.str }},
	{Name: "imageAlt", Type: Text, With: "image",
		emptyHint: `describe the picture, or write imageAlt: ` + Decorative + ` when it is only decoration`,
		Doc:       `What the picture shows, for readers who cannot see it; "` + Decorative + `" when it is only decoration.`,
		Examples:  []any{"Bar chart of Web3 funding by city, 2021 to 2023", Decorative},
		set:       func(b *Briefing, v value) { b.ImageAlt = v.str }},
	{Name: "funding", Type: List, MaxItems: 50, Fields: fundingFields,
		listWant:    "a list of funding items",
		itemWant:    "a map with amount and currency",
		itemHint:    "give each item an amount and a currency",
		itemExample: []string{"amount", `"100m"`, "currency", `"CNY"`},
		Doc:         "Funding figures the briefing reports, each an amount in a currency.",
		Examples:    []any{[]any{map[string]any{"amount": "100m", "currency": "CNY", "usd": "14m", "purpose": "Annual Web3 innovation fund"}}},
		set:         setFunding},
	{Name: "sources", Type: List, MaxItems: 50, Fields: sourceFields,
		listWant:    "a list of sources",
		itemWant:    "a map with title and url",
		itemHint:    "give each source a url and, if you like, a title",
		itemExample: []string{"title", `"SFC"`, "url", `"https://www.sfc.hk/"`},
		Doc:         "The documents the briefing is based on.",
		Examples:    []any{[]any{map[string]any{"title": "HKMA", "url": "https://www.hkma.gov.hk/"}}},
		set:         setSources},
	{Name: "authors", Type: Names, MaxItems: 20, MaxChars: 100,
		Doc:      "Who wrote it: a name or a list of names.",
		Examples: []any{[]any{"Brief Desk"}},
		set:      func(b *Briefing, v value) { b.Authors = dedupe(v.list, false) }},
	{Name: "slug", Type: Slug, MaxChars: 100,
		Doc:      "The briefing's URL segment; by default the file name (hk-vatp.md gives /briefings/hk-vatp/).",
		Examples: []any{"hk-vatp"},
		set:      func(b *Briefing, v value) { b.Slug = v.str }},
	{Name: "aliases", Type: Paths, MaxItems: 20, MaxChars: 300,
		Doc:      "Old URL paths that redirect here (a real 301 on Netlify).",
		Examples: []any{[]any{"/2023/old-name/"}},
		set:      func(b *Briefing, v value) { b.Aliases = v.aliases }},
	{Name: "draft", Type: Bool,
		Doc:      "true keeps the briefing out of the site unless brief runs with --drafts.",
		Examples: []any{true},
		set:      func(b *Briefing, v value) { b.Draft = v.flag }},
	{Name: "translationKey", Type: Text, MaxChars: 200,
		Doc:      "Links translations whose file names differ: briefings of different languages with the same key are one briefing's editions. By default the key is the file name without its language (x.zh-Hant.md translates x.md).",
		Examples: []any{"beijing-web3-white-paper"},
		set:      func(b *Briefing, v value) { b.TranslationKey = v.str }},
}

// setFunding keeps every item, valid or not, so that indexes in messages
// match the file.
func setFunding(b *Briefing, v value) {
	if v.items == nil {
		return
	}
	b.Funding = make([]Funding, 0, len(v.items))
	for _, it := range v.items {
		f := Funding{
			Line:       it.line,
			Amount:     it.get("amount").amount,
			AmountText: it.get("amount").str,
			Currency:   it.get("currency").str,
			Purpose:    it.get("purpose").str,
		}
		if usd := it.get("usd"); usd.ok {
			d := usd.amount
			f.USD, f.USDText = &d, usd.str
		}
		if j := it.get("jurisdiction"); j.ok {
			f.Jurisdiction, f.JurisdictionLine = j.str, it.lineOf("jurisdiction")
		}
		if d := it.get("date"); d.ok {
			f.Date = d.time
		}
		if per := it.get("per"); per.ok {
			f.Per, f.From, f.To = per.str, it.get("from").year, it.get("to").year
		}
		b.Funding = append(b.Funding, f)
	}
}

// setSources keeps the sources with a valid URL; one without a title is
// titled with its host name.
func setSources(b *Briefing, v value) {
	if v.items == nil {
		return
	}
	b.Sources = make([]Source, 0, len(v.items))
	for _, it := range v.items {
		u := it.get("url")
		if !u.ok {
			continue
		}
		src := Source{Title: it.get("title").str, URL: u.str}
		if src.Title == "" {
			src.Title = u.host
		}
		b.Sources = append(b.Sources, src)
	}
}
