package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"brief/internal/content"
	"brief/internal/funding"
	"brief/internal/funding/fundingtest"
	"brief/internal/golden"
	"brief/internal/site"
)

// exportCorpus is corpus plus what the exports must carry or escape:
// sources, authors, an update, a summary, and text with commas, quotes,
// a line break, HTML characters and CJK.
func exportCorpus(t testing.TB) []*content.Briefing {
	bs := fundingtest.Corpus(t)
	a := bs[0]
	a.Summary = `Beijing's "Web3" plan & budget <2023-2025>`
	a.Authors = []string{"Policy desk"}
	a.Sources = []content.Source{{Title: "北京市科委", URL: "https://kw.beijing.gov.cn/"}}
	a.Updated = a.Date.Add(48 * time.Hour)
	a.Funding[0].Purpose = "Annual support, 2023-2025: \"Chaoyang\"\nplan 朝阳区"
	return bs
}

func TestExports(t *testing.T) {
	for _, tc := range []struct{ name, toml string }{{"rates", fundingtest.RatesTOML}, {"norates", fundingtest.NoRatesTOML}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := fundingtest.Config(t, tc.toml)
			s := fundingtest.Site(t, cfg, exportCorpus(t))
			var csvBuf, jsonBuf bytes.Buffer
			if err := CSV(&csvBuf, cfg, s.Briefings); err != nil {
				t.Fatal(err)
			}
			csvOut := csvBuf.Bytes()
			golden.Check(t, filepath.Join("testdata", "funding-"+tc.name+".csv"), csvOut)
			if err := JSON(&jsonBuf, cfg, site.AbsURL(cfg, "/"), s.Briefings); err != nil {
				t.Fatal(err)
			}
			jsonOut := jsonBuf.Bytes()
			golden.Check(t, filepath.Join("testdata", "briefings-"+tc.name+".json"), jsonOut)
			checkCSV(t, csvOut, len(funding.Items(cfg, s.Briefings)))
			checkJSON(t, jsonOut, len(s.Briefings))
		})
	}
}

// TestJSONStreamsTheWholeDocument checks that streaming briefings.json one
// briefing at a time writes exactly what encoding the whole document would,
// for no briefing, one, and several, in either order (an entry's lists
// are reused for the next: each list grows and shrinks between them).
func TestJSONStreamsTheWholeDocument(t *testing.T) {
	cfg := fundingtest.Config(t, fundingtest.RatesTOML)
	all := fundingtest.Site(t, cfg, exportCorpus(t)).Briefings
	if len(all) < 2 {
		t.Fatal("the export corpus needs at least two briefings")
	}
	reversed := slices.Clone(all)
	slices.Reverse(reversed)
	for _, bs := range [][]*site.Briefing{nil, all[:1], all, reversed} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(jsonDocument(cfg, site.AbsURL(cfg, "/"), bs)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := JSON(&got, cfg, site.AbsURL(cfg, "/"), bs); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d briefings: streamed\n%s\nwant\n%s", len(bs), got.String(), want.String())
		}
	}
}

// checkCSV reads the file back as RFC 4180 and checks its framing, so the
// golden file cannot be updated into something broken.
func checkCSV(t *testing.T, data []byte, items int) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("want CRLF line ends and no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(rows) != items+1 || !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if row[0][:8] != "https://" {
			t.Errorf("url %q is not absolute", row[0])
		}
	}
	if got, want := rows[2][4], "Annual support, 2023-2025: \"Chaoyang\"\nplan 朝阳区"; got != want {
		t.Errorf("purpose read back as %q, want %q", got, want)
	}
}

func checkJSON(t *testing.T, data []byte, briefings int) {
	t.Helper()
	var doc struct {
		Briefings []map[string]any `json:"briefings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	if len(doc.Briefings) != briefings {
		t.Fatalf("%d briefings, want %d", len(doc.Briefings), briefings)
	}
	for _, b := range doc.Briefings {
		for _, list := range []string{"jurisdictions", "tags", "funding", "sources", "authors"} {
			if _, ok := b[list].([]any); !ok {
				t.Errorf("%v: %s is %v, want a list", b["url"], list, b[list])
			}
		}
	}
}

// TestDocsDescribeTheCSV holds docs/data.md to funding.csv: its table
// lists every column in order, and its example has the header and rows of
// the same width.
func TestDocsDescribeTheCSV(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "data.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := strings.Cut(string(doc), "## funding.csv")
	text, _, _ = strings.Cut(text, "\n## ")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| (`[a-z_]+`(?:, `[a-z_]+`)*) +\\|").FindAllStringSubmatch(text, -1) {
		for _, name := range strings.Split(m[1], ", ") {
			listed = append(listed, strings.Trim(name, "`"))
		}
	}
	if !slices.Equal(listed, CSVHeader) {
		t.Errorf("docs/data.md lists the columns\n  %q\nfunding.csv has\n  %q", listed, CSVHeader)
	}
	_, example, ok := strings.Cut(text, "```csv\n")
	example, _, _ = strings.Cut(example, "```")
	if !ok {
		t.Fatal("docs/data.md has no CSV example")
	}
	rows, err := csv.NewReader(strings.NewReader(example)).ReadAll()
	if err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	if len(rows) < 2 || !slices.Equal(rows[0], CSVHeader) {
		t.Errorf("the example's header is %q, want %q", rows[0], CSVHeader)
	}
}

// BenchmarkExports writes both data files of a site with a thousand copies
// of the export corpus, as a build writes them.
func BenchmarkExports(b *testing.B) {
	cfg := fundingtest.Config(b, fundingtest.RatesTOML)
	var bs []*content.Briefing
	for range 1000 {
		for _, x := range exportCorpus(b) {
			x.Path = fmt.Sprint(len(bs), x.Path)
			bs = append(bs, x)
		}
	}
	s := fundingtest.Site(b, cfg, bs)
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, cfg, "https://example.org/", s.Briefings); err != nil {
			b.Fatal(err)
		}
		if err := CSV(io.Discard, cfg, s.Briefings); err != nil {
			b.Fatal(err)
		}
	}
}
