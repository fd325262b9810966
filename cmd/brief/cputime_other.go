//go:build !unix

package main

import "time"

// processCPU: where getrusage is missing, --steps gives wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
