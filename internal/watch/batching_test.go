package watch

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// A git checkout touching hundreds of files gives one or very few batches.
func TestBurst(t *testing.T) {
	tests := []struct {
		name string
		path func(i int) string
	}{
		{"existing folder", func(i int) string { return fmt.Sprintf("content/burst/%03d.md", i) }},
		{"new folders", func(i int) string { return fmt.Sprintf("content/new%02d/%03d.md", i/30, i) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, "content/burst/")
			r := watchSite(t, s, Options{})
			var want []string
			for i := range 300 {
				want = append(want, tt.path(i))
				s.write(tt.path(i), "x")
			}
			r.waitFor(want...)
			r.expectOnly(want...)
			if n := len(r.batches); n > 5 {
				t.Errorf("300 writes gave %d batches, want at most 5", n)
			}
		})
	}
}

// A stream of events that never goes quiet is still flushed after MaxDelay.
func TestMaxDelayFlushesContinuousStream(t *testing.T) {
	t.Parallel()
	s := newSite(t, "content/")
	r := watchSite(t, s, Options{Debounce: time.Hour, MaxDelay: 50 * time.Millisecond})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				_ = writeFile(s.path("content/stream.md"), fmt.Sprint(i))
			}
		}
	}()
	// With a one-hour quiet period, only MaxDelay can produce this batch.
	r.waitFor("content/stream.md")
}

// A consumer that does not read gets the pending batches merged, not dropped,
// and the watcher does not block meanwhile.
func TestSlowConsumerGetsMergedBatches(t *testing.T) {
	t.Parallel()
	s := newSite(t, "content/")
	flushed := make(chan Batch, 100)
	r := watchSiteHooked(t, s, Options{}, func(b Batch) { flushed <- b })
	files := []string{"content/a.md", "content/b.md", "content/c.md"}
	flushes := 0
	for _, f := range files {
		s.write(f, "x")
		// Wait until this write has been flushed, so each one makes its own batch.
		waitFlushed(t, flushed, f, &flushes)
	}
	// All three were flushed while nobody read: the first batch sits in the
	// channel's buffer and the later flushes were merged into one batch.
	r.waitFor(files...)
	r.expectOnly(files...)
	if len(r.batches) != 2 {
		t.Errorf("%d flushes gave %d batches %+v, want them merged into 2", flushes, len(r.batches), r.batches)
	}
}

func waitFlushed(t *testing.T, flushed <-chan Batch, path string, count *int) {
	t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case b := <-flushed:
			*count++
			for _, c := range b.Changes {
				if c.Path == path {
					return
				}
			}
		case <-deadline:
			t.Fatalf("%s was never flushed", path)
		}
	}
}

// A content file truncated and written a little later (`cp` over it) is
// flushed once, after the write; one left empty is flushed after EmptyWait.
func TestEmptyWaitHoldsBatchForWrite(t *testing.T) {
	t.Parallel()
	const debounce = 10 * time.Millisecond
	tests := []struct {
		name      string
		wait      time.Duration
		write     bool
		wantEmpty bool // what the first flush that lists the file saw
	}{
		// A wait far longer than the gap, so a loaded machine cannot flake.
		{"written", 5 * time.Second, true, false},
		{"left empty", 50 * time.Millisecond, false, true},
	}
	for _, tt := range tests {
		// A briefing, a layout and site.toml: none is meant to be empty.
		for _, file := range []string{"content/a.md", "layouts/briefing.html", "site.toml"} {
			t.Run(tt.name+" "+file, func(t *testing.T) {
				s := newSite(t, file)
				sizes := make(chan int64, 100) // the file's size at each flush that lists it
				watchSiteHooked(t, s, Options{Debounce: debounce, EmptyWait: tt.wait}, func(b Batch) {
					for _, c := range b.Changes {
						if c.Path == file {
							info, err := os.Stat(s.path(c.Path))
							if err != nil {
								t.Error(err)
								return
							}
							sizes <- info.Size()
						}
					}
				})
				if err := os.Truncate(s.path(file), 0); err != nil {
					t.Fatal(err)
				}
				if tt.write {
					// Ten debounces: without the wait the empty file is flushed.
					time.Sleep(10 * debounce)
					s.write(file, "copied")
				}
				select {
				case n := <-sizes:
					if (n == 0) != tt.wantEmpty {
						t.Errorf("first flush saw %d bytes, want empty=%v", n, tt.wantEmpty)
					}
				case <-time.After(patience):
					t.Fatalf("%s was never flushed", file)
				}
			})
		}
	}
}
