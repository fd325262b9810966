package build

import (
	"strconv"
	"time"

	"github.com/cespare/xxhash/v2"

	"brief/internal/alternates"
	"brief/internal/assets"
	"brief/internal/content"
	"brief/internal/feeds"
	"brief/internal/funding"
	"brief/internal/images"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/site"
)

// Every fingerprint the build keeps is made in this file. A fingerprint
// covers everything an output or a cached artefact is made from, so that
// equal fingerprints mean equal bytes. Site-wide outputs (data files,
// archive, tracker, sitemap) depend on the model as a whole (model.key);
// bodies, cards, briefing pages, list pages and feeds, which are many and
// each read little, get fingerprints of their own inputs (ownBase,
// pageKey, feedBase). TestFingerprintsCoverEveryField checks
// that each field of the briefing types is hashed here or exempt.

// hashSeed starts every fingerprint. Fingerprints are the same in every
// process (xxHash, unlike hash/maphash, has no per-process key), so that a
// build cache (cache.go) can compare them with a later process's; a change
// of what a fingerprint covers needs a new seed, which makes every cached
// fingerprint stale.
type hashSeed uint64

// fingerprintSeed is the seed of this version of the fingerprints.
const fingerprintSeed hashSeed = 0xb71ef_0001

// hasher builds fingerprints.
type hasher struct{ h xxhash.Digest }

func newHasher(seed hashSeed) *hasher {
	x := &hasher{}
	x.h.ResetWithSeed(uint64(seed))
	return x
}

func (x *hasher) str(ss ...string) *hasher {
	for _, s := range ss {
		x.h.WriteString(s)
		x.h.Write(zero[:])
	}
	return x
}

func (x *hasher) num(ns ...uint64) *hasher {
	for _, n := range ns {
		var b [8]byte
		for i := range b {
			b[i] = byte(n >> (8 * i))
		}
		x.h.Write(b[:])
	}
	return x
}

func (x *hasher) int(ns ...int) *hasher {
	for _, n := range ns {
		x.num(uint64(n))
	}
	return x
}

func (x *hasher) time(t time.Time) *hasher {
	if t.IsZero() {
		return x.str("")
	}
	return x.str(t.Format(time.RFC3339Nano))
}

// instant covers a time as the time helpers read it, its instant and its
// offset, without formatting it (for the many pages of pageKey).
func (x *hasher) instant(t time.Time) *hasher {
	_, offset := t.Zone()
	return x.num(uint64(t.UnixNano())).int(offset)
}

func (x *hasher) bytes(b []byte) *hasher {
	x.h.Write(b)
	x.h.Write(zero[:])
	return x
}

func (x *hasher) bool(b bool) *hasher { return x.str(strconv.FormatBool(b)) }

func (x *hasher) sum() uint64 { return x.h.Sum64() }

var zero [1]byte

// sourceHash covers a source file as read: its bytes and the time zone
// that date-only values are read in.
func sourceHash(seed hashSeed, src []byte, zone string) uint64 {
	return newHasher(seed).str(zone).bytes(src).sum()
}

// frontMatter covers everything a parse gives but the body: what the model
// is made from. The body is exempt: its rendered form is fingerprinted on
// its own (bodyHash), and the model never holds it.
func frontMatter(seed hashSeed, b *content.Briefing) uint64 {
	h := newHasher(seed).str(b.Path, b.Title, b.Summary, b.Slug, b.Image, b.ImageAlt, b.TranslationKey).time(b.Date).time(b.Updated).bool(b.Draft).int(b.BodyLine)
	h.int(len(b.Jurisdictions)).str(b.Jurisdictions...).int(b.JurisdictionLines...)
	h.int(len(b.Tags)).str(b.Tags...).int(b.TagLines...)
	h.int(len(b.Authors)).str(b.Authors...)
	h.int(len(b.Funding))
	for _, f := range b.Funding {
		h.str(f.Amount.String(), f.AmountText, f.Currency, f.USDText, f.Purpose).int(f.Line).bool(f.USD != nil)
		h.str(f.Jurisdiction, f.Per).int(f.JurisdictionLine, f.From, f.To).time(f.Date)
		if f.USD != nil {
			h.str(f.USD.String())
		}
	}
	h.int(len(b.Aliases))
	for _, a := range b.Aliases {
		h.str(a.Path, a.Field).int(a.Line)
	}
	h.int(len(b.Sources))
	for _, s := range b.Sources {
		h.str(s.Title, s.URL)
	}
	h.int(len(b.Lines))
	for f, l := range b.Lines.All() {
		h.str(f).int(l)
	}
	return h.sum()
}

