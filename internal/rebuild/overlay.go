package rebuild

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"brief/internal/build"
	"brief/internal/server"
)

// overlay keeps what the dev server's error overlay shows: the last
// build's errors, or else the errors of the pages a build left to be made
// on request (build.Result.Deferred: the archive and the funding tracker),
// which the loop makes itself soon after the reload is sent, so that an
// edit whose data breaks their template is reported without anyone
// opening them, as a failed build is, while the edited page does not wait
// for them. A page that failed keeps its last good version (the server
// serves it) and its error, until a later build makes it again without
// one (any edit that changes what it shows does).
//
// The pages are made once no change has come for checkQuiet times what
// the last check took (a few milliseconds for hundreds of briefings, a
// few hundred at 10,000; at most maxCheckWait): an update of the model in place waits for a
// page being made from it, and an editor who saves again at once should
// not wait for a check of a version already gone.
type overlay struct {
	srv      *server.Server
	c        Config
	buildErr string
	failing  map[string]error // output path -> its maker's error
	pending  map[string]bool  // deferred pages not yet made by a check
	checking bool
	took     time.Duration // the last check's time
	timer    *time.Timer
	due      <-chan time.Time // fires when the pending pages' check is due; nil when none is
	results  chan checkResult
}

// checkQuiet is how many times the last check's time without a change the
// loop waits before the next.
const checkQuiet = 4

// maxCheckWait bounds that wait, for very large sites.
const maxCheckWait = 2 * time.Second

type checkResult struct {
	errs map[string]error
	took time.Duration
}

func newOverlay(srv *server.Server, c Config) *overlay {
	return &overlay{srv: srv, c: c, failing: map[string]error{}, pending: map[string]bool{}, results: make(chan checkResult, 1)}
}

// built takes a build's outcome.
func (o *overlay) built(res *build.Result, err error) {
	if err != nil {
		o.buildErr = err.Error()
		o.show()
		return
	}
	o.buildErr = ""
	for _, p := range res.Removed {
		delete(o.failing, p)
		delete(o.pending, p)
	}
	for _, p := range res.Deferred {
		o.pending[p] = true
	}
	// A new version of a file that failed when made on request is tried
	// when it is next asked for; a deferred page keeps its error until
	// its check.
	for _, p := range res.Written {
		if !o.pending[p] {
			delete(o.failing, p)
		}
	}
	o.schedule()
	o.show()
}

// schedule arms the check of the pending pages, checkQuiet times the last
// check's time from now; a later build arms it again.
func (o *overlay) schedule() {
	if len(o.pending) == 0 || o.checking {
		return
	}
	wait := min(checkQuiet*o.took, maxCheckWait)
	if o.timer == nil {
		o.timer = time.NewTimer(wait)
	} else {
		o.timer.Reset(wait)
	}
	o.due = o.timer.C
}

// check makes the pending pages in the background, one at a time, so
// that the other core stays free for the browser.
func (o *overlay) check() {
	o.due = nil
	paths := slices.Sorted(maps.Keys(o.pending))
	clear(o.pending)
	o.checking = true
	go func() {
		start := time.Now()
		errs := make(map[string]error, len(paths))
		for _, p := range paths {
			errs[p] = o.srv.Make(p)
		}
		o.results <- checkResult{errs, time.Since(start)}
	}()
}

// checked takes a check's outcome: the pages a later build deferred again
// wait for their next check.
func (o *overlay) checked(r checkResult) {
	o.checking, o.took = false, r.took
	for _, p := range slices.Sorted(maps.Keys(r.errs)) {
		err := r.errs[p]
		switch {
		case o.pending[p]:
		case err == nil:
			delete(o.failing, p)
		default:
			o.fail(p, "made after the reload", "; its last good version stays", err)
		}
	}
	o.schedule()
	o.show()
}

// failedOnRequest takes the error of a file made when a page asked for it
// (a resized image): reported as a check's.
func (o *overlay) failedOnRequest(f madeOnRequest) {
	o.fail(f.path, "made on request", "", f.err)
	o.show()
}

// madeOnRequest is a file made on request that failed (server.Options.Failed).
type madeOnRequest struct {
	path string
	err  error
}

// fail keeps and prints the error of the page or file at p.
func (o *overlay) fail(p, when, then string, err error) {
	o.failing[p] = err
	fmt.Fprintf(o.c.Log, "%s (%s): failed with %s%s\n", "/"+strings.TrimSuffix(p, "index.html"), when, countErrors(err), then)
	fmt.Fprintln(o.c.Errors, err)
}

// show puts the current errors on every open page: the build's, or else
// those of the pages that failed (a page waiting for its check keeps its
// error until the check).
func (o *overlay) show() {
	if o.buildErr != "" {
		o.srv.SetError(o.buildErr)
		return
	}
	var msgs []string
	for _, p := range slices.Sorted(maps.Keys(o.failing)) {
		msgs = append(msgs, o.failing[p].Error())
	}
	o.srv.SetError(strings.Join(msgs, "\n"))
}
