package corpus

import (
	"errors"
	"os"
	"path/filepath"
)

// ReadBriefings returns the sources of the single-file briefings under
// dir/content/briefings, in name order: what the parse and render
// benchmarks run on.
func ReadBriefings(dir string) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "content", "briefings", "*.md"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("no briefings under " + dir)
	}
	srcs := make([][]byte, len(files))
	for i, f := range files {
		if srcs[i], err = os.ReadFile(f); err != nil {
			return nil, err
		}
	}
	return srcs, nil
}

// BenchBriefings are the sources a benchmark runs on: the briefings of the
// site named by the BRIEF_BENCH_CORPUS environment variable (made by
// bench/gencorpus), or else of n generated with seed 1 into tmp.
func BenchBriefings(tmp string, n int) ([][]byte, error) {
	dir := os.Getenv("BRIEF_BENCH_CORPUS")
	if dir == "" {
		dir = tmp
		if err := Generate(dir, Options{N: n, Seed: 1}); err != nil {
			return nil, err
		}
	}
	return ReadBriefings(dir)
}
