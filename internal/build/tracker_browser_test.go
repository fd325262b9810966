package build_test

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"brief"
	"brief/internal/browsertest"
	"brief/internal/build"
	"brief/internal/output"
)

// serveMemory serves a built site from memory, index.html for folders.
func serveMemory(t *testing.T, mem *output.Memory) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := mem.Files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// The funding tracker of the example site in real Chromium, on a phone
// (390 px) and a desktop (1280 px): the page never scrolls sideways, the
// chart labels are at least 12 px, every table sits in a scroll box whose
// first column stays put, and no date breaks over two lines. With
// BRIEF_SCREENSHOTS=DIR, full-page screenshots are written there.
func TestTrackerOnPhoneAndDesktop(t *testing.T) {
	ctx := browsertest.Context(t)
	mem := output.NewMemory()
	if _, err := build.New(brief.DefaultTheme()).Build(os.DirFS(filepath.Join("..", "..")), nil, build.Options{Now: buildClock}, mem); err != nil {
		t.Fatal(err)
	}
	base := serveMemory(t, mem)
	for _, width := range []int64{390, 1280} {
		var m struct {
			Overflow    int     `json:"overflow"`
			MinLabel    float64 `json:"minLabel"`
			Labels      int     `json:"labels"`
			Tables      int     `json:"tables"`
			Boxed       int     `json:"boxed"`
			Sticky      int     `json:"sticky"`
			BrokenDates int     `json:"brokenDates"`
			Dates       int     `json:"dates"`
			Scrolls     int     `json:"scrolls"`
			HintShown   bool    `json:"hintShown"`
		}
		step, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(step, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+"/funding/"))
		var raw string
		if err == nil {
			raw, err = chromedp.Run(step, chromedp.Evaluate[string](`JSON.stringify((() => {
				const de = document.documentElement;
				const labels = [...document.querySelectorAll('.bar-label, .bar-value')];
				const tables = [...document.querySelectorAll('main table')];
				const dates = [...document.querySelectorAll('.funding-figures time')];
				const hint = document.querySelector('.scroll-hint');
				return {
					overflow: de.scrollWidth - de.clientWidth,
					minLabel: Math.min(...labels.map(l => parseFloat(getComputedStyle(l).fontSize) * (l.getBoundingClientRect().height > 0 ? 1 : 0))),
					labels: labels.length,
					tables: tables.length,
					boxed: tables.filter(t => t.parentElement.classList.contains('table-scroll') && getComputedStyle(t.parentElement).overflowX === 'auto').length,
					sticky: tables.filter(t => getComputedStyle(t.querySelector('tr > :first-child')).position === 'sticky').length,
					dates: dates.length,
					brokenDates: dates.filter(d => d.getClientRects().length !== 1 || d.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(d).fontSize)).length,
					scrolls: tables.filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth).length,
					hintShown: hint !== null && getComputedStyle(hint).display !== 'none',
				};
			})())`))
		}
		if err == nil {
			err = json.Unmarshal([]byte(raw), &m)
		}
		var shot []byte
		if err == nil {
			shot, err = chromedp.Run(step, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			t.Fatalf("%d px: %v", width, err)
		}
		t.Logf("%d px: %+v", width, m)
		if m.Overflow > 0 {
			t.Errorf("%d px: the page scrolls sideways by %d px", width, m.Overflow)
		}
		if m.Labels == 0 || m.MinLabel < 12 {
			t.Errorf("%d px: %d chart labels, smallest %.1f px; want 12 px or more", width, m.Labels, m.MinLabel)
		}
		if m.Tables < 4 || m.Boxed != m.Tables || m.Sticky != m.Tables {
			t.Errorf("%d px: %d tables, %d in a scroll box, %d with a sticky first column", width, m.Tables, m.Boxed, m.Sticky)
		}
		if m.Dates == 0 || m.BrokenDates > 0 {
			t.Errorf("%d px: %d of %d dates break over lines", width, m.BrokenDates, m.Dates)
		}
		// Whatever scrolls says so on the page.
		if m.Scrolls > 0 && !m.HintShown {
			t.Errorf("%d px: %d tables scroll sideways but no hint says so", width, m.Scrolls)
		}
		if dir := os.Getenv("BRIEF_SCREENSHOTS"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, "funding-"+strconv.FormatInt(width, 10)+".png"), shot, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
