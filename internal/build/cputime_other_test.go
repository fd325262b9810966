//go:build !unix

package build_test

import "time"

// cpuTime is zero where there is no getrusage: the edit benchmark then
// reports its wall time only.
func cpuTime() time.Duration { return 0 }
