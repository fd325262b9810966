package build

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"io"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"brief/internal/diag"
	"brief/internal/output"
	"brief/internal/pages"
	"brief/internal/render"
	"brief/internal/site"
)

// execute renders the outputs whose inputs changed, on all cores,
// streaming each file to the sink as soon as it is made; an incremental
// build skips the files whose bytes are the same and removes the outputs
// that are gone. With a plan made in this build, after a failed build or
// into an empty sink it considers every output; otherwise only those that
// read the rendered parts changed in this build.
func (st *state) execute() error {
	bl := st.bl
	p := bl.plan
	whole := !st.opt.Incremental || !bl.settled || bl.executed != p
	candidates := append(slices.Clip(p.jobs), st.searchJobs...)
	var streamed []string // the briefing pages written as their bodies were rendered
	nStreamed := 0
	if st.oneShot() {
		candidates, streamed, nStreamed = st.unplan(p, candidates)
	}
	if !whole {
		// The search index's files are named by their content: only new
		// ones can need writing.
		candidates = append(st.affected(p), st.searchNew...)
	}
	todo, inputs := candidates, map[*job]uint64(nil)
	if !st.oneShot() {
		// What the sink holds, for a later build (or the build cache)
		// to skip the outputs whose inputs are unchanged.
		all := st.aggregates(p)
		todo = make([]*job, 0, len(candidates))
		inputs = make(map[*job]uint64, len(candidates))
		for _, j := range candidates {
			fp := st.fingerprint(j, all)
			inputs[j] = fp
			if !st.opt.Incremental || bl.out[j.path].inputs != fp {
				todo = append(todo, j)
			}
		}
	}
	if !st.opt.Incremental {
		bl.out = make(map[string]outputLog, len(inputs))
	}
	if err := st.ensureRead(todo); err != nil {
		return asDiags(err).Sorted()
	}
	st.res.Rendered = len(todo) + nStreamed + len(st.searchStreamed)
	written, err := st.renderJobs(todo, inputs)
	if err != nil {
		return err
	}
	written = append(written, streamed...)
	for _, w := range st.searchStreamed {
		if w.wrote {
			written = append(written, w.path)
		}
		if in, ok := st.fragmentInputs[w.path]; ok {
			bl.out[w.path] = outputLog{inputs: in, bytes: w.sum}
		}
	}
	slices.Sort(written)
	st.res.Written = written
	if st.opt.Incremental {
		// Gone: with a new plan, what neither it nor the search index
		// makes; else the search index's files it no longer has.
		gone := append(slices.Clip(st.searchGone), st.planGone...)
		if whole {
			gone = nil
			for path := range bl.out {
				if _, planned := p.byPath[path]; !planned && bl.searchByPath[path] == nil {
					gone = append(gone, path)
				}
			}
		}
		slices.Sort(gone)
		for _, path := range gone {
			if err := st.sink.Remove(path); err != nil {
				return diag.List{diag.Errorf("", 0, "", "check that the output folder is writable", "removing %s: %v", path, err)}
			}
			delete(bl.out, path)
			st.res.Removed = append(st.res.Removed, path)
		}
	}
	// An incremental build logs the inputs of the outputs it made: the
	// others have them logged already (28,000 at 10,000 briefings).
	logged := todo
	if !st.opt.Incremental {
		logged = candidates
	}
	for _, j := range logged {
		if fp, ok := inputs[j]; ok {
			l := bl.out[j.path]
			l.inputs = fp
			bl.out[j.path] = l
		}
	}
	st.res.Pages = maps.Clone(p.kinds)
	if n := len(st.searchJobs) + len(st.searchStreamed); n > 0 {
		st.res.Pages[searchIndexKind] = n
	}
	bl.executed, bl.settled = p, true
	bl.searchJobs, bl.searchFor = st.searchJobs, p
	return nil
}

