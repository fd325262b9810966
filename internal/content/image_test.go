package content

import (
	"slices"
	"testing"
)

func TestParseImage(t *testing.T) {
	tests := []struct {
		name      string
		lines     []string
		image     string
		alt       string
		wantDiags []string
	}{
		{"beside the briefing", []string{"image: chart.png", `imageAlt: "Funding by year, 2021-2024"`}, "chart.png", "Funding by year, 2021-2024", nil},
		{"in static", []string{"image: /img/map.svg", "imageAlt: A map of the districts"}, "/img/map.svg", "A map of the districts", nil},
		{"https URL", []string{"image: https://example.org/a.jpg", "imageAlt: A photo"}, "https://example.org/a.jpg", "A photo", nil},
		{"decorative", []string{"image: rule.png", "imageAlt: decorative"}, "rule.png", "", nil},
		{"decorative in capitals", []string{"image: rule.png", "imageAlt: Decorative"}, "rule.png", "", nil},
		{"no alt text", []string{"image: chart.png"}, "chart.png", "", []string{
			`content/a.md:4: imageAlt: image has no alt text (add imageAlt: "What the picture shows", for readers who cannot see it (or imageAlt: decorative if it is only decoration))`}},
		{"empty alt text", []string{"image: chart.png", `imageAlt: ""`}, "chart.png", "", []string{
			`content/a.md:5: imageAlt: must not be empty (describe the picture, or write imageAlt: decorative when it is only decoration)`}},
		{"alt text without an image", []string{"imageAlt: A chart"}, "", "A chart", []string{
			`content/a.md:4: imageAlt: alt text without an image (remove it, or add the image: field it describes)`}},
		{"empty image", []string{`image: ""`, "imageAlt: x"}, "", "x", []string{
			`content/a.md:4: image: must not be empty (remove the field, or name a picture such as chart.png)`}},
		{"script URL", []string{"image: javascript:alert(1)", "imageAlt: x"}, "", "x", []string{
			`content/a.md:4: image: "javascript:alert(1)" is not a file or http(s) URL (use a file beside the briefing, a path in static/ such as /img/x.png, or an https:// URL)`}},
		{"data URL", []string{"image: data:image/png;base64,AAAA", "imageAlt: x"}, "", "x", []string{
			`content/a.md:4: image: "data:image/png;base64,AAAA" is not a file or http(s) URL (use a file beside the briefing, a path in static/ such as /img/x.png, or an https:// URL)`}},
		{"a list", []string{"image: [a.png]", "imageAlt: x"}, "", "x", []string{
			`content/a.md:4: image: want a string, got a list (write image: "...")`}},
		{"miscased name", []string{"image: a.png", "imagealt: x"}, "a.png", "", []string{
			`content/a.md:4: imageAlt: image has no alt text (add imageAlt: "What the picture shows", for readers who cannot see it (or imageAlt: decorative if it is only decoration))`,
			`content/a.md:5: imagealt: unknown field (did you mean "imageAlt"?)`}},
	}
	for _, tt := range tests {
		src := doc(append([]string{okTitle, okDate}, tt.lines...)...)
		b, list := Parse("content/a.md", []byte(src), Options{})
		var got []string
		for _, d := range list.Sorted() {
			got = append(got, d.Error())
		}
		if !slices.Equal(got, tt.wantDiags) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.wantDiags)
			continue
		}
		if b.Image != tt.image || b.ImageAlt != tt.alt {
			t.Errorf("%s: Image %q, ImageAlt %q; want %q, %q", tt.name, b.Image, b.ImageAlt, tt.image, tt.alt)
		}
	}
}
