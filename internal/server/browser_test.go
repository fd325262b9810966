package server

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"brief/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// page builds a small HTML document using the site stylesheet.
func page(text string) []byte {
	return []byte(`<!doctype html><html><head><meta charset="utf-8"><title>t</title>` +
		`<link rel="stylesheet" href="/css/site.css"></head><body><p id="msg">` + text + `</p></body></html>`)
}

func browserSite() map[string][]byte {
	return map[string][]byte{
		"index.html":             page("home v1"),
		"other/index.html":       page("other v1"),
		"tags/数字资产/index.html":   page("tag v1"),
		"css/site.css":           []byte("#msg{color:rgb(255, 0, 0)}"),
		"briefings/a/index.html": []byte("<p id=msg>minified page without head or body end tags"),
	}
}

type browserPage struct {
	t   *testing.T
	ctx context.Context
	s   *Server
}

// waitFor polls a JavaScript boolean expression until it is true. Evaluation errors are
// ignored because a page that is reloading has no context to evaluate in for a moment.
func (p *browserPage) waitFor(what, expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			p.t.Fatalf("timed out waiting for %s (%s); last error: %v", what, expr, err)
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func (p *browserPage) eval(expr string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// open navigates and waits until the page's event stream is subscribed, so that what the
// test applies next is certain to reach it.
func (p *browserPage) open(url string, streamsBefore int) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		p.t.Fatalf("navigate %s: %v", url, err)
	}
	p.waitConnected(streamsBefore + 1)
}

func (p *browserPage) waitConnected(n int) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for p.s.hub.count() != n {
		if time.Now().After(deadline) {
			p.t.Fatalf("%d pages connected, want %d", p.s.hub.count(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

const (
	msgText    = `document.getElementById("msg").textContent`
	msgColor   = `getComputedStyle(document.getElementById("msg")).color`
	overlayJS  = `document.getElementById("__brief-error-overlay")`
	markerSet  = `(window.__testMarker = "kept", true)`
	markerKept = `window.__testMarker === "kept"`
)

func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{Logf: t.Logf})
	s.Apply(browserSite(), nil)
	base, _ := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/", 0)

	if got := p.eval(msgText); got != "home v1" {
		t.Fatalf("text = %q", got)
	}
	p.waitFor("red text", msgColor+` === "rgb(255, 0, 0)"`)
	p.waitFor("marker", markerSet)

	// Another page changes: this one must stay. The CSS change that follows proves it,
	// since events arrive in order and the marker would not survive a reload.
	s.Apply(map[string][]byte{"other/index.html": page("other v2")}, nil)
	s.Apply(map[string][]byte{"css/site.css": []byte("#msg{color:rgb(0, 0, 255)}")}, nil)
	p.waitFor("blue text after CSS change", msgColor+` === "rgb(0, 0, 255)"`)
	if !strings.Contains(p.eval(`String(`+markerKept+`)`), "true") {
		t.Fatal("page reloaded on a CSS-only change or on another page's change")
	}
	if n := p.eval(`String(document.querySelectorAll('link[rel=stylesheet]').length)`); n != "1" {
		t.Errorf("%s stylesheet links after the swap, want 1", n)
	}

	// This page changes with the same assets: its body is swapped in place
	// (the marker survives) and shows the new text.
	s.Apply(map[string][]byte{"index.html": page("home v2")}, nil)
	p.waitFor("new text", msgText+` === "home v2"`)
	if p.eval(`String(`+markerKept+`)`) != "true" {
		t.Error("same-asset change did a full reload instead of swapping the body")
	}
	// A new title changes the page's JSON-LD and description in <head>:
	// data, not code, so the body is still swapped in place and the head's
	// data follows it.
	withData := func(text string) []byte {
		return bytes.Replace(page(text), []byte(`</head>`), []byte(`<meta name="description" content="`+text+`">`+
			`<script type="application/ld+json">{"headline":"`+text+`"}</script></head>`), 1)
	}
	s.Apply(map[string][]byte{"index.html": withData("home data v1")}, nil)
	p.waitFor("text with data", msgText+` === "home data v1"`)
	p.waitFor("marker", markerSet)
	s.Apply(map[string][]byte{"index.html": withData("home data v2")}, nil)
	p.waitFor("text with new data", msgText+` === "home data v2"`)
	if p.eval(`String(`+markerKept+`)`) != "true" {
		t.Error("a change to the page's JSON-LD did a full reload instead of swapping the body")
	}
	if got := p.eval(`document.querySelector('script[type="application/ld+json"]').textContent + " | " + document.querySelector('meta[name=description]').content + " | " + document.querySelectorAll('script[type="application/ld+json"]').length`); got != `{"headline":"home data v2"} | home data v2 | 1` {
		t.Errorf("head data after the swap = %q", got)
	}
	// A change to the page's stylesheets needs a real reload.
	s.Apply(map[string][]byte{"index.html": bytes.Replace(page("home v3"), []byte(`</head>`), []byte(`<link rel="stylesheet" href="/css/extra.css"></head>`), 1)}, nil)
	p.waitFor("newer text", msgText+` === "home v3"`)
	if p.eval(`String(`+markerKept+`)`) == "true" {
		t.Error("page with new stylesheets was swapped instead of reloaded")
	}
	p.waitFor("marker", markerSet)
	s.Apply(map[string][]byte{"index.html": page("home v2")}, nil)
	p.waitFor("text back", msgText+` === "home v2"`)
	p.waitConnected(1)

	// Build error: overlay shows the text literally; clearing removes it.
	errText := "content/briefings/a.md:3: unknown field \"tilte\"\nsite.toml:1: <img src=x onerror=alert(1)>"
	s.SetError(errText)
	p.waitFor("overlay", overlayJS+` !== null`)
	if got := p.eval(overlayJS + `.shadowRoot.querySelector("pre").textContent`); got != errText {
		t.Fatalf("overlay text = %q, want %q", got, errText)
	}
	if got := p.eval(`String(` + overlayJS + `.shadowRoot.querySelectorAll("img").length)`); got != "0" {
		t.Fatal("error text was parsed as HTML")
	}
	if got := p.eval(`String(getComputedStyle(` + overlayJS + `).position)`); got != "fixed" {
		t.Errorf("overlay position = %q, want fixed", got)
	}
	s.SetError("")
	p.waitFor("overlay gone", overlayJS+` === null`)
}

// A page swapped in place gets its new head too: the canonical link, the
// language versions (a translation added), the feeds' links and the
// root's lang follow the body; a new inline stylesheet is applied (the
// page reloads).
func TestBrowserSwapKeepsHeadCurrent(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{Logf: t.Logf})
	withHead := func(text, head string) []byte {
		return bytes.Replace(page(text), []byte(`</head>`), []byte(head+`</head>`), 1)
	}
	const links = `<link rel="canonical" href="/a/"><link rel="alternate" hreflang="en" href="/a/">`
	site := browserSite()
	site["index.html"] = withHead("v1", links+`<link rel="alternate" type="application/atom+xml" title="Old" href="/atom.xml">`)
	s.Apply(site, nil)
	base, _ := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/", 0)
	p.waitFor("marker", markerSet)

	// A new language code in site.toml: the page's lang follows too.
	v2 := bytes.Replace(withHead("v2", links+`<link rel="alternate" hreflang="zh-Hant" href="/zh-hant/a/">`+
		`<link rel="alternate" type="application/atom+xml" title="New" href="/atom.xml">`), []byte(`<html>`), []byte(`<html lang="en-GB">`), 1)
	s.Apply(map[string][]byte{"index.html": v2}, nil)
	p.waitFor("new text", msgText+` === "v2"`)
	if got := p.eval(`document.documentElement.lang`); got != "en-GB" {
		t.Errorf("the page's lang after the swap is %q, want en-GB", got)
	}
	if p.eval(`String(`+markerKept+`)`) != "true" {
		t.Error("a change of the head's links did a full reload instead of swapping the body")
	}
	const headLinks = `[...document.head.querySelectorAll("link:not([rel=stylesheet])")].map((l) => l.rel + " " + (l.hreflang || l.title) + " " + l.getAttribute("href")).sort().join(" | ")`
	if got, want := p.eval(headLinks), "alternate New /atom.xml | alternate en /a/ | alternate zh-Hant /zh-hant/a/ | canonical  /a/"; got != want {
		t.Errorf("head links after the swap:\n%s\nwant\n%s", got, want)
	}

	s.Apply(map[string][]byte{"index.html": withHead("v3", links+`<style>#msg{font-weight:700}</style>`)}, nil)
	p.waitFor("new text", msgText+` === "v3"`)
	p.waitFor("the new inline style", `getComputedStyle(document.getElementById("msg")).fontWeight === "700"`)
}

// A page whose script fetched a file (the search page its index) reloads
// when that file changes: its script keeps what it read.
func TestBrowserReloadsWhenFetchedFileChanges(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{Logf: t.Logf})
	site := browserSite()
	site["search/index.html"] = bytes.Replace(page("loading"), []byte(`</body>`),
		[]byte(`<script>fetch("/search/manifest.json").then((r) => r.text()).then((t) => { document.getElementById("msg").textContent = t; });</script></body>`), 1)
	site["search/manifest.json"] = []byte(`{"v":1}`)
	s.Apply(site, nil)
	base, _ := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/search/", 0)
	p.waitFor("the fetched file", msgText+` === '{"v":1}'`)
	s.Apply(map[string][]byte{"search/manifest.json": []byte(`{"v":2}`)}, nil)
	p.waitFor("the changed file fetched again", msgText+` === '{"v":2}'`)
}

