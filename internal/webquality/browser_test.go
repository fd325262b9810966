package webquality

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"brief/internal/browsertest"
)

// watchViolations records every Content-Security-Policy violation of every
// document the tab loads (a page's CSP does not apply to this script).
const watchViolations = `window.__briefCSP = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__briefCSP.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`

// watchCSP has every document the tab loads record its CSP violations in
// window.__briefCSP.
func watchCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchViolations})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// widths are the viewports axe judges each page at: a desktop and a phone.
var widths = []struct {
	name          string
	width, height int64
	mobile        bool
}{{"desktop 1280px", 1280, 900, false}, {"phone 390px", 390, 844, true}}

// axeViolation is one failed (or, for incomplete results, undecided) axe
// rule and the elements it concerns.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
		Any    []struct {
			Message string `json:"message"`
		} `json:"any"`
	} `json:"nodes"`
}

// axeResults is what axe says about a page: the rules it fails, and the
// colour-contrast checks it could not decide ("needs review": text over a
// gradient or an image, clipped or overlapping text). A reader may not be
// able to read what axe cannot judge, so both must be empty.
type axeResults struct {
	Violations []axeViolation `json:"violations"`
	Undecided  []axeViolation `json:"undecided"`
}

// TestPagesInChromium loads every page kind of both sites in headless
// Chromium, served with the exact headers of netlify.toml, and fails on any
// CSP violation, console error or uncaught exception, and, at desktop and
// phone widths, on a page wider than the screen, any axe-core violation and
// any text whose colour contrast axe cannot decide.
func TestPagesInChromium(t *testing.T) {
	t.Parallel() // Java and Chromium share the cores
	built := sites(t)
	axe, err := os.ReadFile(npmFile(t, "axe-core (npm)", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	headers := netlifyConfig(t)
	if csp := headers.Headers("/").Get("Content-Security-Policy"); csp == "" {
		t.Fatal("netlify.toml sets no Content-Security-Policy")
	}
	ctx := browsertest.Context(t)
	watchCSP(t, ctx)
	var mu sync.Mutex
	var console []string
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "uncaught: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				msg = "console.error: " + strings.Join(parts, " ")
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				msg = fmt.Sprintf("%s error: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		}
		if msg != "" {
			mu.Lock()
			console = append(console, msg)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, s := range built {
		srv := serve(t, s.dir, s.site.Config.BasePath(), headers, nil)
		kinds := s.kinds(t)
		for _, kind := range kindNames(kinds) {
			url := srv.URL + strings.TrimSuffix(s.site.Config.BasePath(), "/") + kinds[kind]
			if kind == "search" {
				url += "?q=policy"
			}
			t.Run(s.name+"/"+kind, func(t *testing.T) {
				mu.Lock()
				console = nil
				mu.Unlock()
				pageCtx, cancel := context.WithTimeout(ctx, 3*time.Minute) // axe takes a while on a big funding page
				defer cancel()
				if err := chromedp.Do(pageCtx, chromedp.EmulateViewport(widths[0].width, widths[0].height), chromedp.Navigate(url)); err != nil {
					t.Fatalf("load %s: %v", url, err)
				}
				if kind == "search" {
					// The search runs after the index loads; wait for its answer.
					if _, err := chromedp.Run(pageCtx, chromedp.Poll[bool](`document.querySelector("[role=status]") && document.querySelector("[role=status]").textContent.length > 0`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
						t.Errorf("the search page shows no result status: %v", err)
					}
				}
				for _, w := range widths {
					var opts []chromedp.EmulateViewportOption
					if w.mobile {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
					}
					if err := chromedp.Do(pageCtx, chromedp.EmulateViewport(w.width, w.height, opts...)); err != nil {
						t.Fatal(err)
					}
					// A phone widens its layout to what the page needs: a page wider
					// than the screen scrolls sideways (or shows shrunken text).
					if wide, err := chromedp.Run(pageCtx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); err != nil {
						t.Fatal(err)
					} else if wide > w.width {
						t.Errorf("%s at %s: the page is %d px wide", kinds[kind], w.name, wide)
					}
					r := runAxe(t, pageCtx, string(axe))
					if vs := r.Violations; len(vs) > 0 {
						t.Errorf("axe-core at %s: %d violations on %s:\n%s", w.name, len(vs), kinds[kind], describe(vs))
					}
					if vs := r.Undecided; len(vs) > 0 {
						t.Errorf("axe-core at %s: colour contrast it cannot decide on %s:\n%s", w.name, kinds[kind], describe(vs))
					}
				}
				violations, err := chromedp.Run(pageCtx, chromedp.Evaluate[[]string](`window.__briefCSP`))
				if err != nil {
					t.Fatal(err)
				}
				if len(violations) > 0 {
					t.Errorf("Content-Security-Policy violations on %s:\n  %s", kinds[kind], strings.Join(violations, "\n  "))
				}
				mu.Lock()
				errs := append([]string(nil), console...)
				mu.Unlock()
				if len(errs) > 0 {
					t.Errorf("console errors on %s:\n  %s", kinds[kind], strings.Join(errs, "\n  "))
				}
			})
		}
	}
}

// runAxe runs axe-core on the page as it is laid out now.
func runAxe(t *testing.T, ctx context.Context, src string) axeResults {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src+";void 0")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`axe.run(document, {resultTypes: ["violations", "incomplete"]}).then(r => JSON.stringify({
			violations: r.violations,
			undecided: r.incomplete.filter(x => x.id === "color-contrast" || x.id === "color-contrast-enhanced"),
		}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	var r axeResults
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func describe(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s (%s): %s\n", v.ID, v.Impact, v.Help)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "    ... and %d more\n", len(v.Nodes)-5)
				break
			}
			fmt.Fprintf(&b, "    %v %s\n", n.Target, n.HTML)
			for _, a := range n.Any {
				if a.Message != "" {
					fmt.Fprintf(&b, "      %s\n", a.Message)
				}
			}
		}
	}
	return b.String()
}

// TestChromiumSeesViolations proves the checks above can fail: a page with
// an inline script and style, served with the policy of netlify.toml, gives
// CSP violations, and an image without alt text an axe violation.
func TestChromiumSeesViolations(t *testing.T) {
	axe, err := os.ReadFile(npmFile(t, "axe-core (npm)", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := `<!doctype html><html lang="en"><head><title>Bad</title><link rel="stylesheet" href="/bad.css"></head><body><main>` +
		`<p style="color:red">inline style</p><script>document.title = "ran"</script><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">` +
		`<p class="gradient">text over a gradient</p></main></body></html>`
	if err := os.WriteFile(dir+"/index.html", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/bad.css", []byte(".gradient { background: linear-gradient(#fff, #222); color: #777; }"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, dir, "/", netlifyConfig(t), nil)
	ctx := browsertest.Context(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	watchCSP(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__briefCSP`))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(violations, "\n")
	if !strings.Contains(joined, "script-src") || !strings.Contains(joined, "style-src") {
		t.Errorf("the inline script and style should break the policy; seen: %q", violations)
	}
	if title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); title == "ran" {
		t.Error("the inline script ran: the test server does not send the policy")
	}
	r := runAxe(t, ctx, string(axe))
	found := false
	for _, v := range r.Violations {
		found = found || v.ID == "image-alt"
	}
	if !found {
		t.Errorf("axe-core should flag the image without alt text; got %s", describe(r.Violations))
	}
	if len(r.Undecided) == 0 {
		t.Error("axe-core should leave the contrast of text over a gradient undecided, and the test see it")
	}
}
