package vocab

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"brief/internal/content"
)

// Names kept up to date by Replace, one briefing's edit at a time,
// report what Check reports of every briefing: open and closed lists,
// spellings of one name, names a letter apart, first uses moving to
// another file, and briefings leaving and joining the edition.
func TestReplaceAgreesWithCheck(t *testing.T) {
	tags := []string{"Stablecoins", "stablecoins", "stablecoin", "Web3", "web 3", "custody", "custodi", "mining", "AI"}
	juris := []string{"Hong Kong", "hong kong", "Hongkong", "China", "Macau", "Macao"}
	for _, src := range []string{"", "[jurisdictions]\n\"Hong Kong\" = {}\nChina = {}\nMacau = {}\n\n[tags]\nStablecoins = \"\"\nWeb3 = \"\"\n"} {
		cfg := cfgOf(t, src)
		rng := rand.New(rand.NewSource(3))
		pick := func(pool []string) []string {
			var out []string
			for n := rng.Intn(3); n >= 0; n-- {
				out = append(out, pool[rng.Intn(len(pool))])
			}
			return out
		}
		published := map[string]*content.Briefing{}
		for i := 0; i < 12; i++ {
			p := fmt.Sprintf("content/briefings/%02d.md", i)
			published[p] = brf(p, pick(juris), pick(tags))
		}
		all := func() []*content.Briefing {
			var out []*content.Briefing
			for _, p := range slices.Sorted(func(yield func(string) bool) {
				for p := range published {
					if !yield(p) {
						return
					}
				}
			}) {
				out = append(out, published[p])
			}
			rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
			return out
		}
		ns := NewNames(cfg, "en", all())
		for step := 0; step < 300; step++ {
			p := fmt.Sprintf("content/briefings/%02d.md", rng.Intn(14))
			old := published[p]
			var new *content.Briefing
			if rng.Intn(6) > 0 {
				new = brf(p, pick(juris), pick(tags))
				published[p] = new
			} else {
				delete(published, p)
			}
			ns.Replace(old, new, all)
			got, want := ns.Problems(), Check(cfg, "en", all())
			if fmt.Sprint(got.Sorted()) != fmt.Sprint(want.Sorted()) {
				t.Fatalf("config %q, step %d (%s): Replace's problems\n%v\nCheck's\n%v", src, step, p, got.Sorted(), want.Sorted())
			}
		}
	}
}
