package watch

import (
	"maps"
	"slices"
	"time"

	"brief/internal/sources"
)

// changeSet is a deduplicated set of changed paths plus the rescan flag.
type changeSet struct {
	paths  map[string]sources.Kind
	rescan bool
}

func (s *changeSet) empty() bool { return len(s.paths) == 0 && !s.rescan }

func (s *changeSet) merge(o changeSet) {
	maps.Copy(s.paths, o.paths)
	s.rescan = s.rescan || o.rescan
}

func (s *changeSet) batch() Batch {
	b := Batch{Rescan: s.rescan, Changes: make([]Change, 0, len(s.paths))}
	for _, p := range slices.Sorted(maps.Keys(s.paths)) {
		b.Changes = append(b.Changes, Change{Path: p, Kind: s.paths[p]})
	}
	return b
}

// queue holds the changes still in their quiet period (pending) and, when
// the consumer is slow, the merged batches it has not taken yet (ready).
type queue struct {
	pending changeSet
	firstAt time.Time // when the oldest pending change arrived
	// emptySince is when a flush was first held back for an empty content
	// file (Options.EmptyWait).
	emptySince time.Time

	ready      changeSet
	readyBatch Batch // ready as a Batch, rebuilt on each merge
	hasReady   bool
}

func newQueue() queue {
	return queue{
		pending: changeSet{paths: map[string]sources.Kind{}},
		ready:   changeSet{paths: map[string]sources.Kind{}},
	}
}

func (q *queue) add(path string, k sources.Kind) { q.pending.paths[path] = k }

func (q *queue) setRescan() { q.pending.rescan = true }

// deadline is when the pending changes must be flushed: after a quiet
// Debounce, but no later than MaxDelay after the first of them.
func (q *queue) deadline(now time.Time, opt Options) time.Time {
	if q.firstAt.IsZero() {
		q.firstAt = now
	}
	quiet, latest := now.Add(opt.Debounce), q.firstAt.Add(opt.MaxDelay)
	if latest.Before(quiet) {
		return latest
	}
	return quiet
}

// flush moves pending into ready, merging with a batch the consumer has not
// taken yet rather than dropping either. It reports whether anything moved.
func (q *queue) flush() bool {
	q.firstAt, q.emptySince = time.Time{}, time.Time{}
	if q.pending.empty() {
		return false
	}
	q.ready.merge(q.pending)
	q.readyBatch = q.ready.batch()
	q.hasReady = true
	q.pending = changeSet{paths: map[string]sources.Kind{}}
	return true
}

// taken records that readyBatch was delivered.
func (q *queue) taken() {
	q.ready = changeSet{paths: map[string]sources.Kind{}}
	q.readyBatch = Batch{}
	q.hasReady = false
}
