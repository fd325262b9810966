// Package sources defines the site's file layout: which files under a site
// folder are its sources, and which part of the site each belongs to. The
// watcher and the build both ask it, so a file the build reads is always a
// file the watcher reports, and the other way round.
package sources

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"brief/internal/diag"
)

// ConfigFile is the site's configuration, at the root of the site folder.
const ConfigFile = "site.toml"

// The site's top folders. Nothing else under the site folder is a source.
const (
	ContentDir = "content" // briefings: Markdown files
	LayoutsDir = "layouts" // templates, and assets/ copied to the site root
	StaticDir  = "static"  // files copied to the site root as they are
)

// AssetsDir holds a theme's files that are copied to the site root.
const AssetsDir = LayoutsDir + "/assets"

// TopFolders lists the top folders, sorted.
var TopFolders = []string{ContentDir, LayoutsDir, StaticDir}

// Kind says which part of the site a source belongs to.
type Kind int

const (
	Content  Kind = iota // a briefing under content/
	Layout               // a template or theme asset under layouts/
	Static               // a file under static/
	Config               // site.toml
	Resource             // any other file under content/: a page bundle's file, or an image a briefing shows
)

func (k Kind) String() string {
	switch k {
	case Content:
		return "content"
	case Layout:
		return "layout"
	case Static:
		return "static"
	case Config:
		return "config"
	case Resource:
		return "resource"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Change is one source that was created, written, renamed or removed; the
// reader re-reads Path to learn whether it still exists.
type Change struct {
	Path string // slash-separated, relative to the site folder: "content/briefings/x.md"
	Kind Kind
}

// Classify says which part of the site the slash-separated path rel
// (relative to the site folder) belongs to. It returns false for anything
// that is not a source: files outside the top folders, editor droppings,
// and hidden names where they are not published.
func Classify(rel string) (Kind, bool) {
	if rel == ConfigFile {
		return Config, true
	}
	top, rest, _ := strings.Cut(rel, "/")
	var k Kind
	switch top {
	case ContentDir:
		k = Content
	case LayoutsDir:
		k = Layout
	case StaticDir:
		k = Static
	default:
		return 0, false
	}
	if rest == "" {
		return k, true // the top folder itself
	}
	dir, name := path.Split(rel)
	if Skipped(strings.TrimSuffix(dir, "/"), true) || Skipped(rel, false) {
		return 0, false
	}
	if k == Content && !strings.HasSuffix(name, ".md") {
		return Resource, true
	}
	return k, true
}

// BundleIndex names the file that makes its folder a page bundle: one
// briefing whose slug is the folder's name, with every other file in the
// folder (sub-folders included) published beside its page.
const BundleIndex = "index.md"

// IsBundleIndex reports whether the content file p is a page bundle's
// index.md, or a translation's index.LANG.md (see FileLanguage).
// content/index.md is not: content/ itself is no bundle.
func IsBundleIndex(p string) bool {
	_, base, _ := FileLanguage(p)
	return strings.HasSuffix(base, "/"+BundleIndex) && base != ContentDir+"/"+BundleIndex && under(p, ContentDir)
}

// Bundles maps every content file that lies in a page bundle, other than
// the bundle's index.md, to that index.md. When bundles nest, a file
// belongs to the outermost (a bundle inside a bundle is an error the build
// reports: its index.md is then a file of the outer one). files are
// slash-separated paths relative to the site folder.
func Bundles(files []string) map[string]string {
	dirs := map[string]bool{}
	for _, p := range files {
		if IsBundleIndex(p) {
			dirs[path.Dir(p)] = true
		}
	}
	out := map[string]string{}
	if len(dirs) == 0 {
		return out
	}
	for _, p := range files {
		outer := ""
		for d := path.Dir(p); d != ContentDir && d != "." && d != "/"; d = path.Dir(d) {
			if dirs[d] {
				outer = d
			}
		}
		if outer != "" && !(path.Dir(p) == outer && IsBundleIndex(p)) {
			out[p] = outer + "/" + BundleIndex
		}
	}
	return out
}

// Skipped reports whether the file or folder rel (slash-separated, relative
// to the site folder) is left out of the site, folders with everything in
// them. Editor and system droppings and version-control folders are never
// sources. Hidden names (".x") are sources only where files are copied to
// the site as they are: static/ and layouts/assets/ publish .well-known/
// and .htaccess; in content/ and among templates they are left out.
func Skipped(rel string, dir bool) bool {
	keepHidden := under(rel, StaticDir) || under(rel, AssetsDir)
	for i := 0; ; i++ { // each name of rel, without a list of them: every file of a site asks
		name, rest, more := strings.Cut(rel, "/")
		last := !more
		switch {
		case name == ".git" || name == ".hg" || name == ".svn":
			return true
		case last && !dir && IsDropping(name):
			return true
		case strings.HasPrefix(name, ".") && !keepHidden && i > 0:
			return true
		}
		if last {
			return false
		}
		rel = rest
	}
}

func under(rel, dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }

// droppingSuffixes end the names of editor backup, swap and temporary files.
var droppingSuffixes = []string{
	"~",                     // vim, emacs and many others: backup
	".swp", ".swx", ".swpx", // vim swap files
	".tmp", ".bck",
	"___jb_tmp___", "___jb_old___", // JetBrains "safe write"
}

// IsDropping reports a file name that editors and operating systems leave
// behind and that is never a site file.
func IsDropping(name string) bool {
	switch {
	case name == "" || name == ".DS_Store" || name == "Thumbs.db":
		return true
	case strings.HasPrefix(name, ".#"): // emacs lock
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	}
	for _, s := range droppingSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return vimProbe(name)
}

// vimProbe reports vim's "can I write here" probe file: it creates 4913, or
// 4913+123, 4913+246, ... when that name is taken, and removes it at once.
func vimProbe(name string) bool {
	// Only digits can be one: other names are not parsed (a failed parse
	// makes an error, for every file of a site).
	if len(name) < 4 || name[0] == '0' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0 && name == strconv.Itoa(n)
}

// Walk lists the sources under the top folder top ("content", "static"...),
// sorted; a missing folder has none. Folders are walked; what cannot be a
// source (a named pipe, a symbolic link to a folder, a name with control
// characters: see check.go) is left out and comes back as a problem.
func Walk(fsys fs.FS, top string) ([]string, diag.List, error) {
	files, probs, err := walk(fsys, top, func(p string) string { return p }, isSource)
	slices.Sort(files)
	return files, probs, err
}

func isSource(rel string) bool {
	_, ok := Classify(rel)
	return ok
}

// WalkInfo is Walk with what the walk saw of each file: the FileInfo of
// a regular file, nil for a symbolic link (whose own metadata says
// nothing of its target's content). A caller may trust an unchanged
// FileInfo where reading every file again would cost more (see
// internal/build's build cache).
func WalkInfo(fsys fs.FS, top string) ([]string, map[string]fs.FileInfo, diag.List, error) {
	var files []string
	infos := map[string]fs.FileInfo{}
	probs, err := walkEntries(withInfo(fsys), top, func(p string) string { return p }, isSource, func(p string, d fs.DirEntry) {
		files = append(files, p)
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() {
				infos[p] = fi
			}
		}
	})
	slices.Sort(files)
	return files, infos, probs, err
}
