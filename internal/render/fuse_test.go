package render

import (
	"errors"
	"html/template"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/pages"
)

var fuseStrings = []string{
	"", "plain", "/tags/web3/", "https://example.org/a b?q=1&r=<2>#f", "HTTP://X", "mailto:a@b", "MailTo:x",
	"https://example.org/briefings/a-b-00001/", "https://gov.example.com/2022/10/x:y;z=1", "HTTPS://A.B/c", "https:",
	"https://a.b/c%41", "https://a.b/c&d", "https://a.b/c+d", "https://a.b/(c)", "http:x:y", "mailto:", "https://a.b/c'",
	"https://a.b/香港", "https:/\\x", "javascript:alert(1)", "JavaScript:x", " javascript:x", "data:text/html,x", "a/b:c", "//host:80/p", "x:y/z",
	"%", "%4", "%41", "%4g", "100%", "a%2Fb%zz", `"quoted" 'single' (paren)`, "a+b=c;d,e!f*g@h[i]$j~k", "\\back`tick^{}|",
	"<b>&amp;</b>", "tab\tnl\ncr\r", "\x00nul", "香港/證監會", "\u2028", "bad\xff\xfeutf8", "\xe9", "\ufdd0\ufffe",
	// CSS values, slugs and the words html/template refuses in styles
	"12px", "#fff", "50%", "1.5em 2em", "red, blue", "rgb(1,2,3)", "a--b", "--var", "-moz-binding", "mozbinding", "MozBinding",
	"expression", "eXpReSsIoN", "x-expression-y", `expr\65ssion`, "a_b-c.d", "~tilde", "-7", "0", "web3-hub", "a b", " ",
	"eXpressi on", "ex-pression", "expres.sion", "e,x#p%ression", "moz-bind ing", "-moz- binding",
	// srcsets: descriptors of letters and digits are kept, any other refused
	"/img/a-400.jpg 400w, /img/a-800.jpg 800w", "a.jpg 2x", "a.jpg 1.5x", "a.jpg -", "a.jpg _", "a.jpg /x", "a.jpg  2x ,b.jpg",
	",", " ,, ", "a,b", "a ,b", "a.jpg 2x,javascript:x 1x", "a.jpg\t2x", "a.jpg 2x, x:y 1x",
}

func init() {
	var every []byte
	for c := range 256 {
		every = append(every, byte(c))
	}
	fuseStrings = append(fuseStrings, string(every))
	// A byte to escape after each count of plain ones, for scans that take
	// several bytes at once.
	for k := range 20 {
		fuseStrings = append(fuseStrings, strings.Repeat("a b", k)[:k]+string("\"&'+<>\x00"[k%7])+strings.Repeat("c", k%9))
	}
}

type stringer struct{}

func (stringer) String() string { return "<str&ng>" }

// direct renders v as html/template does in the fusion's context, through
// dot rather than the field the fallback reads.
func direct(t *testing.T, f *fusion, v any) string {
	t.Helper()
	src := f.slow.Tree.Root.String() // prefix{{.V | escapers}}suffix
	prefix, suffix := src[:f.cut[0]], src[len(src)-f.cut[1]:]
	tt := template.Must(template.New("").Parse(prefix + "{{.}}" + suffix))
	var b strings.Builder
	if err := tt.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	return out[len(prefix) : len(out)-len(suffix)]
}

// TestFusionsMatchHTMLTemplate checks each fused chain against
// html/template itself, for plain strings and every other kind of value.
func TestFusionsMatchHTMLTemplate(t *testing.T) {
	s := "pointed <at>"
	values := []any{nil, 42, -7, 0, int64(9), uint8(3), -1.5, true, &s, stringer{}, errors.New("e<rr>"), []string{"a", "<b>"},
		template.HTML("<b>bold</b> &amp; <i>x</i>"), template.URL("javascript:ok()"), template.HTMLAttr(`x="1"`),
		template.JS("a<b"), template.CSS("c{}"), template.Srcset("a.png 1x")}
	for _, str := range fuseStrings {
		values = append(values, str, template.URL(str), template.HTML(str))
	}
	for _, f := range fusions {
		if len(f.chain) == 0 {
			t.Errorf("%s: no escapers found in its context: fusing is off", f.name)
			continue
		}
		for _, v := range values {
			got, err := f.call(v)
			if err != nil {
				t.Fatalf("%s(%#v): %v", f.name, v, err)
			}
			if want := direct(t, f, v); got != want {
				t.Errorf("%s(%#v) = %q, html/template writes %q", f.name, v, got, want)
			}
		}
	}
}

