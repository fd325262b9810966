package alternates

import (
	"reflect"
	"testing"

	"brief/internal/pages"
	"brief/internal/site"
)

var (
	en   = Language{Code: "en", Name: "English"}
	zh   = Language{Code: "zh-Hant", Name: "繁體中文"}
	hans = Language{Code: "zh-Hans", Name: "简体中文"}
)

// three is a site in three languages: a briefing in all three, one in
// English and Traditional Chinese, one only in Traditional Chinese, and one
// only in English. Pages are added in an order unlike the languages'.
func three() *Set {
	s := New([]Language{en, zh, hans})
	s.Add("zh-Hans", HomeKey, "/zh-hans/")
	s.Add("zh-Hant", HomeKey, "/zh-hant/")
	s.Add("en", HomeKey, "/")
	s.Add("zh-Hant", "briefing/all", "/zh-hant/briefings/all/")
	s.Add("zh-Hans", "briefing/all", "/zh-hans/briefings/all/")
	s.Add("en", "briefing/all", "/briefings/all/")
	s.Add("en", "briefing/two", "/briefings/two/")
	s.Add("zh-Hant", "briefing/two", "/zh-hant/briefings/two-zh/")
	s.Add("zh-Hant", "briefing/zh-only", "/zh-hant/briefings/zh-only/")
	s.Add("en", "briefing/en-only", "/briefings/en-only/")
	return s
}

func TestHrefLang(t *testing.T) {
	s := three()
	for _, tc := range []struct {
		url  string
		want []Link
	}{
		{"/zh-hans/briefings/all/", []Link{
			{"en", "/briefings/all/"}, {"zh-Hant", "/zh-hant/briefings/all/"}, {"zh-Hans", "/zh-hans/briefings/all/"}, {XDefault, "/briefings/all/"}}},
		{"/briefings/all/", []Link{ // the same list from every version
			{"en", "/briefings/all/"}, {"zh-Hant", "/zh-hant/briefings/all/"}, {"zh-Hans", "/zh-hans/briefings/all/"}, {XDefault, "/briefings/all/"}}},
		{"/zh-hant/briefings/two-zh/", []Link{{"en", "/briefings/two/"}, {"zh-Hant", "/zh-hant/briefings/two-zh/"}, {XDefault, "/briefings/two/"}}},
		{"/", []Link{{"en", "/"}, {"zh-Hant", "/zh-hant/"}, {"zh-Hans", "/zh-hans/"}, {XDefault, "/"}}},
		{"/zh-hant/briefings/zh-only/", nil}, // no other version: nothing to link
		{"/briefings/en-only/", nil},
		{"/unknown/", nil},
	} {
		if got := s.HrefLang(tc.url); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("HrefLang(%s) = %v\nwant %v", tc.url, got, tc.want)
		}
	}
}

// TestHrefLangNoDefault: versions that do not include the default
// language's have no x-default.
func TestHrefLangNoDefault(t *testing.T) {
	s := New([]Language{en, zh, hans})
	s.Add("zh-Hant", "briefing/x", "/zh-hant/x/")
	s.Add("zh-Hans", "briefing/x", "/zh-hans/x/")
	want := []Link{{"zh-Hant", "/zh-hant/x/"}, {"zh-Hans", "/zh-hans/x/"}}
	if got := s.HrefLang("/zh-hans/x/"); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSwitch(t *testing.T) {
	s := three()
	for _, tc := range []struct {
		lang, url string
		want      []Choice
	}{
		{"en", "/briefings/all/", []Choice{
			{en, "/briefings/all/", true, true}, {zh, "/zh-hant/briefings/all/", false, true}, {hans, "/zh-hans/briefings/all/", false, true}}},
		{"zh-Hant", "/zh-hant/briefings/two-zh/", []Choice{ // no Simplified version: its home instead
			{en, "/briefings/two/", false, true}, {zh, "/zh-hant/briefings/two-zh/", true, true}, {hans, "/zh-hans/", false, false}}},
		{"zh-Hant", "/zh-hant/briefings/zh-only/", []Choice{
			{en, "/", false, false}, {zh, "/zh-hant/briefings/zh-only/", true, true}, {hans, "/zh-hans/", false, false}}},
		{"en", "/404.html", []Choice{ // a page without versions: the other homes
			{en, "/404.html", true, true}, {zh, "/zh-hant/", false, false}, {hans, "/zh-hans/", false, false}}},
	} {
		if got := s.Switch(tc.lang, tc.url); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Switch(%s, %s) =\n%v\nwant\n%v", tc.lang, tc.url, got, tc.want)
		}
	}
}

