package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A one-shot build holds its model to the end, and not much else for long:
// bodies and pages are let go of as they are written (build.Options.Once),
// and so is most of the plan once the pages it streamed are written. Once
// the parts are rendered it holds about 1.6 times the model at its largest
// (the cards, the search postings, the rendered bodies' records, the rest
// of the plan). GOGC=150 lets the heap grow to 2.5 times the live heap the
// collector last saw, and on a loaded machine a long concurrent mark counts
// everything allocated meanwhile as live, so that the heap reached 2.5
// times 90-130 MB at 10,000 briefings (320-350 MB of RSS) and 2.5 times
// 1.2 GB at 100,000 (3.1 GB).
//
// The limit is 2.9 times the model, plus 16 MiB for what the runtime
// holds beside the heap (stacks, its own records, spans partly used),
// which the limit counts and which is a large share of a small build's
// memory only: about 2.1 times the build's live heap at its largest, so
// the collector runs about as often as GOGC=150 would over the true live
// heap, and the spikes are cut. It grows with the model, so the headroom
// per briefing, and what the collector costs per briefing, is about the
// same at every size: on a quiet machine 1.04 GB of RSS at 100,000
// briefings (1.20 GB with 4 times the model) for the same CPU, 140-142 MB
// at 10,000. A tighter limit costs more CPU at every size, since the
// collector then runs more often over a live heap that cannot shrink: at
// 10,000 briefings a limit of 1.6 times the live heap cost a third more
// CPU than 2.4 times; 3.4 times the model without the slack, 7% more at
// 10,000. On a loaded machine the concurrent mark is slow and the heap
// overshoots the limit: 1.06-1.15 GB at 100,000 at load 20-35, with 10%
// more CPU than 4 times the model. The multiple follows what the build
// holds beyond its model: lower that, and lower the multiple with it.
// Session 8 shrank both (the model 17%, its views and buffers more), and
// 3.4 times left 808-829 MiB of RSS at 100,000 briefings; 3 times gave
// 735-775 MiB (771-813 MB), too near 800 MB; 2.9 times gives 727-736 MiB
// (762-772 MB) for CPU within noise (40.8-43.0 s against 40.7-41.0 s),
// and the same at 10,000 (112-115 MiB); 2.8 times cost 10% more CPU at
// 100,000 for 15 MiB less (quiet machine, runs alternated).
//
// The floor keeps a site of up to about 30,000 briefings from collecting
// more often than its 150 MB budget asks: at 10,000 briefings 2.9 times
// the model is about 96 MiB, and a floor of 112 MiB cost about 16 MB of
// peak RSS (112-114 -> 129 MB) for 2-4% less CPU, each of 4 alternated pairs (session 9, quiet machine).
const (
	memLimitNum, memLimitDen = 29, 10 // 2.9 times the model
	memLimitSlack            = 16 << 20
	memLimitFloor            = 112 << 20
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
