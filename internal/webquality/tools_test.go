package webquality

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"brief/internal/browsertest"
)

// npmDir holds package.json and, after npm ci, node_modules.
const npmDir = "testdata"

// need skips the test with a loud message when a tool is missing, or fails
// it when BRIEF_REQUIRE_BROWSER=1 (CI), so that CI cannot lose a check.
func need(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := "SKIPPING WEB-QUALITY TEST: " + what + " is missing (" + err.Error() + "); install it with: " +
		"apt-get install -y default-jre-headless chromium && npm ci --prefix internal/webquality/testdata; set " +
		browsertest.RequireEnv + "=1 to fail instead"
	if os.Getenv(browsertest.RequireEnv) == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// npmFile finds a file of an installed npm package.
func npmFile(t testing.TB, what, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(npmDir, "node_modules", filepath.FromSlash(rel)))
	if err == nil {
		_, err = os.Stat(p)
	}
	need(t, what, err)
	return p
}

// vnu returns the command that runs the W3C Nu HTML Checker.
func vnu(t testing.TB) (java, jar string) {
	t.Helper()
	java, err := exec.LookPath("java")
	need(t, "Java (for the Nu HTML Checker)", err)
	return java, npmFile(t, "the Nu HTML Checker (npm vnu-jar)", "vnu-jar/build/dist/vnu.jar")
}
