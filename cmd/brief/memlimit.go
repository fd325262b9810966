package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A one-shot build holds its model to the end, and not much else for long:
// bodies and pages are let go of as they are written (build.Options.Once).
// Once the parts are rendered it holds about 1.8 times the model (the
// cards, the search postings, what the anchor check reads). GOGC=150 lets
// the heap grow to 2.5 times the live heap the collector last saw, and on
// a loaded machine a long concurrent mark counts everything allocated
// meanwhile as live, so that the heap reached 2.5 times 90-130 MB at
// 10,000 briefings (320-350 MB of RSS) and 2.5 times 1.2 GB at 100,000
// (3.1 GB).
//
// The limit is what GOGC=150 allows over the build's usual live heap (2.5
// times 1.8 times the model) plus some slack: it leaves the collector's
// pace alone and cuts the spikes. A tighter one costs CPU at every size,
// since the collector then runs more often over a live heap that cannot
// shrink: 3 times the model plus 64 MiB (1.7 times the live heap's worth
// of headroom at 10,000, 0.9 times at 100,000) cost 1% more CPU at 10,000
// briefings but half as much again at 100,000 (165 s against 110 s, at a
// higher load), and 2.5 times plus 48 MiB 20% more at 10,000.
const (
	memLimitNum, memLimitDen = 9, 2 // 4.5 times the model
	memLimitSlack            = 64 << 20
	memLimitFloor            = 96 << 20
)

// memoryLimit is the limit for a build whose model takes live bytes.
func memoryLimit(live uint64) int64 {
	return max(int64(live)*memLimitNum/memLimitDen+memLimitSlack, memLimitFloor)
}

// limitMemory sets the memory limit from what is live now, unless the
// user set one with GOMEMLIMIT (or turned collection off with GOGC=off,
// which a limit would turn back on). It collects first, so that "live"
// means live.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" || getenv("GOGC") == "off" {
		return
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetMemoryLimit(memoryLimit(s[0].Value.Uint64()))
}
