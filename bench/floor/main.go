// Command floor does the least any generator must do with a corpus of
// briefings, to measure how far brief is from it: read every briefing, render
// its Markdown body with goldmark and the standard extensions brief enables
// (GFM, definition lists, footnotes, typographer, CJK), and write one page per
// briefing, on all cores. No front matter decoding, no model, no templates,
// no lists, feeds or search index.
//
//	go run ./bench/floor --source DIR --destination OUT
//
// The briefing content/briefings/x.md (or the bundle x/index.md) becomes
// OUT/briefings/x/index.html, where brief writes it too.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func main() {
	src := flag.String("source", ".", "site folder whose content/briefings/ is read")
	dst := flag.String("destination", "", "output folder (made new; must not exist or be empty)")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "briefings rendered at once")
	flag.Parse()
	if *dst == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(*src, *dst, *workers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("floor: %d pages in %.3fs\n", n, time.Since(start).Seconds())
}

// newMarkdown is goldmark with the extensions brief turns on; brief's own
// passes (heading ids, link resolution, figures) are the generator's work,
// not the floor's.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		extension.GFM,
		extension.DefinitionList,
		extension.Footnote,
		extension.Typographer,
		extension.NewCJK(extension.WithEscapedSpace()),
	))
}

// briefing is one source and the folder its page goes to.
type briefing struct{ path, slug string }

// run renders every briefing under src into dst and returns how many.
func run(src, dst string, workers int) (int, error) {
	list, err := briefings(filepath.Join(src, "content", "briefings"))
	if err != nil {
		return 0, err
	}
	pages := filepath.Join(dst, "briefings")
	if err := os.MkdirAll(pages, 0o755); err != nil {
		return 0, err
	}
	jobs := make(chan briefing)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := newMarkdown()
			var in, out bytes.Buffer
			for b := range jobs {
				if errs[w] != nil {
					continue // drain
				}
				errs[w] = render(md, b, filepath.Join(pages, b.slug), &in, &out)
			}
		}()
	}
	for _, b := range list {
		jobs <- b
	}
	close(jobs)
	wg.Wait()
	return len(list), errors.Join(errs...)
}

// render writes one briefing's page, reusing the worker's buffers.
func render(md goldmark.Markdown, b briefing, dir string, in, out *bytes.Buffer) error {
	in.Reset()
	out.Reset()
	f, err := os.Open(b.path)
	if err != nil {
		return err
	}
	_, err = in.ReadFrom(f)
	f.Close()
	if err != nil {
		return err
	}
	if err := md.Convert(body(in.Bytes()), out); err != nil {
		return fmt.Errorf("%s: %w", b.path, err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), out.Bytes(), 0o644)
}

// body returns what follows a `---` front matter block, or the whole file
// when it has none.
func body(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[3:], []byte("\n---\n")); i >= 0 {
		return src[3+i+5:]
	}
	return src
}

// briefings lists dir's x.md files and x/index.md bundles, sorted by slug.
func briefings(dir string) ([]briefing, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var list []briefing
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			p := filepath.Join(dir, name, "index.md")
			if _, err := os.Stat(p); err == nil {
				list = append(list, briefing{p, name})
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		case strings.HasSuffix(name, ".md"):
			list = append(list, briefing{filepath.Join(dir, name), strings.TrimSuffix(name, ".md")})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].slug < list[j].slug })
	return list, nil
}
