package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestContextRunsJavaScript(t *testing.T) {
	ctx := Context(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`6 * 7`))
	if err != nil {
		t.Fatal(err)
	}
	if got != 42 {
		t.Fatalf("evaluate 6*7 = %d, want 42", got)
	}
}

func TestFindChromiumHonoursOverride(t *testing.T) {
	t.Setenv(PathEnv, "definitely-not-a-browser-binary")
	if p, err := FindChromium(); err == nil {
		t.Fatalf("FindChromium with a bogus %s = %q, want an error", PathEnv, p)
	}
}
