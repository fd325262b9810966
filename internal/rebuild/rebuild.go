// Package rebuild keeps a site built while its sources change: it feeds the
// watcher's batches to the one build pipeline and hands each result either
// to the output folder (brief build --watch) or to the dev server (brief
// serve). There is no second rendering path.
package rebuild

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"time"

	"brief/internal/build"
	"brief/internal/output"
	"brief/internal/server"
	"brief/internal/watch"
)

// debounce is the quiet time after a file event before rebuilding. Editors'
// save sequences (rename, create, write) land within a few milliseconds and a
// burst such as a git checkout keeps extending the wait, so 10 ms coalesces
// them while keeping an edit-to-page time near 30 ms (Hugo waits 500 ms).
const debounce = 10 * time.Millisecond

// emptyWait is how long a change that leaves a briefing empty waits for the
// write that usually follows (`cp` over a file truncates, then writes; at
// 10,000 briefings building the empty file costs 0.4-0.7 s CPU and a flash
// of the error overlay). A file still empty after that is built and
// reported as it is.
const emptyWait = 150 * time.Millisecond

// Config says what to build and where to report.
type Config struct {
	Source      string // the site folder on disk, watched for changes
	FS          fs.FS  // the same folder, as read by the build
	Builder     *build.Builder
	Options     build.Options
	Destination string        // output folder, for Watch
	Log         io.Writer     // progress lines
	Errors      io.Writer     // build errors
	EmptyWait   time.Duration // how long a batch with an empty briefing waits for its write; default 150ms
}

// watchSource starts watching the site folder with the loop's timings.
// The loop's log becomes a progress log, which the watcher's lines share.
func watchSource(c *Config) (*watch.Watcher, error) {
	wait := c.EmptyWait
	if wait <= 0 {
		wait = emptyWait
	}
	c.Log = &progress{w: c.Log}
	return watch.New(c.Source, watch.Options{Debounce: debounce, EmptyWait: wait, Logf: logf(c.Log)})
}

// Watch builds into the destination, then rebuilds incrementally on every
// change until ctx is done. A failed rebuild leaves the last good output.
// The destination obeys the rules of a one-shot build (see output): one
// that is refused at the start ends Watch with that error.
func Watch(ctx context.Context, c Config) error {
	w, err := watchSource(&c)
	if err != nil {
		return err
	}
	defer w.Close()
	opt := c.Options
	var dir *output.Dir // brief's output once a full build has landed
	beginFirst(c)
	res, err := buildStaged(ctx, c, opt, nil)
	if err == nil {
		dir, err = output.OpenDir(c.Destination)
	}
	var refused *output.DestinationError
	switch {
	case ctx.Err() != nil:
		endLine(c, "stopped")
		return nil
	case errors.As(err, &refused):
		endLine(c, "refused")
		return err
	case err != nil:
		firstFailed(c, err)
	default:
		report(c, res)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case batch, ok := <-w.Batches():
			if !ok {
				return nil
			}
			start := begin(c, batch)
			opt.Incremental = dir != nil
			var res *build.Result
			if dir == nil {
				// No good output yet: build whole into staging.
				res, err = buildStaged(ctx, c, opt, changesOf(batch))
				if err == nil {
					dir, err = output.OpenDir(c.Destination)
				}
			} else {
				res, err = c.Builder.Build(c.FS, changesOf(batch), opt, dir)
				if serr := dir.Sync(); err == nil {
					err = serr
				}
			}
			if ctx.Err() != nil {
				return nil
			}
			end(c, start, res, err)
		}
	}
}

// buildStaged builds the whole site beside the destination and swaps it in.
// When ctx ends first, the staged files are thrown away.
func buildStaged(ctx context.Context, c Config, opt build.Options, ch *build.Changes) (*build.Result, error) {
	st, err := output.NewStaging(c.Destination)
	if err != nil {
		return nil, err
	}
	defer context.AfterFunc(ctx, func() { st.Abort() })()
	res, err := c.Builder.Build(c.FS, ch, opt, st)
	if err != nil {
		st.Abort()
		return nil, err
	}
	if err := st.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

// Serve builds into memory, serves the site on addr, and rebuilds on every
// change; open pages reload once the new files are in place. A broken edit
// keeps the last good site and shows the error on every page.
func Serve(ctx context.Context, c Config, addr string, ready func(net.Addr)) error {
	w, err := watchSource(&c)
	if err != nil {
		return err
	}
	defer w.Close()
	failed := make(chan madeOnRequest)
	srv := server.New(server.Options{Failed: func(p string, err error) {
		go func() { // the request does not wait for a build
			select {
			case failed <- madeOnRequest{p, err}:
			case <-ctx.Done():
			}
		}()
	}})
	errs := newOverlay(srv, c)
	opt := c.Options
	buildOnce := func(ch *build.Changes) (*build.Result, error) {
		// Resized images are made when a page first asks for them.
		mem := output.NewLazyMemory()
		res, err := c.Builder.Build(c.FS, ch, opt, mem)
		if err == nil {
			srv.ApplyLazy(mem.Files, mem.Lazy, mem.Removed)
			opt.Incremental = true
		}
		errs.built(res, err)
		return res, err
	}
	beginFirst(c)
	if res, err := buildOnce(nil); err != nil {
		firstFailed(c, err)
	} else {
		report(c, res)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe(ctx, addr, ready) }()
	for {
		select {
		case err := <-errc:
			return err
		case batch, ok := <-w.Batches():
			if !ok {
				return <-errc
			}
			start := begin(c, batch)
			res, err := buildOnce(changesOf(batch))
			end(c, start, res, err)
		case <-errs.due:
			errs.check()
		case made := <-errs.results:
			errs.checked(made)
		case f := <-failed:
			errs.failedOnRequest(f)
		}
	}
}

// changesOf turns a watcher batch into build changes; a rescan means the
// build must look at everything.
func changesOf(b watch.Batch) *build.Changes {
	if b.Rescan {
		return nil
	}
	return &build.Changes{Files: b.Changes}
}

// beginFirst starts the first build's line: on a large site that build
// takes seconds, and the editor should see it is under way.
func beginFirst(c Config) {
	if p, ok := c.Log.(*progress); ok {
		p.begin("building the site: ")
	}
}

// endLine ends the open line (or writes a line of its own).
func endLine(c Config, s string) {
	if p, ok := c.Log.(*progress); ok {
		p.end(s)
		return
	}
	fmt.Fprintln(c.Log, s)
}

// firstFailed ends the first build's line with its errors' count; the
// errors follow, and the loop goes on watching.
func firstFailed(c Config, err error) {
	endLine(c, fmt.Sprintf("failed with %s; watching for changes", countErrors(err)))
	fmt.Fprintln(c.Errors, err)
}

func report(c Config, res *build.Result) {
	endLine(c, fmt.Sprintf("built %d briefings into %d files in %s", res.Site.Published(), len(res.Written), res.Duration.Round(time.Millisecond)))
	printWarnings(c, res)
}

func printWarnings(c Config, res *build.Result) {
	for _, d := range res.Warnings {
		fmt.Fprintln(c.Errors, d.Error())
	}
}

func since(t time.Time) time.Duration { return time.Since(t).Round(100 * time.Microsecond) }

func logf(w io.Writer) func(string, ...any) {
	return func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
}
