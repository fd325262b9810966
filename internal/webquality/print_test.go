package webquality

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"brief/internal/browsertest"
)

// TestPrintedBriefing prints the example site's fullest briefing as a
// reader would: on A4, without navigation, with the funding box and the
// sources, and with each source's address after its title.
func TestPrintedBriefing(t *testing.T) {
	s := sites(t)[0]
	briefing := s.kinds(t)["briefing"]
	srv := serve(t, s.dir, s.site.Config.BasePath(), netlifyConfig(t), nil)
	ctx := browsertest.Context(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	print := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+briefing), print); err != nil {
		t.Fatal(err)
	}
	display := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return e ? getComputedStyle(e).display : "missing"; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, sel := range []string{".site-header nav", ".crumbs", ".neighbours", ".skip"} {
		if d := display(sel); d != "none" && d != "missing" {
			t.Errorf("%s is printed (display %s)", sel, d)
		}
	}
	for _, sel := range []string{".funding", ".sources", ".body", "h1", ".print-only"} {
		if d := display(sel); d == "none" || d == "missing" {
			t.Errorf("%s is not printed (display %s)", sel, d)
		}
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const a = document.querySelector(".sources a"); return [getComputedStyle(a, "::after").content, a.getAttribute("href")]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 2 || !regexp.MustCompile(regexp.QuoteMeta(after[1])).MatchString(after[0]) {
		t.Errorf("a source's address is not printed after it: ::after %q", after)
	}
	var data []byte
	preferCSS := true
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &preferCSS})
		if err != nil {
			return err
		}
		data = res.Data
		return nil
	})); err != nil {
		t.Fatal(err)
	}
	// A4 is 595 x 842 points.
	box := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`).FindSubmatch(data)
	if box == nil {
		t.Fatalf("no page size in the PDF (%d bytes)", len(data))
	}
	w, _ := strconv.ParseFloat(string(box[1]), 64)
	h, _ := strconv.ParseFloat(string(box[2]), 64)
	if w < 594 || w > 597 || h < 841 || h > 844 {
		t.Errorf("printed page is %.1f x %.1f pt, want A4 (595 x 842)", w, h)
	}
}
