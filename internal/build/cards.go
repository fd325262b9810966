package build

import (
	"sync"

	"brief/internal/render"
	"brief/internal/site"
)

// renderCards renders every briefing's card once (lists then paste it), in
// parallel, reusing cards whose inputs are unchanged since the last build.
// It returns the hash of each card's HTML for list fingerprints.
func (st *state) renderCards(pl *planner) map[*site.Briefing]uint64 {
	bl := st.bl
	bs := st.site.Briefings
	caches := make([]cardCache, len(bs))
	var mu sync.Mutex
	parallel(len(bs), func(i int) {
		b := bs[i]
		fp := st.fp("card", pl.fulls[b])
		c, ok := bl.cards[b.Path]
		if !ok || c.fp != fp {
			html, err := st.theme.Card(b)
			if err != nil {
				mu.Lock()
				st.diags = append(st.diags, render.ExecDiag("card", err))
				mu.Unlock()
			}
			c = cardCache{fp: fp, hash: newHasher(bl.seed).str(string(html)).sum(), html: html}
		}
		b.Card = c.html
		caches[i] = c
	})
	fresh := make(map[string]cardCache, len(bs))
	hashes := make(map[*site.Briefing]uint64, len(bs))
	for i, b := range bs {
		fresh[b.Path] = caches[i]
		hashes[b] = caches[i].hash
	}
	bl.cards = fresh
	st.diags = dedupe(st.diags)
	return hashes
}
