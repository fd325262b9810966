package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"brief/internal/browsertest"
	"brief/internal/cms"
	"brief/internal/content"
	"brief/internal/netlify"
	"brief/internal/scaffold"
)

// npmDir holds what the CMS test takes from npm: decap-server, installed by
// npm ci, and Decap's package, fetched by npm pack (see .ci/run).
const npmDir = "../../internal/cms/testdata/npm"

// cmsTools finds node, decap-server and Decap's package. Without them the
// test skips loudly, or fails when browsers are required (CI).
func cmsTools(t *testing.T) (node, server, decap string) {
	t.Helper()
	node, err := exec.LookPath("node")
	server = filepath.Join(npmDir, "node_modules", "decap-server", "dist", "index.js")
	decap = filepath.Join(npmDir, "decap-cms-"+cms.DecapVersion+".tgz")
	var missing []string
	if err != nil {
		missing = append(missing, "node")
	}
	for _, p := range []string{server, decap} {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("SKIPPING CMS TEST: missing %s; run (cd internal/cms/testdata/npm && npm ci && npm pack decap-cms@%s), as .ci/run does",
			strings.Join(missing, ", "), cms.DecapVersion)
		if os.Getenv(browsertest.RequireEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	abs, err := filepath.Abs(server)
	if err != nil {
		t.Fatal(err)
	}
	return node, abs, decap
}

// freePort returns a loopback port nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startProxy runs decap-server on the site folder, as `npx decap-server`
// does for an editor trying the CMS locally, and waits until it answers.
func startProxy(t *testing.T, node, server, site string, port int) {
	t.Helper()
	cmd := exec.Command(node, server)
	cmd.Dir = site
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "GIT_REPO_DIRECTORY="+site, "LOG_LEVEL=warn")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server:\n%s", logs.String())
		}
	})
	url := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Post(url, "application/json", strings.NewReader(`{"action":"info"}`))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("decap-server did not answer at %s:\n%s", url, logs.String())
}

