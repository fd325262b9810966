package rebuild

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/watch"
)

// progress is the loop's log: one line per rebuild, whose start (what
// changed) is written as the rebuild starts, so that an editor who saves
// sees at once that the save was seen, and whose end (what it made, or
// that it failed) when it ends. Lines written meanwhile (the watcher's)
// close the open line first; the end then repeats its start.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	start string // the open line's start; "" when no line is open
	open  bool   // the start is the last thing written
}

// Write writes whole lines of others, after the open line's start.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open {
		io.WriteString(p.w, "\n")
		p.open = false
	}
	return p.w.Write(b)
}

func (p *progress) begin(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open {
		io.WriteString(p.w, "\n")
	}
	io.WriteString(p.w, s)
	p.start, p.open = s, true
}

func (p *progress) end(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.open {
		s = p.start + s
	}
	io.WriteString(p.w, s+"\n")
	p.start, p.open = "", false
}

// begin starts a rebuild's line, naming what changed, and returns when.
func begin(c Config, b watch.Batch) time.Time {
	if p, ok := c.Log.(*progress); ok {
		p.begin(changed(b) + ": ")
	}
	return time.Now()
}

// end finishes a rebuild's line with what it made (or its errors' count;
// the errors follow on c.Errors) and prints the warnings.
func end(c Config, start time.Time, res *build.Result, err error) {
	var s string
	switch {
	case err != nil:
		s = fmt.Sprintf("failed in %s with %s; the last good output stays", since(start), countErrors(err))
	case len(res.Written) == 0 && len(res.Removed) == 0:
		s = fmt.Sprintf("rebuilt in %s: no output changed", since(start))
	default:
		var parts []string
		if len(res.Written) > 0 {
			parts = append(parts, files(len(res.Written))+" changed")
		}
		if len(res.Removed) > 0 {
			parts = append(parts, fmt.Sprintf("%d removed", len(res.Removed)))
		}
		s = fmt.Sprintf("rebuilt in %s: %s", since(start), strings.Join(parts, ", "))
	}
	if p, ok := c.Log.(*progress); ok {
		p.end(s)
	} else {
		fmt.Fprintln(c.Log, s)
	}
	if err != nil {
		fmt.Fprintln(c.Errors, err)
		return
	}
	printWarnings(c, res)
}

// changed names a batch's changes: its file, or its first file and how
// many more.
func changed(b watch.Batch) string {
	var s string
	switch len(b.Changes) {
	case 0:
		return "the site folder was scanned again"
	case 1:
		s = b.Changes[0].Path + " changed"
	default:
		s = fmt.Sprintf("%s and %d more changed", b.Changes[0].Path, len(b.Changes)-1)
	}
	if b.Rescan {
		s += " (site folder scanned again)"
	}
	return s
}

func countErrors(err error) string {
	var l diag.List
	if errors.As(err, &l) {
		n := 0
		for _, d := range l {
			if d.Severity != diag.Warning {
				n++
			}
		}
		if n == 1 {
			return "1 error"
		}
		if n > 1 {
			return fmt.Sprintf("%d errors", n)
		}
	}
	return "1 error"
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