// sourceEntry is one file's share of the model's key: its path, front
// matter, and whether it is in the model at all (no errors).
func sourceEntry(seed hashSeed, path string, front uint64, ok bool) uint64 {
	return newHasher(seed).str(path).num(front).bool(ok).sum()
}

// modelKey covers everything site.New reads: the configuration, the
// options that choose briefings, and every file's front matter (sum, a
// sum of sourceEntry kept up to date as files change), less the Markdown
// files that page bundles hold (bundled). Of the build clock it covers
// what it decides, the files left out as future-dated (future, a sum of
// futureEntry), not the time itself: two builds a minute apart make the
// same model.
func modelKey(seed hashSeed, cfgKey string, opt Options, sum uint64, files int, bundled []string, future uint64) uint64 {
	return newHasher(seed).str(cfgKey).bool(opt.Drafts).bool(opt.Future).num(future).num(sum).int(files).str(bundled...).sum()
}

// futureEntry is one future-dated file's share of the model's key.
func futureEntry(seed hashSeed, path string) uint64 { return newHasher(seed).str("future", path).sum() }

// themeKey covers what every page depends on besides the model: the
// configuration (as the templates' helpers see it), the theme and the
// assets its asset helper resolves.
func themeKey(seed hashSeed, cfgKey string, theme *render.Theme, a *assets.Manifest) uint64 {
	h := newHasher(seed).str(cfgKey).num(theme.Hash)
	if a != nil {
		h.num(a.Hash)
	}
	return h.sum()
}

// header covers what a page shows of a briefing besides its rendered
// parts: its front matter, URL and terms as the model names them. The
// terms' members, parents and children are not covered: templates that
// read them read the model (render.Reads.Model).
func header(seed hashSeed, front uint64, b *site.Briefing) uint64 {
	h := newHasher(seed).num(front).str(b.Slug, b.URL)
	for _, ts := range [][]*site.Term{b.Tags, b.Jurisdictions} {
		h.int(len(ts))
		for _, t := range ts {
			h.str(t.Kind, t.Name, t.Slug, t.URL, t.Feed)
		}
	}
	// Its edition, and its translations as the language switcher shows them.
	h.str(b.Group)
	if l := b.Language; l != nil {
		h.str(l.Code, l.Name, l.Lang, l.Prefix, l.Home).bool(l.Default)
	}
	h.int(len(b.Translations))
	for _, t := range b.Translations {
		if t == nil {
			h.str("")
			continue
		}
		if t.Language != nil {
			h.str(t.Language.Code)
		}
		h.str(t.URL, t.Title)
	}
	// A translation without funding of its own shows its original's items.
	if o := b.Inherits; o != nil {
		h.str("inherits")
		if o.Briefing != nil {
			h.num(frontMatter(seed, o.Briefing))
		}
	}
	// Where and when each funding item counts, as the model resolves it.
	h.int(len(b.Attributions))
	for _, a := range b.Attributions {
		h.time(a.Date).int(a.From, a.To)
		if a.Jurisdiction != nil {
			h.str(a.Jurisdiction.Name, a.Jurisdiction.URL)
		} else {
			h.str("")
		}
	}
	return h.sum()
}

