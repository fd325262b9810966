package webquality

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// nuMessage is one message of the Nu checker's JSON output.
type nuMessage struct {
	Type     string `json:"type"` // "error", "info" (with subType "warning"), "non-document-error"
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	FirstCol int    `json:"firstColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// TestNuHTMLChecker: the W3C Nu HTML Checker finds no error in any page of
// either site, nor in their stylesheets.
func TestNuHTMLChecker(t *testing.T) {
	t.Parallel() // Java and Chromium share the cores
	java, jar := vnu(t)
	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			cmd := exec.Command(java, "-Xss4m", "-jar", jar, "--format", "json", "--errors-only", "--also-check-css", "--skip-non-html", s.dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var out struct{ Messages []nuMessage }
			if jerr := json.Unmarshal(stderr.Bytes(), &out); jerr != nil {
				t.Fatalf("the Nu checker failed (%v): %v\n%s", err, jerr, stderr.String())
			}
			var report strings.Builder
			for _, m := range out.Messages {
				if m.Type == "error" || m.Type == "non-document-error" {
					fmt.Fprintf(&report, "%s:%d:%d: %s\n    %s\n", strings.TrimPrefix(m.URL, "file:"+s.dir+"/"), m.LastLine, m.FirstCol, m.Message, strings.TrimSpace(m.Extract))
				}
			}
			if report.Len() > 0 {
				t.Errorf("the Nu HTML Checker reports errors in the %s site:\n%s", s.name, report.String())
			}
			t.Logf("%s site: %d HTML pages checked", s.name, len(s.htmlPages()))
		})
	}
}