// TestOneLanguage: a site of one language has no hreflang links and no
// switcher.
func TestOneLanguage(t *testing.T) {
	s := New([]Language{en})
	s.Add("en", HomeKey, "/")
	s.Add("en", "briefing/x", "/briefings/x/")
	if got := s.HrefLang("/briefings/x/"); got != nil {
		t.Errorf("HrefLang: %v", got)
	}
	if got := s.Switch("en", "/briefings/x/"); got != nil {
		t.Errorf("Switch: %v", got)
	}
}

// TestAddIgnores: a second page of one language and key, an unknown
// language and an empty key leave the Set as it was.
func TestAddIgnores(t *testing.T) {
	s := New([]Language{en, zh})
	s.Add("en", "briefing/x", "/briefings/x/")
	s.Add("zh-Hant", "briefing/x", "/zh-hant/x/")
	s.Add("en", "briefing/x", "/briefings/x-again/")
	s.Add("fr", "briefing/x", "/fr/x/")
	s.Add("zh-Hant", "", "/zh-hant/404.html")
	want := []Version{{"en", "/briefings/x/"}, {"zh-Hant", "/zh-hant/x/"}}
	if got := s.Versions("/zh-hant/x/"); !reflect.DeepEqual(got, want) {
		t.Errorf("Versions = %v, want %v", got, want)
	}
	for _, u := range []string{"/briefings/x-again/", "/fr/x/", "/zh-hant/404.html"} {
		if got := s.Versions(u); got != nil {
			t.Errorf("Versions(%s) = %v, want none", u, got)
		}
	}
}

func TestKey(t *testing.T) {
	tag := &site.Term{Kind: site.TagsKind, Name: "Web3", URL: "/zh-hant/tags/web3/",
		Translations: []*site.Translation{{URL: "/tags/web3/"}, {URL: "/zh-hans/tags/web3/"}}}
	juris := &site.Term{Kind: site.JurisdictionsKind, Name: "Web3", URL: "/jurisdictions/web3/"}
	for _, tc := range []struct {
		page pages.Page
		want string
	}{
		{pages.Page{Kind: "home", Pager: pages.Pager{Number: 1, Total: 2}}, "home"},
		{pages.Page{Kind: "home", Pager: pages.Pager{Number: 2, Total: 2}}, "home, page 2"},
		{pages.Page{Kind: "briefing", Briefing: &site.Briefing{Slug: "x", Group: "file:briefings/y"}}, "briefing/file:briefings/y"},
		{pages.Page{Kind: "list", Term: tag, Pager: pages.Pager{Number: 1}}, "tags:/tags/web3/"},
		{pages.Page{Kind: "list", Term: juris, Pager: pages.Pager{Number: 3}}, "jurisdictions:/jurisdictions/web3/, page 3"},
		{pages.Page{Kind: "list", Year: &site.Year{Year: 2023}}, "year/2023"},
		{pages.Page{Kind: "terms", Section: "tags"}, "index/tags"},
		{pages.Page{Kind: "terms", Section: "jurisdictions"}, "index/jurisdictions"},
		{pages.Page{Kind: "archive"}, "archive"},
		{pages.Page{Kind: "funding"}, "funding"},
		{pages.Page{Kind: "search"}, "search"},
		{pages.Page{Kind: "404"}, ""},
	} {
		if got := Key(tc.page); got != tc.want {
			t.Errorf("Key(%+v) = %q, want %q", tc.page, got, tc.want)
		}
	}
}
