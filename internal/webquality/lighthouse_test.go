package webquality

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"brief/internal/browsertest"
)

// LighthouseEnv turns on TestLighthouse, which takes a few minutes.
const LighthouseEnv = "BRIEF_LIGHTHOUSE"

// lighthouseCategories are the four scored categories.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// TestLighthouse runs Lighthouse on the example site's home page, a
// briefing, a tag, a jurisdiction, /funding/ and /search/, as a desktop and
// as a phone, served with netlify.toml's headers at the base URL it was
// built for, prints the 48 scores, and fails on any below
// BRIEF_LIGHTHOUSE_MIN (default 100). Run it with
//
//	npm ci --prefix internal/webquality/testdata && BRIEF_LIGHTHOUSE=1 go test ./internal/webquality -run Lighthouse -v -timeout 30m
func TestLighthouse(t *testing.T) {
	if os.Getenv(LighthouseEnv) != "1" {
		t.Skip("Lighthouse runs on demand: " + LighthouseEnv + "=1 go test ./internal/webquality -run Lighthouse -v")
	}
	lighthouse := npmFile(t, "Lighthouse (npm, a dev dependency: npm ci --prefix internal/webquality/testdata)", "lighthouse/cli/index.js")
	chrome, err := browsertest.FindChromium()
	need(t, "Chromium", err)
	node, err := exec.LookPath("node")
	need(t, "Node.js", err)
	min := 100
	if v := os.Getenv("BRIEF_LIGHTHOUSE_MIN"); v != "" {
		if min, err = strconv.Atoi(v); err != nil {
			t.Fatalf("BRIEF_LIGHTHOUSE_MIN=%q: %v", v, err)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	s, err := buildInto("example", repoRoot(t), t.TempDir(), base)
	if err != nil {
		t.Fatal(err)
	}
	serve(t, s.dir, "/", netlifyConfig(t), ln)
	kinds := s.kinds(t)
	pages := []struct{ name, path string }{
		{"home", "/"}, {"briefing", kinds["briefing"]}, {"tag", kinds["tag"]},
		{"jurisdiction", kinds["jurisdiction"]}, {"funding", "/funding/"}, {"search", "/search/"},
	}
	out := t.TempDir()
	type row struct {
		page, device string
		scores       map[string]int
		below        []string
	}
	var rows []row
	for _, p := range pages {
		for _, device := range []string{"desktop", "mobile"} {
			report := filepath.Join(out, p.name+"-"+device+".json")
			args := []string{lighthouse, base + strings.TrimPrefix(p.path, "/"),
				"--output=json", "--output-path=" + report, "--quiet",
				"--only-categories=" + strings.Join(lighthouseCategories, ","),
				"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage"}
			if device == "desktop" {
				args = append(args, "--preset=desktop")
			}
			cmd := exec.Command(node, args...)
			cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("lighthouse %s (%s): %v\n%s", p.path, device, err, b)
			}
			data, err := os.ReadFile(report)
			if err != nil {
				t.Fatal(err)
			}
			var lhr struct {
				Categories map[string]struct {
					Score     *float64 `json:"score"`
					AuditRefs []struct {
						ID     string  `json:"id"`
						Weight float64 `json:"weight"`
					} `json:"auditRefs"`
				} `json:"categories"`
				Audits map[string]struct {
					Title string   `json:"title"`
					Score *float64 `json:"score"`
				} `json:"audits"`
			}
			if err := json.Unmarshal(data, &lhr); err != nil {
				t.Fatal(err)
			}
			r := row{page: p.name + " " + p.path, device: device, scores: map[string]int{}}
			for _, c := range lighthouseCategories {
				cat := lhr.Categories[c]
				score := -1
				if cat.Score != nil {
					score = int(math.Round(*cat.Score * 100))
				}
				r.scores[c] = score
				if score < min {
					for _, ref := range cat.AuditRefs {
						a := lhr.Audits[ref.ID]
						if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
							r.below = append(r.below, fmt.Sprintf("%s: %s (%.2f)", c, a.Title, *a.Score))
						}
					}
				}
			}
			rows = append(rows, r)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-40s %-8s %5s %5s %5s %5s\n", "page", "device", "perf", "a11y", "bp", "seo")
	failed := false
	for _, r := range rows {
		fmt.Fprintf(&b, "%-40s %-8s %5d %5d %5d %5d\n", r.page, r.device, r.scores["performance"], r.scores["accessibility"], r.scores["best-practices"], r.scores["seo"])
		for _, why := range r.below {
			fmt.Fprintf(&b, "    below %d: %s\n", min, why)
			failed = true
		}
	}
	t.Log(b.String())
	if failed {
		t.Errorf("scores below %d (BRIEF_LIGHTHOUSE_MIN); reports in %s", min, out)
	}
}
