package build_test

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"brief"
	"brief/internal/build"
	"brief/internal/images/imagestest"
	"brief/internal/output"
)

func binary(data []byte) *fstest.MapFile { return &fstest.MapFile{Data: data} }

// bundleSite is the fixture with a page bundle holding a chart, a phone
// photo with a GPS position, a map and a data file.
func bundleSite() fstest.MapFS {
	fsys := fixture()
	fsys["content/briefings/hk-stablecoins/index.md"] = file(`---
title: "Hong Kong licenses stablecoin issuers"
date: 2024-05-01
jurisdiction: Hong Kong
tags: [stablecoins]
summary: "The first licences under the Stablecoins Ordinance."
image: photo.jpg
imageAlt: "Victoria Harbour at dusk"
---

The ordinance took effect on 1 August.

![Licensed issuers by quarter](chart.png "Licensed issuers, 2025")

See the [data](data/issuers.csv) and the map: ![Districts of Hong Kong](map.svg).

![](rule.png "decorative")
`)
	fsys["content/briefings/hk-stablecoins/chart.png"] = binary(imagestest.PNG(1600, 800))
	fsys["content/briefings/hk-stablecoins/photo.jpg"] = binary(imagestest.JPEGWithGPS(1500, 1000, 0))
	fsys["content/briefings/hk-stablecoins/map.svg"] = binary(imagestest.SVG(400, 300))
	fsys["content/briefings/hk-stablecoins/data/issuers.csv"] = file("issuer,licensed\nA,2025-08-01\n")
	fsys["static/rule.png"] = binary(imagestest.PNG(300, 4))
	return fsys
}

func TestPageBundle(t *testing.T) {
	res, mem := mustBuild(t, bundleSite(), build.Options{})
	const dir = "briefings/hk-stablecoins/"
	for _, p := range []string{
		dir + "index.html",
		// The bundle's files, beside the page, as they are.
		dir + "chart.png", dir + "photo.jpg", dir + "map.svg", dir + "data/issuers.csv",
		// Copies, never wider than the original.
		dir + "chart-480w.png", dir + "chart-1600w.png",
		dir + "photo-480w.jpg", dir + "photo-960w.jpg", dir + "photo-1440w.jpg",
		"rule.png", "rule-300w.png",
	} {
		if !hasPath(mem, p) {
			t.Errorf("missing %s", p)
		}
	}
	for _, p := range mem.Paths() {
		if strings.Contains(p, "index/") || strings.HasSuffix(p, "chart-1440w.png") || strings.HasSuffix(p, "chart-960w.png") || strings.HasPrefix(p, "briefings/hk-stablecoins/index.md") {
			t.Errorf("unexpected output %s", p)
		}
	}
	if !bytes.Equal(mem.Files[dir+"photo.jpg"], bundleSite()["content/briefings/hk-stablecoins/photo.jpg"].Data) {
		t.Error("the original photo is not published as it is")
	}
	page := mem.Files[dir+"index.html"]
	mustContain(t, "bundle page", page,
		`<figure>`,
		`<img src="/briefings/hk-stablecoins/chart-480w.png" alt="Licensed issuers by quarter" width="1600" height="800" `+
			`srcset="/briefings/hk-stablecoins/chart-480w.png 480w, /briefings/hk-stablecoins/chart-1600w.png 1600w" `+
			`sizes="(max-width: 704px) calc(100vw - 32px), 672px">`,
		`<figcaption>Licensed issuers, 2025</figcaption>`,
		`<a href="data/issuers.csv">data</a>`,
		`<img src="/briefings/hk-stablecoins/map.svg" alt="Districts of Hong Kong" width="400" height="300" loading="lazy" decoding="async">`,
		`<img src="/rule-300w.png" alt="" width="300" height="4" srcset="/rule-300w.png 300w" sizes="(max-width: 332px) calc(100vw - 32px), 300px" loading="lazy" decoding="async">`,
	)
	if bytes.Contains(page, []byte(`chart-1600w.png 1600w" sizes="(max-width: 704px) calc(100vw - 32px), 672px" loading`)) {
		t.Error("the first image of the body loads lazily")
	}
	// Copies are real images of the planned size, without EXIF.
	for _, c := range []struct {
		p    string
		w, h int
	}{{dir + "photo-480w.jpg", 480, 320}, {dir + "photo-1440w.jpg", 1440, 960}} {
		data := mem.Files[c.p]
		m, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", c.p, err)
		}
		if b := m.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%s is %v, want %dx%d", c.p, b, c.w, c.h)
		}
		if bytes.Contains(data, []byte("Exif")) {
			t.Errorf("%s carries EXIF data", c.p)
		}
	}
	if m, err := png.Decode(bytes.NewReader(mem.Files[dir+"chart-480w.png"])); err != nil || m.Bounds().Dx() != 480 {
		t.Errorf("chart-480w.png: %v", err)
	}
	// The front matter image: the link preview and structured data show
	// its large copy...
	mustContain(t, "bundle page head", page,
		`<meta property="og:image" content="https://brief.example/briefings/hk-stablecoins/photo-1440w.jpg">`,
		`<meta property="og:image:width" content="1440">`, `<meta property="og:image:height" content="960">`,
		`<meta property="og:image:alt" content="Victoria Harbour at dusk">`,
		`"image":[{"@type":"ImageObject","caption":"Victoria Harbour at dusk","height":960,"url":"https://brief.example/briefings/hk-stablecoins/photo-1440w.jpg","width":1440}]`)
	// ...and cards on lists its small copy.
	mustContain(t, "home page", mem.Files["index.html"], `/briefings/hk-stablecoins/photo-480w.jpg`, `alt="Victoria Harbour at dusk"`)
	// The published original still has its GPS position: say so.
	var warned bool
	for _, w := range res.Warnings {
		if w.File == "content/briefings/hk-stablecoins/photo.jpg" && strings.Contains(w.Msg, "GPS") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about the GPS position in the published original; warnings:\n%v", res.Warnings)
	}
}

