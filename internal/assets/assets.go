// Package assets resolves the files a theme refers to (stylesheets, scripts,
// images, from the theme's assets/ and the site's static/) to the URLs pages
// use. In a published build, CSS and JS are minified and served under a
// name that contains a hash of their content, in a folder (Dir) whose files
// never change and so can be cached for a year, and pages load them with
// Subresource Integrity.
package assets

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"image"
	_ "image/gif" // image sizes of GIF, JPEG and PNG files
	_ "image/jpeg"
	_ "image/png"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Dir is the folder of fingerprinted files, site-relative. Every file in it
// has a content hash in its name: netlify.toml caches it as immutable.
const Dir = "_assets"

// Asset is one file as pages refer to it.
type Asset struct {
	Path          string // "css/brief.css": the path in static/ or in the theme's assets/
	URL           string // the site path it is served at: "/_assets/css/brief.1a2b3c4d5e.css", or "/css/brief.css"
	Integrity     string // "sha384-…" of the served bytes; empty unless fingerprinted
	Width, Height int    // of an image whose size was asked for; 0 otherwise
}

// Source is one file that pages may refer to.
type Source struct {
	Path string // "css/brief.css"
	Hash uint64 // changes whenever the content does
	Read func() ([]byte, error)
}

// Options say how to publish.
type Options struct {
	// Fingerprint publishes CSS and JS minified under hashed names in Dir.
	Fingerprint bool
	// BasePath is the site's base path ("/" or "/policy/"): relative url()s
	// in a stylesheet that moves to Dir are rewritten to absolute paths.
	BasePath string
	// Minify shrinks a file by the type its path names.
	Minify func(path string, data []byte) []byte
	// Sizes lists images whose pixel size pages need (share images, logos).
	Sizes []string
}

// Output is a fingerprinted file to publish.
type Output struct {
	Path string // "_assets/css/brief.1a2b3c4d5e.css"
	Data []byte
}

// Manifest maps asset paths to how pages refer to them.
type Manifest struct {
	assets  map[string]Asset
	Outputs []Output // sorted by path
	Hash    uint64   // changes whenever any URL, integrity or size does
}

// Cache keeps the work of the last build: files whose content and options
// are unchanged are not minified and hashed again.
type Cache struct{ entries map[string]cached }

type cached struct {
	key   string
	asset Asset
	out   *Output
}

// Build resolves every source. Sources later in the list replace earlier
// ones of the same path (the site's static/ over the theme's assets/).
func Build(srcs []Source, opt Options, cache *Cache) (*Manifest, error) {
	byPath := map[string]Source{}
	for _, s := range srcs {
		byPath[strings.TrimPrefix(s.Path, "/")] = s
	}
	if cache.entries == nil {
		cache.entries = map[string]cached{}
	}
	sizes := map[string]bool{}
	for _, p := range opt.Sizes {
		sizes[strings.TrimPrefix(p, "/")] = true
	}
	m := &Manifest{assets: make(map[string]Asset, len(byPath))}
	fresh := map[string]cached{}
	h := fnv.New64a()
	for _, p := range slices.Sorted(maps.Keys(byPath)) {
		src := byPath[p]
		key := fmt.Sprint(src.Hash, opt.Fingerprint, opt.BasePath, sizes[p])
		c, ok := cache.entries[p]
		if !ok || c.key != key {
			var err error
			c, err = resolve(p, src, opt, sizes[p])
			if err != nil {
				return nil, err
			}
			c.key = key
		}
		fresh[p] = c
		m.assets[p] = c.asset
		if c.out != nil {
			m.Outputs = append(m.Outputs, *c.out)
		}
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%d\x00", p, c.asset.URL, c.asset.Integrity, c.asset.Width, c.asset.Height)
	}
	cache.entries = fresh
	m.Hash = h.Sum64()
	slices.SortFunc(m.Outputs, func(a, b Output) int { return strings.Compare(a.Path, b.Path) })
	return m, nil
}

func resolve(p string, src Source, opt Options, wantSize bool) (cached, error) {
	c := cached{asset: Asset{Path: p, URL: "/" + p}}
	ext := path.Ext(p)
	fingerprint := opt.Fingerprint && (ext == ".css" || ext == ".js")
	if !fingerprint && !wantSize {
		return c, nil
	}
	data, err := src.Read()
	if err != nil {
		return c, fmt.Errorf("%s: %w", p, err)
	}
	if wantSize {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			c.asset.Width, c.asset.Height = cfg.Width, cfg.Height
		}
	}
	if !fingerprint {
		return c, nil
	}
	if ext == ".css" {
		data = rewriteURLs(data, p, opt.BasePath)
	}
	if opt.Minify != nil {
		data = opt.Minify(p, data)
	}
	data = bytes.Clone(data) // the minifier's buffer may be reused
	sum := sha256.Sum256(data)
	stem := strings.TrimSuffix(p, ext)
	out := &Output{Path: Dir + "/" + stem + "." + hex.EncodeToString(sum[:5]) + ext, Data: data}
	sri := sha512.Sum384(data)
	c.asset.URL = "/" + out.Path
	c.asset.Integrity = "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
	c.out = out
	return c, nil
}

// Lookup finds an asset by its path in static/ or the theme's assets/.
func (m *Manifest) Lookup(p string) (Asset, error) {
	a, ok := m.assets[strings.TrimPrefix(p, "/")]
	if !ok {
		return Asset{}, fmt.Errorf("asset %q: no such file in static/ or in the theme's assets/", p)
	}
	return a, nil
}

// cssURL finds url(...) references, quoted or not.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)

// rewriteURLs makes a stylesheet's relative url()s absolute, since the
// stylesheet is served from another folder than the files it names.
func rewriteURLs(css []byte, p, base string) []byte {
	dir := path.Dir("/" + p)
	return cssURL.ReplaceAllFunc(css, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		ref := string(sub[1]) + string(sub[2]) + string(sub[3])
		if ref == "" || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:") || strings.Contains(ref, ":") {
			return m
		}
		suffix := ""
		if i := strings.IndexAny(ref, "?#"); i >= 0 {
			ref, suffix = ref[:i], ref[i:]
		}
		abs := strings.TrimSuffix(base, "/") + path.Join(dir, ref) + suffix
		return []byte("url(" + strconv.Quote(abs) + ")")
	})
}
