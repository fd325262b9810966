package main

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"brief/internal/corpus"
)

// TestMemoryLimit checks the limit brief build sets once the model is
// made: it grows with what is live, never drops below the floor, leaves
// room above what is live, and gives way to the user's GOMEMLIMIT and
// GOGC=off.
func TestMemoryLimit(t *testing.T) {
	if got := memoryLimit(0); got != memLimitFloor {
		t.Errorf("memoryLimit(0) = %d, want the floor %d", got, memLimitFloor)
	}
	for _, live := range []uint64{40 << 20, 400 << 20, 4 << 30} {
		if got := memoryLimit(live); got < int64(live)*2 || got <= memoryLimit(live/2) {
			t.Errorf("memoryLimit(%d MiB) = %d MiB: want at least twice what is live, and more than for half as much", live>>20, got>>20)
		}
	}

	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, env := range []map[string]string{{"GOMEMLIMIT": "1GiB"}, {"GOGC": "off"}} {
		limitMemory(func(k string) string { return env[k] })
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("with %v: the limit was set to %d", env, got)
		}
	}

	// brief build sets it.
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: 20, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	var out, errs strings.Builder
	if code := run([]string{"build", "--quiet", "--source", dir, "--destination", filepath.Join(dir, "public")}, &out, &errs); code != 0 {
		t.Fatalf("brief build: exit %d: %s", code, errs.String())
	}
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 || got < memLimitFloor {
		t.Errorf("after brief build the memory limit is %d, want one sized on the model", got)
	}
}
