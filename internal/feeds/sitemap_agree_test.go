package feeds

import (
	"bytes"
	"encoding/xml"
	"io"
	"math/rand/v2"
	"testing"
)

// awkward are texts that encoding/xml escapes or replaces: every one that
// a URL, a date or a language tag could bring into a sitemap, and more.
var awkward = []string{"", "https://x.example/briefings/a/", `q"uote`, "apos'trophe", "a&b", "<tag>", "tab\there",
	"new\nline", "cr\rlf", "\x00\x01\x1f\x7f", "香港/數字", "bad \xff\xfe utf-8", "\xe2\x80", "\uFFFD", "\uFFFE\uFFFF",
	"😀", "\u2028", "zh-Hant", "x-default", "2024-03-02", "%E9%A6%99"}

// TestAppendSitemapMatchesEncoder: the sitemap written by hand is what
// encoding/xml wrote, byte for byte, on random sitemaps: awkward text in
// every field, dates and alternates present or not, no URLs at all.
func TestAppendSitemapMatchesEncoder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	str := func() string { return awkward[r.IntN(len(awkward))] }
	for i := range 500 {
		var u urlset
		if r.IntN(2) == 0 {
			u.XHTML = []string{xhtmlNS, str()}[r.IntN(2)]
		}
		for range r.IntN(4) {
			x := sitemapURL{Loc: str()}
			if r.IntN(2) == 0 {
				x.LastMod = str()
			}
			for range r.IntN(3) {
				x.Alternates = append(x.Alternates, xhtmlLink{Rel: str(), HrefLang: str(), Href: str()})
			}
			u.URLs = append(u.URLs, x)
		}
		var want bytes.Buffer
		if err := writeXML(&want, u); err != nil {
			t.Fatal(err)
		}
		if got := appendSitemap(nil, u); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("sitemap %d:\n%s\nwant\n%s", i, got, want.Bytes())
		}
	}
	for _, s := range awkward {
		var want bytes.Buffer
		u := urlset{URLs: []sitemapURL{{Loc: s, LastMod: s, Alternates: []xhtmlLink{{s, s, s}}}}}
		writeXML(&want, u)
		if got := appendSitemap(nil, u); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q:\n%s\nwant\n%s", s, got, want.Bytes())
		}
	}
}

func FuzzAppendXMLText(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := urlset{URLs: []sitemapURL{{Loc: s, Alternates: []xhtmlLink{{Href: s}}}}}
		var want bytes.Buffer
		writeXML(&want, u)
		if got := appendSitemap(nil, u); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q:\n%s\nwant\n%s", s, got, want.Bytes())
		}
	})
}

// BenchmarkSitemapWrite writes a sitemap of 10,000 briefing pages by hand
// and by encoding/xml.
func BenchmarkSitemapWrite(b *testing.B) {
	var u urlset
	for i := range 10000 {
		u.URLs = append(u.URLs, sitemapURL{Loc: "https://x.example/briefings/hong-kong-regulator-consults-on-stablecoins-" + string(rune('a'+i%26)) + "/",
			LastMod: "2025-12-31"})
	}
	b.Run("ours", func(b *testing.B) {
		for b.Loop() {
			appendSitemap(nil, u)
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			writeXML(&buf, u)
		}
	})
}

// writeXML writes an XML document with its header, indented, as the
// feeds and the sitemap were written before they were written by hand.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
