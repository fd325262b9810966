package markdown

import (
	"bytes"
	"testing"

	"brief/internal/corpus"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// BenchmarkRenderCorpus renders every body of a generated site (1,000, or
// the site BRIEF_BENCH_CORPUS names) as a build does, plain text on, to
// profile Render on realistic bodies:
//
//	go run ./bench/gencorpus -n 10000 -seed 1 -out DIR
//	BRIEF_BENCH_CORPUS=DIR go test ./internal/markdown -run - -bench RenderCorpus -cpuprofile F
func BenchmarkRenderCorpus(b *testing.B) {
	bodies, size := corpusBodies(b)
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

// corpusBodies are the bodies of the benchmarks' corpus and their size.
func corpusBodies(b *testing.B) ([][]byte, int) {
	srcs, err := corpus.BenchBriefings(b.TempDir(), 1000)
	if err != nil {
		b.Fatal(err)
	}
	bodies := make([][]byte, len(srcs))
	size := 0
	for i, src := range srcs {
		bodies[i] = bodyOf(src)
		size += len(bodies[i])
	}
	return bodies, size
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

// BenchmarkFloorCorpus renders the same bodies as BenchmarkRenderCorpus
// with goldmark configured as bench/floor configures it (its extensions,
// none of our passes), so that the two differ by what brief adds.
func BenchmarkFloorCorpus(b *testing.B) {
	bodies, size := corpusBodies(b)
	md := goldmark.New(goldmark.WithExtensions(
		extension.GFM,
		extension.DefinitionList,
		extension.Footnote,
		extension.Typographer,
		extension.NewCJK(extension.WithEscapedSpace()),
	))
	var out bytes.Buffer
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			out.Reset()
			if err := md.Convert(body, &out); err != nil {
				b.Fatal(err)
			}
		}
	}
}
