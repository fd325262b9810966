package content

import (
	"strings"
	"unicode"
)

// Decorative, as imageAlt, says the picture is decoration and has no alt
// text (the same word marks a decorative image in Markdown).
const Decorative = "decorative"

// imagePath reads the image field: a path relative to the briefing, a site
// path, or an http(s) URL. Whether the file exists is the build's concern.
func (p *parser) imagePath(v *node) string {
	s, ok := p.optionalString(v, "image")
	if !ok {
		return ""
	}
	switch {
	case s == "":
		p.errorf(v.line, "image", "remove the field, or name a picture such as chart.png", "must not be empty")
	case strings.ContainsFunc(s, unicode.IsControl):
		p.errorf(v.line, "image", "write the file name on one line", "%q holds a control character", s)
	case hasScheme(s) && !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://"):
		p.errorf(v.line, "image", "use a file beside the briefing, a path in static/ such as /img/x.png, or an https:// URL", "%q is not a file or http(s) URL", s)
	default:
		return s
	}
	return ""
}

// hasScheme reports a URL scheme such as "https:" or "data:" (a colon
// before any slash).
func hasScheme(s string) bool {
	i := strings.IndexAny(s, ":/")
	return i > 0 && s[i] == ':'
}

// checkImage asks for alt text with every image, and for no alt text
// without one. "imageAlt: decorative" marks a picture with nothing to say.
// image and alt say whether each field holds a value (null does not).
func (p *parser) checkImage(b *Briefing, image, alt bool) {
	switch {
	case b.Image != "" && !alt:
		p.errorf(b.Line("image"), "imageAlt",
			`add imageAlt: "What the picture shows", for readers who cannot see it (or imageAlt: `+Decorative+` if it is only decoration)`,
			"image has no alt text")
	case alt && !image:
		p.errorf(b.Line("imageAlt"), "imageAlt", "remove it, or add the image: field it describes", "alt text without an image")
	case strings.EqualFold(b.ImageAlt, Decorative):
		b.ImageAlt = ""
	}
}
