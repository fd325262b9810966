package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// bodyPlan holds the choices made for one body before it is written, so the
// features (table, relative link) are decided once per briefing.
type bodyPlan struct {
	words     int    // target length, 400-900
	sections  int    // number of "##" headings, 2-5
	table     bool   // about one briefing in four
	relLinkTo string // file name of another briefing, or empty
}

func planBody(r *rand.Rand, self int, all []briefing) bodyPlan {
	// Leave room under 900 for the last sentence or list to overshoot the target.
	p := bodyPlan{words: 400 + r.IntN(451), sections: 2 + r.IntN(4), table: r.IntN(4) == 0}
	if len(all) > 1 && r.IntN(3) == 0 {
		other := r.IntN(len(all) - 1)
		if other >= self {
			other++
		}
		p.relLinkTo = all[self].linkTo(all[other])
	}
	return p
}

// writeBody appends the Markdown body to s. Word counts cover everything
// written (headings, list items and table cells too), so the whole body lands
// in the planned range.
func writeBody(s *strings.Builder, r *rand.Rand, b briefing, p bodyPlan) {
	heads := headings
	if b.chinese {
		heads = zhHeadings
	}
	titles := pickDistinct(r, heads, p.sections)
	listIn, tableIn, relIn := r.IntN(p.sections), r.IntN(p.sections), r.IntN(p.sections)
	written := 0
	for i, h := range titles {
		budget := p.words*(i+1)/p.sections - written // spread rounding over sections
		var sec strings.Builder
		if i == 0 {
			sec.WriteString("\n") // blank line after the front matter
		}
		fmt.Fprintf(&sec, "## %s\n\n", h)
		n := countWords(h)
		n += paragraph(&sec, r, b, budget/2)
		if i == 0 {
			n += sourceLink(&sec, r, b) // every body cites at least one source
		}
		switch {
		case i == tableIn && p.table:
			n += table(&sec, r, b)
		case i == listIn:
			n += list(&sec, r, b)
		}
		if i == relIn && p.relLinkTo != "" {
			n += relatedLink(&sec, b, p.relLinkTo)
		}
		for n < budget {
			n += paragraph(&sec, r, b, min(budget-n, 60+r.IntN(60)))
		}
		s.WriteString(sec.String())
		written += n
	}
}

// paragraph writes sentences until at least want words, then a blank line.
// One sentence in a few carries emphasis or an external link.
func paragraph(s *strings.Builder, r *rand.Rand, b briefing, want int) int {
	var parts []string
	n := 0
	for n < want || len(parts) == 0 {
		var sent string
		if b.chinese {
			switch r.IntN(10) {
			case 0, 1:
				sent = pick(r, zhClauses) + "**" + pick(r, zhTopics) + "**" + pick(r, zhClaims) + "。"
			case 2:
				sent = fmt.Sprintf("详见[%s](%s)。", pick(r, zhLinkTexts), b.sources[r.IntN(len(b.sources))].url)
			default:
				sent = zhSentence(r)
			}
		} else {
			switch r.IntN(10) {
			case 0, 1:
				sent = fmt.Sprintf("%s %s *%s* %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, tails))
			case 2:
				sent = fmt.Sprintf("See [%s](%s) for details.", pick(r, linkTexts), b.sources[r.IntN(len(b.sources))].url)
			case 3, 4:
				sent = comment(r)
			default:
				sent = sentence(r)
			}
		}
		parts = append(parts, sent)
		n += countWords(sent)
	}
	sep := " "
	if b.chinese {
		sep = ""
	}
	s.WriteString(strings.Join(parts, sep))
	s.WriteString("\n\n")
	return n
}

func list(s *strings.Builder, r *rand.Rand, b briefing) int {
	n := 0
	ordered := r.IntN(3) == 0
	for i := range 3 + r.IntN(4) {
		marker := "-"
		if ordered {
			marker = fmt.Sprintf("%d.", i+1)
		}
		item := fmt.Sprintf("**%s** %s", pick(r, verbs), pick(r, objects))
		if b.chinese {
			item = pick(r, zhActors) + pick(r, zhVerbs) + "**" + pick(r, zhTopics) + "**"
		}
		fmt.Fprintf(s, "%s %s\n", marker, item)
		n += countWords(item)
	}
	s.WriteString("\n")
	return n
}

func table(s *strings.Builder, r *rand.Rand, b briefing) int {
	s.WriteString("| Jurisdiction | Measure | Amount |\n|---|---|---:|\n")
	n := 3
	for range 3 + r.IntN(3) {
		f := newFunding(r)
		row := fmt.Sprintf("| %s | %s | %s %s |", pick(r, b.jurisdictions), f.purpose, f.currency, f.amount)
		s.WriteString(row + "\n")
		n += countWords(row)
	}
	s.WriteString("\n")
	return n
}

func sourceLink(s *strings.Builder, r *rand.Rand, b briefing) int {
	src := b.sources[r.IntN(len(b.sources))]
	text := fmt.Sprintf("Source: [%s](%s).", src.title, src.url)
	if b.chinese {
		text = fmt.Sprintf("资料来源：[%s](%s)。", pick(r, zhLinkTexts), src.url)
	}
	s.WriteString(text + "\n\n")
	return countWords(text)
}

func relatedLink(s *strings.Builder, b briefing, target string) int {
	text := fmt.Sprintf("For earlier context, see [a related briefing](%s).", target)
	if b.chinese {
		text = fmt.Sprintf("参见[相关简报](%s)。", target)
	}
	s.WriteString(text + "\n\n")
	return countWords(text)
}

func sentence(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, tails))
}

func comment(r *rand.Rand) string {
	return fmt.Sprintf("%s %s.", pick(r, commentOpeners), pick(r, commentClaims))
}

func zhSentence(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return pick(r, zhActors) + pick(r, zhVerbs) + pick(r, zhTopics) + "。"
	}
	return pick(r, zhClauses) + "，" + pick(r, zhClaims) + "。"
}

// countWords counts space-separated tokens that contain a letter or digit,
// and treats every Han character as half a word (a typical Chinese word has
// two), so the length targets mean the same for both languages.
func countWords(s string) int {
	n, han := 0, 0
	for _, f := range strings.Fields(s) {
		latin := false
		for _, c := range f {
			switch {
			case unicode.Is(unicode.Han, c):
				han++
			case unicode.IsLetter(c) || unicode.IsDigit(c):
				latin = true
			}
		}
		if latin {
			n++
		}
	}
	return n + han/2
}
