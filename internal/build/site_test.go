package build_test

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"brief"
	"brief/internal/build"
	"brief/internal/diag"
	"brief/internal/output"
	"brief/internal/search"
)

// buildClock is the fixed clock every test builds with, so that "future"
// and the output never depend on when the tests run.
var buildClock = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// fixture is a small but complete site: funding with and without a stated
// USD figure, a jurisdiction with a parent and a grandparent named only in
// site.toml, tag spellings that differ in case, sources, a footnote, a CJK
// heading, a .md link, an alias and a draft.
func fixture() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": file(`title = "Test Brief"
description = "Policy briefings for tests."
baseURL = "https://brief.example/"
timezone = "Asia/Hong_Kong"
paginate = 2

[jurisdictions]
"Hong Kong" = {}
Beijing = { parent = "China" }
Chaoyang = { parent = "Beijing" }

[currency]
report = "USD"
asOf = 2023-06-30
[currency.rates]
CNY = 0.138
HKD = 0.1276
`),
		"content/briefings/beijing-web3.md": file(`---
title: "Beijing pledges CNY 100m a year for Web3"
date: 2023-05-29
updated: 2023-06-02
jurisdiction: [Beijing]
tags: [Web3, funding]
summary: "Chaoyang district will spend CNY 100m a year on its Web3 industry."
authors: [Brief Desk]
funding:
  - amount: "100m"
    currency: CNY
    purpose: "Web3 industry support"
sources:
  - title: "Beijing Web3 white paper"
    url: "https://www.example.gov.cn/web3"
  - title: "Reuters report"
    url: "https://www.reuters.com/x"
---

Beijing's Chaoyang district published a white paper.[^1]

## 北京市政策

Compare the [Hong Kong statement](hk-policy.md#what-it-says).

[^1]: Published at the Zhongguancun Forum.
`),
		"content/briefings/hk-policy.md": file(`---
title: "Hong Kong policy statement on virtual assets"
date: 2022-10-31T10:00:00+08:00
jurisdiction: Hong Kong
tags: [Web3, Policy]
summary: "The government sets out its vision for virtual assets."
aliases: [/old/hk-policy/]
funding:
  - amount: "50m"
    currency: HKD
    usd: "6.4m"
---

## What it says

The statement is short.
`),
		"content/briefings/chaoyang-hub.md": file(`---
title: "Chaoyang opens a Web3 hub"
date: 2023-07-10
jurisdiction: [Chaoyang]
tags: [Web3, WEB3 ]
---

A hub opens.
`),
		"content/briefings/draft-note.md": file(`---
title: "An unfinished note"
date: 2023-01-01
draft: true
tags: [Drafts]
---

Not yet.
`),
		"content/briefings/future-plan.md": file(`---
title: "A plan for 2030"
date: 2030-01-01
tags: [Future]
---

Later.
`),
	}
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// buildFS runs a full build with a fresh Builder into memory.
func buildFS(t testing.TB, fsys fstest.MapFS, opt build.Options) (*build.Result, *output.Memory, error) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = buildClock
	}
	mem := output.NewMemory()
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, opt, mem)
	return res, mem, err
}

// mustBuild is buildFS that fails the test on a build error.
func mustBuild(t testing.TB, fsys fstest.MapFS, opt build.Options) (*build.Result, *output.Memory) {
	t.Helper()
	res, mem, err := buildFS(t, fsys, opt)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res, mem
}

// diagnostics returns the diag.List of a failed build.
func diagnostics(t testing.TB, err error) diag.List {
	t.Helper()
	if err == nil {
		t.Fatal("build succeeded, want errors")
	}
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error is %T, want diag.List: %v", err, err)
	}
	return l
}

// with returns a copy of fsys with files added (nil data deletes).
func with(fsys fstest.MapFS, files map[string]string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	for k, v := range files {
		if v == "" {
			delete(out, k)
			continue
		}
		out[k] = file(v)
	}
	return out
}

func paths(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func hasPath(m *output.Memory, p string) bool { _, ok := m.Files[p]; return ok }

func mustContain(t *testing.T, what string, data []byte, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(string(data), s) {
			t.Errorf("%s does not contain %q:\n%s", what, s, data)
		}
	}
}

// mapFS makes a MapFS from path -> text.
func mapFS(files map[string]string) fstest.MapFS { return with(nil, files) }

func fsReadFile(fsys fs.FS, p string) ([]byte, error) { return fs.ReadFile(fsys, p) }

// searchReader opens the search index of a built site as the browser would.
func searchReader(t testing.TB, mem *output.Memory) *search.Reader {
	t.Helper()
	r, err := search.Open(func(p string) ([]byte, error) {
		data, ok := mem.Files["search/"+p]
		if !ok {
			return nil, fmt.Errorf("no file search/%s", p)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// searchFragments returns the JSON of every search fragment, by path.
func searchFragments(t testing.TB, mem *output.Memory) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for p, data := range mem.Files {
		if !strings.HasPrefix(p, "search/f/") {
			continue
		}
		out[p] = data
	}
	return out
}

// searchFinds reports whether the search index has a result for a URL path.
func searchFinds(t testing.TB, mem *output.Memory, urlPath string) bool {
	t.Helper()
	for _, data := range searchFragments(t, mem) {
		if strings.Contains(string(data), `"url":"/`+urlPath+`"`) {
			return true
		}
	}
	return false
}
