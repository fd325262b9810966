package content

import (
	"testing"
	"time"

	"brief/internal/corpus"
)

// BenchmarkParseCorpus parses every briefing of a generated site (1,000,
// or the site BRIEF_BENCH_CORPUS names), to profile Parse on realistic
// front matter:
//
//	go run ./bench/gencorpus -n 10000 -seed 1 -out DIR
//	BRIEF_BENCH_CORPUS=DIR go test ./internal/content -run - -bench ParseCorpus -cpuprofile F
func BenchmarkParseCorpus(b *testing.B) {
	srcs, err := corpus.BenchBriefings(b.TempDir(), 1000)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, src := range srcs {
		size += len(src)
	}
	opt := Options{Location: time.FixedZone("HKT", 8*3600)}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			Parse("content/briefings/x.md", src, opt)
		}
	}
}
