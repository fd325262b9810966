// Package browsertest starts a headless Chromium for tests that need a real browser
// (live reload, error overlay). It skips loudly when Chromium is missing, or fails
// when BRIEF_REQUIRE_BROWSER=1 so CI cannot silently lose browser coverage.
package browsertest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// RequireEnv names the environment variable that turns a missing browser into a failure.
const RequireEnv = "BRIEF_REQUIRE_BROWSER"

// PathEnv names an optional environment variable holding the browser executable to use.
const PathEnv = "BRIEF_CHROMIUM"

// Debian's package installs here; the PATH names cover other distributions and Chrome.
const debianChromium = "/usr/bin/chromium"

var pathCandidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Context returns a chromedp browser context on a fresh headless Chromium, cancelled at test end.
// It finds Debian's chromium (/usr/bin/chromium, or chromium/chromium-browser/google-chrome on PATH).
// Missing: t.Skip with a loud message, but t.Fatal when BRIEF_REQUIRE_BROWSER=1.
// The browser is already started, so callers may bound each step with context.WithTimeout.
func Context(t testing.TB) context.Context {
	t.Helper()
	exe, err := FindChromium()
	if err != nil {
		const msg = "SKIPPING BROWSER TEST: chromium not found; apt-get install -y chromium; set " +
			RequireEnv + "=1 to fail instead"
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("browser required (%s=1) but chromium not found: %v", RequireEnv, err)
		}
		t.Skip(msg)
	}

	// TempDir is registered before our cleanup, so Chromium has exited before the
	// directory is removed (cleanups run last-in first-out).
	profile := t.TempDir()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), launchOptions(exe, profile)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, on a context without a deadline: the first action binds the
	// browser's life to its context, so callers may then derive timeouts safely.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	return ctx
}

// FindChromium returns the browser executable: $BRIEF_CHROMIUM, Debian's path, then PATH.
func FindChromium() (string, error) {
	if p := os.Getenv(PathEnv); p != "" {
		return exec.LookPath(p)
	}
	if p, err := exec.LookPath(debianChromium); err == nil {
		return p, nil
	}
	for _, name := range pathCandidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("none of chromium, chromium-browser, google-chrome found")
}

// launchOptions lists every flag explicitly rather than starting from chromedp's defaults:
// on a closed network Chromium stalls on background fetches unless all of them are off.
func launchOptions(exe, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-crash-reporter", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-component-extensions-with-background-pages", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication"),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-hang-monitor", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("mute-audio", true),
	}
}
