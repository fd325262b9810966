// Command editlatency measures how long a static site generator in watch mode
// takes to publish an edit: it appends a unique marker word to a source file
// and times how long it takes until an output file contains that word.
//
//	editlatency -src content/briefings/x.md -out public/briefings/x/index.html -n 20
//
// It first waits for the output file to exist (the initial build), then makes
// warm-up edits, not counted, until one shows up (the watcher may start only
// after the initial build has written everything), lets the generator settle,
// and then makes -n timed edits one at a time. It prints "MEDIAN_MS WORST_MS" on stdout; -v lists every edit
// on stderr.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"
)

type config struct {
	src, out    string
	edits       int
	poll        time.Duration // pause between reads of the output file
	settle      time.Duration // quiet time after the initial build and between edits
	startupWait time.Duration // how long the initial build may take
	timeout     time.Duration // how long one edit may take to appear
	verbose     bool
}

func main() {
	var c config
	flag.StringVar(&c.src, "src", "", "source file to append to (required)")
	flag.StringVar(&c.out, "out", "", "output file that must show the edit (required)")
	flag.IntVar(&c.edits, "n", 20, "number of timed edits")
	flag.DurationVar(&c.poll, "poll", 250*time.Microsecond, "pause between reads of the output file; small enough to be precise, large enough not to steal a core from the generator")
	flag.DurationVar(&c.settle, "settle", time.Second, "quiet time after the initial build and between edits")
	flag.DurationVar(&c.startupWait, "startup", 10*time.Minute, "how long to wait for the initial build")
	flag.DurationVar(&c.timeout, "timeout", time.Minute, "how long one edit may take to appear")
	flag.BoolVar(&c.verbose, "v", false, "print every edit's latency on stderr")
	flag.Parse()
	if c.src == "" || c.out == "" || c.edits < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	latencies, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "editlatency:", err)
		os.Exit(1)
	}
	slices.Sort(latencies)
	median := latencies[len(latencies)/2]
	if len(latencies)%2 == 0 {
		median = (latencies[len(latencies)/2-1] + median) / 2
	}
	fmt.Printf("%.1f %.1f\n", ms(median), ms(latencies[len(latencies)-1]))
}

func run(c config) ([]time.Duration, error) {
	if err := waitForFile(c.out, c.poll, c.startupWait); err != nil {
		return nil, err
	}
	// Unique per run, so a marker can never be found in a stale output.
	nonce := time.Now().UnixNano()
	if err := warmUp(c, nonce); err != nil {
		return nil, err
	}
	var latencies []time.Duration
	for i := 1; i <= c.edits; i++ {
		time.Sleep(c.settle)
		d, err := edit(c, fmt.Sprintf("editmark%dx%d", nonce, i), c.timeout)
		if err != nil {
			return nil, fmt.Errorf("edit %d: %w", i, err)
		}
		logf(c, "edit %2d: %.1f ms", i, ms(d))
		latencies = append(latencies, d)
	}
	return latencies, nil
}

// warmUp edits every few seconds until an edit is published: an edit made
// before the watcher started is never seen, and a later one brings it along.
func warmUp(c config, nonce int64) error {
	const retry = 5 * time.Second
	start := time.Now()
	for k := 0; ; k++ {
		d, err := edit(c, fmt.Sprintf("editmark%dw%d", nonce, k), retry)
		if err == nil {
			logf(c, "warm-up edit %d published after %.1f ms (not counted)", k, ms(d))
			return nil
		}
		if !errors.Is(err, errNotShown) || time.Since(start) > c.startupWait {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
}

var errNotShown = errors.New("edit not published")

// edit appends marker as its own paragraph and returns the time from just
// before the write until the output contains it.
func edit(c config, marker string, timeout time.Duration) (time.Duration, error) {
	word := []byte(marker)
	start := time.Now()
	f, err := os.OpenFile(c.src, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return 0, err
	}
	_, werr := f.Write([]byte("\n\n" + marker + "\n"))
	if err := errors.Join(werr, f.Close()); err != nil {
		return 0, err
	}
	for {
		// A read may fail while the generator replaces the file; try again.
		if data, err := os.ReadFile(c.out); err == nil && bytes.Contains(data, word) {
			return time.Since(start), nil
		}
		if time.Since(start) > timeout {
			return 0, fmt.Errorf("%w: %s did not show %q within %s", errNotShown, c.out, marker, timeout)
		}
		time.Sleep(c.poll)
	}
}

func waitForFile(path string, poll, limit time.Duration) error {
	start := time.Now()
	for {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		if time.Since(start) > limit {
			return fmt.Errorf("%s did not appear within %s", path, limit)
		}
		time.Sleep(max(poll, 10*time.Millisecond))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func logf(c config, format string, args ...any) {
	if c.verbose {
		fmt.Fprintf(os.Stderr, format+"\n", args...)
	}
}
