package search

import (
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"brief/internal/content"
	"brief/internal/corpus"
	"brief/internal/markdown"
)

// corpusDocs generates n briefings with the benchmark corpus generator and
// turns them into Docs as the build does (without the site model: filters
// are the raw tags, jurisdictions and year), oldest first.
func corpusDocs(tb testing.TB, n int) []*Doc {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	names, err := os.ReadDir(dir + "/" + corpus.BriefingsDir)
	if err != nil {
		tb.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	docs := make([]*Doc, len(names))
	var wg sync.WaitGroup
	for i, e := range names {
		wg.Go(func() {
			p := path.Join(corpus.BriefingsDir, e.Name())
			src, err := os.ReadFile(dir + "/" + p)
			if err != nil {
				tb.Error(err)
				return
			}
			b, ds := content.Parse(p, src, content.Options{})
			if ds.HasErrors() {
				tb.Error(ds)
				return
			}
			res := md.Render(b.Body, markdown.Context{SourcePath: p, PlainText: true})
			d := NewDoc(b, &res)
			d.URL = "/briefings/" + strings.TrimSuffix(e.Name(), ".md") + "/"
			for _, t := range b.Tags {
				d.Filters = append(d.Filters, Filter{"tag", strings.ToLower(t)})
			}
			for _, j := range b.Jurisdictions {
				d.Filters = append(d.Filters, Filter{"jurisdiction", strings.ToLower(j)})
			}
			d.Filters = append(d.Filters, Filter{"year", d.Date[:4]})
			docs[i] = d
		})
	}
	wg.Wait()
	slices.SortStableFunc(docs, func(a, b *Doc) int { return strings.Compare(a.Date+a.URL, b.Date+b.URL) })
	return docs
}

func analyseAll(docs []*Doc) []*Entry {
	es := make([]*Entry, len(docs))
	parallel(len(docs), func(i int) { es[i] = Analyse(docs[i]) })
	return es
}

func BenchmarkAnalyse(b *testing.B) {
	docs := corpusDocs(b, 200)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Body)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Analyse(d)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	entries := analyseAll(corpusDocs(b, 2000))
	b.ResetTimer()
	for b.Loop() {
		Build(entries)
	}
}
