package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRenderCorpus renders every body of a generated site, as a build
// does (plain text on), to profile Render on realistic bodies:
//
//	go run ./bench/gencorpus -n 10000 -seed 1 -out DIR
//	BRIEF_BENCH_CORPUS=DIR go test ./internal/markdown -run - -bench RenderCorpus -cpuprofile F
func BenchmarkRenderCorpus(b *testing.B) {
	dir := os.Getenv("BRIEF_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set BRIEF_BENCH_CORPUS to a site folder made by bench/gencorpus")
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "briefings", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no briefings under %s: %v", dir, err)
	}
	bodies := make([][]byte, len(files))
	size := 0
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies[i] = bodyOf(src)
		size += len(bodies[i])
	}
	r := New(Options{})
	ctx := Context{
		SourcePath: "content/briefings/x.md",
		IDPrefix:   "x-",
		PlainText:  true,
		Resolve:    func(string) (string, bool) { return "/briefings/x/", true },
		Image:      func(dest string) (Picture, error) { return Picture{Src: dest}, nil },
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			r.Render(body, ctx)
		}
	}
}

// bodyOf drops a YAML front matter block.
func bodyOf(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[4:], []byte("\n---\n")); i >= 0 {
		return src[4+i+5:]
	}
	return src
}
