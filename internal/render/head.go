package render

import (
	"brief/internal/alternates"
	"brief/internal/assets"
	"brief/internal/config"
	"brief/internal/i18n"
	"brief/internal/jsonld"
	"brief/internal/seo"
	"brief/internal/site"
)

// pageFuncs are the helpers that depend on the build's assets:
//
//	asset "css/brief.css"  the asset's URL (with the base path) and, when
//	                       fingerprinted, its Subresource Integrity
//	head .                 the page's title, description, canonical URL,
//	                       link preview tags and structured data (seo.Head)
//	jsonFeed "/feed.xml"   the JSON Feed beside an Atom feed
//	switcher .             the language switcher: each language with the
//	                       page's version in it, or that edition's home
//	                       (alternates.Set.Switch); empty on a site of one
//	                       language
//
// (crumbs is a helper of the page's language: see langFuncs.)
func (t *Theme) pageFuncs(cfg *config.Config) map[string]any {
	return map[string]any{
		"asset": func(p string) (Asset, error) {
			a, err := t.manifest.Load().Lookup(p)
			if err != nil {
				return Asset{}, err
			}
			return Asset{URL: site.RelURL(cfg, a.URL), Integrity: a.Integrity}, nil
		},
		"head":     func(*Page) (seo.Head, error) { return seo.Head{}, nil }, // for parsing: see headIn
		"jsonFeed": site.JSONFeedOf,
		"switcher": func(p *Page) []alternates.Choice {
			return p.Site.Alternates.Switch(p.Site.Language.Code, p.URL)
		},
	}
}

// titleKeys are the interface text of the titles of the site's own pages,
// by kind (and section): the model titles them in English.
var titleKeys = map[string]string{
	"terms/tags": "nav_tags", "terms/jurisdictions": "nav_jurisdictions", "archive/archive": "archive_title",
	"funding/funding": "tracker_title", "404/": "not_found_title", "search/search": "search_title",
}

// headIn is the head helper of a language: the site's own pages are
// titled in it.
//
// The head is lent to the page (seo.OfLent) until Render has written it;
// templates see a seo.Head (tmplexec.Typed1Ref), as they did.
func (t *Theme) headIn(c *i18n.Catalog) func(p *Page) (*seo.Head, error) {
	return func(p *Page) (*seo.Head, error) {
		sp := p.seoPage()
		if key, ok := titleKeys[p.Kind+"/"+p.Section]; ok && c != nil {
			title, err := c.Text(key)
			if err != nil {
				return nil, err
			}
			sp.Title = title
		}
		if p.Kind == "funding" {
			sp.Description = "" // the model's is English: seo describes the tracker in the page's language
		}
		h, lent, err := seo.OfLent(t.env(p.Site), c, sp)
		p.lend(lent) // returned by Render once the page is written
		if err == nil {
			p.keepTrail(c, h.Crumbs) // seo's trail reads neither title nor description
		}
		return h, err
	}
}

// Asset is what the asset helper gives a template.
type Asset struct {
	URL       string // ready for href or src
	Integrity string // for the integrity attribute; empty when not fingerprinted
}

// env is what structured data needs from the site and its assets,
// prepared once per model, theme and assets: every page's head asks.
func (t *Theme) env(v *Site) jsonld.Env {
	m := t.manifest.Load()
	if e := v.env.Load(); e != nil && e.theme == t && e.assets == m {
		return e.env
	}
	s := v.Site
	cfg := s.Config
	known := knownAbs(s)
	env := jsonld.Prepare(jsonld.Env{
		Site: s,
		Abs: func(p string) string {
			if u, ok := known[p]; ok {
				return u
			}
			return site.AbsURL(cfg, p)
		},
		Image: image(m, cfg.SEO.Image, cfg.SEO.ImageAlt),
		Logo:  image(m, cfg.SEO.Logo, ""),
	})
	v.env.Store(&preparedEnv{theme: t, assets: m, env: env})
	return env
}

// knownAbs are the absolute URLs of the pages that many pages' heads name
// (in breadcrumbs and structured data: the site's own pages, its terms and
// years) and of its images, made once per model rather than again on every
// page. Any other path is made when asked.
func knownAbs(s *site.Site) map[string]string {
	cfg := s.Config
	u := s.URLs
	paths := []string{"/", u.Home, u.Tags, u.Jurisdictions, u.Archive, cfg.SEO.Image, cfg.SEO.Logo}
	for _, ts := range [][]*site.Term{s.Tags, s.Jurisdictions} {
		for _, t := range ts {
			paths = append(paths, t.URL)
		}
	}
	for _, y := range s.Years {
		paths = append(paths, y.URL)
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		out[p] = site.AbsURL(cfg, p)
	}
	return out
}

// preparedEnv is a model's env for a theme and its assets.
type preparedEnv struct {
	theme  *Theme
	assets *assets.Manifest
	env    jsonld.Env
}

// image is a configured picture with its size when it is one of the
// site's files (an absolute URL's size is unknown).
func image(m *assets.Manifest, p, alt string) site.Image {
	img := site.Image{URL: p, Alt: alt}
	if a, err := m.Lookup(p); err == nil {
		img.Width, img.Height = a.Width, a.Height
	}
	return img
}

// seoPage is what seo needs to know about the page.
func (p *Page) seoPage() seo.Page {
	m := &p.of
	out := seo.Page{
		Kind: p.Kind, Section: p.Section, Title: p.Title, Description: p.Description, URL: p.URL, NoIndex: p.NoIndex,
		Number: p.Pager.Number, Total: p.Pager.Total, Window: m.List,
		Briefing: m.Briefing, Term: m.Term, Year: m.Year, Terms: m.Terms, URLs: p.Site.URLs,
		Alternates: p.Site.Alternates,
	}
	if b := p.Briefing; b != nil {
		out.Cover, out.Words = b.Cover(), b.Words
	}
	return out
}
