package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A one-shot build holds its model to the end, and not much else for long:
// bodies and pages are let go of as they are written (build.Options.Once).
// Once the parts are rendered it holds about 1.7 times the model (the
// cards, the search postings, the plan's outputs). GOGC=150 lets the heap
// grow to 2.5 times the live heap the collector last saw, and on a loaded
// machine a long concurrent mark counts everything allocated meanwhile as
// live, so that the heap reached 2.5 times 90-130 MB at 10,000 briefings
// (320-350 MB of RSS) and 2.5 times 1.2 GB at 100,000 (3.1 GB).
//
// The limit is 4 times the model: about 2.4 times the build's live heap at
// its largest, so the collector runs about as often as GOGC=150 would
// over the true live heap, and the spikes are cut. It grows with the
// model only, so the headroom per briefing, and what the collector costs
// per briefing, is the same at every size. At 10,000 briefings that is
// about 130 MiB (143 MB of peak RSS) for 11 more collections than the 4.5
// times plus 64 MiB it was (40 against 29; 6-8% more CPU). A tighter
// limit costs more CPU at every size, since the collector then runs more
// often over a live heap that cannot shrink: 3 times the model plus 64
// MiB cost half as much CPU again at 100,000 briefings on a loaded
// machine.
const (
	memLimitNum, memLimitDen = 4, 1 // 4 times the model
	memLimitSlack            = 0
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
