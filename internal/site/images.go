package site

import (
	"path"
	"strings"

	"brief/internal/sources"
)

// Picture is a briefing's front matter image as templates show it on
// cards (the build also makes the share image, a view's Cover, from it).
// URLs are site-relative: templates pass them through relURL or absURL.
type Picture struct {
	Alt string // empty for decoration (imageAlt: decorative)
	// Large is the widest copy (at most 1440 px), for link previews;
	// Small the narrowest (at most 480 px), for cards. An SVG, a GIF and
	// an external image are their own Large and Small.
	Large, Small ImageFile
	// Srcset lists every copy with its width, URLs already relative to the
	// site's base path, for an <img> with Sizes; empty when there are none.
	Srcset, Sizes string
	Original      string // the file as the editor added it
}

// Share is the picture as a link preview shows it: the large copy, or
// nothing for an SVG, which social networks do not show (pages then use
// the site's default image).
func (p *Picture) Share() Image {
	if p == nil || p.Large.Type == "image/svg+xml" {
		return Image{}
	}
	return Image{URL: p.Large.URL, Alt: p.Alt, Width: p.Large.Width, Height: p.Large.Height}
}

// ImageFile is one published image file.
type ImageFile struct {
	URL           string
	Width, Height int    // 0 when unknown (an external image, an SVG without a size)
	Type          string // MIME type: "image/jpeg"; empty for an external image
}

// ResourceURL is where a file of a page bundle is published: beside the
// briefing's page, at its path inside the bundle's folder ("data/t.csv").
func ResourceURL(b *Briefing, rel string) string {
	dir := b.URL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	return dir + rel
}

// FileURL is where a file of static/, or a loose file of content/ that a
// briefing shows as an image, is published: at its path under that folder.
func FileURL(p string) string {
	for _, top := range []string{sources.StaticDir, sources.ContentDir} {
		if rest, ok := strings.CutPrefix(p, top+"/"); ok {
			return "/" + rest
		}
	}
	return "/" + p
}
