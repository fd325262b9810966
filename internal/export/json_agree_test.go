package export

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"brief/internal/funding"
)

// byEncoder is jb as JSON wrote each briefing before it had its own
// encoder: an Encoder without HTML escaping, indented two levels deep.
func byEncoder(t *testing.T, jb jsonBriefing) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(jb); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// appendBriefing writes a briefing byte for byte as encoding/json does,
// on random briefings: awkward text in every string, lists nil, empty or
// not, optional fields absent or present.
func TestAppendBriefingMatchesEncoder(t *testing.T) {
	awkward := []string{"", "plain", `quote " and \ backslash`, "</script> a & b", "tab\tnew\nline\x00\x1f\x7f",
		"\u2028\u2029", "香港 «€»", "bad \xff utf-8", "emoji 😀", "2023-05-29T10:00:00+08:00", "100000000.5"}
	r := rand.New(rand.NewPCG(1, 2))
	str := func() string { return awkward[r.IntN(len(awkward))] }
	opt := func() *string {
		if r.IntN(2) == 0 {
			return nil
		}
		s := str()
		return &s
	}
	strs := func() []string {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		var out []string
		for range 1 + r.IntN(3) {
			out = append(out, str())
		}
		return out
	}
	for i := range 500 {
		jb := jsonBriefing{Title: str(), URL: str(), Date: str(), Updated: opt(), Jurisdictions: strs(), Tags: strs(),
			Summary: str(), Authors: strs()}
		if r.IntN(4) > 0 {
			jb.Funding = []jsonFunding{}
			for range r.IntN(3) {
				f := jsonFunding{Amount: str(), Currency: str(), USD: opt(), Purpose: str(), Jurisdiction: opt(), Date: str(), Total: str()}
				if r.IntN(2) == 0 {
					f.Period = &jsonPeriod{Per: str(), From: r.IntN(3000) - 5, To: r.IntN(3000)}
				}
				if r.IntN(2) == 0 {
					f.Converted = &jsonConverted{Amount: str(), Total: str(), Currency: str(),
						Basis: []funding.Basis{funding.Stated, funding.Estimated, "x<&>"}[r.IntN(3)], AsOf: opt()}
				}
				jb.Funding = append(jb.Funding, f)
			}
		}
		if r.IntN(4) > 0 {
			jb.Sources = []jsonSource{}
			for range r.IntN(3) {
				jb.Sources = append(jb.Sources, jsonSource{Title: str(), URL: str()})
			}
		}
		if got, want := string(appendBriefing(nil, jb)), byEncoder(t, jb); got != want {
			t.Fatalf("briefing %d:\n%s\nwant\n%s", i, got, want)
		}
	}
}
