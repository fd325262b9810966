package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// briefing is the front matter of one generated file plus what the body
// generator needs to know about it.
type briefing struct {
	fileName      string // "beijing-pledges-web3-hub-plans-00042.md"
	chinese       bool
	title         string
	date          time.Time
	jurisdictions []string
	tags          []string
	summary       string
	funding       []funding
	sources       []source
	picture       string // "photo.jpg" or "chart.png" beside the page bundle's index.md; "" for a plain file
}

type funding struct{ amount, currency, usd, purpose string }

type source struct{ title, url string }

// Dates are spread over 2019-2025 so that every briefing is in the past.
var (
	firstDate = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
)

func newBriefing(r *rand.Rand, index int) briefing {
	b := briefing{chinese: r.IntN(10) == 0}
	days := int(lastDate.Sub(firstDate).Hours() / 24)
	b.date = firstDate.AddDate(0, 0, r.IntN(days+1))
	b.jurisdictions = pickJurisdictions(r)
	if r.IntN(2) == 0 {
		for range 1 + r.IntN(2) {
			b.funding = append(b.funding, newFunding(r))
		}
	}
	if b.chinese {
		b.title = pick(r, zhActors) + pick(r, zhVerbs) + pick(r, zhTopics)
		b.tags = pickDistinct(r, chineseTags, 2+r.IntN(4))
		b.summary = zhSentence(r) + zhSentence(r)
		b.fileName = fmt.Sprintf("%s-zh-%05d.md", slugify(b.jurisdictions[0]), index)
	} else {
		b.title = englishTitle(r, b)
		b.tags = pickDistinct(r, englishTags, 2+r.IntN(4))
		b.summary = sentence(r)
		if r.IntN(2) == 0 {
			b.summary += " " + comment(r)
		}
		b.fileName = fmt.Sprintf("%s-%05d.md", slugify(firstWords(b.title, 6)), index)
	}
	for range 1 + r.IntN(3) {
		b.sources = append(b.sources, newSource(r, b.date))
	}
	return b
}

func englishTitle(r *rand.Rand, b briefing) string {
	where := b.jurisdictions[0]
	if len(b.funding) > 0 && r.IntN(2) == 0 {
		f := b.funding[0]
		return fmt.Sprintf("%s pledges %s %s for %s", where, f.currency, f.amount, strings.ToLower(f.purpose))
	}
	return fmt.Sprintf("%s %s %s %s", where, pick(r, titleActors), pick(r, titleVerbs), pick(r, titleTopics))
}

// pickJurisdictions returns 1-3 distinct names, adding a city's parent
// (Beijing -> China) about half the time, as editors tend to.
func pickJurisdictions(r *rand.Rand) []string {
	want := 1 + r.IntN(3)
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] && len(names) < want {
			seen[n] = true
			names = append(names, n)
		}
	}
	for len(names) < want {
		j := jurisdictions[r.IntN(len(jurisdictions))]
		add(j.name)
		if j.parent != "" && r.IntN(2) == 0 {
			add(j.parent)
		}
	}
	return names
}

func newFunding(r *rand.Rand) funding {
	c := currencies[r.IntN(len(currencies))]
	var value float64
	var text string
	switch r.IntN(3) {
	case 0: // "100m"
		m := 5 + r.IntN(900)
		value, text = float64(m)*1e6, strconv.Itoa(m)+"m"
	case 1: // "1.2bn"
		tenths := 10 + r.IntN(90)
		value = float64(tenths) * 1e8
		text = strconv.FormatFloat(float64(tenths)/10, 'f', -1, 64) + "bn"
	default: // "2,500,000"
		units := (2 + r.IntN(1980)) * 50_000
		value, text = float64(units), groupThousands(units)
	}
	f := funding{amount: text, currency: c.code, purpose: pick(r, fundingPurposes)}
	if c.code != "USD" {
		f.usd = roughAmount(value * c.usdRate)
	}
	return f
}

// roughAmount states a figure the way a briefing would: "14m", "1.3bn", "320,000".
func roughAmount(v float64) string {
	switch {
	case v >= 1e9:
		return strconv.FormatFloat(float64(int64(v/1e8+0.5))/10, 'f', -1, 64) + "bn"
	case v >= 1e6:
		return strconv.FormatInt(int64(v/1e6+0.5), 10) + "m"
	default:
		return groupThousands(int(v/1000+0.5) * 1000)
	}
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func newSource(r *rand.Rand, date time.Time) source {
	host := pick(r, sourceHosts)
	kind := pick(r, sourceKinds)
	return source{
		title: fmt.Sprintf("%s on %s", kind, pick(r, objects)),
		url:   fmt.Sprintf("https://%s/%s/%s-%d", host, date.Format("2006/01"), slugify(kind), r.IntN(100000)),
	}
}

// frontMatter renders the YAML block, closing "---" line included. Every
// free-text value is double-quoted; none of the word lists contain quotes or
// backslashes, so no escaping is needed.
func (b briefing) frontMatter() string {
	var s strings.Builder
	s.WriteString("---\n")
	fmt.Fprintf(&s, "title: %q\n", b.title)
	fmt.Fprintf(&s, "date: %s\n", b.date.Format("2006-01-02"))
	fmt.Fprintf(&s, "jurisdiction: [%s]\n", strings.Join(b.jurisdictions, ", "))
	fmt.Fprintf(&s, "tags: [%s]\n", strings.Join(b.tags, ", "))
	fmt.Fprintf(&s, "summary: %q\n", b.summary)
	if len(b.funding) > 0 {
		s.WriteString("funding:\n")
		for _, f := range b.funding {
			fmt.Fprintf(&s, "  - amount: %q\n    currency: %s\n", f.amount, f.currency)
			if f.usd != "" {
				fmt.Fprintf(&s, "    usd: %q\n", f.usd)
			}
			fmt.Fprintf(&s, "    purpose: %q\n", f.purpose)
			if len(b.jurisdictions) > 1 {
				// The money is for the place the title names.
				fmt.Fprintf(&s, "    jurisdiction: %q\n", b.jurisdictions[0])
			}
		}
	}
	s.WriteString("sources:\n")
	for _, src := range b.sources {
		fmt.Fprintf(&s, "  - title: %q\n    url: %q\n", src.title, src.url)
	}
	if b.picture != "" {
		fmt.Fprintf(&s, "image: %s\nimageAlt: %q\n", b.picture, b.pictureAlt())
	}
	s.WriteString("---\n")
	return s.String()
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// pickDistinct returns n different entries of list in random order.
func pickDistinct(r *rand.Rand, list []string, n int) []string {
	out := make([]string, 0, n)
	for _, i := range r.Perm(len(list))[:n] {
		out = append(out, list[i])
	}
	return out
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// slugify keeps lower-case ASCII letters and digits, joining runs of anything
// else with a single hyphen.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(s) {
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
			continue
		}
		hyphen = true
	}
	return b.String()
}
