package content

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZCorpus(t *testing.T) {
	files, _ := filepath.Glob("/root/.cache/go-build/fuzz/brief/internal/content/FuzzParse/*")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		lines := strings.SplitN(string(raw), "\n", 3)
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil { t.Log(err); continue }
		start := time.Now()
		done := make(chan bool)
		go func() { Parse("x.md", []byte(s), Options{}); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("slow: %q", s)
		}
		if d := time.Since(start); d > 50*time.Millisecond { t.Logf("%v %q", d, s) }
	}
}
