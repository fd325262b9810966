package output

import (
	"math/rand/v2"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPath(t *testing.T) {
	for p, ok := range map[string]bool{
		"index.html": true, "tags/web3/index.html": true, "_redirects": true, "a..b/c": true, "..x": true,
		"": false, "/abs": false, "..": false, "../x": false, "a/../../x": false, "a/./b": false,
		"a//b": false, "a/": false, `a\b`: false, "./a": false,
		"a\nb": false, "a\rb": false, "\x00": false, "a\x1bb": false, "\u0085x": false, "數字/資產.html": true,
		strings.Repeat("a", 255) + "/index.html": true, strings.Repeat("a", 256) + "/index.html": false,
		"tags/" + strings.Repeat("數", 85) + "/index.html": true, "tags/" + strings.Repeat("數", 86) + "/index.html": false,
	} {
		if err := CheckPath(p); (err == nil) != ok {
			t.Errorf("CheckPath(%q) = %v, want ok %v", p, err, ok)
		}
	}
}

// TestPlainPathAgrees holds CheckPath's one-pass answer to its full
// checks: plainPath may accept only what they accept, and accepts the
// paths a build makes.
func TestPlainPathAgrees(t *testing.T) {
	for _, p := range []string{"index.html", "briefings/a-b-00001/index.html", "search/f/12/345.json", "數字/資產.html",
		"a..b/c", "..x", "_redirects", strings.Repeat("a", 255) + "/index.html"} {
		if !plainPath(p) {
			t.Errorf("plainPath(%q) = false, want true", p)
		}
	}
	parts := []string{"a", "b", "/", ".", "..", "\\", "\x00", "\x1f", "\x7f", "\u0085", "\xc2", "\xc2\xa0", "數", "\xe2\x80\xa8", "\xff", strings.Repeat("x", 254)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		p := b.String()
		if plainPath(p) && checkPath(p) != nil {
			t.Fatalf("plainPath(%q) = true, but CheckPath refuses it: %v", p, checkPath(p))
		}
	}
}

// TestJoinAgrees holds the writer's join of clean paths to what
// filepath.Join and Dir and path.Dir make of them.
func TestJoinAgrees(t *testing.T) {
	for _, root := range []string{"/tmp/out", "out", "../site/public", "/", ".", "", "/tmp/out/", "a//b"} {
		w := &dirWriter{root: root, plainRoot: joinsPlainly(root)}
		for _, p := range []string{"index.html", "briefings/a/index.html", "數字/資產.html", "a/b/c/d.json", ".", "a/./b", "a/"} {
			rel, dir, full, ok := w.join(p)
			if !ok {
				if joinsPlainly(root) && plainPath(p) {
					t.Errorf("root %q: join(%q) refused a plain path", root, p)
				}
				continue
			}
			wantFull := filepath.Join(root, filepath.FromSlash(p))
			if rel != path.Dir(p) || dir != filepath.Dir(wantFull) || full != wantFull {
				t.Errorf("root %q: join(%q) = %q, %q, %q, want %q, %q, %q", root, p, rel, dir, full, path.Dir(p), filepath.Dir(wantFull), wantFull)
			}
		}
	}
}

// TestParentAgrees holds the writer's parent of a folder to path.Dir and
// filepath.Dir.
func TestParentAgrees(t *testing.T) {
	for _, root := range []string{"/tmp/out", "out", "/", ".", "a//b"} {
		w := &dirWriter{root: root, plainRoot: joinsPlainly(root)}
		for _, rel := range []string{"briefings", "briefings/a", "數字/資產/x", "a/b/c"} {
			for _, dir := range []string{filepath.Join(root, rel), "/elsewhere/" + rel, root + "/x" + rel} {
				r, d := w.parent(rel, dir)
				if r != path.Dir(rel) || d != filepath.Dir(dir) {
					t.Errorf("root %q: parent(%q, %q) = %q, %q, want %q, %q", root, rel, dir, r, d, path.Dir(rel), filepath.Dir(dir))
				}
			}
		}
	}
}
