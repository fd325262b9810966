package site_test

import (
	"fmt"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/corpus"
	"brief/internal/site"
)

// BenchmarkNewCorpus makes the model of a generated site (1,000
// briefings, or the site BRIEF_BENCH_CORPUS names):
//
//	go run ./bench/gencorpus -n 100000 -seed 1 -out DIR
//	BRIEF_BENCH_CORPUS=DIR go test ./internal/site -run - -bench NewCorpus -cpuprofile F
func BenchmarkNewCorpus(b *testing.B) {
	srcs, err := corpus.BenchBriefings(b.TempDir(), 1000)
	if err != nil {
		b.Fatal(err)
	}
	opt := content.Options{Location: time.FixedZone("HKT", 8*3600)}
	all := make([]*content.Briefing, len(srcs))
	for i, src := range srcs {
		all[i], _ = content.Parse(fmt.Sprintf("content/briefings/b%06d.md", i), src, opt)
	}
	cfg := config.Default()
	if s, ds := site.New(cfg, all, site.Options{Future: true}); len(s.Briefings) != len(all) {
		b.Fatalf("%d briefings in the model of %d: %v", len(s.Briefings), len(all), ds)
	}
	b.ReportAllocs()
	for b.Loop() {
		site.New(cfg, all, site.Options{Future: true})
	}
}
