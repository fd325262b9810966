package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func sample() List {
	withCol := Errorf("content/b.md", 9, "", "fix the link, or add the page it points to", "broken link to /x/ (on page /briefings/b/)")
	withCol.Column = 14
	return List{
		Warnf("content/a.md", 7, "funding[0].usd", "check the figure", "stated US$14m is %d%% off the computed US$11.6m", 20),
		Errorf("content/a.md", 4, "funding[0].currency", `did you mean "CNY"?`, `unknown currency "CNX"`),
		withCol,
		Errorf("", 0, "", "", "site folder has no content/, so: nothing\nto build"),
	}
}

func TestWriteGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "::error title=brief::site folder has no content/, so: nothing%0Ato build\n" +
		"::error file=content/a.md,line=4,title=brief%3A funding[0].currency::funding[0].currency: unknown currency \"CNX\" (did you mean \"CNY\"?)\n" +
		"::warning file=content/a.md,line=7,title=brief%3A funding[0].usd::funding[0].usd: stated US$14m is 20%25 off the computed US$11.6m (check the figure)\n" +
		"::error file=content/b.md,line=9,col=14,title=brief::broken link to /x/ (on page /briefings/b/) (fix the link, or add the page it points to)\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestEscapes(t *testing.T) {
	if got := escapeData("50% done\r\nnext: a,b"); got != "50%25 done%0D%0Anext: a,b" {
		t.Errorf("data %q", got)
	}
	if got := escapeProperty("C:\\site,x/a%\nb.md"); got != "C%3A\\site%2Cx/a%25%0Ab.md" {
		t.Errorf("property %q", got)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sample().Under("site")); err != nil {
		t.Fatal(err)
	}
	var r struct {
		OK          bool
		Errors      int
		Warnings    int
		Diagnostics []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.OK || r.Errors != 3 || r.Warnings != 1 || len(r.Diagnostics) != 4 {
		t.Fatalf("report %+v", r)
	}
	first, second, last := r.Diagnostics[0], r.Diagnostics[1], r.Diagnostics[3]
	for _, k := range []string{"file", "line", "column", "field", "severity", "message", "hint"} {
		if _, ok := first[k]; !ok {
			t.Errorf("key %q missing from %v", k, first)
		}
	}
	if first["file"] != nil || first["line"] != nil || first["hint"] != nil {
		t.Errorf("unknown values must be null: %v", first)
	}
	if second["file"] != "site/content/a.md" || second["line"] != 4.0 || second["field"] != "funding[0].currency" ||
		second["severity"] != "error" || second["message"] != `unknown currency "CNX"` || second["column"] != nil {
		t.Errorf("second %v", second)
	}
	if last["column"] != 14.0 {
		t.Errorf("column %v", last["column"])
	}
	if strings.Contains(b.String(), `\u003c`) {
		t.Error("HTML-escaped JSON")
	}
	b.Reset()
	if err := WriteJSON(&b, nil); err != nil || !strings.Contains(b.String(), `"diagnostics": []`) || !strings.Contains(b.String(), `"ok": true`) {
		t.Errorf("empty report %s %v", b.String(), err)
	}
}

func TestWriteGitHubSummary(t *testing.T) {
	var b bytes.Buffer
	l := List{Errorf("content/a|b.md", 3, "tags", "", "want <list>, got a map")}
	if err := WriteGitHubSummary(&b, l, "brief check"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n1 error, 0 warnings\n") || !strings.Contains(b.String(), "| ❌ | content/a\\|b.md | 3 | `tags`: want &lt;list&gt;, got a map |  |") {
		t.Errorf("summary:\n%s", b.String())
	}
}

func TestUnder(t *testing.T) {
	l := List{Errorf("content/a.md", 1, "", "", "x"), Errorf("", 0, "", "", "y")}
	if got := l.Under("./site/"); got[0].File != "site/content/a.md" || got[1].File != "" || l[0].File != "content/a.md" {
		t.Errorf("%v", got)
	}
	if got := l.Under("."); got[0].File != "content/a.md" {
		t.Errorf("%v", got)
	}
}
