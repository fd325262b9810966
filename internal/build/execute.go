package build

import (
	"bytes"
	"cmp"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"brief/internal/diag"
	"brief/internal/output"
	"brief/internal/render"
)

// execute renders the jobs whose fingerprint changed (all of them unless
// the build is incremental) on all cores, streaming each file to the sink
// as soon as it is made, and removes outputs that are gone.
func (st *state) execute(jobs []job) error {
	bl := st.bl
	var todo []job
	next := make(map[string]uint64, len(jobs))
	for _, j := range jobs {
		next[j.path] = j.fp
		st.res.Pages[j.kind]++
		if !st.opt.Incremental || bl.pages[j.path] != j.fp {
			todo = append(todo, j)
		}
	}
	if err := st.renderJobs(todo); err != nil {
		return err
	}
	for _, j := range todo {
		st.res.Written = append(st.res.Written, j.path)
	}
	sort.Strings(st.res.Written)
	if st.opt.Incremental {
		for _, p := range slices.Sorted(maps.Keys(bl.pages)) {
			if _, ok := next[p]; !ok {
				if err := st.sink.Remove(p); err != nil {
					return diag.List{diag.Errorf("", 0, "", "check that the output folder is writable", "removing %s: %v", p, err)}
				}
				st.res.Removed = append(st.res.Removed, p)
			}
		}
	}
	bl.pages = next
	return nil
}

// renderJobs renders jobs on all cores, minifying if asked, and streams
// each file to the sink as soon as it is made. Files are made in pooled
// buffers: the sink does not keep them, so most pages allocate nothing
// for their bytes.
func (st *state) renderJobs(todo []job) error {
	var min *output.Minifier
	if st.cfg.Minify {
		min = output.NewMinifier()
	}
	var bufs sync.Pool
	get := func() *bytes.Buffer {
		if b, ok := bufs.Get().(*bytes.Buffer); ok {
			b.Reset()
			return b
		}
		return new(bytes.Buffer)
	}
	put := func(b *bytes.Buffer) {
		if b.Cap() <= maxPooledBuffer {
			bufs.Put(b)
		}
	}
	// Briefing pages go first: each lets go of its body (Options.Once),
	// which lowers the heap before the site-wide files, the largest, start.
	// Those come next, most costly first, and the many small list pages
	// after them keep every core busy to the end.
	first := func(j job) int {
		if j.kind == "briefing" {
			return 0
		}
		return 1
	}
	todo = slices.Clone(todo)
	slices.SortStableFunc(todo, func(a, b job) int {
		return cmp.Or(cmp.Compare(first(a), first(b)), cmp.Compare(b.cost, a.cost))
	})
	var mu sync.Mutex
	var errs diag.List
	lazySink, _ := st.sink.(output.LazySink)
	parallel(len(todo), func(i int) {
		j := todo[i]
		if j.lazy && lazySink != nil && lazySink.PutLazy(j.path, func() ([]byte, error) {
			var b bytes.Buffer
			err := j.render(&b)
			return b.Bytes(), err
		}) {
			return
		}
		buf := get()
		defer put(buf)
		err := j.render(buf)
		data := buf.Bytes()
		if err == nil && min != nil && !j.minified {
			out := get()
			defer put(out)
			data = min.Into(out, j.path, data)
		}
		var d diag.Diagnostic
		switch {
		case err != nil && errors.As(err, &d): // a template's error
		case err != nil:
			d = diag.Errorf("", 0, "", "this is a bug in brief: please report it", "making /%s: %v", j.path, err)
		default:
			if err := st.sink.Put(j.path, data); err != nil {
				d = diag.Errorf("", 0, "", "check that the output folder is writable and its disk has space", "writing %s: %v", j.path, err)
			}
		}
		if d.Msg != "" {
			mu.Lock()
			errs = append(errs, d)
			mu.Unlock()
		}
	})
	if len(errs) > 0 {
		return dedupe(errs).Sorted()
	}
	return nil
}

// probeTemplates renders the first page of each kind into a scratch buffer,
// for a build that has failed already: a template that cannot execute is
// then reported in the same run as the other errors, not after they are
// fixed. Only pages made with templates are probed, and nothing is written.
func (st *state) probeTemplates(jobs []job) {
	seen := map[string]bool{}
	var buf bytes.Buffer
	for _, j := range jobs {
		if seen[j.kind] || j.kind == "static" || j.kind == "alias" || !strings.HasSuffix(j.path, ".html") {
			continue
		}
		seen[j.kind] = true
		buf.Reset()
		if err := j.render(&buf); err != nil {
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