// unplan lets go of what only planning reads, for a one-shot build, whose
// plan no later build reads (Options.Once forgets it): the index of the
// jobs by path, and the jobs of the briefing pages already written
// (streamPage), most of the plan. It returns the jobs left of candidates,
// the paths of the streamed pages written, and how many were streamed.
func (st *state) unplan(p *plan, candidates []*job) (left []*job, wrote []string, n int) {
	left = candidates[:0]
	for _, j := range candidates {
		if w, ok := st.streamedPage(j); ok {
			n++
			if w.wrote {
				wrote = append(wrote, w.path)
			}
			continue
		}
		left = append(left, j)
	}
	clear(candidates[len(left):]) // candidates may share p.jobs's array
	p.jobs, p.byPath = nil, nil
	return slices.Clip(left), wrote, n
}

// affected lists the jobs that read the rendered parts changed in this
// build, and those whose bases a kept plan made again (patchPlan).
func (st *state) affected(p *plan) []*job {
	seen := map[*job]bool{}
	var out []*job
	add := func(js []*job) {
		for _, j := range js {
			if !seen[j] {
				seen[j] = true
				out = append(out, j)
			}
		}
	}
	for b := range st.changed {
		add(p.readers[b])
	}
	add(st.rebased)
	if len(st.changed) > 0 {
		add(p.anyReaders)
	}
	return out
}

// allParts are the fingerprints of every briefing's rendered parts, for
// outputs that may read any of them.
type allParts struct{ bodies, stats, pictures, cards uint64 }

func (st *state) aggregates(p *plan) allParts {
	if len(p.anyReaders) == 0 {
		return allParts{}
	}
	seed := st.bl.seed
	b, s, pi, c := newHasher(seed), newHasher(seed), newHasher(seed), newHasher(seed)
	for _, m := range st.models {
		for _, x := range m.parts {
			b.num(x.body)
			s.num(x.stats)
			pi.num(x.picture)
			c.num(x.card)
		}
	}
	return allParts{b.sum(), s.sum(), pi.sum(), c.sum()}
}

// fingerprint covers everything job j reads in this build.
func (st *state) fingerprint(j *job, all allParts) uint64 {
	bl := st.bl
	h := newHasher(bl.seed).num(j.base)
	r := j.reads
	if j.own != nil {
		st.mixOwn(j.m, h, j.own, r)
	}
	for _, b := range j.list {
		mixParts(h, j.m.parts[site.Rank(b)], r, render.Listed)
	}
	if r.Bodies.Has(render.Any) {
		h.num(all.bodies)
	}
	if r.Stats.Has(render.Any) {
		h.num(all.stats)
	}
	if r.Pictures.Has(render.Any) {
		h.num(all.pictures)
	}
	if r.Cards.Has(render.Any) {
		h.num(all.cards)
	}
	return h.sum()
}

// renderJobs renders jobs on all cores, minifying if asked, and streams
// each file to the sink as soon as it is made, unless an incremental build
// finds its bytes unchanged. Files are made in pooled buffers: the sink
// does not keep them, so most pages allocate nothing for their bytes. It
// returns the paths written, sorted.
func (st *state) renderJobs(todo []*job, inputs map[*job]uint64) ([]string, error) {
	bl := st.bl
	renderOrder(todo, st.bl.plan.cardReaders != nil)
	release := st.releaser()
	lazySink, _ := st.sink.(output.LazySink)
	sums := make([]uint64, len(todo))
	sizes := make([]int, len(todo))
	wrote := make([]bool, len(todo))
	later := make([]bool, len(todo)) // deferred: left to be made on request
	var mu sync.Mutex
	var errs diag.List
	// A one-shot build lets go of each job once its file is made (its
	// owner, its list, its closure: the files of terms and pages are about
	// half of the jobs), before the largest files are made (see first).
	forget := st.oneShot()
	paths := make([]string, len(todo))
	parallel(len(todo), func(i int) {
		j := todo[i]
		paths[i] = j.path
		if forget {
			defer func() { todo[i] = nil }()
		}
		if bl.jobDone != nil {
			defer bl.jobDone(j)
		}
		if w, ok := st.streamedPage(j); ok {
			sums[i], wrote[i] = w.sum, w.wrote
			return
		}
		if (j.lazy || st.deferred(j)) && lazySink != nil && lazySink.PutLazy(j.path, st.maker(j)) {
			wrote[i], later[i] = true, st.deferred(j)
			return
		}
		w, d := st.writeJob(j, release)
		sums[i], sizes[i], wrote[i] = w.sum, w.size, w.wrote
		if d.Msg != "" {
			mu.Lock()
			errs = append(errs, d)
			mu.Unlock()
		}
	})
	if len(errs) > 0 {
		return nil, dedupe(errs).Sorted()
	}
	var written []string
	for i, j := range todo {
		if inputs != nil { // not one-shot: j is kept
			l := outputLog{inputs: inputs[j], bytes: sums[i], size: sizes[i], entries: st.tableOf(j.path)}
			if l.entries != nil {
				l.entries.sum = sums[i]
			}
			bl.out[j.path] = l
		}
		if wrote[i] {
			written = append(written, paths[i])
			if later[i] {
				st.res.Deferred = append(st.res.Deferred, paths[i])
			}
		}
	}
	slices.Sort(written)
	slices.Sort(st.res.Deferred)
	return written, nil
}

