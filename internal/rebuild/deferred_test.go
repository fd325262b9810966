package rebuild

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// overlayNow returns what the dev server's error overlay shows now: the
// first event a page that connects gets is the current error state ("" when
// there is none).
func overlayNow(t *testing.T, base string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/__brief/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var name string
	var data []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		case line == "" && name != "":
			if name == "ok" {
				return ""
			}
			return strings.Join(data, "\n")
		}
	}
	t.Fatalf("the event stream ended without an event: %v", sc.Err())
	return ""
}

// waitOverlay polls the overlay until cond holds.
func waitOverlay(t *testing.T, base, what string, cond func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := overlayNow(t, base)
		if cond(got) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for the overlay to %s; it shows %q", what, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serveWithLayout serves a copy of the example site with one layout of
// its own, printing into log and errs, and returns the site's URL and the
// path and text of the briefing the tests edit.
func serveWithLayout(t *testing.T, name, layout string, log, errs *reports) (base, file string, orig []byte) {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", name), []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, "content", "briefings", "hk-jpex-case-2023.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	base = startServeWith(t, dir, func(c *Config) { c.Log, c.Errors = log, errs })
	log.wait(t, "built ", 1)
	return base, file, orig
}

// TestServeReportsDeferredPageErrors: brief serve leaves the archive to be
// made after the reload of an edit, but an edit whose data breaks the
// archive's template is reported at once all the same, in the terminal and
// the overlay, with the layout's file and line, without anyone opening
// the archive; the archive keeps its last good version; the error stays
// through an edit that does not touch the archive, and goes with the edit
// that fixes it.
func TestServeReportsDeferredPageErrors(t *testing.T) {
	log, errs := newReports(), newReports()
	// An archive that fails on a title shorter than five bytes.
	base, file, orig := serveWithLayout(t, "archive.html",
		"{{define \"main\"}}<h1>Archive</h1>\n{{range .Years}}{{range .Briefings}}<p>{{slice .Title 0 5}}</p>{{end}}{{end}}\n{{end}}\n", log, errs)
	if got := servedPage(t, base+"/archive/"); !strings.Contains(got, "<p>JPEX </p>") {
		t.Fatalf("the archive does not show the briefing:\n%s", got)
	}
	retitle := func(title string) {
		t.Helper()
		edited := strings.Replace(string(orig), `title: "JPEX collapse becomes Hong Kong's largest fraud case"`, "title: "+title, 1)
		if edited == string(orig) {
			t.Fatal("the briefing's title is not where the test expects it")
		}
		save(t, file, []byte(edited))
	}

	retitle(`"JPX"`)
	const where = "layouts/archive.html:2: "
	errs.wait(t, where, 1)
	log.wait(t, "/archive/ (made after the reload): failed with 1 error; its last good version stays", 1)
	msg := waitOverlay(t, base, "show the archive's error", func(s string) bool { return strings.Contains(s, where) })
	if !strings.Contains(msg, "slice") {
		t.Errorf("the overlay does not say what failed: %q", msg)
	}
	if got := servedPage(t, base+"/briefings/hk-jpex-case-2023/"); !strings.Contains(got, "JPX") {
		t.Errorf("the edited briefing does not show its new title")
	}
	if got := servedPage(t, base+"/archive/"); !strings.Contains(got, "<p>JPEX </p>") {
		t.Errorf("the archive's last good version is not served:\n%s", got)
	}

	// An edit of another briefing's body: the archive is still broken.
	other := filepath.Join(filepath.Dir(file), "hk-tokenised-green-bond-2023.md")
	body, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	save(t, other, append(body, "\nA sentence added.\n"...))
	log.wait(t, "rebuilt in", 2)
	if got := overlayNow(t, base); !strings.Contains(got, where) {
		t.Errorf("after an edit elsewhere the overlay no longer shows the archive's error: %q", got)
	}

	retitle(`"Again JPEX"`)
	waitOverlay(t, base, "go", func(s string) bool { return s == "" })
	if got := servedPage(t, base+"/archive/"); !strings.Contains(got, "<p>Again</p>") {
		t.Errorf("the archive was not made again:\n%s", got)
	}
	if n := strings.Count(errs.String(), where); n != 1 {
		t.Errorf("the error was printed %d times, want once:\n%s", n, errs.String())
	}
}

// TestServeFailedEditKeepsLazyFiles: an edit that the model takes in place
// (a title) but whose build fails leaves the whole last good site served,
// the files made on request included: the data file made after the failed
// build still has the old title.
func TestServeFailedEditKeepsLazyFiles(t *testing.T) {
	log, errs := newReports(), newReports()
	// A briefing page that fails on a title shorter than five bytes.
	base, file, orig := serveWithLayout(t, "briefing.html", "{{define \"main\"}}\n<h1>{{slice .Briefing.Title 0 5}}</h1>\n{{end}}\n", log, errs)
	const title = `"title": "JPEX collapse becomes Hong Kong's largest fraud case"`
	edited := strings.Replace(string(orig), `title: "JPEX collapse becomes Hong Kong's largest fraud case"`, `title: "JPX"`, 1)
	save(t, file, []byte(edited))
	errs.wait(t, "layouts/briefing.html:2: ", 1)
	if got := servedPage(t, base+"/data/briefings.json"); !strings.Contains(got, title) || strings.Contains(got, `"JPX"`) {
		t.Errorf("after a failed build the data file does not have the last good title (has it: %v; has the failed edit's: %v)",
			strings.Contains(got, title), strings.Contains(got, `"JPX"`))
	}
}
