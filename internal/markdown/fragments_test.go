package markdown

import (
	"reflect"
	"testing"
)

// Links to anchors are listed for the build to check once every page's ids
// are known: in another briefing (decoded, with its site path) or on this
// page. External links, bare "#" and missing files (already an error) are not.
func TestFragments(t *testing.T) {
	r := New(Options{})
	src := "[a](hk-retail-trading.md#fees) [b](#top) [c](#)\n\n" +
		"[d](%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7.md#%E6%A6%82%E8%BF%B0) [e](https://x.example/#y) [f](nope.md#x)\n\n" +
		"[g][r]\n\n[r]: ../other/x.md#a%20b\n"
	res := r.Render([]byte(src), Context{SourcePath: "content/briefings/a.md", LineOffset: 4, Resolve: resolveTestURL})
	want := []Fragment{
		{Target: "content/briefings/hk-retail-trading.md", ID: "fees", Written: "hk-retail-trading.md#fees", Line: 5},
		{Target: "", ID: "top", Written: "#top", Line: 5},
		{Target: "content/briefings/数字资产.md", ID: "概述", Written: "%E6%95%B0%E5%AD%97%E8%B5%84%E4%BA%A7.md#%E6%A6%82%E8%BF%B0", Line: 7},
		{Target: "content/other/x.md", ID: "a b", Written: "../other/x.md#a%20b", Line: 9},
	}
	if !reflect.DeepEqual(res.Fragments, want) {
		t.Errorf("fragments\n got %+v\nwant %+v", res.Fragments, want)
	}
	if len(res.Problems) != 1 || !res.Problems[0].Link {
		t.Errorf("the missing file is one broken-link problem: %+v", res.Problems)
	}
}
