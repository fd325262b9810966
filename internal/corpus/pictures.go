package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"brief/internal/exampleart"
)

// pictures turns opt.Images briefings, evenly spread, into page bundles:
// content/briefings/<name>/index.md with a picture beside it. Two in three
// get a photograph (a 2000 x 1333 JPEG, the size a site is usually given),
// the others a 1600 x 560 PNG chart.
func pictures(all []briefing, opt Options) {
	if opt.Images <= 0 || len(all) == 0 {
		return
	}
	step := max(1, len(all)/opt.Images)
	made := 0
	for i := 0; i < len(all) && made < opt.Images; i += step {
		b := &all[i]
		b.fileName = strings.TrimSuffix(b.fileName, ".md") + "/index.md"
		b.picture = "photo.jpg"
		if made%3 == 2 {
			b.picture = "chart.png"
		}
		made++
	}
}

// linkTo is the relative link from b's file to other's.
func (b briefing) linkTo(other briefing) string {
	up := strings.Repeat("../", strings.Count(b.fileName, "/"))
	return up + other.fileName
}

func (b briefing) pictureAlt() string {
	if b.picture == "chart.png" {
		return "A timeline of the events in this briefing"
	}
	return "A harbour city at dusk, illustrating " + b.title
}

// figure is the body's first paragraph for a bundle: its picture, captioned.
func (b briefing) figure() string {
	if b.picture == "" {
		return ""
	}
	return fmt.Sprintf("\n![%s](%s %q)\n", b.pictureAlt(), b.picture, "Illustration")
}

// writePicture draws the bundle's picture into dir, from seed.
func (b briefing) writePicture(dir string, seed int64) error {
	var data []byte
	switch b.picture {
	case "":
		return nil
	case "photo.jpg":
		data = exampleart.Harbour(2000, 1333, uint64(seed))
	default:
		var events []exampleart.Event
		for k := range 5 {
			y := 2019 + float64(k) + float64(seed%7)/10
			events = append(events, exampleart.Event{Year: y, Date: fmt.Sprint(int(y)), Label: fmt.Sprintf("Step %d", k+1)})
		}
		data = exampleart.Timeline(firstWords(b.title, 6), 2019, 2025, events, 1600, 560)
	}
	return os.WriteFile(filepath.Join(dir, b.picture), data, 0o644)
}
