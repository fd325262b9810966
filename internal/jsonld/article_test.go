package jsonld

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"brief/internal/alternates"
	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/site"
)

// articleMap is Article as it was first written, a map encoded like any
// Node: the reference ArticleNode's encoding must agree with.
func articleMap(env Env, b *site.Briefing, cover site.Image, words int, description string, self string, versions []alternates.Version) Node {
	cfg := env.Site.Config
	url := env.Abs(b.URL)
	modified := b.Date
	if b.Updated.After(b.Date) {
		modified = b.Updated
	}
	publisher := Publisher(env)
	n := Node{
		"@type": cfg.SEO.ArticleType, "@id": url + "#article", "url": url, "headline": b.Title,
		"datePublished": b.Date.Format(time.RFC3339), "dateModified": modified.Format(time.RFC3339),
		"mainEntityOfPage": Node{"@type": "WebPage", "@id": url}, "author": authors(env, b.Authors, publisher),
		"publisher": publisher, "image": []Node{imageNode(env, briefingImage(env, cover))},
		"inLanguage": cfg.Language, "isAccessibleForFree": true,
	}
	if description != "" {
		n["description"] = description
	}
	if words > 0 {
		n["wordCount"] = words
	}
	if len(b.Tags) > 0 {
		keywords := make([]string, len(b.Tags))
		for i, t := range b.Tags {
			keywords[i] = t.Name
		}
		n["keywords"] = keywords
	}
	if len(b.Jurisdictions) > 0 {
		places := make([]Node, len(b.Jurisdictions))
		for i, t := range b.Jurisdictions {
			places[i] = place(env, t)
		}
		n["spatialCoverage"] = places
	}
	if len(b.Sources) > 0 {
		cited := make([]Node, len(b.Sources))
		based := make([]string, len(b.Sources))
		for i, s := range b.Sources {
			cited[i] = Node{"@type": "CreativeWork", "name": s.Title, "url": s.URL}
			based[i] = s.URL
		}
		n["citation"] = cited
		n["isBasedOn"] = based
	}
	Translations(env, n, "#article", self, versions)
	return n
}

// An article encodes byte for byte as the map it was did, alone, in a
// graph and through encoding/json, on random briefings: awkward text in
// every field, with and without tags, places (nested), sources, authors
// (declared or not), a cover, a word count, a description, an update and
// versions in other languages.
func TestArticleMatchesMap(t *testing.T) {
	pick := func(r *rand.Rand) string { return awkward[r.IntN(len(awkward))] }
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 5))
		cfgSrc := fmt.Sprintf("title = %q\nlanguage = \"zh-Hant\"\n[seo]\narticleType = %q\npublisher = %q\n[jurisdictions]\nShenzhen = { parent = \"China\" }\nChaoyang = { parent = \"Beijing\" }\nBeijing = { parent = \"China\" }\n[authors]\n\"Brief Desk\" = { type = \"Organization\", url = \"https://example.org/about/\" }\n",
			"T", []string{"NewsArticle", "Report"}[r.IntN(2)], []string{"", "Desk"}[r.IntN(2)])
		cfg, ds := config.Parse([]byte(cfgSrc))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		if err := cfg.SetBaseURL("https://example.org/policy/"); err != nil {
			t.Fatal(err)
		}
		cb := &content.Briefing{Path: "content/briefings/b.md", Title: "B " + pick(r), Summary: pick(r),
			Date: time.Date(2023, 5, 1+r.IntN(20), 10, 0, 0, 0, time.UTC)}
		if r.IntN(2) == 0 {
			cb.Updated = cb.Date.AddDate(0, 0, r.IntN(5)-2)
		}
		for _, j := range []string{"Shenzhen", "Chaoyang", "Beijing", "Hong Kong"} {
			if r.IntN(3) == 0 {
				cb.Jurisdictions = append(cb.Jurisdictions, j)
			}
		}
		for i := range r.IntN(3) {
			cb.Tags = append(cb.Tags, fmt.Sprintf("tag%d", i))
		}
		for range r.IntN(3) {
			cb.Sources = append(cb.Sources, content.Source{Title: pick(r), URL: "https://s.example/" + strings.ToValidUTF8(pick(r), "")})
		}
		for _, a := range []string{"Brief Desk", "Jane Doe", pick(r)} {
			if r.IntN(2) == 0 && a != "" {
				cb.Authors = append(cb.Authors, a)
			}
		}
		s, ds := site.New(cfg, []*content.Briefing{cb}, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		tail := "" // awkward text at the end of every absolute URL: the article's @id adds "#article" to one
		if r.IntN(2) == 0 {
			tail = pick(r)
		}
		env := Env{Site: s, Abs: func(p string) string { return "https://example.org/policy" + p + tail }}
		if r.IntN(2) == 0 {
			env.Logo = site.Image{URL: "/logo.png", Width: r.IntN(2) * 64, Height: 64}
		}
		env.Image = site.Image{URL: "/share.png", Width: 1200, Height: 630}
		var cover site.Image
		if r.IntN(2) == 0 {
			cover = site.Image{URL: "/c.jpg", Width: r.IntN(2) * 800, Height: 600, Alt: pick(r)}
		}
		words, description := r.IntN(3)*100, pick(r)
		b := s.Briefings[0]
		var versions []alternates.Version
		for i := range r.IntN(4) {
			versions = append(versions, alternates.Version{Lang: fmt.Sprint("l", i), URL: fmt.Sprintf("/l%d%s", i, b.URL)})
		}
		self := b.URL
		if len(versions) > 0 && r.IntN(2) == 0 {
			self = versions[0].URL
		}
		m := articleMap(env, b, cover, words, description, self, versions)
		crumbs := Breadcrumbs(env, []Crumb{{Name: "Home", URL: "/"}, {Name: b.Title, URL: b.URL}})
		// A graph is the document encoding/json writes of its map.
		if got, want := string(Script(m, crumbs)), byEncodingJSON(t, Node{"@context": "https://schema.org", "@graph": []any{m, crumbs}}); got != want {
			t.Fatalf("seed %d: graph\n%s\nwant\n%s", seed, got, want)
		}
		for _, how := range []string{"encoded per page", "prepared", "prepared without some places"} {
			aenv := env
			switch how {
			case "prepared":
				aenv = Prepare(env)
			case "prepared without some places": // places of other terms are encoded per page
				few := *s
				few.Jurisdictions = s.Jurisdictions[:len(s.Jurisdictions)/2]
				aenv = Prepare(Env{Site: &few, Abs: env.Abs, Image: env.Image, Logo: env.Logo})
				aenv.Site = s
			}
			a := Article(aenv, b, cover, words, description)
			a.Translations(aenv, self, versions)
			if got, want := string(Script(a)), string(Script(m)); got != want {
				t.Fatalf("seed %d, %s: alone\n%s\nwant\n%s", seed, how, got, want)
			}
			if got, want := string(Script(a, crumbs)), string(Script(m, crumbs)); got != want {
				t.Fatalf("seed %d, %s: in a graph\n%s\nwant\n%s", seed, how, got, want)
			}
			if got, want := byEncodingJSON(t, []any{a}), byEncodingJSON(t, []any{m}); got != want {
				t.Fatalf("seed %d, %s: by encoding/json\n%s\nwant\n%s", seed, how, got, want)
			}
		}
	}
}
