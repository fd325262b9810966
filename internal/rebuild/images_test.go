package rebuild

import (
	"bytes"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"brief/internal/browsertest"
	"brief/internal/images/imagestest"
)

// imageSite writes a site with a page bundle showing two images.
func imageSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"content/briefings/x/index.md": []byte("---\ntitle: Charts\ndate: 2024-01-01\n---\n\n" +
			"![Issuers by quarter](chart.png \"Issuers, 2024\")\n\nText between.\n\n![Trading volume](volume.png)\n"),
		"content/briefings/x/chart.png":  imagestest.PNG(1600, 800),
		"content/briefings/x/volume.png": imagestest.PNG(1000, 500),
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fetch(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// brief serve resizes an image when a page first asks for one of its
// copies, not when it builds: the first build of a site with many images
// stays fast.
func TestServeResizesOnFirstRequest(t *testing.T) {
	cache := imagestest.NewCache()
	base := startServeWith(t, imageSite(t), func(c *Config) { c.Options.ImageCache = cache })
	code, page := fetch(t, base+"/briefings/x/")
	if code != http.StatusOK || !bytes.Contains(page, []byte(`srcset="/briefings/x/chart-480w.png 480w, /briefings/x/chart-1600w.png 1600w"`)) {
		t.Fatalf("page %d:\n%s", code, page)
	}
	if puts, _ := cache.Counts(); puts != 0 {
		t.Fatalf("%d copies made before any was asked for", puts)
	}
	code, data := fetch(t, base+"/briefings/x/chart-480w.png")
	if code != http.StatusOK {
		t.Fatalf("copy: %d %s", code, data)
	}
	if m, err := png.Decode(bytes.NewReader(data)); err != nil || m.Bounds().Dx() != 480 || m.Bounds().Dy() != 240 {
		t.Fatalf("copy is not a 480x240 PNG: %v", err)
	}
	// One decode made the chart's two copies; the other image waits.
	if puts, _ := cache.Counts(); puts != 2 {
		t.Errorf("%d copies made after one request, want the chart's 2", puts)
	}
	fetch(t, base+"/briefings/x/chart-1600w.png")
	if puts, _ := cache.Counts(); puts != 2 {
		t.Errorf("%d copies made after a second request for the same image, want still 2", puts)
	}
}

// In a real browser the page shows its images from the copies, the first
// at once and the second lazily, with no layout shift.
func TestServeImagesInBrowser(t *testing.T) {
	ctx := browsertest.Context(t)
	base := startServe(t, imageSite(t))
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/briefings/x/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.images.length === 2 && document.images[0].complete && document.images[0].naturalWidth > 0`, 10*time.Second)
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.images[0].currentSrc`))
	if err != nil {
		t.Fatal(err)
	}
	box, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ W, H float64 }](`(() => { const r = document.images[0].getBoundingClientRect(); return {W: r.width, H: r.height}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	// A phone 390 px wide at density 1 needs no more than the 480 px copy.
	if !strings.HasSuffix(first, "/briefings/x/chart-480w.png") {
		t.Errorf("the phone loaded %s, want the 480 px copy", first)
	}
	if box.W < 300 || box.W > 390 || box.H < box.W/2-1 || box.H > box.W/2+1 {
		t.Errorf("image box %.0fx%.0f: not the column's width at the image's proportions", box.W, box.H)
	}
	waitFor(t, ctx, `document.querySelector("figcaption").textContent === "Issuers, 2024" && document.images[1].loading === "lazy"`, 5*time.Second)
	// Scrolled into view, the lazy image loads too.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.images[1].scrollIntoView(), true)`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.images[1].complete && document.images[1].naturalWidth > 0`, 10*time.Second)
}

// An image that cannot be resized, made when a page first asks for it, is
// reported as the build reports it, in the terminal and on every open
// page: brief serve made it out of sight, so the editor saw a broken image
// and no error.
func TestServeReportsImageMadeOnRequest(t *testing.T) {
	dir := imageSite(t)
	file := filepath.Join(dir, "content", "briefings", "x", "volume.png")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The header says 1000x500; the pixels are cut off.
	if err := os.WriteFile(file, data[:60], 0o644); err != nil {
		t.Fatal(err)
	}
	log, errs := newReports(), newReports()
	base := startServeWith(t, dir, func(c *Config) { c.Log, c.Errors = log, errs })
	log.wait(t, "built ", 1)
	if code, page := fetch(t, base+"/briefings/x/"); code != http.StatusOK || !bytes.Contains(page, []byte("/briefings/x/volume-480w.png 480w")) {
		t.Fatalf("page %d:\n%s", code, page)
	}
	if code, _ := fetch(t, base+"/briefings/x/volume-480w.png"); code == http.StatusOK {
		t.Fatal("a copy of a cut-off image was made")
	}
	errs.wait(t, "content/briefings/x/volume.png: resizing content/briefings/x/volume.png: ", 1)
	log.wait(t, "/briefings/x/volume-480w.png (made on request): failed with 1 error", 1)
	waitOverlay(t, base, "show the image's error", func(s string) bool { return strings.Contains(s, "content/briefings/x/volume.png") })
	// Saved again whole: the error goes, the copy is made.
	save(t, file, data)
	waitOverlay(t, base, "go", func(s string) bool { return s == "" })
	if code, _ := fetch(t, base+"/briefings/x/volume-480w.png"); code != http.StatusOK {
		t.Errorf("the copy of the image saved again: %d", code)
	}
}
