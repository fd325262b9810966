package site

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"brief/internal/content"
)

// termEdit is the change of one kind of term that an update makes: the
// briefing leaves some terms' lists and joins others', terms are made
// for names no briefing wrote before and emptied of their last briefing.
// Prepare finds it without changing the model; apply makes it.
type termEdit struct {
	s    *Site
	kind string
	// own are the briefing's terms after the edit (Briefing.Tags or
	// .Jurisdictions), items the names its funding items give that pass
	// (itemNames).
	own   []*Term
	items []string
	// leave and join are the terms whose lists lose and gain the
	// briefing; less and more those whose Own counts go down and up.
	leave, join, less, more []*Term
	// spellings are the new counts of the terms whose names the
	// briefing wrote before or writes now.
	spellings map[*Term]map[string]int
	// made are new terms (in none of the site's lists yet), emptied
	// those left without a briefing; changed every term whose list,
	// counts or spellings change.
	made, emptied, changed []*Term
	// refiled are the jurisdictions (with their ancestors) whose funding
	// totals gain or lose one of the briefing's items with its
	// attribution, when apply changes it.
	refiled []*Term
}

// prepareTerms finds the change of b's terms of kind that its new front
// matter front makes, or says the model must be made again: when a name
// of a term changes (its most used spelling), a new term's URL is taken or
// empty, a new jurisdiction's parent is not one of the site's, an emptied
// one has children or takes its parent's last reason to be with it, a new
// or emptied term has versions in other editions, or the funding items'
// jurisdictions no longer pass (their errors are site.New's to report).
func (s *Site) prepareTerms(kind string, b *Briefing, front *content.Briefing) (*termEdit, bool) {
	e := &termEdit{s: s, kind: kind, spellings: map[*Term]map[string]int{}}
	terms := s.terms(kind)
	byKey := make(map[string]*Term, len(terms))
	bySlug := make(map[string]*Term, len(terms))
	for _, t := range terms {
		byKey[t.key], bySlug[t.Slug] = t, t
	}
	ownNames, newOwn := b.Briefing.Tags, front.Tags
	var oldItems []string
	if kind == JurisdictionsKind {
		ownNames, newOwn, oldItems = b.Briefing.Jurisdictions, front.Jurisdictions, b.itemNames
		ds, items := s.itemsOf(front)
		if len(ds) > 0 {
			return nil, false
		}
		e.items = items
	}
	// The spellings of every name written before and now, by key.
	delta := map[string]map[string]int{}
	count := func(names []string, d int) {
		for _, n := range names {
			k := termKey(n)
			if delta[k] == nil {
				delta[k] = map[string]int{}
			}
			delta[k][strings.TrimSpace(n)] += d
		}
	}
	count(ownNames, -1)
	count(oldItems, -1)
	count(newOwn, 1)
	count(e.items, 1)
	made := map[string]*Term{}
	for _, k := range slices.Sorted(maps.Keys(delta)) {
		t := byKey[k]
		if t != nil && !slices.ContainsFunc(slices.Collect(maps.Values(delta[k])), func(d int) bool { return d != 0 }) {
			continue // written as often as before, in each spelling
		}
		counts := map[string]int{}
		if t != nil {
			maps.Copy(counts, t.spellings)
		}
		total := 0
		for sp, d := range delta[k] {
			counts[sp] += d
			if counts[sp] < 0 {
				return nil, false // a name the model did not count: make it again
			}
		}
		for _, n := range counts {
			total += n
		}
		switch {
		case t == nil:
			if total == 0 {
				continue
			}
			nt := &Term{Kind: kind, key: k, Language: s.Language}
			s.name(nt, mostUsed(counts))
			if nt.Slug == "" || bySlug[nt.Slug] != nil || len(s.Editions) > 1 {
				return nil, false
			}
			if p, ok := s.parentOf(nt.Original); ok && kind == JurisdictionsKind {
				// Under a jurisdiction the site has: its child.
				if nt.Parent = byKey[termKey(p)]; nt.Parent == nil || nt.Parent == nt {
					return nil, false
				}
			}
			e.spellings[nt] = counts
			made[k] = nt
			bySlug[nt.Slug] = nt
			e.made = append(e.made, nt)
		case total == 0:
			// A jurisdiction with children stays, as their parent.
			if len(t.Children) > 0 || len(s.Editions) > 1 {
				return nil, false
			}
			e.emptied = append(e.emptied, t)
		default:
			nt := &Term{Kind: kind, key: k, Language: s.Language}
			s.name(nt, mostUsed(counts))
			if nt.Name != t.Name || nt.Original != t.Original || nt.Slug != t.Slug {
				return nil, false
			}
			e.spellings[t] = counts
		}
	}
	// A parent keeps its page while a briefing names it or it has a
	// child; one left with neither would go too, which is left to a
	// model made again.
	for _, t := range e.emptied {
		p := t.Parent
		if p == nil {
			continue
		}
		counts := p.spellings
		if c, ok := e.spellings[p]; ok {
			counts = c
		}
		named := slices.ContainsFunc(slices.Collect(maps.Values(counts)), func(n int) bool { return n > 0 })
		child := slices.ContainsFunc(p.Children, func(c *Term) bool { return !slices.Contains(e.emptied, c) }) ||
			slices.ContainsFunc(e.made, func(c *Term) bool { return c.Parent == p })
		if !named && !child || slices.Contains(e.emptied, p) {
			return nil, false
		}
	}
	for _, t := range e.made {
		if t.Parent != nil && slices.Contains(e.emptied, t.Parent) {
			return nil, false
		}
	}
	find := func(n string) *Term {
		k := termKey(n)
		if t := made[k]; t != nil {
			return t
		}
		return byKey[k]
	}
	// Each term once, in the order written, as taxonomy files them.
	filed := func(own, items []string) (ts, all []*Term) {
		for _, n := range own {
			if t := find(n); t != nil && !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
		all = slices.Clone(ts)
		for _, n := range items {
			if t := find(n); t != nil && !slices.Contains(all, t) {
				all = append(all, t)
			}
		}
		return ts, all
	}
	_, before := filed(ownNames, oldItems)
	e.own, _ = filed(newOwn, e.items)
	_, after := filed(newOwn, e.items)
	e.less = without(before, after)
	e.more = without(after, before)
	listed := func(ts []*Term) []*Term {
		var out []*Term
		for _, t := range ts {
			for p := t; p != nil && !slices.Contains(out, p); p = p.Parent {
				out = append(out, p)
			}
		}
		return out
	}
	was, is := listed(before), listed(after)
	e.leave, e.join = without(was, is), without(is, was)
	for _, ts := range [][]*Term{e.leave, e.join, e.less, e.more, slices.Collect(maps.Keys(e.spellings))} {
		for _, t := range ts {
			if !slices.Contains(e.changed, t) && !slices.Contains(e.made, t) && !slices.Contains(e.emptied, t) {
				e.changed = append(e.changed, t)
			}
		}
	}
	// A parent whose children change shows them.
	for _, ts := range [][]*Term{e.made, e.emptied} {
		for _, t := range ts {
			if p := t.Parent; p != nil && !slices.Contains(e.changed, p) {
				e.changed = append(e.changed, p)
			}
		}
	}
	sort.Slice(e.changed, func(i, j int) bool { return e.changed[i].key < e.changed[j].key })
	return e, true
}

// insertSorted puts t into terms where taxonomy sorts it (and
// linkParents, a parent's children): by name in lower case, then by key.
func insertSorted(terms []*Term, t *Term) []*Term {
	i := sort.Search(len(terms), func(i int) bool {
		a, c := strings.ToLower(terms[i].Name), strings.ToLower(t.Name)
		return a > c || a == c && terms[i].key > t.key
	})
	return slices.Insert(terms, i, t)
}

// without is the terms of a that are not in b.
func without(a, b []*Term) []*Term {
	var out []*Term
	for _, t := range a {
		if !slices.Contains(b, t) {
			out = append(out, t)
		}
	}
	return out
}

// apply makes the change in the model: b's terms, the lists and counts of
// the terms it leaves and joins, the new terms in the site's list in their
// place, and the emptied ones out of it. Each list changed is a new slice,
// so that what a reader holds of the model stays as it was.
func (e *termEdit) apply(b *Briefing) {
	s := e.s
	for t, counts := range e.spellings {
		t.spellings = counts
	}
	for _, t := range e.leave {
		i := slices.Index(t.Briefings, b)
		t.Briefings = slices.Concat(t.Briefings[:i:i], t.Briefings[i+1:])
	}
	for _, t := range e.join {
		i := sort.Search(len(t.Briefings), func(i int) bool { return !newer(t.Briefings[i], b) })
		t.Briefings = slices.Concat(t.Briefings[:i:i], []*Briefing{b}, t.Briefings[i:])
	}
	for _, t := range e.less {
		t.Own--
	}
	for _, t := range e.more {
		t.Own++
	}
	terms := slices.Clone(s.terms(e.kind))
	terms = slices.DeleteFunc(terms, func(t *Term) bool { return slices.Contains(e.emptied, t) })
	for _, t := range e.emptied {
		if p := t.Parent; p != nil {
			p.Children = slices.DeleteFunc(slices.Clone(p.Children), func(c *Term) bool { return c == t })
		}
	}
	for _, t := range e.made {
		terms = insertSorted(terms, t)
		if p := t.Parent; p != nil {
			p.Children = insertSorted(slices.Clone(p.Children), t)
		}
	}
	if e.kind == TagsKind {
		s.Tags, b.Tags = terms, e.own
		return
	}
	s.Jurisdictions, b.Jurisdictions, b.itemNames = terms, e.own, e.items
	byKey := make(map[string]*Term, len(terms))
	for _, t := range terms {
		byKey[t.key] = t
	}
	before := b.Attributions
	attribute(b, byKey, s.inherited[b.Briefing])
	for i, a := range b.Attributions {
		if was := before[i].Jurisdiction; was != a.Jurisdiction {
			for _, t := range []*Term{was, a.Jurisdiction} {
				for p := t; p != nil && !slices.Contains(e.refiled, p); p = p.Parent {
					e.refiled = append(e.refiled, p)
				}
			}
		}
	}
}
