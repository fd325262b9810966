package output

import (
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