func TestPageBundleView(t *testing.T) {
	fsys := bundleSite()
	// The picture as templates see it, one field a line.
	fsys["layouts/briefing.html"] = file(`{{define "main"}}{{with .Briefing.Picture}}<pre>
alt={{.Alt}}
original={{.Original}}
large={{.Large.URL}} {{.Large.Width}}x{{.Large.Height}} {{.Large.Type}}
small={{.Small.URL}} {{.Small.Width}}
srcset={{.Srcset}}
sizes={{.Sizes}}
</pre>{{end}}{{end}}`)
	_, mem := mustBuild(t, fsys, build.Options{})
	page := string(mem.Files["briefings/hk-stablecoins/index.html"])
	if page == "" {
		t.Fatal("bundle briefing not published, or not named by its folder")
	}
	for _, want := range []string{
		"alt=Victoria Harbour at dusk\n", "original=/briefings/hk-stablecoins/photo.jpg\n",
		"large=/briefings/hk-stablecoins/photo-1440w.jpg 1440x960 image/jpeg\n", "small=/briefings/hk-stablecoins/photo-480w.jpg 480\n",
		"photo-960w.jpg 960w",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "sizes=\n") {
		t.Errorf("no sizes:\n%s", page)
	}
}

func TestPageBundleProblems(t *testing.T) {
	const idx = "content/briefings/x/index.md"
	head := "---\ntitle: X\ndate: 2023-01-01\n---\n\n"
	tests := []struct {
		name  string
		files map[string]string
		bin   map[string][]byte
		want  []string // substrings of the one error
	}{
		{
			name:  "bundle and plain file with one slug",
			files: map[string]string{idx: head + "x\n", "content/briefings/x.md": head + "y\n"},
			want:  []string{"/briefings/x/index.html", "content/briefings/x/index.md", "content/briefings/x.md"},
		},
		{
			name:  "Markdown file inside a bundle",
			files: map[string]string{idx: head + "x\n", "content/briefings/x/notes.md": head + "y\n"},
			want:  []string{"content/briefings/x/notes.md: is a Markdown file inside the page bundle of content/briefings/x/index.md", "move this file out of content/briefings/x/"},
		},
		{
			name:  "missing image, at its line",
			files: map[string]string{idx: head + "One.\n\n![A chart](chart.png)\n"},
			want:  []string{`content/briefings/x/index.md:8: image "chart.png": not found (looked for content/briefings/x/chart.png and static/chart.png)`},
		},
		{
			name:  "missing site path",
			files: map[string]string{idx: head + "![A chart](/img/chart.png)\n"},
			want:  []string{`content/briefings/x/index.md:6: image "/img/chart.png": not found (looked for static/img/chart.png)`},
		},
		{
			name:  "no alt text",
			files: map[string]string{idx: head + "![](chart.png)\n"},
			bin:   map[string][]byte{"content/briefings/x/chart.png": imagestest.PNG(10, 10)},
			want:  []string{`content/briefings/x/index.md:6: image "chart.png" has no alt text`, `![](chart.png "decorative")`},
		},
		{
			name:  "SVG with a script, shown",
			files: map[string]string{idx: head + "![A map](map.svg)\n", "static/map.svg": `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`},
			want:  []string{`content/briefings/x/index.md:6: image "map.svg": static/map.svg: SVG has an event handler onload= on <svg>`},
		},
		{
			name:  "SVG with a script in a bundle, not shown",
			files: map[string]string{idx: head + "x\n", "content/briefings/x/evil.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`},
			want:  []string{`content/briefings/x/evil.svg: SVG holds a <script> element (line 1)`, "without scripts"},
		},
		{
			name:  "not an image",
			files: map[string]string{idx: head + "![The notice](notice.pdf)\n", "content/briefings/x/notice.pdf": "%PDF-1.4"},
			want:  []string{`image "notice.pdf": content/briefings/x/notice.pdf: notice.pdf is not an image format brief can size (.pdf) (use JPEG, PNG, GIF, WebP or SVG)`},
		},
		{
			name:  "front matter image missing",
			files: map[string]string{idx: "---\ntitle: X\ndate: 2023-01-01\nimage: cover.jpg\nimageAlt: A cover\n---\nx\n"},
			want:  []string{`content/briefings/x/index.md:4: image: "cover.jpg": not found (looked for content/briefings/x/cover.jpg and static/cover.jpg)`},
		},
		{
			name:  "image in the bundle of a draft",
			files: map[string]string{idx: "---\ntitle: X\ndate: 2023-01-01\ndraft: true\n---\nx\n", "content/briefings/y.md": head + "![A chart](x/chart.png)\n"},
			bin:   map[string][]byte{"content/briefings/x/chart.png": imagestest.PNG(10, 10)},
			want:  []string{`content/briefings/y.md:6: image "x/chart.png": is in the page bundle of content/briefings/x/index.md, which is not published in this build`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := with(fixture(), tt.files)
			for p, data := range tt.bin {
				fsys[p] = binary(data)
			}
			_, _, err := buildFS(t, fsys, build.Options{})
			l := diagnostics(t, err)
			if len(l) != 1 {
				t.Fatalf("want one error, got:\n%v", l)
			}
			for _, w := range tt.want {
				if !strings.Contains(l[0].Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, l[0])
				}
			}
		})
	}
}

