package build

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"brief/internal/diag"
	"brief/internal/images"
	"brief/internal/markdown"
	"brief/internal/pages"
	"brief/internal/site"
	"brief/internal/sources"
)

// This file joins the pure image functions (internal/images) to the
// pipeline: it hashes the non-Markdown files of content/ (page bundles'
// files and loose images), sizes every image once per content hash,
// resolves the images briefings show, and plans the bundles' files and
// the resized copies as outputs.

// The default theme's article column: 44rem less 1rem of padding on each
// side, at 16 px to the rem. Copies are picked for it through sizes.
const (
	columnPixels = 672
	gutterPixels = 32
)

// imageProbe is what an image file is, for the content hash it had.
type imageProbe struct {
	hash uint64
	sum  string // images.Sum, naming its copies in the cache
	info images.Info
	err  error
}

// imageRef is an image a briefing shows, resolved to its file.
type imageRef struct {
	src  string // "content/briefings/x/chart.png", "static/img/a.png"
	url  string // where the original is published, site-relative
	hash uint64
	// own is true for a loose file of content/ (not in a bundle): it is
	// published only because a briefing shows it, by the image's jobs.
	own bool
}

// imageUse is one image destination of a body, as it resolved.
type imageUse struct {
	ref imageRef
	pic markdown.Picture
	err string // empty when it resolved
}

// hashFiles brings the content hashes in old up to date with the files
// found: files that changed (all of them when cs.all) are read again, and
// images among them sized. It returns the new hashes.
func (st *state) hashFiles(found []string, cs changeSet, old map[string]uint64) (map[string]uint64, diag.List) {
	bl := st.bl
	fresh := make(map[string]uint64, len(found))
	var todo []string
	for _, p := range found {
		h, had := old[p]
		if _, changed := cs.paths[p]; !cs.all && !changed && had {
			fresh[p] = h
			continue
		}
		todo = append(todo, p)
	}
	type read struct {
		hash  uint64
		probe *imageProbe
		prob  *diag.Diagnostic
		gone  bool
	}
	out := make([]read, len(todo))
	parallel(len(todo), func(i int) {
		p := todo[i]
		data, err := sources.ReadFile(st.fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			out[i].gone = true
			return
		}
		if err != nil {
			d := sources.ReadProblem(p, err)
			out[i].prob = &d
			return
		}
		h := newHasher(bl.seed).bytes(data).sum()
		out[i].hash = h
		if old := bl.probes[p]; images.IsImage(p) && (old == nil || old.hash != h) {
			info, err := images.Probe(p, data)
			out[i].probe = &imageProbe{hash: h, sum: images.Sum(data), info: info, err: err}
		}
	})
	var ds diag.List
	for i, r := range out {
		p := todo[i]
		if r.gone {
			continue
		}
		if r.prob != nil {
			ds = append(ds, *r.prob)
			continue
		}
		fresh[p] = r.hash
		if r.probe != nil {
			bl.probes[p] = r.probe
		}
	}
	return fresh, ds
}

// dropProbes forgets the sizes of images that are no longer sources.
func (bl *Builder) dropProbes() {
	for p := range bl.probes {
		if _, ok := bl.static[p]; !ok {
			if _, ok := bl.resources[p]; !ok {
				delete(bl.probes, p)
			}
		}
	}
}

// loadResources hashes the files of content/ that are not Markdown. Files
// that cannot be read are reported and left out.
func (st *state) loadResources(cs changeSet, found []string) {
	bl := st.bl
	if found == nil && !cs.all {
		// No walk: bring the known set up to date with the changed paths.
		found = slices.Collect(maps.Keys(bl.resources))
		for p, k := range cs.paths {
			if k == sources.Resource && !slices.Contains(found, p) {
				found = append(found, p)
			}
		}
		slices.Sort(found)
	}
	fresh, ds := st.hashFiles(found, cs, bl.resources)
	st.diags = append(st.diags, ds...)
	st.noteFiles(bl.resources, fresh)
	bl.resources = fresh
}

