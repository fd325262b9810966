package scaffold

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"brief/internal/content"
)

// Every draft brief new writes parses without a problem, whatever it was
// given, and says what it inferred.
func TestBriefingParses(t *testing.T) {
	hk, err := time.LoadLocation("Asia/Hong_Kong")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 6, 30, 17, 30, 0, 0, time.UTC) // 1 July, 01:30 in Hong Kong
	for _, o := range []Options{
		{Title: `A "quoted" title: with colons # and hashes`, Location: time.UTC},
		{Title: "香港金管局发布稳定币指引", Location: hk, Jurisdictions: []string{"Hong Kong"}},
		{Title: "Two places", Location: hk, Jurisdictions: []string{"Beijing", "China"}, Tags: []string{" Web3", "", "licensing "}},
		{Title: "Bundle", Location: hk, Jurisdiction: "Macau", Jurisdictions: []string{"Hong Kong"}, Bundle: true},
	} {
		o.Now = now
		src := Briefing(o)
		b, ds := content.Parse("content/briefings/x.md", src, content.Options{Location: o.Location})
		if len(ds) > 0 {
			t.Errorf("%s:\n%s\n%v", o.Title, src, ds)
			continue
		}
		if b.Title != o.Title || !b.Draft || b.Date.Format("2006-01-02") != now.In(o.Location).Format("2006-01-02") {
			t.Errorf("%s: %+v", o.Title, b)
		}
		wantJ := o.Jurisdiction
		if wantJ == "" && len(o.Jurisdictions) == 1 {
			wantJ = o.Jurisdictions[0]
		}
		if got := strings.Join(b.Jurisdictions, ","); got != wantJ {
			t.Errorf("%s: jurisdiction %q, want %q", o.Title, got, wantJ)
		}
	}
}

func TestName(t *testing.T) {
	for title, want := range map[string]string{
		"Hong Kong's SFC: new rules (2024)": "hong-kongs-sfc-new-rules-2024",
		"香港金管局发布稳定币指引":                      "香港金管局发布稳定币指引",
		"!!!":                               "",
		strings.Repeat("word ", 40):         strings.TrimSuffix(strings.Repeat("word-", 16), "-"),
		strings.Repeat("字", 120):            strings.Repeat("字", maxName),
	} {
		if got := Name(title); got != want {
			t.Errorf("Name(%q) = %q, want %q", title, got, want)
		}
		if utf8.RuneCountInString(Name(title)) > maxName {
			t.Errorf("Name(%q) is too long", title)
		}
	}
	if Path("x", true) != "content/briefings/x/index.md" || Path("x", false) != "content/briefings/x.md" || Other("x", false) != Path("x", true) {
		t.Error("paths")
	}
}
