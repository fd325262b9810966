package build_test

import (
	"io/fs"
	"strings"
	"testing"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// TestEveryErrorInOneRun: whatever breaks, a build reports every error it
// can find in that one run, so an editor never fixes one thing only to meet
// the next: a briefing with broken front matter still has its body's links
// checked, a broken site.toml, theme or static file does not hide the
// content's errors, and a template that cannot execute is reported beside
// the content's errors rather than after they are fixed.
func TestEveryErrorInOneRun(t *testing.T) {
	good := "---\ntitle: Good\ndate: 2023-05-29\n---\n\nBody.\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"broken YAML, and a broken link in the body", map[string]string{
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "---\ntitle: \"a\ndate: 2023-05-29\n---\n\nSee [this](nope.md) and [that](good.md).\n",
		}, []string{
			`content/briefings/x.md:2: front matter is not valid YAML: found unexpected end of stream (a quote, [ or { opened on this line is never closed)`,
			`content/briefings/x.md:6: link to missing briefing "nope.md" (no file content/briefings/nope.md; check the name)`,
		}},
		{"a missing field, and a broken link in the body", map[string]string{
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "---\ndate: 2023-05-29\n---\n\n[a](x.md) [b](good.md)\n\n[c](../nope.md)\n",
		}, []string{
			`content/briefings/x.md:1: title: required field is missing (add title: "...")`,
			`content/briefings/x.md:7: link to missing briefing "../nope.md" (no file content/nope.md; check the name)`,
		}},
		{"no front matter, and a broken link", map[string]string{
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "# Notes\n\n[a](gone.md)\n",
		}, []string{
			`content/briefings/x.md:1: no front matter (start the file with a block such as ---\ntitle: My briefing\ndate: 2023-05-29\n---)`,
			`content/briefings/x.md:3: link to missing briefing "gone.md" (no file content/briefings/gone.md; check the name)`,
		}},
		{"a link to a broken briefing is not an error of its own", map[string]string{
			"content/briefings/good.md": "---\ntitle: Good\ndate: 2023-05-29\n---\n\n[x](x.md)\n",
			"content/briefings/x.md":    "---\ntitle: [x\n---\n\nBody.\n",
		}, []string{
			`content/briefings/x.md:2: front matter is not valid YAML: did not find expected ',' or ']' (close the list with ], and put items that contain commas or brackets in quotes)`,
		}},
		{"site.toml and content", map[string]string{
			"site.toml":                 "paginate = 0\ntitle = 5\n",
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "---\ntitle: X\ndate: 2023-02-30\n---\n\n[a](nope.md)\n",
		}, []string{
			`content/briefings/x.md:3: date: "2023-02-30" is not a real date (check the month and day)`,
			`content/briefings/x.md:6: link to missing briefing "nope.md" (no file content/briefings/nope.md; check the name)`,
			`site.toml:1: paginate: must be at least 1, got 0 (use a number such as 10)`,
			`site.toml:2: title: want a string, got an integer (write title = "...")`,
		}},
		{"a template that does not parse, and a URL clash", map[string]string{
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "---\ntitle: X\ndate: 2023-05-29\nslug: good\n---\n\nBody.\n",
			"layouts/list.html":         "{{define \"main\"}}\n{{if .Title}}\n{{end}\n",
		}, []string{
			`content/briefings/x.md:4: slug: briefing content/briefings/x.md would be written to /briefings/good/index.html, which briefing content/briefings/good.md (content/briefings/good.md:1) already makes (change a slug, alias or file name so that every page has its own URL)`,
			`layouts/list.html:3: an action ends with a single "}" (close the action with }})`,
		}},
		{"a template that does not execute, and a content error", map[string]string{
			"content/briefings/good.md": good,
			"content/briefings/x.md":    "---\ntitle: X\ndate: 2023-05-29\ntags: {a: 1}\n---\n\nBody.\n",
			"layouts/briefing.html":     "{{define \"main\"}}\n<h1>{{.Titel}}</h1>\n{{end}}\n",
		}, []string{
			`content/briefings/x.md:4: tags: want a list of strings, got a map (write tags: ["Web3", "funding"])`,
			`layouts/briefing.html:2: .Titel: can't evaluate field Titel in type *render.Page (did you mean .Title?)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, check := range []bool{false, true} {
				fsys := mapFS(tt.files)
				var err error
				if check {
					_, _, err = buildFS(t, fsys, build.Options{}) // what brief check runs
				} else {
					_, _, err = buildFS(t, fsys, build.Options{Once: true}) // what brief build runs
				}
				got := strings.Split(diagnostics(t, err).Error(), "\n")
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("once=%v got:\n%s\nwant:\n%s", !check, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			}
		})
	}
}

// TestBrokenStaticFileDoesNotHideContentErrors: a static file that cannot
// be read is reported with the content's errors.
func TestBrokenStaticFileDoesNotHideContentErrors(t *testing.T) {
	fsys := failingFS{mapFS(map[string]string{
		"content/briefings/x.md": "---\ntitle: X\n---\n\nBody.\n",
		"static/secret.txt":      "x",
	}), "static/secret.txt"}
	_, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, output.NewMemory())
	got := diagnostics(t, err).Error()
	want := "content/briefings/x.md:1: date: required field is missing (add date: 2023-05-29)\n" +
		"static/secret.txt: cannot read: open static/secret.txt: permission denied (make it a readable regular file inside the site folder)"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// failingFS fails to open one file, as the disk does for a file without
// read permission.
type failingFS struct {
	fs.FS
	bad string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.FS.Open(name)
}

// TestClashWithASitePageNamesTheSource: a briefing whose URL is one of the
// site's own pages (the search page, the tags index) is reported at the
// briefing, whichever of the two the plan met first.
func TestClashWithASitePageNamesTheSource(t *testing.T) {
	fsys := mapFS(map[string]string{
		"site.toml":                   "[permalinks]\nbriefings = \"/:slug/\"\n",
		"content/briefings/search.md": "---\ntitle: S\ndate: 2023-01-01\n---\n\nx\n",
		"content/briefings/t.md":      "---\ntitle: T\ndate: 2023-01-01\nslug: tags\ntags: [a]\n---\n\nx\n",
	})
	_, _, err := buildFS(t, fsys, build.Options{})
	want := "content/briefings/search.md:1: slug: briefing content/briefings/search.md would be written to /search/index.html, which the search page also makes (change a slug, alias or file name so that every page has its own URL)\n" +
		"content/briefings/t.md:4: slug: briefing content/briefings/t.md would be written to /tags/index.html, which the tags index also makes (change a slug, alias or file name so that every page has its own URL)"
	if got := diagnostics(t, err).Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
