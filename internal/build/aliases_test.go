package build_test

import (
	"strings"
	"testing"

	"brief/internal/build"
)

// An alias without a trailing slash is a file where a page needs a folder
// (or the other way round): the build reports it at the alias's own line
// instead of failing while writing.
func TestAliasFolderClashes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "alias is a page's path without its slash",
			files: map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases:\n  - /old/a/\n  - /briefings/hk-policy\n---\nx\n"},
			want: `content/briefings/a.md:6: aliases[1]: alias /briefings/hk-policy of content/briefings/a.md would be written to the file /briefings/hk-policy, ` +
				`which briefing content/briefings/hk-policy.md (content/briefings/hk-policy.md:1) needs as a folder (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		{
			name:  "alias is a section without its slash",
			files: map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: /tags\n---\nx\n"},
			want: `content/briefings/a.md:4: aliases: alias /tags of content/briefings/a.md would be written to the file /tags, ` +
				`which the tags index needs as a folder (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		{
			name:  "alias goes below a file",
			files: map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/feed.xml/]\n---\nx\n"},
			want: `content/briefings/a.md:4: aliases[0]: alias /feed.xml/ of content/briefings/a.md needs /feed.xml as a folder, ` +
				`which the site feed writes as a file (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		{
			name: "two aliases, with and without slash",
			files: map[string]string{
				"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/old]\n---\nx\n",
				"content/briefings/b.md": "---\ntitle: B\ndate: 2023-01-01\naliases: [/old/]\n---\nx\n",
			},
			want: `content/briefings/a.md:4: aliases[0]: alias /old of content/briefings/a.md would be written to the file /old, ` +
				`which alias /old/ of content/briefings/b.md (content/briefings/b.md:4) needs as a folder (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		// An alias on a path that the build writes later in its plan is
		// still reported at the alias, not at a file nobody wrote.
		{
			name:  "alias is a theme asset",
			files: map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/css/brief.css]\n---\nx\n"},
			want: `content/briefings/a.md:4: aliases[0]: alias /css/brief.css of content/briefings/a.md would be written to /css/brief.css, ` +
				`which theme asset css/brief.css also makes (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		{
			name:  "alias is the redirects file",
			files: map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/_redirects]\n---\nx\n"},
			want: `content/briefings/a.md:4: aliases[0]: alias /_redirects of content/briefings/a.md would be written to /_redirects, ` +
				`which the redirects of aliases also makes (remove the alias, or change it so that it is not the path of another page or file)`,
		},
		{
			name: "alias is a static file",
			files: map[string]string{
				"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/files/a.txt]\n---\nx\n",
				"static/files/a.txt":     "a\n",
			},
			want: `content/briefings/a.md:4: aliases[0]: alias /files/a.txt of content/briefings/a.md would be written to /files/a.txt, ` +
				`which static file static/files/a.txt (static/files/a.txt) also makes (remove the alias, or change it so that it is not the path of another page or file)`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildFS(t, with(fixture(), tc.files), build.Options{})
			l := diagnostics(t, err)
			if len(l) != 1 || l[0].Error() != tc.want {
				t.Errorf("got:\n%v\nwant:\n%s", l, tc.want)
			}
		})
	}
}

// The _redirects file holds exact paths only: whatever an editor writes
// that Netlify would read as a splat or placeholder is refused before it
// gets there.
func TestAliasSyntaxNeverReachesRedirects(t *testing.T) {
	_, _, err := buildFS(t, with(fixture(), map[string]string{
		"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: ['/*', '/:year/:slug/', '/x%2e%2e/']\n---\nx\n",
	}), build.Options{})
	l := diagnostics(t, err)
	if len(l) != 3 {
		t.Fatalf("want 3 errors, got:\n%v", l)
	}
	for _, d := range l {
		if d.File != "content/briefings/a.md" || d.Line != 4 || !strings.HasPrefix(d.Field, "aliases[") || d.Hint == "" {
			t.Errorf("not placed at the alias: %v", d)
		}
	}
}

// An alias on a tag's feed names the feed's tag where a briefing first
// uses it, in a one-shot build (which takes it from the tag's page) as in
// any other.
func TestAliasOnTermFeed(t *testing.T) {
	files := map[string]string{"content/briefings/a.md": "---\ntitle: A\ndate: 2023-01-01\naliases: [/tags/web3/feed.xml, /tags/web3/feed.json]\n---\nx\n"}
	for _, opt := range []build.Options{{}, {Once: true}} {
		_, _, err := buildFS(t, with(fixture(), files), opt)
		var got []string
		for _, d := range diagnostics(t, err) {
			got = append(got, d.Error())
		}
		want := []string{
			`content/briefings/a.md:4: aliases[0]: alias /tags/web3/feed.xml of content/briefings/a.md would be written to /tags/web3/feed.xml, ` +
				`which the feed of Web3 (content/briefings/beijing-web3.md:6) already makes (remove the alias, or change it so that it is not the path of another page or file)`,
			`content/briefings/a.md:4: aliases[1]: alias /tags/web3/feed.json of content/briefings/a.md would be written to /tags/web3/feed.json, ` +
				`which the JSON feed of Web3 (content/briefings/beijing-web3.md:6) already makes (remove the alias, or change it so that it is not the path of another page or file)`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("Once %v: got:\n%s\nwant:\n%s", opt.Once, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