// sumShape covers what a list's funding totals say in any language: each
// currency's amount, whether it is estimated or unconverted, and how many
// of how many figures are estimated at which rates.
func sumShape(h *hasher, s *funding.Sum) {
	if s == nil {
		h.int(-1)
		return
	}
	parts := s.Parts()
	h.int(len(parts), s.Estimates, s.Counted).str(s.AsOf)
	for _, pt := range parts {
		h.str(pt.Currency, pt.Value.String()).bool(pt.Approx).bool(pt.Unconverted)
	}
}

// ownBase covers what a briefing's page or card reads of the model: the
// briefing's header and its neighbours', or the whole model when its
// templates reach further.
func ownBase(seed hashSeed, kind string, themeKey, modelKey uint64, r render.Reads, headers func(*site.Briefing) uint64, b *site.Briefing) uint64 {
	h := newHasher(seed).str(kind).num(themeKey, headers(b))
	for _, n := range []*site.Briefing{b.Newer, b.Older} {
		if n == nil {
			h.num(0)
			continue
		}
		h.num(headers(n))
	}
	if r.Model {
		h.num(modelKey)
	}
	return h.sum()
}

// pageKey covers what a page other than a briefing's shows of the model
// when its templates read no further (render.Reads.Model is false): the
// page's own fields, the terms and years it is about (names, notes,
// counts, newest dates, and their whole family of parents and children),
// the headers of the briefings it lists, its versions in other languages,
// and what its head says of the site (how many briefings, the newest's
// date, the years). A title edit then changes only the pages that list
// the briefing, not every list of the site. sh holds the shapes of the
// model's terms and years, each hashed once for all its pages.
func pageKey(seed hashSeed, p pages.Page, sh *shapes, alt *alternates.Set, headers func(*site.Briefing) uint64) uint64 {
	h := newHasher(seed).str(p.Kind, p.Section, p.Title, p.Description, p.URL, p.Feed).bool(p.NoIndex)
	h.int(p.Pager.Number, p.Pager.Total).str(p.Pager.Prev, p.Pager.Next)
	h.num(sh.sum(p.Totals), sh.siteShape())
	if p.Term != nil {
		h.str("term").num(sh.family(p.Term))
	}
	h.int(len(p.Terms))
	for _, t := range p.Terms {
		h.num(sh.family(t))
	}
	if p.Year != nil {
		h.str("year").num(sh.year(p.Year))
	}
	h.int(len(p.Years))
	for _, y := range p.Years {
		h.num(sh.year(y))
	}
	h.int(len(p.List))
	for _, b := range p.List {
		h.num(headers(b))
	}
	if alt != nil {
		for _, v := range alt.Versions(p.URL) {
			h.str(v.Lang, v.URL)
		}
	}
	return h.sum()
}

// shapes are the fingerprints of a model's terms and years as pages about
// them show them (pageKey), made once per plan.
type shapes struct {
	seed  hashSeed
	s     *site.Site
	whole uint64
	terms map[*site.Term]uint64
	years map[*site.Year]uint64
	sums  map[*funding.Sum]uint64
}

func newShapes(seed hashSeed, s *site.Site) *shapes {
	return &shapes{seed: seed, s: s, terms: map[*site.Term]uint64{}, years: map[*site.Year]uint64{}, sums: map[*funding.Sum]uint64{}}
}

// sum covers a list's funding totals, which every page of the list shares.
func (sh *shapes) sum(s *funding.Sum) uint64 {
	if k, ok := sh.sums[s]; ok {
		return k
	}
	h := newHasher(sh.seed)
	sumShape(h, s)
	k := h.sum()
	sh.sums[s] = k
	return k
}

// siteShape covers what a page's head says of the site: how many
// briefings, the newest's date, and the years.
func (sh *shapes) siteShape() uint64 {
	if sh.whole == 0 {
		h := newHasher(sh.seed).int(len(sh.s.Briefings))
		if len(sh.s.Briefings) > 0 {
			h.instant(sh.s.Briefings[0].Date)
		}
		h.int(len(sh.s.Years))
		for _, y := range sh.s.Years {
			h.num(sh.year(y))
		}
		sh.whole = h.sum() | 1
	}
	return sh.whole
}

