package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"brief/internal/build"
)

// A briefing whose every text field is a spreadsheet formula or an HTML
// breakout: funding.csv neutralises the formulas, and the JSON files, the
// feeds and the pages keep the text as data.
func TestInjectionsStayData(t *testing.T) {
	const payload = `=HYPERLINK("https://evil.example/","x")</script><script>alert(1)</script>`
	fsys := with(fixture(), map[string]string{"content/briefings/evil.md": `---
title: '` + payload + `'
date: 2023-05-01
summary: '@SUM(1)</script><img src=x onerror=alert(1)>'
jurisdiction: ['+cmd|calc', 'Beijing']
tags: ['-2+3<b>']
authors: ['=1+1']
funding:
  - amount: 1m
    currency: HKD
    purpose: '-1+1</textarea>'
    jurisdiction: Beijing
---
Body.
`})
	// The jurisdiction is declared as it is written.
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[jurisdictions]\n", "[jurisdictions]\n\"+cmd|calc\" = {}\n", 1)
	fsys["site.toml"] = file(cfg)
	_, mem := mustBuild(t, fsys, build.Options{})

	rows, err := csv.NewReader(bytes.NewReader(mem.Files["data/funding.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("funding.csv cell starts a formula: %q", cell)
			}
		}
		if row[1] == "'"+payload {
			found = true
			if row[3] != "'+cmd|calc; Beijing" || row[4] != "'-1+1</textarea>" {
				t.Errorf("row %q", row)
			}
		}
	}
	if !found {
		t.Errorf("no neutralised row for the payload in:\n%s", mem.Files["data/funding.csv"])
	}

	var index []struct{ Title, Summary string }
	for p, data := range searchFragments(t, mem) {
		var frag struct{ Title, Summary string }
		if err := json.Unmarshal(data, &frag); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		index = append(index, frag)
		if bytes.Contains(data, []byte("</script")) || bytes.Contains(data, []byte("<img")) {
			t.Errorf("search fragment %s does not escape markup: %s", p, data)
		}
	}
	var data struct{ Briefings []struct{ Title string } }
	if err := json.Unmarshal(mem.Files["data/briefings.json"], &data); err != nil {
		t.Fatalf("briefings.json: %v", err)
	}
	titles := map[string]bool{}
	for _, d := range index {
		titles[d.Title] = true
	}
	for _, d := range data.Briefings {
		titles[d.Title+" (json)"] = true
	}
	if !titles[payload] || !titles[payload+" (json)"] {
		t.Errorf("the title is not kept as written in the JSON files")
	}

	for _, p := range []string{"feed.xml", "tags/2-3-b/feed.xml", "jurisdictions/cmd-calc/feed.xml", "sitemap.xml"} {
		wellFormed(t, p, mem.Files[p])
	}
	for p, data := range mem.Files {
		if strings.HasSuffix(p, ".html") && (bytes.Contains(data, []byte("<script>alert")) || bytes.Contains(data, []byte("<img src=x"))) {
			t.Errorf("%s carries live markup from front matter", p)
		}
	}
}
