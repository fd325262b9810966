package rebuild

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"brief"
	"brief/internal/browsertest"
	"brief/internal/build"
)

// copyTree copies the example site's sources (from the repository root)
// into a temporary folder the test may edit.
func copyTree(t testing.TB, dst string, parts ...string) {
	t.Helper()
	for _, part := range parts {
		src := filepath.Join("..", "..", part)
		err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			out := filepath.Join(dst, rel)
			if info.IsDir() {
				return os.MkdirAll(out, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// startServe runs the same loop as `brief serve` on a free loopback port
// and returns the site's URL.
func startServe(t testing.TB, dir string) string {
	t.Helper()
	return startServeWith(t, dir, nil)
}

// startServeWith is startServe with a last say on the loop's Config.
func startServeWith(t testing.TB, dir string, configure func(*Config)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	c := Config{Source: dir, FS: root.FS(), Builder: build.New(brief.DefaultTheme()),
		Options: build.Options{Now: time.Now(), BaseURL: "http://" + addr + "/"}, Log: io.Discard, Errors: io.Discard}
	if configure != nil {
		configure(&c)
	}
	go func() { done <- Serve(ctx, c, addr, func(net.Addr) { close(ready) }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop after its context was cancelled")
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(3 * time.Minute): // a large site on a loaded machine (TestServeEditLatency)
		t.Fatal("serve did not start")
	}
	return "http://" + addr
}

// waitFor polls a JavaScript condition in the page until it holds.
func waitFor(t testing.TB, ctx context.Context, expr string, timeout time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < timeout {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s", timeout, expr)
	return 0
}

const overlayShown = `(() => { const h = document.getElementById("__brief-error-overlay"); return !!(h && h.shadowRoot && h.shadowRoot.querySelector("pre").textContent.includes(%q)); })()`
const overlayGone = `!document.getElementById("__brief-error-overlay")`

func bodyHas(s string) string {
	return fmt.Sprintf(`document.body !== null && document.body.innerText.includes(%q)`, s)
}

// TestServeLiveEdit is the editor's loop in a real browser: open a briefing,
// edit its Markdown on disk, see the new text without touching the page;
// break the front matter, see the overlay over the last good page; fix it,
// see the overlay go.
func TestServeLiveEdit(t *testing.T) {
	ctx := browsertest.Context(t)
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	base := startServe(t, dir)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/briefings/hk-jpex-case-2023/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, bodyHas("JPEX"), 10*time.Second)

	file := filepath.Join(dir, "content", "briefings", "hk-jpex-case-2023.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "\n## ", "\nA sentence added while the page was open.\n\n## ", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, bodyHas("A sentence added while the page was open."), 10*time.Second)

	broken := strings.Replace(edited, "title:", "titel:", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, fmt.Sprintf(overlayShown, `titel: unknown field (did you mean "title"?)`), 10*time.Second)
	// The last good page is still there under the overlay.
	waitFor(t, ctx, bodyHas("A sentence added while the page was open."), time.Second)

	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, overlayGone, 10*time.Second)

	// A new briefing appears on the open home page; removing it takes it away.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector('.card')`, 10*time.Second)
	added := filepath.Join(dir, "content", "briefings", "macau-test-note.md")
	note := "---\ntitle: \"Macau note written during the test\"\ndate: 2099-01-01\njurisdiction: Hong Kong\n---\nBody.\n"
	note = strings.Replace(note, "2099-01-01", time.Now().Format("2006-01-02"), 1)
	if err := os.WriteFile(added, []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector('a[href="/briefings/macau-test-note/"]')`, 10*time.Second)
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!document.querySelector('a[href="/briefings/macau-test-note/"]') && !!document.querySelector('.card')`, 10*time.Second)
}

// TestServeEditLatency measures the time from a file write to the new text
// showing in the browser, over 20 edits of each kind: a body edit, a title
// edit, a tag and a jurisdiction edit (a new one, where the site's names
// are not a closed list) and a funding edit (an item's amount and
// purpose). The title and funding edits update the model in place, the
// tag and jurisdiction edits make a new model. It only reports figures (see the
// closing notes and bench/README.md); set BRIEF_LATENCY=1 to run it, and
// BRIEF_LATENCY_SITE to a generated site folder to measure a large site.
func TestServeEditLatency(t *testing.T) {
	if os.Getenv("BRIEF_LATENCY") == "" {
		t.Skip("set BRIEF_LATENCY=1 to measure edit-to-browser latency")
	}
	ctx := browsertest.Context(t)
	dir := os.Getenv("BRIEF_LATENCY_SITE")
	if dir == "" {
		dir = t.TempDir()
		copyTree(t, dir, "content", "static", "site.toml")
	}
	start := time.Now()
	base := startServe(t, dir)
	t.Logf("initial build and start: %s", time.Since(start).Round(time.Millisecond))
	files, _ := filepath.Glob(filepath.Join(dir, "content", "briefings", "*.md"))
	sort.Strings(files)
	// From the middle on, the first briefing with funding and a list of
	// jurisdictions, so that every kind of edit applies.
	file := files[len(files)/2]
	for _, f := range files[len(files)/2:] {
		if data, _ := os.ReadFile(f); strings.Contains(string(data), "\njurisdiction: [") && strings.Contains(string(data), "\n    purpose: \"") {
			file = f
			break
		}
	}
	slug := strings.TrimSuffix(filepath.Base(file), ".md")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/briefings/"+slug+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.readyState === "complete"`, 10*time.Second)
	orig, _ := os.ReadFile(file)
	defer os.WriteFile(file, orig, 0o644)
	cfg, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	edits := []struct {
		name string
		edit func(marker string) string
	}{
		{"body", func(m string) string { return string(orig) + "\n\n" + m + "\n" }},
		{"title", func(m string) string { return strings.Replace(string(orig), "\ntitle: \"", "\ntitle: \""+m+" ", 1) }},
	}
	type edit = struct {
		name string
		edit func(marker string) string
	}
	if strings.Contains(string(orig), "\ntags: [") && !strings.Contains(string(cfg), "\n[tags]") {
		edits = append(edits, edit{"tag", func(m string) string { return strings.Replace(string(orig), "\ntags: [", "\ntags: ["+m+", ", 1) }})
	}
	if strings.Contains(string(orig), "\njurisdiction: [") && !strings.Contains(string(cfg), "\n[jurisdictions]") {
		edits = append(edits, edit{"jurisdiction", func(m string) string {
			return strings.Replace(string(orig), "\njurisdiction: [", "\njurisdiction: ["+m+", ", 1)
		}})
	}
	// A funding item's amount (which the lists' totals sum) and purpose.
	if strings.Contains(string(orig), "\n  - amount: \"") && strings.Contains(string(orig), "\n    purpose: \"") {
		edits = append(edits, edit{"funding", func(m string) string {
			s := strings.Replace(string(orig), "\n  - amount: \"", "\n  - amount: \"1", 1)
			return strings.Replace(s, "\n    purpose: \"", "\n    purpose: \""+m+" ", 1)
		}})
	}
	for _, e := range edits {
		var times []time.Duration
		for i := 0; i < 20; i++ {
			marker := fmt.Sprintf("latency%smarker%d", e.name, i)
			time.Sleep(300 * time.Millisecond) // let the page settle between edits
			t0 := time.Now()
			if err := os.WriteFile(file, []byte(e.edit(marker)), 0o644); err != nil {
				t.Fatal(err)
			}
			for {
				ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](bodyHas(marker)))
				if err == nil && ok {
					break
				}
				if time.Since(t0) > 20*time.Second {
					t.Fatalf("%s edit %d never showed", e.name, i)
				}
			}
			times = append(times, time.Since(t0))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%s edit: write-to-browser latency over %d edits: median %s, worst %s, best %s", e.name,
			len(times), times[len(times)/2].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond))
	}
}

// TestServeTranslationLive: brief serve serves an edition of another
// language under its prefix and reloads it on an edit of a translation,
// and a translation added while the edition's home page is open appears.
func TestServeTranslationLive(t *testing.T) {
	ctx := browsertest.Context(t)
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	cfg, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), "[languages") {
		cfg = append(cfg, "\n[languages.en]\nname = \"English\"\n\n[languages.zh-Hant]\nname = \"繁體中文\"\n"...)
		if err := os.WriteFile(filepath.Join(dir, "site.toml"), cfg, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "content", "briefings", "hk-jpex-case-2023.zh-Hant.md")
	zh := "---\ntitle: \"JPEX 案\"\ndate: 2023-09-20\njurisdiction: Hong Kong\n---\n\n證監會就 JPEX 發出警告。\n"
	if err := os.WriteFile(file, []byte(zh), 0o644); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, dir)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/zh-hant/briefings/hk-jpex-case-2023/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, bodyHas("證監會就 JPEX 發出警告。")+` && document.documentElement.lang === "zh-Hant"`, 10*time.Second)
	if err := os.WriteFile(file, []byte(zh+"\n編輯時加入的一句。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, bodyHas("編輯時加入的一句。"), 10*time.Second)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/zh-hant/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector('a[href="/zh-hant/briefings/hk-jpex-case-2023/"]')`, 10*time.Second)
	added := filepath.Join(dir, "content", "briefings", "zh-note-written-in-test.zh-Hant.md")
	note := "---\ntitle: \"測試中寫的筆記\"\ndate: 2023-01-01\njurisdiction: Hong Kong\n---\n\n正文。\n"
	if err := os.WriteFile(added, []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector('a[href="/zh-hant/briefings/zh-note-written-in-test/"]')`, 10*time.Second)
}
