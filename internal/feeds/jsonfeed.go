package feeds

import (
	"io"
	"strings"
	"time"

	"brief/internal/config"
	"brief/internal/jsonquote"
	"brief/internal/site"
)

// JSONFeedVersion is the version URL of the JSON Feed format brief writes.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	Favicon     string       `json:"favicon,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

// JSONURL is the JSON Feed that sits beside an Atom feed ("/feed.xml" ->
// "/feed.json").
func JSONURL(f Feed) string { return site.JSONFeedOf(f.Self) }

// JSON writes f as a JSON Feed 1.1, with the same entries as its Atom
// feed. With content, each item carries its rendered body; without, its
// summary as text (or its title, since an item must have content). cover
// (which may be nil) gives a briefing's share image, zero for none.
func JSON(w io.Writer, cfg *config.Config, f Feed, content func(*site.Briefing) string, cover func(*site.Briefing) site.Image) error {
	abs := func(p string) string { return site.AbsURL(cfg, p) }
	out := jsonFeed{Version: JSONFeedVersion, Title: f.Title, HomePageURL: abs(f.Page), FeedURL: abs(JSONURL(f)),
		Description: cfg.Description, Language: cfg.Language, Authors: []jsonAuthor{{Name: publisher(cfg), URL: abs("/")}},
		Items: make([]jsonItem, 0, len(f.Entries))}
	if strings.HasPrefix(cfg.SEO.Logo, "/") || strings.Contains(cfg.SEO.Logo, "://") {
		out.Icon = abs(cfg.SEO.Logo)
	}
	for _, b := range f.Entries {
		u := abs(b.URL) // made once for both
		it := jsonItem{ID: u, URL: u, Title: b.Title, Summary: b.Summary,
			DatePublished: b.Date.Format(time.RFC3339)}
		if b.Updated.After(b.Date) {
			it.DateModified = b.Updated.Format(time.RFC3339)
		}
		if content != nil {
			it.ContentHTML = content(b)
		}
		if it.ContentHTML == "" {
			it.ContentText = b.Summary
			if it.ContentText == "" {
				it.ContentText = b.Title
			}
		}
		if cover != nil {
			if img := cover(b); img.URL != "" {
				it.Image = abs(img.URL)
			}
		}
		if len(b.Authors) > 0 {
			it.Authors = make([]jsonAuthor, 0, len(b.Authors))
		}
		for _, a := range b.Authors {
			it.Authors = append(it.Authors, jsonAuthor{Name: a, URL: cfg.Authors[a].URL})
		}
		if len(b.Tags) > 0 {
			it.Tags = make([]string, 0, len(b.Tags))
		}
		for _, t := range b.Tags {
			it.Tags = append(it.Tags, t.Name)
		}
		out.Items = append(out.Items, it)
	}
	size := 512
	for _, it := range out.Items {
		size += 512 + len(it.Title) + 2*len(it.Summary) + len(it.ContentHTML) + len(it.ContentHTML)/2 // \u003c and \u003e
	}
	return writeAppended(w, size, func(b []byte) []byte { return appendJSONFeed(b, out) })
}

// appendJSONFeed appends f as an encoding/json Encoder indented by two
// spaces writes it (a test holds the two to each other), without its
// reflection and the second pass that indents: the site's feed carries
// twenty bodies.
func appendJSONFeed(b []byte, f jsonFeed) []byte {
	w := &jsonquote.Indented{B: b, HTML: true}
	omitEmpty := func(k, v string) {
		if v != "" {
			w.Key(k).Str(v)
		}
	}
	authors := func(as []jsonAuthor) {
		if len(as) > 0 {
			jsonquote.List(w.Key("authors"), as, func(a jsonAuthor) {
				w.Open('{')
				w.Key("name").Str(a.Name)
				omitEmpty("url", a.URL)
				w.Close('}')
			})
		}
	}
	w.Open('{')
	w.Key("version").Str(f.Version)
	w.Key("title").Str(f.Title)
	omitEmpty("home_page_url", f.HomePageURL)
	omitEmpty("feed_url", f.FeedURL)
	omitEmpty("description", f.Description)
	omitEmpty("icon", f.Icon)
	omitEmpty("favicon", f.Favicon)
	omitEmpty("language", f.Language)
	authors(f.Authors)
	jsonquote.List(w.Key("items"), f.Items, func(it jsonItem) {
		w.Open('{')
		w.Key("id").Str(it.ID)
		w.Key("url").Str(it.URL)
		w.Key("title").Str(it.Title)
		omitEmpty("content_html", it.ContentHTML)
		omitEmpty("content_text", it.ContentText)
		omitEmpty("summary", it.Summary)
		omitEmpty("image", it.Image)
		w.Key("date_published").Str(it.DatePublished)
		omitEmpty("date_modified", it.DateModified)
		authors(it.Authors)
		if len(it.Tags) > 0 {
			w.Key("tags").Strs(it.Tags)
		}
		w.Close('}')
	})
	w.Close('}')
	return append(w.B, '\n')
}

func publisher(cfg *config.Config) string {
	if cfg.SEO.Publisher != "" {
		return cfg.SEO.Publisher
	}
	return cfg.Title
}
