package render

import (
	"errors"
	"html/template"
	"strings"
	"testing"
)

var fuseStrings = []string{
	"", "plain", "/tags/web3/", "https://example.org/a b?q=1&r=<2>#f", "HTTP://X", "mailto:a@b", "MailTo:x",
	"javascript:alert(1)", "JavaScript:x", " javascript:x", "data:text/html,x", "a/b:c", "//host:80/p", "x:y/z",
	"%", "%4", "%41", "%4g", "100%", "a%2Fb%zz", `"quoted" 'single' (paren)`, "a+b=c;d,e!f*g@h[i]$j~k", "\\back`tick^{}|",
	"<b>&amp;</b>", "tab\tnl\ncr\r", "\x00nul", "香港/證監會", "\u2028", "bad\xff\xfeutf8", "\xe9", "\ufdd0\ufffe",
}

func init() {
	var every []byte
	for c := range 256 {
		every = append(every, byte(c))
	}
	fuseStrings = append(fuseStrings, string(every))
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

func FuzzFusions(f *testing.F) {
	for _, s := range fuseStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fu := range fusions {
			got, _ := fu.call(s)
			if want := direct(t, fu, s); got != want {
				t.Errorf("%s(%q) = %q, html/template writes %q", fu.name, s, got, want)
			}
		}
	})
}
