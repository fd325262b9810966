package output

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSettle sorts the files of an output of 100,000 briefings'
// shape, put in no order, as the pages made on every core put them.
func BenchmarkSettle(b *testing.B) {
	paths := siteLike(100_000)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	s := &Staging{}
	for b.Loop() {
		b.StopTimer()
		s.puts = s.puts[:0]
		for _, p := range paths {
			s.record(p, false)
		}
		b.StartTimer()
		s.settle()
	}
}

// A file put several times among many is what it was put last, whatever
// the order the sort leaves equal paths in.
func TestSettleKeepsTheLastPut(t *testing.T) {
	s := &Staging{}
	paths := siteLike(200)
	want := map[string]bool{} // path -> kept, as put last
	r := rand.New(rand.NewPCG(3, 4))
	for range 3 * len(paths) {
		p := paths[r.IntN(len(paths))]
		kept := r.IntN(2) == 0
		s.record(p, kept)
		want[p] = kept
	}
	produced, staged, kept := s.settle()
	if len(produced) != len(want) || len(staged)+len(kept) != len(want) {
		t.Fatalf("%d files produced, %d staged and %d kept, want %d", len(produced), len(staged), len(kept), len(want))
	}
	for _, p := range kept {
		if !want[p] {
			t.Errorf("%s kept, but written last", p)
		}
	}
	for _, p := range staged {
		if want[p] {
			t.Errorf("%s staged, but kept last", p)
		}
	}
	for i := 1; i < len(produced); i++ {
		if produced[i-1] >= produced[i] {
			t.Fatalf("not sorted, each once: %q before %q", produced[i-1], produced[i])
		}
	}
}