// serveAsNetlify serves a built site with the headers the repository's
// netlify.toml gives each path, Content-Security-Policy included. On
// /admin/ the policy also lets the page reach the local proxy, which only
// a local trial uses (brief serve sends no policy at all).
func serveAsNetlify(t *testing.T, public string, proxyOrigin string) *httptest.Server {
	t.Helper()
	src, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := netlify.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(public))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range rules.Headers(r.URL.Path) {
			w.Header()[k] = v
		}
		if strings.HasPrefix(r.URL.Path, "/admin/") {
			csp := w.Header().Get("Content-Security-Policy")
			w.Header().Set("Content-Security-Policy", strings.Replace(csp, "connect-src 'self'", "connect-src 'self' "+proxyOrigin, 1))
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// briefRun runs brief in this process, as the CLI would.
func briefRun(t *testing.T, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("brief %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errs.String())
	}
	return out.String()
}

// TestCMSEndToEnd: brief cms writes Decap CMS into a site; an editor opens
// /admin/ in Chromium (served with netlify.toml's headers), logs in to the
// local backend (npm's decap-server, as `npx decap-server`), fills in a new
// briefing with two funding items and publishes it. The file decap-server
// writes must be what brief reads: it parses without a problem, is named by
// the title's slug, builds, and its page shows on the site.
func TestCMSEndToEnd(t *testing.T) {
	node, server, decap := cmsTools(t)
	ctx := browsertest.Context(t)
	site := t.TempDir()
	for name, text := range map[string]string{
		"site.toml": `title = "CMS test"
timezone = "Asia/Hong_Kong"
[jurisdictions]
Beijing = { parent = "China" }
China = {}
"Hong Kong" = {}
[currency]
report = "USD"
asOf = 2023-06-30
[currency.rates]
CNY = 0.138
HKD = 0.1276
`,
		"content/briefings/hk.md": "---\ntitle: \"HK licences\"\ndate: 2023-06-01\njurisdiction: Hong Kong\n---\nFirst.\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	out := briefRun(t, "cms", "--source", site, "--decap", decap)
	if !strings.Contains(out, "copied Decap CMS "+cms.DecapVersion) {
		t.Fatalf("brief cms: %s", out)
	}
	// The only change to what brief cms wrote: where the local proxy listens.
	port := freePort(t)
	config := filepath.Join(site, "static", "admin", "config.yml")
	yml, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(yml, []byte("\nlocal_backend: true\n")) {
		t.Fatalf("config.yml has no local_backend: true:\n%s", yml)
	}
	yml = bytes.Replace(yml, []byte("\nlocal_backend: true\n"), fmt.Appendf(nil, "\nlocal_backend:\n  url: http://127.0.0.1:%d/api/v1\n", port), 1)
	if err := os.WriteFile(config, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	briefRun(t, "build", "--source", site, "--destination", public, "--minify", "--quiet")
	startProxy(t, node, server, site, port)
	srv := serveAsNetlify(t, public, fmt.Sprintf("http://127.0.0.1:%d", port))

	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	tctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	js := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	waitFor := func(what, expr string) {
		t.Helper()
		if _, err := chromedp.Run(tctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			text, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.innerHTML.replace(/<svg.*?<\/svg>/g, '').slice(0, 3000)`))
			t.Fatalf("waiting for %s: %v; the page holds:\n%s", what, err, text)
		}
	}
	// focus puts the cursor in the i-th element matching sel; type sends
	// real key presses, as React's inputs need.
	focus := func(sel string, i int) {
		t.Helper()
		waitFor(sel, fmt.Sprintf(`document.querySelectorAll(%q).length > %d`, sel, i))
		js(fmt.Sprintf(`(document.querySelectorAll(%q)[%d].focus(), '')`, sel, i))
	}
	typ := func(keys string) {
		t.Helper()
		if err := chromedp.Do(tctx, chromedp.KeyEvent(keys)); err != nil {
			t.Fatal(err)
		}
	}
	click := func(sel, text string) {
		t.Helper()
		find := fmt.Sprintf(`[...document.querySelectorAll(%q)].find(e => e.textContent.trim().startsWith(%q))`, sel, text)
		waitFor(text, find+` !== undefined`)
		js(`(` + find + `.click(), '')`)
	}
	shots := os.Getenv("BRIEF_SCREENSHOTS") // a folder to keep screenshots in, for documentation
	shot := func(name string) {
		if shots == "" {
			return
		}
		if buf, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(shots, name), buf, 0o644)
		}
	}

	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/admin/")); err != nil {
		t.Fatal(err)
	}
	click("button", "Login")
	click("a[href='#/collections/briefings/new']", "")
	title := "香港 SFC licenses HashKey: two Web3 funds"
	focus("input[id^=title-field]", 0)
	typ(title)
	if date := js(`document.querySelector('input[id^=date-field]').value`); !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(date) {
		t.Errorf("the date field starts as %q, want today", date)
	}
	focus("input[id^=jurisdiction-field]", 0) // a select of the site's jurisdictions
	typ("Beijing\r")
	typ("Hong\r")
	for i, tag := range []string{"Web3", "funding"} {
		click("button", "Add tag")
		focus("input[id^=tags-field]", i)
		typ(tag)
	}
	focus("textarea[id^=summary-field]", 0)
	typ("Two funds for Web3 start-ups.")
	// Each item says which of the briefing's jurisdictions it counts for.
	for i, f := range [][5]string{{"100m", "CNY", "14m", "Web3 fund", "Beijing"}, {"1,500,000", "HKD", "", "Pilot grants", "Hong"}} {
		click("button", "Add funding")
		focus("input[id^=amount-field]", i)
		typ(f[0])
		focus("input[id^=currency-field]", i)
		typ(f[1] + "\r")
		focus("input[id^=usd-field]", i)
		typ(f[2])
		focus("input[id^=purpose-field]", i)
		typ(f[3])
		focus("input[id^=jurisdiction-field]", i+1) // the first is the briefing's
		typ(f[4] + "\r")
	}
	click("button", "Add sources")
	focus("input[id^=url-field]", 0)
	typ("https://www.sfc.hk/")
	focus("[data-slate-editor]", 0)
	typ("The SFC licensed the first two funds.")
	if shots != "" { // the whole form, top to bottom
		chromedp.Do(tctx, chromedp.EmulateViewport(1280, 2300))
		js(`(document.querySelector('input[id^=title-field]').scrollIntoView(), '')`)
		shot("cms-form.png")
		chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900))
	}
	click("span[role=button]", "Publish")
	click("[role=menuitem]", "Publish now")

	// decap-server writes the file; it must be brief's to the letter.
	name := scaffold.Name(title)
	file := filepath.Join(site, "content", "briefings", name+".md")
	var src []byte
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if src, err = os.ReadFile(file); err == nil && bytes.Contains(src, []byte("Pilot grants")) {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(filepath.Dir(file))
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			shot("cms-failed.png")
			t.Fatalf("no %s after publishing; content/briefings holds %v", file, names)
		}
	}
	b, ds := content.Parse("content/briefings/"+name+".md", src, content.Options{})
	if len(ds) > 0 {
		t.Fatalf("the CMS wrote what brief rejects:\n%s\n%s", ds.Error(), src)
	}
	for _, line := range []string{
		`title: "` + title + `"`,
		"jurisdiction:\n  - Beijing\n  - Hong Kong\n",
		"tags:\n  - Web3\n  - funding\n",
		"funding:\n  - amount: 100m\n    currency: CNY\n    usd: 14m\n    purpose: Web3 fund\n    jurisdiction: Beijing\n  - amount: 1,500,000\n    currency: HKD\n    purpose: Pilot grants\n    jurisdiction: Hong Kong\n",
		"sources:\n  - url: https://www.sfc.hk/\n",
		"---\nThe SFC licensed the first two funds.",
	} {
		if !bytes.Contains(src, []byte(line)) {
			t.Errorf("the file lacks %q:\n%s", line, src)
		}
	}
	if !regexp.MustCompile(`(?m)^date: \d{4}-\d{2}-\d{2}$`).Match(src) || bytes.Contains(src, []byte("updated:")) {
		t.Errorf("date not as YYYY-MM-DD, or an empty updated written:\n%s", src)
	}
	if len(b.Funding) != 2 || b.Funding[0].Amount.String() != "100000000" || b.Funding[1].Currency != "HKD" || b.Funding[1].Amount.String() != "1500000" {
		t.Errorf("funding %+v", b.Funding)
	}

	// It builds, and shows on the site (served with the site's policy).
	briefRun(t, "build", "--source", site, "--destination", public, "--minify", "--quiet")
	page, err := os.ReadFile(filepath.Join(public, "briefings", name, "index.html"))
	if err != nil {
		t.Fatalf("no page for the new briefing: %v", err)
	}
	for _, s := range []string{title, "CNY 100m", "HK$1.5m", "The SFC licensed the first two funds."} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the page lacks %q", s)
		}
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor("the new briefing on the home page", fmt.Sprintf(`document.body.innerText.includes(%q)`, title))
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/briefings/"+name+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor("its page", fmt.Sprintf(`document.querySelector('h1') && document.querySelector('h1').textContent.includes(%q)`, title))
	shot("cms-published.png")
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the browser reported:\n%s", strings.Join(problems, "\n"))
	}
}
