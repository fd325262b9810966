package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A one-shot build holds its model to the end, and not much else for long:
// bodies and pages are let go of as they are written (build.Options.Once).
// What it holds once the parts are rendered is about twice the model. Left
// to GOGC alone, the heap grows to a multiple of the largest live heap the
// collector saw, and on a loaded machine a long concurrent mark counts
// everything allocated meanwhile as live: at 10,000 briefings the heap
// reached 2.5 times 90-130 MB, and the process 320-350 MB. A memory limit
// sized on the model, once it is made, caps that.
//
// Limit = memLimitFactor * model + memLimitSlack, at least memLimitFloor.
// At 10,000 briefings (a 40 MB model: a 184 MiB limit) peak RSS went from
// 330-350 MB to about 200 MB for 1% more CPU; a tighter limit (2.5 times
// plus 48 MiB) gave 165 MB but cost 20% more CPU, the collector then
// running often over a live heap of 70-80 MB.
const (
	memLimitFactor = 3
	memLimitSlack  = 64 << 20
	memLimitFloor  = 96 << 20
)

// memoryLimit is the limit for a build whose model takes live bytes.
func memoryLimit(live uint64) int64 {
	return max(int64(live)*memLimitFactor+memLimitSlack, memLimitFloor)
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
