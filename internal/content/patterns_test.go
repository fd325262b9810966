package content

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/dlclark/regexp2"
)

// verdict parses a JSON briefing in which the value at the field path is s and
// reports whether the parser accepted it there.
func verdict(t *testing.T, typ Type, s string) bool {
	t.Helper()
	q, _ := json.Marshal(s)
	base := `"title": "T", "date": "2023-05-29"`
	var src, field string
	switch typ {
	case Text:
		src, field = `"date": "2023-05-29", "title": `+string(q), "title"
	case String:
		src, field = base+`, "summary": `+string(q), "summary"
	case Names:
		src, field = base+`, "authors": [`+string(q)+`]`, "authors[0]"
	case Terms:
		src, field = base+`, "tags": [`+string(q)+`]`, "tags[0]"
	case Picture:
		src, field = base+`, "imageAlt": "A chart", "image": `+string(q), "image"
	case Date:
		src, field = `"title": "T", "date": `+string(q), "date"
	case Slug:
		src, field = base+`, "slug": `+string(q), "slug"
	case Paths:
		src, field = base+`, "aliases": [`+string(q)+`]`, "aliases[0]"
	case URL:
		src, field = base+`, "sources": [{"url": `+string(q)+`}]`, "sources[0].url"
	case Amount:
		src, field = base+`, "funding": [{"currency": "HKD", "amount": `+string(q)+`}]`, "funding[0].amount"
	}
	_, list := Parse("content/a.md", []byte("{\n"+src+"\n}\n\n"), Options{})
	for _, d := range list {
		// A control character is reported at the field it is in, or at
		// the top-level field (tags, aliases) that holds it.
		if d.Field == field || strings.HasPrefix(field, d.Field) {
			return false
		}
		t.Fatalf("%q: unexpected diagnostic %v", s, d)
	}
	return true
}

// Each type's pattern says what its parser check says, in Go's regexp and in
// ECMAScript alike, on hand-picked and random values. The URL pattern may be
// stricter than url.Parse on odd input (it refuses IP v6 literals, say), but
// never more lenient. Values with control characters are refused by both.
func TestPatternsAgreeWithParser(t *testing.T) {
	ctl := "\x00\x07\x1b\x7f\u0085\u009b\ufdd0\t\n\r"
	cases := map[Type]struct {
		picked   []string
		alphabet string
	}{
		Text:   {[]string{"A title", "", " ", "\u3000", "\u00a0x", "\t\n", "\ufeff", "香港", "a\tb", "a\nb", "a\x07", "\ufdd0"}, " \t\u3000\u00a0\u0085ax香" + ctl},
		String: {[]string{"", " ", "a\tb\nc", "a\rb", "\x1b[31m", "ok"}, "a " + ctl},
		Names:  {[]string{"Li Wei", " ", "-", "a\x00"}, "a -" + ctl},
		Terms:  {[]string{"Hong Kong", "数字人民币", "-", "--", "#", " ", "C++", "Ⅻ", "\u0301", "a\x07", "１"}, "a -#\u0301香" + ctl},
		Date: {[]string{"2023-05-29", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2100-02-29", "2096-02-29", "2023-04-31",
			"1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "0000-01-01",
			"2023-05-29T10:00:00+08:00", "2023-05-29T10:00:00Z", "2023-05-29T10:00:00.5Z", "2023-05-29T10:00:00",
			"2023-05-29T24:00:00Z", "2023-05-29t10:00:00z", "2023-05-29T10:00:00+24:00", "2023-05-29T10:00:00,5Z",
			"2023-05-29 10:00:00Z", "29/05/2023", "2023-5-29", " 2023-05-29 ", "2023-05-29T10:00:60Z",
			"2023-05-29T10:00Z", "2023-05-29T10:00:00+0800", "2023-05-29T10:00:00.Z"}, "0123456789-T:+Z.,tz " + ctl},
		Slug: {[]string{"hk-vatp", "香港", ".", "..", "...", ".a", "a.", "a b", "a/b", "a%20", "#", " a ", "\x01", "\u0085", "a\u3000b", "-", "_", "a\ufdd0"}, "a.-/%# \u3000\x01香_" + ctl},
		Paths: {[]string{"/", "/a/", "//a", "/a//b", "a/", "/a/../b", "/./", "/..", "/...", "/a?b", "/a#b", `/a\b`, "/a b", " /a/ ", "https://x/", "/.a/b./",
			"/*", "/:id", "/a!", "/%E9%A6%99", "/%e9%a6%99", "/%2e%2e/", "/%C3", "/%C2%80", "/%C2%A0", "/%F0%9F%98%80", "/%ED%A0%80", "/%C0%AF",
			"/香港/", "/a\ufffd", "/a\u00a0b", "/~$&'()+,;=@x", `/a"b`, "/a<b", "/a%", "/a%zz", "/a^b"}, "/a.?# \\:*!%2CEe9A香" + ctl},
		URL: {[]string{"https://example.com", "http://x", "HTTPS://X/Y", "https://", "https:///x", "ftp://x", "www.x", "//x",
			"https://a b", "https://user@host/x", "https://@/x", "https://x/a?b#c", "https://x\x7f", " https://x ",
			"https://x:80/", "https://x/%zz", "https://x%zz/", "https://[::1/", "https://x/#%zz", "https://x:abc/", "https://x:/",
			"https://u:p@x/", "https://u%zz@x/", "https://é/", "https://www.sfc.hk/en/News-and-announcements/a?b=1&c=%20#top",
			"http://www.gov.cn/zhengce/content/2021-09/24/content_5639045.htm", "https://x/\u0085", "https://x/\u009b"}, "htps:/@x%z?#[]2 \x7f" + ctl},
		Picture: {[]string{"chart.png", "/img/x.png", "https://x/y.png", "http://x", "data:image/png;base64,xx", "ftp://x/y", "javascript:alert(1)",
			":x", "img/a:b.png", "a b.png", "", " ", "a\tb.png", "a\nb", "HTTPS://x", "c:\\x.png", "x\x07.png"}, "ab:/. \t" + ctl},
		Amount: {[]string{"100m", "1.2bn", "2,500,000", "3亿", "1,00,000", "-5", "$1m", "100 million", "1000000000000000000", "1000000000000000001", "1\x07m"}, "0123456789,.m bn亿$-" + ctl},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for typ, c := range cases {
		var res []*regexp.Regexp
		var jss []*regexp2.Regexp
		for _, p := range typ.Patterns() {
			res = append(res, regexp.MustCompile(p))
			jss = append(jss, regexp2.MustCompile(p, regexp2.ECMAScript))
		}
		values := append([]string(nil), c.picked...)
		alpha := []rune(c.alphabet)
		for range 3000 {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteRune(alpha[r.IntN(len(alpha))])
			}
			values = append(values, b.String())
		}
		for i, s := range values {
			want := verdict(t, typ, s)
			got, jsOK := true, true
			for i := range res {
				m, _ := jss[i].MatchString(s)
				got, jsOK = got && res[i].MatchString(s), jsOK && m
			}
			// The URL pattern refuses some odd input url.Parse reads, and the
			// amount pattern "0,001"-style leading zeros (see AmountPattern).
			stricter := (typ == URL && i >= len(c.picked)) ||
				(typ == Amount && strings.Contains(s, ",") && strings.HasPrefix(strings.TrimSpace(s), "0"))
			if jsOK != got || (got != want && !(stricter && !got)) {
				t.Errorf("type %d, %q: parser %v, pattern %v (ECMAScript %v)", typ, s, want, got, jsOK)
			}
		}
	}
}
