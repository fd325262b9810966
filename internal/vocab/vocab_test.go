package vocab

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
)

func cfgOf(t *testing.T, src string) *config.Config {
	t.Helper()
	cfg, ds := config.Parse([]byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return cfg
}

// brf is a briefing whose jurisdictions are on line 4 and tags on line 5.
func brf(path string, juris, tags []string) *content.Briefing {
	b := &content.Briefing{Path: path, Title: path, Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC),
		Jurisdictions: juris, Tags: tags, Lines: content.NewFieldLines(content.FieldLine{Field: "jurisdiction", Line: 4}, content.FieldLine{Field: "tags", Line: 5})}
	for range juris {
		b.JurisdictionLines = append(b.JurisdictionLines, 4)
	}
	for i := range tags {
		b.TagLines = append(b.TagLines, 5+i) // one per line, in a block list
	}
	return b
}

func check(t *testing.T, cfg *config.Config, bs []*content.Briefing, want []string) {
	t.Helper()
	var got []string
	for _, d := range Check(cfg, cfg.Language, bs).Sorted() {
		got = append(got, d.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// With [jurisdictions] in site.toml, only declared names and their parents
// may be used: a typo is an error at its line with the nearest name.
func TestDeclaredJurisdictions(t *testing.T) {
	cfg := cfgOf(t, `[jurisdictions]
"Hong Kong" = {}
Shenzhen = { parent = "China" }
Suzhou = { parent = "China" }
`)
	check(t, cfg, []*content.Briefing{
		brf("content/a.md", []string{"Hongkong"}, nil),
		brf("content/b.md", []string{"Shenzen", "Suzhou"}, nil),
		brf("content/c.md", []string{"China", "hong kong", "ＨＯＮＧ ＫＯＮＧ"}, nil),
		brf("content/d.md", []string{"Macao"}, nil),
	}, []string{
		`content/a.md:4: jurisdiction: unknown jurisdiction "Hongkong" (did you mean "Hong Kong"?)`,
		`content/b.md:4: jurisdiction: unknown jurisdiction "Shenzen" (did you mean "Shenzhen"?)`,
		`content/c.md:4: warning: jurisdiction: "hong kong" is declared in site.toml as "Hong Kong" (write "Hong Kong")`,
		`content/c.md:4: jurisdiction: unknown jurisdiction "ＨＯＮＧ ＫＯＮＧ" (did you mean "Hong Kong"?)`,
		`content/d.md:4: jurisdiction: unknown jurisdiction "Macao" (site.toml lists the jurisdictions briefings may use; add Macao = {} under [jurisdictions], or use one of them)`,
	})
}

// [tags] closes the tag list the same way; tags stay open without it.
func TestDeclaredTags(t *testing.T) {
	cfg := cfgOf(t, "[tags]\nfunding = \"Money.\"\n\"white paper\" = \"\"\n")
	check(t, cfg, []*content.Briefing{
		brf("content/a.md", []string{"Atlantis"}, []string{"fundng", "white paper", "stable coins"}),
	}, []string{
		`content/a.md:5: tags: unknown tag "fundng" (did you mean "funding"?)`,
		`content/a.md:7: tags: unknown tag "stable coins" (site.toml lists the tags briefings may use; add "stable coins" = "" under [tags], or use one of them)`,
	})
}

// Without declared lists, near-duplicates are warnings that name both
// files and lines; distinct names are left alone.
func TestNearDuplicates(t *testing.T) {
	check(t, config.Default(), []*content.Briefing{
		brf("content/a.md", []string{"Hong Kong"}, []string{"funding", "Web3", "white paper"}),
		brf("content/b.md", []string{"Hong Kong"}, []string{"funding", "Web3", "white paper", "Web2", "NFT", "CBDC"}),
		brf("content/c.md", []string{"HongKong"}, []string{"fundng", "ＷＥＢ３", "white-paper", "NFTs", "CBDCs", "2023", "2024"}),
		brf("content/d.md", []string{"Shenzen", "Shenzhen", "Shenzhen"}, []string{"stablecoins", "stablecoin", "mining"}),
		brf("content/e.md", []string{"Shenzhen"}, []string{"stablecoins", "minning", "fudning"}),
	}, []string{
		`content/c.md:4: warning: jurisdiction: "HongKong" and "Hong Kong" (content/a.md:4) differ only in case, width, spacing or hyphens; both are the jurisdiction "Hong Kong" (write "Hong Kong", as elsewhere; declaring [jurisdictions] in site.toml makes the list closed)`,
		`content/c.md:5: warning: tags: "fundng" is one letter away from the tag "funding" (content/a.md:5) (if they are one tag, write "funding"; declaring [tags] in site.toml makes the list closed)`,
		`content/c.md:6: warning: tags: "ＷＥＢ３" and "Web3" (content/a.md:6) differ only in case, width, spacing or hyphens; both are the tag "Web3" (write "Web3", as elsewhere; declaring [tags] in site.toml makes the list closed)`,
		`content/c.md:7: warning: tags: "white-paper" and "white paper" (content/a.md:7) differ only in case, width, spacing or hyphens; both are the tag "white paper" (write "white paper", as elsewhere; declaring [tags] in site.toml makes the list closed)`,
		`content/c.md:9: warning: tags: "CBDCs" is one letter away from the tag "CBDC" (content/b.md:10) (if they are one tag, write "CBDC"; declaring [tags] in site.toml makes the list closed)`,
		`content/d.md:4: warning: jurisdiction: "Shenzen" is one letter away from the jurisdiction "Shenzhen" (content/d.md:4) (if they are one jurisdiction, write "Shenzhen"; declaring [jurisdictions] in site.toml makes the list closed)`,
		`content/d.md:6: warning: tags: "stablecoin" is one letter away from the tag "stablecoins" (content/d.md:5) (if they are one tag, write "stablecoins"; declaring [tags] in site.toml makes the list closed)`,
		`content/e.md:6: warning: tags: "minning" is one letter away from the tag "mining" (content/d.md:7) (if they are one tag, write "mining"; declaring [tags] in site.toml makes the list closed)`,
		`content/e.md:7: warning: tags: "fudning" is one letter away from the tag "funding" (content/a.md:5) (if they are one tag, write "funding"; declaring [tags] in site.toml makes the list closed)`,
	})
}

func TestOneLetter(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"funding", "fundng", true}, {"funding", "fundimg", true}, {"funding", "fudning", true}, {"funding", "fundding", true},
		{"funding", "funding", false}, {"funding", "fnudnig", false}, {"web2x", "web3x", false}, {"abcde", "abcdef", true},
		{"abcde", "abcde1", false}, {"phase1", "phase2", false},
	} {
		if got := oneLetter([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("oneLetter(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// A series of names that differ in one place is deliberate, and a site of
// 20,000 distinct tags is checked without comparing every pair.
func TestManyNames(t *testing.T) {
	var keys []string
	for i := range 20000 {
		keys = append(keys, fmt.Sprintf("topic%06d", i))
	}
	keys = append(keys, "series a", "series b", "series c", "series d", "series e", "series f", "series g", "series h", "series i")
	if got := oneLetterApart(keys); len(got) != 0 {
		t.Errorf("pairs %v", got[:min(5, len(got))])
	}
}

func BenchmarkNearDuplicates(b *testing.B) {
	var uses []Use
	for i := range 50000 {
		uses = append(uses, Use{Name: fmt.Sprintf("topic %d", i), File: "content/a.md", Line: 4, Field: "tags"})
	}
	for b.Loop() {
		n := &names{vocabulary: config.TagsVocabulary, byName: map[string]*spelling{}}
		for _, u := range uses {
			n.add(u)
		}
		nearDuplicates(config.TagsVocabulary, n.byName)
	}
}
