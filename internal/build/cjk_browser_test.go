package build_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"

	"brief/internal/browsertest"
	"brief/internal/build"
	"brief/internal/search/searchtest"
)

// The Chinese editions in real Chromium: their text is drawn with a CJK
// font of the page's script (Hong Kong forms for zh-Hant, mainland forms
// for zh-Hans; Debian's fonts-noto-cjk has both) at a looser line height,
// while the English pages keep theirs. With BRIEF_SCREENSHOTS=DIR, a
// screenshot of each page is written there.
func TestChinesePagesFontAndLeading(t *testing.T) {
	ctx := browsertest.Context(t)
	if out, _ := exec.Command("fc-list", ":lang=zh-hk", "family").Output(); !strings.Contains(string(out), "Noto Sans CJK") {
		const msg = "Debian's fonts-noto-cjk is not installed (apt-get install -y fonts-noto-cjk)"
		if os.Getenv(browsertest.RequireEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip("SKIPPING CJK FONT TEST: " + msg)
	}
	src := string(fixture()["site.toml"].Data)
	src = strings.Replace(src, "[jurisdictions]", "[languages.en]\nname = \"English\"\n[languages.zh-Hant]\nname = \"繁體中文\"\n[languages.zh-Hans]\nname = \"简体中文\"\n\n[jurisdictions]", 1)
	zh := func(title, body string) string {
		return "---\ntitle: \"" + title + "\"\ndate: 2023-05-29\njurisdiction: [Beijing]\ntags: [Web3]\n---\n\n" + body + "\n"
	}
	_, mem := mustBuild(t, with(fixture(), map[string]string{
		"site.toml": src,
		"content/briefings/beijing-web3.zh-Hant.md": zh("北京每年撥款人民幣一億元發展網絡三", "北京市朝陽區發布白皮書，承諾每年撥款支持產業發展，並設立專門機構協調監管與創新。"),
		"content/briefings/beijing-web3.zh-Hans.md": zh("北京每年拨款人民币一亿元发展网络三", "北京市朝阳区发布白皮书，承诺每年拨款支持产业发展，并设立专门机构协调监管与创新。"),
	}), build.Options{})
	base := serveMemory(t, mem)
	for _, c := range []struct {
		path, font string
		leading    float64
		cjk        bool
	}{
		{"/briefings/beijing-web3/", "", 1.65, false},
		{"/zh-hant/briefings/beijing-web3/", "Noto Sans CJK HK", 1.85, true},
		{"/zh-hans/briefings/beijing-web3/", "Noto Sans CJK SC", 1.85, true},
	} {
		var leading float64
		var fonts []*css.PlatformFontUsage
		var shot []byte
		step, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(step, chromedp.EmulateViewport(390, 800), chromedp.Navigate(base+c.path))
		if err == nil {
			leading, err = chromedp.Run(step, chromedp.Evaluate[float64](`(() => { const s = getComputedStyle(document.querySelector('.body p')); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()`))
		}
		if err == nil {
			err = chromedp.Do(step, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				nodes, err := chromedp.Run(ctx, chromedp.Nodes(".body p"))
				if err != nil {
					return err
				}
				if _, err := cdp.Call(ctx, tg, css.Enable, cdp.Empty{}); err != nil {
					return err
				}
				res, err := cdp.Call(ctx, tg, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
				fonts = res.Fonts
				return err
			}))
		}
		if err == nil {
			shot, err = chromedp.Run(step, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		var names []string
		cjk := false
		for _, f := range fonts {
			names = append(names, f.FamilyName)
			cjk = cjk || strings.Contains(f.FamilyName, "CJK")
		}
		t.Logf("%s: line height %.2f, fonts %v", c.path, leading, names)
		if leading < c.leading-0.01 || leading > c.leading+0.01 {
			t.Errorf("%s: line height %.2f of the font size, want %.2f", c.path, leading, c.leading)
		}
		if cjk != c.cjk || c.font != "" && (len(names) == 0 || names[0] != c.font) {
			t.Errorf("%s: text drawn with %v, want %q first", c.path, names, c.font)
		}
		if dir := os.Getenv("BRIEF_SCREENSHOTS"); dir != "" {
			name := strings.ReplaceAll(strings.Trim(c.path, "/"), "/", "-") + ".png"
			if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}

// The search page's messages come from the language file too: a Chinese
// edition says how many briefings it found in Chinese, under the CSP.
func TestSearchSpeaksTheLanguage(t *testing.T) {
	ctx := browsertest.Context(t)
	_, mem := mustBuild(t, with(fixture(), withLanguage("zh-Hant")), build.Options{})
	srv := searchtest.Serve(t, mem.Files, searchtest.CSP(t, filepath.Join("..", "..", "netlify.toml")))
	r := searchtest.Open(t, ctx, srv.URL+"/search/?q=Beijing")
	if !strings.HasPrefix(r.Status, "找到 ") || !strings.Contains(r.Status, "篇簡報，關鍵字「Beijing」。") {
		t.Errorf("status %q", r.Status)
	}
	r = searchtest.Open(t, ctx, srv.URL+"/search/?q=zzzzqqq")
	if !strings.HasPrefix(r.Status, "找不到簡報，關鍵字「zzzzqqq」。") {
		t.Errorf("status %q", r.Status)
	}
}