// family covers a term with the tree it belongs to: templates may walk
// from it to its parent and on to its siblings and their children.
func (sh *shapes) family(t *site.Term) uint64 {
	if k, ok := sh.terms[t]; ok {
		return k
	}
	root := t
	for root.Parent != nil {
		root = root.Parent
	}
	h := newHasher(sh.seed).str(t.Kind, t.Name, t.Slug)
	termShape(h, root)
	k := h.sum()
	sh.terms[t] = k
	return k
}

// termShape covers a term and its children, but not its briefings beyond
// how many there are and the newest's date.
func termShape(h *hasher, t *site.Term) {
	h.str(t.Kind, t.Name, t.Original, t.Slug, t.URL, t.Feed, t.Description, t.Note).int(len(t.Briefings), t.Own)
	if len(t.Briefings) > 0 {
		h.instant(t.Briefings[0].Date)
	}
	h.int(len(t.Children))
	for _, c := range t.Children {
		termShape(h, c)
	}
}

// year covers a year of the archive but its briefings' fields.
func (sh *shapes) year(y *site.Year) uint64 {
	if k, ok := sh.years[y]; ok {
		return k
	}
	h := newHasher(sh.seed).int(y.Year, len(y.Briefings)).str(y.URL)
	if len(y.Briefings) > 0 {
		h.instant(y.Briefings[0].Date)
	}
	k := h.sum()
	sh.years[y] = k
	return k
}

// trackerKey covers what the funding tracker of edition m shows
// (funding.NewTracker; render.Reads.Tracker) besides the configuration and
// theme: the headers of the briefings with funding (their items, where and
// when each counts, title, URL, language, terms as named), every
// jurisdiction with its parent and children (rows name them, with notes of
// parents and children), and the years' pages (the chart by year links
// them); a tag is shown only with its briefings' figures. A site of
// several editions counts the figures of every edition, each translation
// group once, and joins their terms: there it covers every briefing and
// every tag of every edition. A title, tag or body edit of a briefing
// without funding leaves it as it was.
func trackerKey(seed hashSeed, models []*model, m *model) uint64 {
	h := newHasher(seed).str("tracker").int(len(models))
	for i, e := range append([]*model{m}, models...) {
		if i > 0 && e == m {
			continue // its own first, then the others
		}
		s := e.site
		if s.Language != nil {
			h.str(s.Language.Code)
		}
		one := len(models) == 1
		n := 0 // in site order: the tracker's order
		for _, b := range s.Briefings {
			if len(b.Funding) > 0 || !one {
				h.num(e.header(b))
				n++
				for _, t := range b.Tags {
					h.str(t.Original) // the header has the rest of the tag
				}
			}
		}
		h.int(n)
		terms := [][]*site.Term{s.Jurisdictions, s.Tags}
		if one {
			// A tag is on the tracker only with the figures of its
			// briefings (above); a jurisdiction is also in the notes of
			// its parent and children.
			terms = terms[:1]
		}
		for _, ts := range terms {
			h.int(len(ts))
			for _, t := range ts {
				h.str(t.Kind, t.Name, t.Original, t.Slug, t.URL)
				// The tracker joins terms by kind and original name (or
				// name): their names are hashed with them above.
				if t.Parent != nil {
					h.str(t.Parent.Kind, t.Parent.Original, t.Parent.Name)
				}
				h.int(len(t.Children))
				for _, c := range t.Children {
					h.str(c.Kind, c.Original, c.Name)
				}
			}
		}
		h.int(len(s.Years))
		for _, y := range s.Years {
			h.int(y.Year).str(y.URL)
		}
	}
	return h.sum()
}