// A plain briefing may show an image beside it or in static/: a loose file
// of content/ is published at its path, only because it is shown.
func TestImagesOfPlainBriefings(t *testing.T) {
	fsys := with(fixture(), map[string]string{
		"content/briefings/plain.md":  "---\ntitle: Plain\ndate: 2023-01-01\n---\n\n![A chart](img/chart.png)\n\n![A logo](/logos/logo.png)\n\n![A seal](seal.png)\n",
		"content/briefings/notes.txt": "not shown, not published",
	})
	fsys["content/briefings/img/chart.png"] = binary(imagestest.PNG(1000, 500))
	fsys["static/logos/logo.png"] = binary(imagestest.PNG(200, 100))
	fsys["static/seal.png"] = binary(imagestest.PNG(100, 100)) // relative, found in static/
	_, mem := mustBuild(t, fsys, build.Options{})
	for _, p := range []string{"briefings/img/chart.png", "briefings/img/chart-480w.png", "briefings/img/chart-1000w.png",
		"logos/logo.png", "logos/logo-200w.png", "seal.png", "seal-100w.png"} {
		if !hasPath(mem, p) {
			t.Errorf("missing %s", p)
		}
	}
	if hasPath(mem, "briefings/notes.txt") {
		t.Error("a loose file nobody shows is published")
	}
	mustContain(t, "plain page", mem.Files["briefings/plain/index.html"], `src="/briefings/img/chart-480w.png"`, `src="/logos/logo-200w.png"`, `src="/seal-100w.png"`)
}