// renderOrder sorts jobs in the order renderJobs makes them. Briefing
// pages go first: each lets go of its body (Options.Once), which lowers
// the heap before the site-wide files, the largest, start; so do the
// search index's files, made and compressed before execute and each let
// go of once written (12-15 MB at 100,000 briefings). So do the
// pages that show cards when a one-shot build lets go of each card after
// its last page (cards is set), 52 MB of cards at 100,000 briefings
// beside the funding tracker's rows (63 MB). The site-wide files come
// next, most costly first, and the many small files after them keep every
// core busy to the end. Pages of lists go by their newest briefing, every
// list's at once: each page that shows a briefing comes before the pages
// whose briefings are all older, so its card is let go of as the build
// goes rather than after the last list that shows it (made list by list,
// every card was held to the end of the pages that show them).
func renderOrder(todo []*job, cards bool) {
	type keyed struct {
		j                   *job
		group, cost, newest int
	}
	ks := make([]keyed, len(todo))
	for i, j := range todo {
		k := keyed{j: j, group: 2, cost: j.cost}
		switch {
		case j.kind == "briefing", j.kind == searchIndexKind:
			k.group = 0
		case cards && j.reads.Cards != 0:
			k.group = 1
		}
		if len(j.list) > 0 {
			k.newest = j.m.first + site.Rank(j.list[0])
			for _, b := range j.list[1:] {
				k.newest = min(k.newest, j.m.first+site.Rank(b))
			}
		}
		ks[i] = k
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(b.cost, a.cost), cmp.Compare(a.newest, b.newest))
	})
	for i, k := range ks {
		todo[i] = k.j
	}
}

// deferred says an incremental build leaves a page that shows every
// briefing (the archive, the funding tracker: see job.cost) to be made on
// first request, when the sink can hold it that way (the dev server's).
// Such a page takes longer than all the other outputs of a front matter
// edit together, and the page being edited would wait for it. The first
// build makes it, so that its template's errors are the build's.
func (st *state) deferred(j *job) bool {
	return st.opt.Incremental && j.page > 0 && j.cost > 0
}

// written is what writeJob did with a file: the hash of its bytes, and
// whether they went to the sink.
type written struct {
	path  string
	sum   uint64
	size  int // when known
	wrote bool
}

// writeJob makes j's file, minified if the site asks, and puts it into the
// sink, unless an incremental build finds the sink holds these bytes
// already. release is called once the file is made. Files are made in
// pooled buffers: the sink does not keep them, so most pages allocate
// nothing for their bytes.
func (st *state) writeJob(j *job, release func(*job)) (w written, d diag.Diagnostic) {
	if sink, ok := st.sink.(output.StreamSink); ok && st.streams(j) {
		return st.streamJob(sink, j, release)
	}
	w.path = j.path
	buf := st.bufs.get()
	defer st.bufs.put(buf)
	if n := st.bl.out[j.path].size; n > 0 {
		// A large file made again (the data files, the pages of every
		// briefing: megabytes) is about its last size: one buffer of that
		// size, not a dozen, each twice the last, cleared and copied into.
		buf.Grow(n + n/16)
	}
	err := j.make(st, buf)
	release(j)
	if err != nil {
		return w, makeProblem(j, err)
	}
	return st.put(j, buf.Bytes())
}

