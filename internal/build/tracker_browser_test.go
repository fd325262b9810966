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
	"slices"
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
// chart labels are at least 12 px, no table is cut off or scrolls (axe
// cannot judge the contrast of text scrolled out of view, and a reader may
// never find it), a table too wide for a phone stacks its rows into cards
// whose every cell says what it is, a table that stays a table keeps its
// first column in view should it ever scroll, and no date breaks over two
// lines. With BRIEF_SCREENSHOTS=DIR, full-page screenshots are written
// there.
func TestTrackerOnPhoneAndDesktop(t *testing.T) {
	ctx := browsertest.Context(t)
	mem := output.NewMemory()
	if _, err := build.New(brief.DefaultTheme()).Build(os.DirFS(filepath.Join("..", "..")), nil, build.Options{Now: buildClock}, mem); err != nil {
		t.Fatal(err)
	}
	base := serveMemory(t, mem)
	for _, width := range []int64{390, 1280} {
		var m struct {
			Overflow    int      `json:"overflow"`
			MinLabel    float64  `json:"minLabel"`
			Labels      int      `json:"labels"`
			Tables      int      `json:"tables"`
			Stacked     []string `json:"stacked"`
			Unlabelled  []string `json:"unlabelled"`
			Loose       []string `json:"loose"`
			Scrolls     []string `json:"scrolls"`
			Clipped     []string `json:"clipped"`
			BrokenDates int      `json:"brokenDates"`
			Dates       int      `json:"dates"`
		}
		step, cancel := context.WithTimeout(ctx, 30*time.Second)
		var opts []chromedp.EmulateViewportOption
		if width < 500 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		err := chromedp.Do(step, chromedp.EmulateViewport(width, 800, opts...), chromedp.Navigate(base+"/funding/"))
		var raw string
		if err == nil {
			raw, err = chromedp.Run(step, chromedp.Evaluate[string](`JSON.stringify(((width) => {
				const de = document.documentElement;
				const shown = e => e.getClientRects().length > 0;
				const labels = [...document.querySelectorAll('.bar-label, .bar-value')].filter(shown);
				const tables = [...document.querySelectorAll('main table')];
				const dates = [...document.querySelectorAll('.funding-figures time')];
				const name = t => t.caption ? t.caption.textContent : t.className;
				const stacked = t => getComputedStyle(t.tBodies[0].rows[0]).display !== 'table-row';
				const cells = t => [...t.tBodies[0].querySelectorAll('td')];
				const label = c => c.querySelector('.cell-label');
				return {
					overflow: de.scrollWidth - width,
					minLabel: Math.min(...labels.map(l => parseFloat(getComputedStyle(l).fontSize))),
					labels: labels.length,
					tables: tables.length,
					stacked: tables.filter(stacked).map(name),
					// A stacked row's cells say what they are, in letters as big as the chart's.
					unlabelled: tables.filter(stacked).filter(t => cells(t).some(c => !label(c) || !shown(label(c)) || parseFloat(getComputedStyle(label(c)).fontSize) < 12)).map(name),
					// A table that stays a table sits in a scroll box with its first column kept in view.
					loose: tables.filter(t => !stacked(t)).filter(t => !t.parentElement.classList.contains('table-scroll') || getComputedStyle(t.parentElement).overflowX !== 'auto' || getComputedStyle(t.querySelector('tr > :first-child')).position !== 'sticky').map(name),
					scrolls: tables.filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth).map(name),
					// (A stacked table's header row is there for screen readers only.)
					clipped: tables.filter(t => [...(stacked(t) ? t.tBodies[0] : t).querySelectorAll('th, td')].some(c => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > width; })).map(name),
					dates: dates.length,
					brokenDates: dates.filter(d => d.getClientRects().length !== 1 || d.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(d).fontSize)).length,
				};
			})(`+strconv.FormatInt(width, 10)+`))`))
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
		if m.Tables < 4 {
			t.Errorf("%d px: %d tables; want the totals by jurisdiction, year and tag and every figure", width, m.Tables)
		}
		if len(m.Unlabelled) > 0 {
			t.Errorf("%d px: stacked tables whose cells do not all show a readable label: %q", width, m.Unlabelled)
		}
		if len(m.Loose) > 0 {
			t.Errorf("%d px: tables not in a scroll box with a sticky first column: %q", width, m.Loose)
		}
		if len(m.Scrolls) > 0 || len(m.Clipped) > 0 {
			t.Errorf("%d px: tables that scroll sideways %q, tables with cells outside the screen %q", width, m.Scrolls, m.Clipped)
		}
		switch {
		case width < 500 && !slices.Contains(m.Stacked, "Funding figures, newest first"):
			t.Errorf("%d px: the table of every figure should stack its rows into cards on a phone; stacked: %q", width, m.Stacked)
		case width > 1000 && len(m.Stacked) > 0:
			t.Errorf("%d px: tables stacked on a desktop: %q", width, m.Stacked)
		}
		if m.Dates == 0 || m.BrokenDates > 0 {
			t.Errorf("%d px: %d of %d dates break over lines", width, m.BrokenDates, m.Dates)
		}
		if dir := os.Getenv("BRIEF_SCREENSHOTS"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, "funding-"+strconv.FormatInt(width, 10)+".png"), shot, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
