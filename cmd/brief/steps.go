package main

import (
	"fmt"
	"io"
	"time"
)

// stepTimer prints each step of a build (build.Options.Steps) with the
// wall-clock and CPU time it took, for brief build --steps: the figures a
// profile does not give, such as how long a step kept the cores busy.
type stepTimer struct {
	w         io.Writer
	wall, cpu time.Duration // at the last step's end
	started   time.Time
}

func newStepTimer(w io.Writer) *stepTimer {
	return &stepTimer{w: w, started: time.Now()}
}

// step is called with "" as a build starts and with a step's name as it ends.
func (t *stepTimer) step(name string) {
	wall := time.Since(t.started)
	cpu, cpuOK := processCPU()
	if name != "" {
		fmt.Fprintf(t.w, "step %-15s %8.1f ms wall", name, ms(wall-t.wall))
		if cpuOK {
			fmt.Fprintf(t.w, " %8.1f ms CPU", ms(cpu-t.cpu))
		}
		fmt.Fprintln(t.w)
	}
	t.wall, t.cpu = wall, cpu
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