// put puts data, j's file as made, into the sink, minified if the site
// asks, unless an incremental build finds the sink holds these bytes
// already. data is only read: a file made already (a search fragment)
// is handed over as it is, not copied into a buffer first.
func (st *state) put(j *job, data []byte) (w written, d diag.Diagnostic) {
	w.path, w.size = j.path, st.bl.largeSize(len(data))
	if min := st.minifier(); min != nil && !j.minified {
		out := st.bufs.get()
		defer st.bufs.put(out)
		data = min.Into(out, j.path, data)
	}
	if !st.oneShot() {
		// Nothing reads the hash in a one-shot build (execute logs no
		// outputs): it is not taken there, a pass over every byte.
		w.sum = outputHash(st.bl.seed, data)
	}
	if st.opt.Incremental && st.bl.out[j.path].bytes == w.sum {
		return w, d // the sink holds these bytes already
	}
	w.wrote = true
	if err := st.sink.Put(j.path, data); err != nil {
		d = writeProblem(j.path, err)
	}
	return w, d
}

// streams says whether j's file goes to the sink as it is made rather than
// whole: one of the few large files (see job.cost) of a one-shot build,
// which is not minified.
func (st *state) streams(j *job) bool {
	_, lazySink := st.sink.(output.LazySink)
	return st.opt.Once && !st.opt.Incremental && j.cost > 0 && !(j.lazy && lazySink) && (j.minified || st.minifier() == nil)
}

// streamJob makes j's file straight into the sink, in pieces, hashing it
// on the way as outputHash does, unless nothing reads the hash.
func (st *state) streamJob(sink output.StreamSink, j *job, release func(*job)) (w written, d diag.Diagnostic) {
	w.path = j.path
	f, err := sink.Create(j.path)
	if err != nil {
		return w, writeProblem(j.path, err)
	}
	h := newHasher(st.bl.seed)
	out := &errWriter{w: io.MultiWriter(f, &h.h)}
	if st.oneShot() {
		out.w = f // nothing reads the hash (see put)
	}
	buf := bufio.NewWriterSize(out, 64<<10)
	var to io.Writer = buf
	if r, ok := f.(rewinder); ok {
		// A page may be taken back and rendered again (render.Rewinder).
		to = &rewindable{Writer: buf, out: out, f: r, h: h, seed: st.bl.seed}
	}
	err = j.make(st, to)
	release(j)
	if err == nil {
		err = buf.Flush()
	}
	cerr := f.Close()
	switch {
	case out.err != nil:
		return w, writeProblem(j.path, out.err)
	case err != nil:
		return w, makeProblem(j, err)
	case cerr != nil:
		return w, writeProblem(j.path, cerr)
	}
	w.size, w.wrote = st.bl.largeSize(out.n), true
	if !st.oneShot() {
		w.sum = h.bytes(nil).sum() // as outputHash ends it
	}
	return w, d
}

// rewinder is a file of the sink that can start again from nothing.
type rewinder interface{ Rewind() error }

// rewindable is a file being streamed to the sink, which a page rendered
// into it can take back (render.Rewinder): the funding tracker and the
// archive go out as they are made, and may have to be made again.
type rewindable struct {
	*bufio.Writer
	out  *errWriter
	f    rewinder
	h    *hasher
	seed hashSeed
}

func (r *rewindable) Rewind() error {
	if r.out.err != nil {
		return r.out.err
	}
	r.Writer.Reset(r.out) // what it held is dropped
	r.out.n = 0
	r.h.h.ResetWithSeed(uint64(r.seed))
	if err := r.f.Rewind(); err != nil {
		r.out.err = err
		return err
	}
	return nil
}

