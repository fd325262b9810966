package main

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"brief/internal/build"
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

// TestCollectAfterModel: an update in place keeps the collector off until
// its model is made, within a memory limit that bounds what parsing many
// edited sources leaves behind; once the model is made, the collector is
// on and a higher limit bounds what rendering many edited bodies holds.
// With GOMEMLIMIT set, the collector is on at once and the user's limit
// untouched.
func TestCollectAfterModel(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	var opt build.Options
	collectAfterModel(&opt, func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 || got < 64<<20 {
		t.Fatalf("limit while the collector is off: %d, want one above 64 MiB", got)
	}
	if opt.ModelDone == nil {
		t.Fatal("no ModelDone to turn the collector back on")
	}
	during := debug.SetMemoryLimit(-1)
	opt.ModelDone()
	// An update after an edit of every source renders every body again:
	// a limit above the one while the state was decoded still bounds it.
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 || got <= during {
		t.Errorf("limit once the model is made: %d, want one above %d (while the model was made)", got, during)
	}
	if got := debug.SetGCPercent(-1); got != 150 {
		t.Errorf("GOGC once the model is made: %d, want 150", got)
	}

	opt = build.Options{}
	debug.SetMemoryLimit(math.MaxInt64)
	collectAfterModel(&opt, func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] })
	if got := debug.SetGCPercent(-1); opt.ModelDone != nil || got != 150 {
		t.Errorf("with GOMEMLIMIT: ModelDone set %v, GOGC %d; want the collector on at once", opt.ModelDone != nil, got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT the limit was changed to %d", got)
	}
}