// findBundles works out which content files lie in page bundles, and
// reports Markdown files inside a bundle, which would otherwise vanish. It
// works it out again only when files of content/ came or went.
func (st *state) findBundles() {
	bl := st.bl
	if st.contentListed || bl.bundleDiags == nil {
		all := slices.Collect(maps.Keys(bl.files))
		all = slices.AppendSeq(all, maps.Keys(bl.resources))
		slices.Sort(all)
		bl.bundles = sources.Bundles(all)
		bl.bundleDiags = diag.List{}
		for _, p := range all {
			index, in := bl.bundles[p]
			if in && strings.HasSuffix(p, ".md") {
				bl.bundleDiags = append(bl.bundleDiags, diag.Errorf(p, 0, "",
					"a page bundle holds one briefing: move this file out of "+path.Dir(index)+"/ to make it a briefing of its own",
					"is a Markdown file inside the page bundle of %s", index))
			}
		}
	}
	st.diags = append(st.diags, bl.bundleDiags...)
}

// bundleOwner is the briefing beside whose page the pictures of the page
// bundle with the index file index (".../index.md") are published in
// their resized copies, once for every edition: its index.md's, or in a bundle of translations only,
// the translation in the earliest language that publishes one
// (index.zh-Hant.md). published is false when that briefing is not
// published in this build; the briefing is nil when there is none.
func (st *state) bundleOwner(index string) (b *site.Briefing, published bool) {
	if _, ok := st.bl.files[index]; ok {
		return st.lookup(st.model, index)
	}
	var first *site.Briefing
	for _, m := range st.models {
		code := m.site.Language.Code
		for _, name := range []string{code, strings.ToLower(code)} {
			if b, published := m.site.Lookup(strings.TrimSuffix(index, ".md") + "." + name + ".md"); b != nil {
				if published {
					return b, true
				}
				first = cmp.Or(first, b)
			}
		}
	}
	return first, false
}

// inBundle reports whether a content file is part of a page bundle (and so
// not a briefing of its own).
func (st *state) inBundle(p string) bool {
	_, in := st.bl.bundles[p]
	return in
}

// resolveImage finds the file an image destination names, as written in
// the briefing at from: relative to the briefing's folder, then to static/;
// a path starting with / is in static/ only.
func (st *state) resolveImage(from, dest string) (imageRef, *images.Info, error) {
	bl := st.bl
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	var candidates []string
	if strings.HasPrefix(dest, "/") {
		candidates = []string{path.Join(sources.StaticDir, dest)}
	} else {
		candidates = []string{path.Join(path.Dir(from), dest), path.Join(sources.StaticDir, dest)}
	}
	var looked []string
	for _, c := range candidates {
		var hash uint64
		var ok bool
		switch {
		case strings.HasPrefix(c, sources.StaticDir+"/"):
			hash, ok = bl.static[c]
		case strings.HasPrefix(c, sources.ContentDir+"/"):
			hash, ok = bl.resources[c]
		default:
			continue // climbs out of content/ or static/
		}
		looked = append(looked, c)
		if !ok {
			continue
		}
		ref := imageRef{src: c, hash: hash, url: site.FileURL(c)}
		if index, in := bl.bundles[c]; in {
			ob, published := st.bundleOwner(index)
			switch {
			case ob == nil:
				// The bundle's briefing has errors of its own, reported; the
				// build fails, so the image's URL does not matter.
			case !published:
				return ref, nil, &markdown.ImageError{Msg: "is in the page bundle of " + index + ", which is not published in this build",
					Hint: "publish that briefing, or move the image to static/"}
			default:
				ref.url = site.ResourceURL(ob, strings.TrimPrefix(c, path.Dir(index)+"/"))
			}
		} else if strings.HasPrefix(c, sources.ContentDir+"/") {
			ref.own = true
		}
		probe := bl.probes[c]
		if probe == nil { // not an image file name
			_, err := images.Probe(c, nil)
			return ref, nil, imageError(c, err)
		}
		if probe.err != nil {
			return ref, nil, imageError(c, probe.err)
		}
		return ref, &probe.info, nil
	}
	hint := "images live beside the briefing or in static/"
	if len(looked) > 0 {
		hint = "looked for " + strings.Join(looked, " and ")
	}
	return imageRef{}, nil, &markdown.ImageError{Msg: "not found", Hint: hint}
}