// largeSize is n for an output whose size is kept (see outputLog), else 0.
func (bl *Builder) largeSize(n int) int {
	if n > bl.largeOutput {
		return n
	}
	return 0
}

// errWriter keeps the first error of the writer it wraps, so that a failed
// write is told from a template's error, and counts the bytes written.
type errWriter struct {
	w   io.Writer
	n   int
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.n += n
	e.err = err
	return n, err
}

// makeProblem is the problem of a job whose file could not be made.
func makeProblem(j *job, err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d // a template's error
	}
	return diag.Errorf("", 0, "", "this is a bug in brief: please report it", "making /%s: %v", j.path, err)
}

func writeProblem(path string, err error) diag.Diagnostic {
	return diag.Errorf("", 0, "", "check that the output folder is writable and its disk has space", "writing %s: %v", path, err)
}

// minifier is the build's minifier, or nil when the site is not minified.
func (st *state) minifier() *output.Minifier {
	st.minOnce.Do(func() {
		if st.cfg.Minify {
			st.min = output.NewMinifier()
		}
	})
	return st.min
}

// buffers are pooled buffers for output files.
type buffers struct{ pool sync.Pool }

func (b *buffers) get() *bytes.Buffer {
	if buf, ok := b.pool.Get().(*bytes.Buffer); ok {
		buf.Reset()
		return buf
	}
	return new(bytes.Buffer)
}

func (b *buffers) put(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		b.pool.Put(buf)
	}
}

// releaser returns what to call once a job is rendered: in a one-shot
// build, it lets go of each rendered body, and each card, after its last
// reader (the cards are a sixth of what such a build holds beside its
// model as it writes the list pages).
func (st *state) releaser() func(*job) {
	p := st.bl.plan
	if !st.opt.Once || p.bodyReaders == nil && p.cardReaders == nil {
		return func(*job) {}
	}
	bodies, cards := counters(p.bodyReaders), counters(p.cardReaders)
	return func(j *job) {
		m := j.m
		if bodies != nil {
			j.eachRead(j.reads.Bodies, func(b *site.Briefing) {
				if bodies[m.first+site.Rank(b)].Add(-1) == 0 {
					m.views.Briefing(b).Content = ""
					switch f := st.bl.files[b.Path]; {
					case f == nil: // let go of already (dropReleased)
					case st.opt.Cache != nil:
						f.rendered.html = "" // the cache keeps the rest
					default:
						f.rendered = nil // and its links, headings...
					}
				}
			})
		}
		if cards != nil {
			j.eachRead(j.reads.Cards, func(b *site.Briefing) {
				if cards[m.first+site.Rank(b)].Add(-1) == 0 {
					m.views.Briefing(b).Card = ""
				}
			})
		}
	}
}

// counters are counts to take down from several goroutines; nil for nil.
func counters(counts []int32) []atomic.Int32 {
	if counts == nil {
		return nil
	}
	left := make([]atomic.Int32, len(counts))
	for i, n := range counts {
		left[i].Store(n)
	}
	return left
}

// probeTemplates renders the first page of each kind into a scratch buffer,
// for a build that has failed already: a template that cannot execute is
// then reported in the same run as the other errors, not after they are
// fixed. Only pages made with templates are probed, and nothing is written.
func (st *state) probeTemplates() {
	seen := map[string]bool{}
	var buf bytes.Buffer
	for _, j := range st.bl.plan.jobs {
		if seen[j.kind] || !slices.Contains(pages.Kinds, j.kind) {
			continue
		}
		seen[j.kind] = true
		buf.Reset()
		if err := j.make(st, &buf); err != nil {
			st.diags = append(st.diags, render.ExecDiag(j.kind, err))
		}
	}
}

// maxPooledBuffer keeps the few huge files (the search index, the data
// files) from pinning their buffers for the rest of the build.
const maxPooledBuffer = 1 << 20

// dedupe drops repeats: one template error breaks every page of its kind.
func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, d := range l {
		if k := d.Error(); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
