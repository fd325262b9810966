// Command gencorpus writes a deterministic corpus of synthetic briefings:
//
//	go run ./bench/gencorpus -n 10000 -seed 1 [-images 300] -out DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"brief/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of briefings")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives byte-identical files")
	out := flag.String("out", "", "site folder to write content/briefings/ and site.toml into (required)")
	imgs := flag.Int("images", 0, "number of briefings that become page bundles with a picture")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Generate(*out, corpus.Options{N: *n, Seed: *seed, Images: *imgs}); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
