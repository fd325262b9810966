package exampleart

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"brief/internal/config"
	"brief/internal/content"
	"brief/internal/images"
	"brief/internal/money"
	"brief/internal/sources"
)

var update = flag.Bool("update", false, "redraw the example site's pictures")

// root is the example site: the repository's root.
const root = "../.."

// The example site's pictures, as committed.
const (
	chartFile    = "static/img/funding-by-place.svg"
	timelineFile = "static/img/hk-virtual-asset-rules.png"
	harbourFile  = "content/briefings/hk-stablecoins-ordinance-2025/harbour-at-dusk.jpg"
)

// timelineLabels are the short names of the Hong Kong briefings that the
// timeline shows, by the briefing's slug.
var timelineLabels = map[string]string{
	"hk-virtual-asset-policy-statement-2022": "Policy statement",
	"hk-tokenised-green-bond-2023":           "Tokenised green bond",
	"hk-vatp-retail-trading":                 "Retail trading licensed",
	"hk-jpex-case-2023":                      "JPEX collapse",
	"hk-spot-bitcoin-ether-etfs-2024":        "Spot bitcoin ETFs",
	"hk-stablecoins-ordinance-2025":          "Stablecoins Ordinance",
}

// TestExampleArt draws the pictures from the example site's own data and
// compares them with the committed files (-update rewrites them). Bytes are
// compared on amd64 only: other processors may fuse floating-point steps
// and paint a pixel one shade off.
func TestExampleArt(t *testing.T) {
	cfg, briefings := loadSite(t)
	for name, data := range map[string][]byte{
		chartFile:    fundingChart(t, cfg, briefings),
		timelineFile: timeline(briefings),
		harbourFile:  Harbour(1800, 1200, 2025),
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if *update {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/exampleart -update)", err)
		}
		info, err := images.Probe(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		oldInfo, err := images.Probe(name, old)
		if err != nil || oldInfo != info {
			t.Errorf("%s: committed %+v, drawn %+v (%v)", name, oldInfo, info, err)
		}
		if runtime.GOARCH == "amd64" && !bytes.Equal(old, data) {
			t.Errorf("%s is not what the generator draws from the site's data now: run go test ./internal/exampleart -update", name)
		}
	}
}

func loadSite(t *testing.T) (*config.Config, []*content.Briefing) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, ds := config.Parse(src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var out []*content.Briefing
	err = fs.WalkDir(os.DirFS(root), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		if _, _, translation := sources.FileLanguage(p); translation {
			return nil // the same facts as its original: the pictures draw each once
		}
		data, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return err
		}
		b, ds := content.Parse(p, data, content.Options{Location: cfg.Location})
		if ds.HasErrors() {
			return ds
		}
		if !b.Draft {
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, out
}

// fundingChart totals the funding of each place, in US dollars at the
// site's rates, largest first.
func fundingChart(t *testing.T, cfg *config.Config, bs []*content.Briefing) []byte {
	totals := map[string]money.Decimal{}
	for _, b := range bs {
		if len(b.Jurisdictions) == 0 {
			continue
		}
		for _, f := range b.Funding {
			usd, ok := cfg.Currency.Rates.Convert(f.Amount, f.Currency)
			if !ok {
				t.Fatalf("%s: no rate for %s", b.Path, f.Currency)
			}
			j := b.Jurisdictions[0]
			totals[j] = totals[j].Add(usd)
		}
	}
	var bars []Bar
	for j, v := range totals {
		m := v.Float64() / 1e6
		bars = append(bars, Bar{Label: j, Value: m, Text: usdText(m)})
	}
	slices.SortFunc(bars, func(a, b Bar) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), strings.Compare(a.Label, b.Label))
	})
	return BarChart("Funding recorded in these briefings, by place",
		"US dollars at "+cfg.Currency.Rates.AsOf+" rates. Bond proceeds included.", bars)
}

func usdText(millions float64) string {
	if millions >= 1000 {
		return fmt.Sprintf("US$%.2fbn", millions/1000)
	}
	if millions >= 100 {
		return fmt.Sprintf("US$%.0fm", millions)
	}
	return fmt.Sprintf("US$%.1fm", millions)
}

func timeline(bs []*content.Briefing) []byte {
	var events []Event
	for _, b := range bs {
		slug := strings.TrimSuffix(filepath.Base(b.Path), ".md")
		if slug == "index" {
			slug = filepath.Base(filepath.Dir(b.Path))
		}
		label, ok := timelineLabels[slug]
		if !ok {
			continue
		}
		d := b.Date
		start := time.Date(d.Year(), 1, 1, 0, 0, 0, 0, d.Location())
		frac := d.Sub(start).Hours() / 24 / 366
		events = append(events, Event{Year: float64(d.Year()) + frac, Date: d.Format("Jan 2006"), Label: label})
	}
	slices.SortFunc(events, func(a, b Event) int { return cmp.Compare(a.Year, b.Year) })
	return Timeline("Hong Kong's virtual-asset rules, 2022-2025", 2022, 2026, events, 1600, 560)
}