func imageError(file string, err error) error {
	ie, ok := err.(*images.Error)
	if !ok {
		return &markdown.ImageError{Msg: file + ": " + err.Error(), Hint: "check that the file is a readable JPEG, PNG, GIF, WebP or SVG image"}
	}
	return &markdown.ImageError{Msg: file + ": " + ie.Msg, Hint: ie.Hint}
}

// copies lists the resized copies of an image with their URLs.
func copies(ref imageRef, info images.Info) ([]images.Variant, []string) {
	vs := images.Variants(info)
	urls := make([]string, len(vs))
	for i, v := range vs {
		urls[i] = images.VariantPath(ref.url, v)
	}
	return vs, urls
}

// picture is how a body shows an image: its copies, or the file itself.
func (st *state) picture(ref imageRef, info images.Info) markdown.Picture {
	vs, urls := copies(ref, info)
	if len(vs) == 0 {
		return markdown.Picture{Src: site.RelURL(st.cfg, ref.url), Width: info.Width, Height: info.Height}
	}
	pic := markdown.Picture{Width: info.Width, Height: info.Height, Sizes: images.Sizes(info.Width, columnPixels, gutterPixels)}
	var set []string
	for i, v := range vs {
		u := site.RelURL(st.cfg, urls[i])
		set = append(set, u+" "+strconv.Itoa(v.Width)+"w")
		if pic.Src == "" || v.Width <= 960 {
			pic.Src = u // the widest copy up to the column at double density
		}
	}
	pic.Srcset = strings.Join(set, ", ")
	return pic
}

// bodyImage resolves an image of a body for the Markdown renderer and
// records what it resolved to in uses.
func (st *state) bodyImage(from, dest string, uses map[string]imageUse) (markdown.Picture, error) {
	ref, info, err := st.resolveImage(from, dest)
	if err != nil {
		uses[dest] = imageUse{ref: ref, err: err.Error()}
		return markdown.Picture{}, err
	}
	pic := st.picture(ref, *info)
	uses[dest] = imageUse{ref: ref, pic: pic}
	return pic, nil
}

// imagesValid reports whether every image of a cached body resolves as it
// did when the body was rendered.
func (st *state) imagesValid(from string, uses map[string]imageUse) bool {
	for dest, u := range uses {
		ref, info, err := st.resolveImage(from, dest)
		switch {
		case (err != nil) != (u.err != ""):
			return false
		case err != nil:
			if err.Error() != u.err {
				return false
			}
		case ref != u.ref || st.picture(ref, *info) != u.pic:
			return false
		}
	}
	return true
}

// frontImage resolves a briefing's front matter image into what templates
// show, reporting a problem at the image field's line.
func (st *state) frontImage(b *site.Briefing) (*site.Picture, *imageRef, *diag.Diagnostic) {
	if b.Briefing.Image == "" {
		return nil, nil, nil
	}
	img := &site.Picture{Alt: b.ImageAlt}
	if strings.HasPrefix(b.Briefing.Image, "https://") || strings.HasPrefix(b.Briefing.Image, "http://") {
		img.Large = site.ImageFile{URL: b.Briefing.Image}
		img.Small, img.Original = img.Large, b.Briefing.Image
		return img, nil, nil
	}
	ref, info, err := st.resolveImage(b.Path, b.Briefing.Image)
	if err != nil {
		ie, _ := err.(*markdown.ImageError)
		d := diag.Errorf(b.Path, b.Line("image"), "image", ie.Hint, "%q: %s", b.Briefing.Image, ie.Msg)
		return nil, nil, &d
	}
	img.Original = ref.url
	orig := site.ImageFile{URL: ref.url, Width: info.Width, Height: info.Height, Type: info.Format.MediaType()}
	img.Large, img.Small = orig, orig
	vs, urls := copies(ref, *info)
	if len(vs) > 0 {
		file := func(i int) site.ImageFile {
			return site.ImageFile{URL: urls[i], Width: vs[i].Width, Height: vs[i].Height, Type: vs[i].Format.MediaType()}
		}
		img.Small, img.Large = file(0), file(len(vs)-1)
		pic := st.picture(ref, *info)
		img.Srcset, img.Sizes = pic.Srcset, pic.Sizes
	}
	return img, &ref, nil
}