// sitemapKey covers what the sitemap of a site of one edition shows
// (feeds.Sitemap) besides the configuration: the URL and date of last
// change of each briefing, and the URLs of the site's pages, terms and
// years. A title or body edit leaves it as it was. (A site of several
// editions lists each page's versions in the others: its sitemap covers
// the models' keys.)
func sitemapKey(seed hashSeed, s *site.Site) uint64 {
	u := s.URLs
	h := newHasher(seed).str("sitemap", u.Home, u.Tags, u.Jurisdictions, u.Archive, u.Funding).int(len(s.Briefings))
	for _, b := range s.Briefings {
		h.str(b.URL).instant(feeds.LastChange(b))
	}
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		h.int(len(ts))
		for _, t := range ts {
			h.str(t.URL)
		}
	}
	h.int(len(s.Years))
	for _, y := range s.Years {
		h.str(y.URL)
	}
	return h.sum()
}

// pageBase covers a page of the model's lists whose templates read no
// further than pageKey covers.
func pageBase(seed hashSeed, kind, path string, themeKey, pageKey uint64) uint64 {
	return newHasher(seed).str("page", kind, path).num(themeKey, pageKey).sum()
}

// feedBase covers a feed: its own fields and its entries' headers, which
// is all the feeds package reads of the model.
func feedBase(seed hashSeed, path string, themeKey uint64, f feeds.Feed, headers func(*site.Briefing) uint64) uint64 {
	h := newHasher(seed).str("feed", path, f.Title, f.Page, f.Self).num(themeKey).int(len(f.Entries))
	for _, b := range f.Entries {
		h.num(headers(b))
	}
	return h.sum()
}

// aliasBase covers the page at an old path of a briefing: the URL it
// sends readers to.
func aliasBase(seed hashSeed, path string, themeKey uint64, to string) uint64 {
	return newHasher(seed).str("alias", path, to).num(themeKey).sum()
}

// outputBase covers an output that depends on the model as a whole.
func outputBase(seed hashSeed, kind, path string, themeKey, modelKey uint64) uint64 {
	return newHasher(seed).str(kind, path).num(themeKey, modelKey).sum()
}

// staticBase covers a file copied as it is (minified when the
// configuration says so): its path and the settings.
func staticBase(seed hashSeed, path string, themeKey, content uint64) uint64 {
	return newHasher(seed).str("static", path).num(themeKey, content).sum()
}

// copyBase covers a resized copy of an image: the image's content and the
// copy's size only, so that settings that change pages never cost a resize.
func copyBase(seed hashSeed, sum string, v images.Variant) uint64 {
	return newHasher(seed).str("copy", sum).int(v.Width, v.Height).str(string(v.Format)).sum()
}

// parts are the rendered parts of one briefing, as fingerprints.
type parts struct {
	body    uint64 // the rendered body
	stats   uint64 // words and reading time
	picture uint64 // the front matter image as resolved (site.Picture)
	card    uint64 // the rendered card
}

func bodyHash(seed hashSeed, html string) uint64 { return newHasher(seed).str(html).sum() }

func statsHash(seed hashSeed, words, cjk, minutes int) uint64 {
	return newHasher(seed).int(words, cjk, minutes).sum()
}

func cardHash(seed hashSeed, html string) uint64 { return newHasher(seed).str(html).sum() }

// pictureHash covers every field of a resolved front matter image.
func pictureHash(seed hashSeed, p *site.Picture) uint64 {
	if p == nil {
		return 0
	}
	h := newHasher(seed).str(p.Alt, p.Srcset, p.Sizes, p.Original)
	for _, f := range []site.ImageFile{p.Large, p.Small} {
		h.str(f.URL, f.Type).int(f.Width, f.Height)
	}
	return h.sum()
}

// mixParts adds the parts of p that r reads at scope s to h.
func mixParts(h *hasher, p parts, r render.Reads, s render.Scope) {
	if r.Bodies.Has(s) {
		h.num(p.body)
	}
	if r.Stats.Has(s) {
		h.num(p.stats)
	}
	if r.Pictures.Has(s) {
		h.num(p.picture)
	}
	if r.Cards.Has(s) {
		h.num(p.card)
	}
}

// outputHash covers an output's bytes, to skip writing what did not change.
func outputHash(seed hashSeed, data []byte) uint64 { return newHasher(seed).bytes(data).sum() }
