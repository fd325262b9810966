//go:build race

package build_test

// raceEnabled: the race detector slows builds several times over, so the
// property test takes fewer steps under it.
const raceEnabled = true