// images plans the outputs of pictures: every file of the published page
// bundles, beside each edition's page, and for each image a briefing shows, its
// resized copies (and the original, for a loose file of content/).
func (pl *planner) images(shown map[string]imageRef) {
	bl := pl.st.bl
	seed := bl.seed
	byBundle := map[string][]string{}
	for p, index := range bl.bundles {
		if _, ok := bl.resources[p]; ok {
			byBundle[index] = append(byBundle[index], p)
		}
	}
	for _, m := range pl.st.models {
		if len(byBundle) == 0 {
			break // no bundle has files to copy: no briefing's path to look at
		}
		for _, b := range m.site.Briefings {
			if !sources.IsBundleIndex(b.Path) {
				continue
			}
			// Each edition's page has the files beside it, so that
			// relative links to them work in every language; pictures
			// show the resized copies beside the bundle's owner.
			files := byBundle[path.Join(path.Dir(b.Path), sources.BundleIndex)]
			slices.Sort(files)
			for _, p := range files {
				pl.resource(b, p)
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(bl.static)) {
		pl.warnGPS(p)
	}
	var groups []*copyGroup
	for _, src := range slices.Sorted(maps.Keys(shown)) {
		ref := shown[src]
		probe := bl.probes[src]
		if ref.own {
			pl.warnGPS(src)
			pl.add(&job{path: site.OutputPath(ref.url), kind: "image", owner: &pages.Owner{File: src, What: "image " + src},
				base: staticBase(seed, ref.url, pl.tk, ref.hash), render: copyFile(src)})
		}
		vs, urls := copies(ref, probe.info)
		if len(vs) > 0 {
			groups = append(groups, &copyGroup{src: src, probe: probe, vs: vs, urls: urls, taken: make([]bool, len(vs))})
		}
	}
	// Copies are made a whole image at a time, by whichever of its jobs
	// runs first. Jobs go out one image after another, with the rest of
	// an image's copies some places later, so that the workers resize
	// different images instead of waiting on each other.
	lag := runtime.GOMAXPROCS(0)
	for i := 0; i < len(groups)+lag; i++ {
		if i < len(groups) {
			pl.copyJob(groups[i], len(groups[i].vs)-1)
		}
		if j := i - lag; j >= 0 {
			for k := len(groups[j].vs) - 2; k >= 0; k-- {
				pl.copyJob(groups[j], k)
			}
		}
	}
}

// copyFile is job.render for a source file published as it is.
func copyFile(src string) func(st *state, w io.Writer) error {
	return func(st *state, w io.Writer) error {
		data, err := sources.ReadFile(st.fsys, src)
		w.Write(data)
		return err
	}
}

// resource publishes a file of a page bundle beside the briefing's page.
func (pl *planner) resource(b *site.Briefing, p string) {
	bl := pl.st.bl
	if probe := bl.probes[p]; probe != nil && probe.err != nil && strings.EqualFold(path.Ext(p), ".svg") {
		// An SVG is published as it is, at the site's origin: one that
		// could run a script fails the build, named.
		ie, _ := probe.err.(*images.Error)
		hint := "remove the scripts, event handlers and external references, or publish a PNG instead"
		if ie != nil && ie.Hint != "" {
			hint = ie.Hint
		}
		pl.diags = append(pl.diags, diag.Errorf(p, 0, "", hint, "%v", probe.err))
		return
	}
	pl.warnGPS(p)
	u := site.ResourceURL(b, strings.TrimPrefix(p, path.Dir(b.Path)+"/"))
	pl.add(&job{path: site.OutputPath(u), kind: "resource", owner: &pages.Owner{File: p, What: "file " + p + " of the page bundle " + b.Path},
		base: staticBase(bl.seed, u, pl.tk, bl.resources[p]), render: copyFile(p)})
}

// warnGPS warns about a published JPEG whose EXIF data records where it
// was taken: brief publishes originals as they are (only copies lose it).
func (pl *planner) warnGPS(p string) {
	if probe := pl.st.bl.probes[p]; probe != nil && probe.info.GPS {
		pl.diags = append(pl.diags, diag.Warnf(p, 0, "", "remove it from the file if it should not be public, e.g. exiftool -gps:all= "+path.Base(p),
			"the published original records a GPS position in its EXIF data (the resized copies do not)"))
	}
}

// copyJob adds the job of one resized copy. Its fingerprint is the
// image's content and the copy's size only: settings that change pages
// never cost a resize.
func (pl *planner) copyJob(g *copyGroup, i int) {
	v := g.vs[i]
	pl.add(&job{path: site.OutputPath(g.urls[i]), kind: "image", lazy: true,
		owner: &pages.Owner{File: g.src, What: fmt.Sprintf("the %d px copy of %s", v.Width, g.src)},
		base:  copyBase(pl.st.bl.seed, g.probe.sum, v),
		render: func(st *state, w io.Writer) error {
			data, err := g.take(st, i)
			if err != nil {
				return diag.Errorf(g.src, 0, "", "open and save it again in an image editor", "%v", err)
			}
			w.Write(data)
			return nil
		}})
}

// copyGroup makes the copies of one image together: one decode serves
// them all. The cache, when there is one, is asked first.
type copyGroup struct {
	src   string
	probe *imageProbe
	vs    []images.Variant
	urls  []string

	once  sync.Once
	mu    sync.Mutex
	out   [][]byte
	taken []bool
	err   error
}

// take returns copy i, made on first use, and lets go of it: each copy is
// taken once, by its job. A second take (a retried lazy file) makes the
// copies again.
func (g *copyGroup) take(st *state, i int) ([]byte, error) {
	g.once.Do(func() { g.out, g.err = g.make(st) })
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err != nil {
		return nil, g.err
	}
	if g.taken[i] {
		out, err := g.make(st)
		if err != nil {
			return nil, err
		}
		return out[i], nil
	}
	g.taken[i] = true
	data := g.out[i]
	g.out[i] = nil
	return data, nil
}

func (g *copyGroup) make(st *state) ([][]byte, error) {
	cache := st.opt.ImageCache
	out := make([][]byte, len(g.vs))
	keys := make([]string, len(g.vs))
	complete := cache != nil
	for i, v := range g.vs {
		keys[i] = images.Key(g.probe.sum, v)
		if cache != nil {
			if data, ok := cache.Get(keys[i]); ok {
				out[i] = data
				continue
			}
		}
		complete = false
	}
	if complete {
		return out, nil
	}
	src, err := sources.ReadFile(st.fsys, g.src)
	if err != nil {
		return nil, fmt.Errorf("resizing %s: %w", g.src, err)
	}
	info := g.probe.info
	if images.Sum(src) != g.probe.sum {
		// Changed since it was sized (a lazy copy asked for after an edit):
		// make what was planned from what is there; a rebuild follows.
		if info, err = images.Probe(g.src, src); err != nil {
			return nil, fmt.Errorf("resizing %s: %w", g.src, err)
		}
	}
	made, err := images.Make(src, info, g.vs)
	if err != nil {
		return nil, fmt.Errorf("resizing %s: %w", g.src, err)
	}
	for i := range out {
		if out[i] == nil {
			out[i] = made[i]
			if cache != nil {
				cache.Put(keys[i], made[i])
			}
		}
	}
	return out, nil
}
