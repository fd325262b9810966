//go:build unix

package output

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCommitOverPrevious times Commit replacing a previous output of
// 10,000 briefings' shape: the walk that checks it, the swap and the
// removal of the old files. cpu-ms/op is the CPU it takes.
func BenchmarkCommitOverPrevious(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	paths := siteLike(10_000)
	page := make([]byte, 4<<10)
	stage := func() *Staging {
		s, err := NewStaging(dest)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			if err := s.Put(p, page); err != nil {
				b.Fatal(err)
			}
		}
		return s
	}
	if err := stage().Commit(); err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s := stage()
		b.StartTimer()
		before := cpuTime(b)
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime(b) - before
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkStagingPut times writing a new output of 10,000 briefings'
// shape into a staging folder: the folders, and a file each.
func BenchmarkStagingPut(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	paths := siteLike(10_000)
	page := make([]byte, 4<<10)
	var cpu time.Duration
	for range b.N {
		s, err := NewStaging(dest)
		if err != nil {
			b.Fatal(err)
		}
		before := cpuTime(b)
		for _, p := range paths {
			if err := s.Put(p, page); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cpuTime(b) - before
		b.StopTimer()
		if err := s.Abort(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
