//go:build race

package tmplexec

// raceEnabled: the race detector drops a quarter of what goes back to a
// sync.Pool, so counts of allocations vary from run to run.
const raceEnabled = true
