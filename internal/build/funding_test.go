package build_test

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/output"
)

// fundingFixture is the fixture with a rate for every currency it uses.
func fundingFixture() fstest.MapFS {
	fsys := fixture()
	toml := string(fsys["site.toml"].Data)
	if !strings.Contains(toml, "HKD =") {
		toml = strings.Replace(toml, "CNY = 0.138", "CNY = 0.138\nHKD = 0.1276", 1)
	}
	fsys["site.toml"] = file(toml)
	return fsys
}

func TestFundingOutputs(t *testing.T) {
	res, mem := mustBuild(t, fundingFixture(), build.Options{})
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	mustContain(t, "the funding tracker", mem.Files["funding/index.html"],
		`<ol class="bars" id="chart-by-jurisdiction" aria-hidden="true">`,
		`<caption id="by-jurisdiction-caption">Funding by jurisdiction, in USD</caption>`,
		`<a href="/briefings/beijing-web3/">Beijing pledges CNY 100m a year for Web3</a>`)
	mustContain(t, "the China page", mem.Files["jurisdictions/china/index.html"],
		`<p class="totals">Funding: ≈ US$13.8m (estimated at rates of 2023-06-30)</p>`)
	mustContain(t, "the 2022 archive", mem.Files["archive/2022/index.html"], `<p class="totals">Funding: US$6.4m</p>`)
	rows, err := csv.NewReader(strings.NewReader(string(mem.Files["data/funding.csv"]))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("funding.csv: %d rows, %v", len(rows), err)
	}
	if got, want := strings.Join(rows[1], "|"), "https://brief.example/briefings/beijing-web3/|Beijing pledges CNY 100m a year for Web3|2023-05-29|Beijing|Web3 industry support|100000000|CNY|13800000|USD|estimated|2023-06-30|Beijing|2023-05-29||||100000000|13800000"; got != want {
		t.Errorf("csv row:\n got %s\nwant %s", got, want)
	}
	var data struct {
		Briefings []struct {
			URL     string `json:"url"`
			Sources []struct{ URL string }
		} `json:"briefings"`
	}
	if err := json.Unmarshal(mem.Files["data/briefings.json"], &data); err != nil || len(data.Briefings) != 3 {
		t.Fatalf("briefings.json: %d briefings, %v", len(data.Briefings), err)
	}
	if data.Briefings[1].URL != "https://brief.example/briefings/beijing-web3/" || len(data.Briefings[1].Sources) != 2 {
		t.Errorf("briefings.json entry: %+v", data.Briefings[1])
	}
}

func TestFundingDiagnostics(t *testing.T) {
	fsys := fixture()
	fsys["site.toml"] = file(strings.Replace(string(fundingFixture()["site.toml"].Data), "HKD = 0.1276\n", "", 1))
	_, _, err := buildFS(t, fsys, build.Options{})
	l := diagnostics(t, err)
	want := "content/briefings/hk-policy.md:9: funding[0].currency: no exchange rate from HKD to the reporting currency USD (add HKD = ... under [currency.rates] in site.toml: the USD value of one HKD)"
	if len(l) != 1 || l[0].Error() != want {
		t.Errorf("got %v\nwant %s", l, want)
	}
	fsys = fundingFixture()
	p := "content/briefings/hk-policy.md"
	fsys[p] = file(strings.Replace(string(fsys[p].Data), `usd: "6.4m"`, `usd: "64m"`, 1))
	res, _ := mustBuild(t, fsys, build.Options{})
	want = "content/briefings/hk-policy.md:9: warning: funding[0].usd: stated US$64m differs by 903.1% from US$6.38m, HK$50m converted at 1 HKD = 0.1276 USD (rates of 2023-06-30) (check the figure against the source, or the rate in site.toml; stated figures more than 15% from the computed one are flagged)"
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != want {
		t.Errorf("got %v\nwant %s", res.Warnings, want)
	}
}

// TestFundingIncremental checks the fingerprints of the tracker, the data
// files and the totals: each is rewritten exactly when what it shows changes.
func TestFundingIncremental(t *testing.T) {
	fsys := fundingFixture()
	bl := build.New(brief.DefaultTheme())
	if _, err := bl.Build(fsys, nil, build.Options{Now: buildClock}, output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	inc := build.Options{Now: buildClock, Incremental: true}
	step := func(what, p, old, new string, wrote, untouched []string) {
		t.Helper()
		fsys[p] = file(strings.Replace(string(fsys[p].Data), old, new, 1))
		res, err := bl.Build(fsys, build.ChangedPaths(p), inc, output.NewMemory())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wrote {
			if !slices.Contains(res.Written, w) {
				t.Errorf("%s: %s not rewritten (wrote %v)", what, w, res.Written)
			}
		}
		for _, u := range untouched {
			if slices.Contains(res.Written, u) {
				t.Errorf("%s: %s rewritten needlessly", what, u)
			}
		}
	}
	b := "content/briefings/beijing-web3.md"
	step("body edit", b, "published a white paper", "published its white paper", nil,
		[]string{"funding/index.html", "data/funding.csv", "data/briefings.json", "jurisdictions/china/index.html"})
	step("source edit", b, "Reuters report", "Reuters story", []string{"data/briefings.json"},
		[]string{"funding/index.html", "data/funding.csv"})
	step("amount edit", b, `amount: "100m"`, `amount: "200m"`,
		[]string{"funding/index.html", "data/funding.csv", "data/briefings.json", "jurisdictions/china/index.html",
			"jurisdictions/beijing/index.html", "tags/web3/index.html", "archive/2023/index.html"}, nil)
	step("rate edit", "site.toml", "CNY = 0.138", "CNY = 0.14",
		[]string{"funding/index.html", "data/funding.csv", "data/briefings.json", "jurisdictions/china/index.html"}, nil)
}
