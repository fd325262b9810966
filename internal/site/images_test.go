package site

import "testing"

func TestImageURLs(t *testing.T) {
	b := &Briefing{URL: "/briefings/x/"}
	if got := ResourceURL(b, "data/t.csv"); got != "/briefings/x/data/t.csv" {
		t.Errorf("ResourceURL = %q", got)
	}
	if got := ResourceURL(&Briefing{URL: "/2024/x.html"}, "chart.png"); got != "/2024/chart.png" {
		t.Errorf("ResourceURL beside a page that is a file = %q", got)
	}
	for p, want := range map[string]string{
		"static/img/a.png":           "/img/a.png",
		"content/briefings/logo.png": "/briefings/logo.png",
	} {
		if got := FileURL(p); got != want {
			t.Errorf("FileURL(%s) = %q, want %q", p, got, want)
		}
	}
}

func TestPictureShare(t *testing.T) {
	var none *Picture
	if none.Share() != (Image{}) {
		t.Error("no picture shares something")
	}
	photo := &Picture{Alt: "A harbour", Large: ImageFile{URL: "/x/p-1440w.jpg", Width: 1440, Height: 960, Type: "image/jpeg"}}
	if got := photo.Share(); got != (Image{URL: "/x/p-1440w.jpg", Alt: "A harbour", Width: 1440, Height: 960}) {
		t.Errorf("Share = %+v", got)
	}
	svg := &Picture{Alt: "A map", Large: ImageFile{URL: "/x/map.svg", Type: "image/svg+xml"}}
	if svg.Share() != (Image{}) {
		t.Error("an SVG is offered as a link preview, which social networks do not show")
	}
}