// An image resized once is never resized again: a second build (a new
// process, here a new Builder) takes every copy from the cache.
func TestImageCacheReuse(t *testing.T) {
	cache := imagestest.NewCache()
	opt := build.Options{ImageCache: cache, Once: true}
	_, first := mustBuild(t, bundleSite(), opt)
	if cache.Puts != 6 || cache.Hits != 0 {
		t.Fatalf("first build: %d copies stored, %d found; want 6 stored (2 of the chart, 3 of the photo, 1 of the rule), 0 found", cache.Puts, cache.Hits)
	}
	_, second := mustBuild(t, bundleSite(), opt)
	if cache.Puts != 6 || cache.Hits != 6 {
		t.Errorf("second build: %d stored, %d found in all; want nothing new stored and every copy found", cache.Puts, cache.Hits)
	}
	if diff := compareOutputs(second.Files, first.Files); diff != "" {
		t.Errorf("a build from the cache differs:\n%s", diff)
	}
	// A changed image is resized again, and only it.
	fsys := bundleSite()
	fsys["content/briefings/hk-stablecoins/chart.png"] = binary(imagestest.PNG(1500, 600))
	mustBuild(t, fsys, opt)
	if cache.Puts != 8 {
		t.Errorf("after changing the chart: %d stored in all, want 8 (its 2 new copies)", cache.Puts)
	}
}

// The dev server's sink holds copies, the data files and the sitemap as
// makers, run on first request; what they make is what a full build
// writes, minified or not.
func TestLazyCopies(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprint("minify=", minify), func(t *testing.T) { lazyCopies(t, minify) })
	}
}

func lazyCopies(t *testing.T, minify bool) {
	fsys := bundleSite()
	if minify {
		fsys["site.toml"].Data = append([]byte("minify = true\n"), fsys["site.toml"].Data...)
	}
	_, eager := mustBuild(t, fsys, build.Options{})
	lazy := output.NewLazyMemory()
	res, err := build.New(brief.DefaultTheme()).Build(fsys, nil, build.Options{Now: buildClock}, lazy)
	if err != nil {
		t.Fatal(err)
	}
	var copies, whole []string
	for p, make := range lazy.Lazy {
		if strings.HasPrefix(p, "data/") || p == "sitemap.xml" {
			whole = append(whole, p)
		} else {
			copies = append(copies, p)
		}
		data, err := make()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !bytes.Equal(data, eager.Files[p]) {
			t.Errorf("lazy %s differs from the built one", p)
		}
	}
	slices.Sort(copies)
	if len(copies) != 6 || !strings.HasSuffix(copies[0], "chart-1600w.png") {
		t.Errorf("lazy files %v, want the 6 copies", copies)
	}
	slices.Sort(whole)
	if want := []string{"data/briefings.json", "data/funding.csv", "sitemap.xml"}; !slices.Equal(whole, want) {
		t.Errorf("lazy site-wide files %v, want %v", whole, want)
	}
	if _, ok := lazy.Files["briefings/hk-stablecoins/chart.png"]; !ok {
		t.Error("an original is lazy too; only copies are")
	}
	if !slices.Equal(res.Written, lazy.Paths()) {
		t.Error("Result.Written leaves out the lazy files")
	}
}

func TestIncrementalImages(t *testing.T) {
	const (
		dir   = "content/briefings/hk-stablecoins/"
		chart = dir + "chart.png"
	)
	putBin := func(p string, data []byte) edit {
		return func(fsys fstest.MapFS) []string { fsys[p] = binary(data); return []string{p} }
	}
	checkIncremental(t, bundleSite(),
		putBin(chart, imagestest.PNG(900, 500)), // narrower: the 1200 copy goes, a 900 one comes
		putBin(chart, imagestest.PNG(900, 500)), // the same again: nothing changes
		del(chart),                              // an error at the image's line
		putBin(chart, imagestest.PNG(1500, 600)),
		put(dir+"data/more.csv", "a,b\n"),
		del(dir+"data/issuers.csv"),
		replaceIn(dir+"index.md", "(chart.png", "(/rule.png"), // the body shows a static image instead
		putBin("static/rule.png", imagestest.PNG(600, 8)),
		replaceIn(dir+"index.md", "image: photo.jpg", "image: chart.png"),
		putBin(dir+"photo.jpg", imagestest.JPEG(800, 600)),
		put("content/briefings/hk-stablecoins.md", "---\ntitle: Clash\ndate: 2023-01-01\n---\nx\n"), // a clash with the bundle
		del("content/briefings/hk-stablecoins.md"),
		put(dir+"notes.md", "---\ntitle: Stray\ndate: 2023-01-01\n---\nx\n"), // Markdown inside a bundle: an error
		del(dir+"notes.md"),
		del(dir+"index.md"), // no longer a bundle: its files are loose, and not shown
	)
}