func TestBrowserErrorShownOnPageOpenedLater(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{})
	s.Apply(browserSite(), nil)
	s.SetError("content/x.md:1: broken")
	base, _ := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/briefings/a/", 0) // minified page: no </head>, no </body>
	p.waitFor("overlay on a new page", overlayJS+` !== null && `+overlayJS+`.shadowRoot.textContent.includes("content/x.md:1: broken")`)
	// The last good page is still shown underneath.
	if got := p.eval(msgText); !strings.HasPrefix(got, "minified page") {
		t.Fatalf("text = %q", got)
	}
}

func TestBrowserChinesePathReloads(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{})
	s.Apply(browserSite(), nil)
	base, _ := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/tags/"+url.PathEscape("数字资产")+"/", 0)
	s.Apply(map[string][]byte{"tags/数字资产/index.html": page("tag v2")}, nil)
	p.waitFor("new tag page", msgText+` === "tag v2"`)
}

func TestBrowserReloadsAfterServerRestart(t *testing.T) {
	ctx := browsertest.Context(t)
	s := New(Options{})
	s.Apply(browserSite(), nil)
	base, stop := startServer(t, s, "127.0.0.1:0")
	p := &browserPage{t: t, ctx: ctx, s: s}
	p.open(base+"/", 0)
	p.waitFor("marker", markerSet)

	if err := stop(); err != nil {
		t.Fatal(err)
	}
	s2 := New(Options{})
	site := browserSite()
	site["index.html"] = page("after restart")
	s2.Apply(site, nil)
	startServer(t, s2, strings.TrimPrefix(base, "http://"))
	p.waitFor("page reloaded from the restarted server", msgText+` === "after restart"`)
}
