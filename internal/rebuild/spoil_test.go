package rebuild

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/lending"
	"brief/internal/output"
)

// reloadTagRE matches the dev server's reload script, which a full build's
// page has not.
var reloadTagRE = regexp.MustCompile(`<script src="/__brief/reload\.js" data-brief-gen="\d+" defer></script>`)

// fullBuild builds dir whole into memory with opt, as `brief build` would:
// what the dev server must serve, less its reload script.
func fullBuild(t *testing.T, dir string, opt build.Options) map[string][]byte {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	mem := output.NewMemory()
	if _, err := build.New(brief.DefaultTheme()).Build(root.FS(), nil, opt, mem); err != nil {
		t.Fatal(err)
	}
	return mem.Files
}

// urlOf is the URL path the dev server serves an output path under.
func urlOf(key string) string {
	if key == "index.html" {
		return "/"
	}
	if k, ok := strings.CutSuffix(key, "/index.html"); ok {
		return "/" + k + "/"
	}
	return "/" + key
}

// TestServeConcurrentNeverServesReturned guards the buffers the renderer
// lends (a body's HTML and text, search fragments, a page's JSON-LD; in
// tests each is spoiled with lending.Pattern as it is handed back) under
// the dev server: several goroutines ask for every page at once, again and
// again, while an edit of a briefing's title is rebuilt and then undone,
// which leaves the archive and the tracker to be made on request. Every
// response must be the file of a full build of the site before or after
// the edit, and none may hold a spoiled buffer.
func TestServeConcurrentNeverServesReturned(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, dir, "content", "static", "site.toml")
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var opt build.Options
	base := startServeWith(t, dir, func(c *Config) {
		c.Options.Now = now
		opt = c.Options
	})
	before := fullBuild(t, dir, opt)

	file := filepath.Join(dir, "content", "briefings", "hk-jpex-case-2023.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const oldTitle, newTitle = "JPEX collapse becomes", "JPEX implosion becomes"
	edited := bytes.Replace(orig, []byte(oldTitle), []byte(newTitle), 1)
	if bytes.Equal(edited, orig) {
		t.Fatalf("%s has no %q to edit", file, oldTitle)
	}
	edit := t.TempDir()
	copyTree(t, edit, "content", "static", "site.toml")
	if err := os.WriteFile(filepath.Join(edit, "content", "briefings", "hk-jpex-case-2023.md"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	after := fullBuild(t, edit, opt)

	keys := make([]string, 0, len(before))
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after { // a changed search chunk is named anew
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, want := range []string{"search/index.html", "feed.xml", "archive/index.html", "funding/index.html"} {
		if _, ok := before[want]; !ok {
			t.Errorf("the site has no %s to ask for (%d files)", want, len(keys))
		}
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// get returns a file as served, or ok false for a 404.
	get := func(key string) (body string, ok bool, err error) {
		resp, err := client.Get(base + urlOf(key))
		if err != nil {
			return "", false, err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return "", false, err
		}
		switch resp.StatusCode {
		case http.StatusOK:
			return string(reloadTagRE.ReplaceAll(data, nil)), true, nil
		case http.StatusNotFound:
			return "", false, nil
		}
		return "", false, fmt.Errorf("%s: status %d", key, resp.StatusCode)
	}
	var mu sync.Mutex
	bad := 0
	check := func(key, got string, found bool, allowed ...map[string][]byte) {
		for _, files := range allowed {
			want, ok := files[key]
			if ok == found && got == string(want) && !lending.Spoiled([]byte(got)) {
				return
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if bad++; bad > 5 {
			return
		}
		if lending.Spoiled([]byte(got)) {
			t.Errorf("%s holds a buffer handed back (%q)", key, lending.Pattern)
		} else {
			t.Errorf("%s (found %v) is not a full build's file before or after the edit:\n%.400s", key, found, got)
		}
	}
	// hammer asks for every file from 4 goroutines, each in its own
	// order, rounds times, while during runs.
	hammer := func(rounds int, during func(), allowed ...map[string][]byte) {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range rounds {
					for i := range keys {
						key := keys[(i*(2*g+1)+r*7)%len(keys)]
						got, found, err := get(key)
						if err != nil {
							mu.Lock()
							t.Error(err)
							mu.Unlock()
							continue
						}
						check(key, got, found, allowed...)
					}
				}
			}()
		}
		if during != nil {
			during()
		}
		wg.Wait()
	}
	// Wait on the page itself until it shows an edit's title.
	settle := func(key, title string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			got, _, err := get(key)
			if err == nil && strings.Contains(got, title) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not show %q after the edit", key, title)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	page := "briefings/hk-jpex-case-2023/index.html"

	t.Logf("%d files", len(keys))
	hammer(1, nil, before)
	hammer(1, func() {
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			t.Error(err)
		}
		settle(page, newTitle)
	}, before, after)
	hammer(1, func() {
		if err := os.WriteFile(file, orig, 0o644); err != nil {
			t.Error(err)
		}
		settle(page, oldTitle)
	}, before, after)
	hammer(1, nil, before)
}