// TestKeptAsTheyAre: the executor writes a value of a fusion's kept types
// as it is, without calling the fusion: call must give each such value
// back unchanged, as html/template writes it.
func TestKeptAsTheyAre(t *testing.T) {
	n := 0
	for _, f := range fusions {
		for _, typ := range f.kept() {
			n++
			for _, str := range fuseStrings {
				v := reflect.ValueOf(str).Convert(typ)
				got, err := f.call(v.Interface())
				if err != nil || got != str {
					t.Errorf("%s(%s(%q)) = %q, %v: the executor writes it as it is", f.name, typ, str, got, err)
				}
				if want := direct(t, f, v.Interface()); want != str {
					t.Errorf("%s: html/template writes %s(%q) as %q", f.name, typ, str, want)
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("%d kept types, want typed HTML in text and typed JS in a script", n)
	}
}

func FuzzFusions(f *testing.F) {
	for _, s := range fuseStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fu := range fusions {
			for _, v := range []any{s, template.HTML(s)} {
				got, _ := fu.call(v)
				if want := direct(t, fu, v); got != want {
					t.Errorf("%s(%#v) = %q, html/template writes %q", fu.name, v, got, want)
				}
			}
		}
	})
}

// TestFusionChainsDiffer: each chain of escapers has one fusion, so that
// which one replaces it does not depend on their order.
func TestFusionChainsDiffer(t *testing.T) {
	seen := map[string]string{}
	for _, f := range fusions {
		key := strings.Join(f.chain, " | ")
		if other, ok := seen[key]; ok {
			t.Errorf("%s and %s fuse the same chain %s", other, f.name, key)
		}
		seen[key] = f.name
	}
}

// fuseContexts are the places a layout can print a value, each with the
// text around the action.
var fuseContexts = [][2]string{
	{"<p>", "</p>"}, {`<p title="`, `">`}, {`<p title='`, `'>`}, {"<p title=", ">"}, {`<a href="`, `">`}, {`<a href="/s?q=`, `&amp;r=1">`},
	{"<a href=", ">"}, {"<title>", "</title>"}, {"<textarea>", "</textarea>"}, {"<script>var v = ", ";</script>"},
	{`<script>var s = "`, `";</script>`}, {`<script>var s = '`, `';</script>`}, {`<a onclick="go(`, `)">`}, {`<a onclick='go("`, `")'>`},
	{"<style>p { color: ", " }</style>"}, {`<style>p::before { content: "`, `" }</style>`}, {"<style>p { background: url(", ") }</style>"},
	{`<style>p { background: url("`, `") }</style>`}, {`<p style="color: `, `">`}, {`<p style='width: `, `px'>`}, {"<p style=color:", ">"},
	{`<p style="content: '`, `'">`}, {`<p style="background: url(`, `)">`}, {`<img srcset="`, ` 1x" alt="">`}, {`<img src="`, `" alt="">`},
}

// fuseValues are what the actions print: the page's own values, which
// folding leaves, and the site's, which it folds.
var fuseValues = []string{".Title", ".URL", ".Kind", "(len .List)", ".Site.Config.Title", ".Site.Config.Description", "(relURL .URL)",
	`"a <b> & 'c'"`, "$.Title", ".Description", "7", `(printf "%d%%" (len .List))`}

// TestRandomContexts renders random layouts that print the page's and the
// site's values in every context above, and in ranges over the page's
// briefings, folded and run by the executor, and compares every page with
// html/template's rendering of the layout as written.
func TestRandomContexts(t *testing.T) {
	s := foldSite(t)
	r := rand.New(rand.NewPCG(3, 4))
	ps := []pages.Page{
		{Kind: "list", Title: `A "list" <of> & 'things'`, URL: "/a list/", List: s.Briefings},
		{Kind: "list", Section: "tags", Title: "javascript:alert(1)", URL: "javascript:x", List: s.Briefings[:1]},
		pages.Briefing(s.Briefings[0]),
		pages.Briefing(s.Briefings[1]),
	}
	ran := 0
	for range 60 {
		var b strings.Builder
		b.WriteString("<!doctype html><html><body>")
		for range 1 + r.IntN(5) {
			c := fuseContexts[r.IntN(len(fuseContexts))]
			v := fuseValues[r.IntN(len(fuseValues))]
			if r.IntN(3) == 0 {
				v = []string{".Title", ".URL", ".Slug", "$.Title", "$i"}[r.IntN(5)]
				b.WriteString("{{range $i, $b := .List}}" + c[0] + "{{" + v + "}}" + c[1] + "{{end}}")
				continue
			}
			b.WriteString(c[0] + "{{" + v + "}}" + c[1])
		}
		b.WriteString(`{{template "main" .}}</body></html>`)
		layouts := fstest.MapFS{
			"base.html":     {Data: []byte(b.String())},
			"list.html":     {Data: []byte(`{{define "main"}}<main></main>{{end}}`)},
			"briefing.html": {Data: []byte(`{{define "main"}}<main></main>{{end}}`)},
		}
		th, ds := Load(brief.DefaultTheme(), layouts, s.Config)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		v := NewViews(s)
		for _, pg := range ps {
			p := v.Page(pg)
			var got strings.Builder
			if err := th.Render(&got, p); err != nil {
				t.Fatalf("%s: %v", b.String(), err)
			}
			if want := unfolded(t, th, p); got.String() != want {
				t.Fatalf("%s\n%s %s: folded output differs:\n%s\nwant:\n%s", b.String(), pg.Kind, pg.URL, got.String(), want)
			}
		}
		if th.fellBack.Load() != 0 || len(th.refused) != 0 {
			t.Fatalf("%s\nexecutor: %d pages given back to html/template, sets refused: %v", b.String(), th.fellBack.Load(), th.refused)
		}
		ran += int(th.ran.Load())
	}
	if ran == 0 {
		t.Error("the executor rendered no page")
	}
}

// BenchmarkFused escapes plain values as the executor does, in a srcset
// and in an event handler.
func BenchmarkFused(b *testing.B) {
	for _, c := range []struct{ name, v string }{
		{"_brief_srcset_attr", "/img/a-400.jpg 400w, /img/a-800.jpg 800w"},
		{"_brief_js_attr", "web3-hub"},
	} {
		var f *fusion
		for _, fu := range fusions {
			if fu.name == c.name {
				f = fu
			}
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.call(c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
