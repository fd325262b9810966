package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DestinationError says why brief will not build into a folder. Nothing has
// been written or removed when it is returned.
type DestinationError struct {
	Dir    string // the destination as the user named it
	Reason string
	Hint   string
	What   string // "destination" when empty, or "cache"
}

func (e *DestinationError) Error() string {
	what := e.What
	if what == "" {
		what = "destination"
	}
	return fmt.Sprintf("%s %s: %s (hint: %s)", what, e.Dir, e.Reason, e.Hint)
}

// CheckDestination refuses a destination that would destroy sources: the
// site folder itself, a folder containing it, and anything inside its
// content/, layouts/ or static/ folders, or containing them; and the root
// or a home folder. Symbolic links are resolved first, so a linked source
// or destination cannot hide that two paths are one folder.
func CheckDestination(source, dest string) error {
	dst, err := realPath(dest)
	if err != nil {
		return destError(dest, err)
	}
	if err := checkSpecial(dest, dst); err != nil {
		return err
	}
	src, err := realPath(source)
	if err != nil {
		return err
	}
	refuse := func(reason string) error {
		return &DestinationError{Dir: dest, Reason: reason + "; brief would replace its own sources",
			Hint: "choose a new folder such as " + filepath.Join(source, "public")}
	}
	switch {
	case dst == src:
		return refuse("the site folder itself")
	case within(src, dst):
		return refuse("contains the site folder " + src)
	}
	for _, name := range []string{"content", "layouts", "static"} {
		real, err := realPath(filepath.Join(src, name))
		if err != nil {
			return err
		}
		switch {
		case within(dst, real):
			return refuse("inside the site's " + name + "/ folder")
		case within(real, dst):
			return refuse("contains the site's " + name + "/ folder (" + real + ")")
		}
	}
	return nil
}

// checkSpecial refuses the folders no build may ever replace, whatever is
// in them: the root of the file system, and the home folder or one that
// contains it.
func checkSpecial(shown, dst string) error {
	if filepath.Dir(dst) == dst {
		return &DestinationError{Dir: shown, Reason: "the root of the file system; brief never builds into it",
			Hint: "choose a new folder such as ./public"}
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return nil
	}
	if real, err := realPath(home); err == nil {
		home = real
	}
	switch {
	case dst == home:
		return &DestinationError{Dir: shown, Reason: "your home folder; brief never builds into it",
			Hint: "choose a new folder inside it, such as " + filepath.Join(home, "public")}
	case within(home, dst):
		return &DestinationError{Dir: shown, Reason: "contains your home folder " + home + "; brief never builds into it",
			Hint: "choose a new folder such as " + filepath.Join(home, "public")}
	}
	return nil
}

// realPath makes p absolute and resolves every symbolic link in it. The
// part of p that does not exist yet is kept as written, so a destination
// can be checked before it is made.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var missing []string
	for {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if info, lerr := os.Lstat(abs); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(abs)
			return "", &danglingError{link: abs, target: target}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(append([]string{abs}, missing...)...), nil
		}
		missing = append([]string{filepath.Base(abs)}, missing...)
		abs = parent
	}
}

// danglingError is a symbolic link whose target does not exist.
type danglingError struct{ link, target string }

func (e *danglingError) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, which does not exist", e.link, e.target)
}

// destError turns a failure to look at the destination into a message
// about the destination.
func destError(shown string, err error) error {
	var d *danglingError
	if errors.As(err, &d) {
		return &DestinationError{Dir: shown, Reason: "a symbolic link to " + d.target + ", which does not exist",
			Hint: "point the link at a folder, or choose an empty or new folder"}
	}
	return fmt.Errorf("destination %s: %w (hint: check that the folder above it exists and is readable)", shown, err)
}

// within reports whether p is dir or lies inside it (both clean, absolute).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// checkFolder refuses to replace dest (real, the path as named in shown)
// unless it is missing, empty, or brief's own output holding nothing else.
// A folder an older brief made, without a marker, is recognised by the files
// every build writes, and accepted when each of its files is one this build
// wrote again. Before the build (written nil) only what is cheap to see is
// checked: the full walk of dest is done once, at Commit, and what it saw
// is kept in seen for removing the previous output after the swap.
func checkFolder(shown, dest string, written func() map[string]bool, seen *tree) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return destError(shown, err)
	}
	if !info.IsDir() {
		return &DestinationError{Dir: shown, Reason: "a file, not a folder; brief writes a site into a folder",
			Hint: "choose an empty or new folder"}
	}
	owned, marked, err := readMarker(dest)
	if err != nil {
		return destError(shown, err)
	}
	if marked && written == nil {
		return nil
	}
	if marked {
		foreign, err := foreignFiles(dest, func(p string) bool { return owned[p] }, 0, seen)
		if err != nil {
			return destError(shown, err)
		}
		if len(foreign) > 0 {
			return &DestinationError{Dir: shown,
				Reason: fmt.Sprintf("holds %s brief did not write (%s); brief only replaces files it wrote itself", files(len(foreign)), sample(foreign)),
				Hint:   "move them out of " + shown + ", or into static/ to publish them with the site"}
		}
		return nil
	}
	if found, err := foreignFiles(dest, func(string) bool { return false }, 1, nil); err != nil {
		return destError(shown, err)
	} else if len(found) == 0 {
		return nil // empty, or only clutter
	}
	if !looksLikeOldOutput(dest) {
		return &DestinationError{Dir: shown,
			Reason: "not empty and not made by brief (it has no " + MarkerName + " file); brief only replaces a folder it made itself",
			Hint:   "choose an empty or new folder, or remove " + shown + " yourself if nothing in it is needed"}
	}
	if written == nil {
		return nil
	}
	wrote := written()
	left, err := foreignFiles(dest, func(p string) bool { return wrote[p] }, 0, seen)
	if err != nil {
		return destError(shown, err)
	}
	if len(left) > 0 {
		return &DestinationError{Dir: shown,
			Reason: fmt.Sprintf("not made by brief (it has no %s file) and holds %s this build would not write again (%s); brief only replaces a folder it made itself",
				MarkerName, files(len(left)), sample(left)),
			Hint: "remove " + shown + " yourself if it is an older brief output, or choose an empty or new folder"}
	}
	return nil
}

// looksLikeOldOutput reports whether dir holds the files every brief build
// writes at its root, as a brief from before markers left them.
func looksLikeOldOutput(dir string) bool {
	for _, name := range []string{"index.html", "404.html", "sitemap.xml"} {
		info, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// stagingPrefix starts the names of the folders a build into dest makes
// beside it: the staging folder, and the previous output moved aside.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".staging-" }

// tidyLeftovers removes what interrupted builds left beside dest. When dest
// itself is missing because a build stopped between the two renames of its
// swap, the previous output is put back first, so it stays intact even if
// the next build fails.
func tidyLeftovers(dest string) error {
	parent, prefix := filepath.Dir(dest), stagingPrefix(dest)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var left []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			left = append(left, filepath.Join(parent, e.Name()))
		}
	}
	if len(left) == 0 {
		return nil
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		for _, l := range left {
			if strings.HasSuffix(l, ".old") && os.Rename(l, dest) == nil {
				break
			}
		}
	}
	for _, l := range left {
		if err := os.RemoveAll(l); err != nil {
			return fmt.Errorf("removing %s, left by an interrupted build: %w (hint: remove it by hand)", l, err)
		}
	}
	return nil
}

// CheckCache refuses a cache folder (brief build --cache) that is, holds or
// lies inside the output folder, or that CheckDestination would refuse as
// an output: a build writes and prunes its cache as it does its output.
func CheckCache(source, dest, cache string) error {
	if err := CheckDestination(source, cache); err != nil {
		var d *DestinationError
		if errors.As(err, &d) {
			return &DestinationError{Dir: cache, Reason: d.Reason, Hint: "choose a folder of its own, such as " + filepath.Join(source, ".brief-cache"), What: "cache"}
		}
		return err
	}
	c, err := realPath(cache)
	if err != nil {
		return err
	}
	d, err := realPath(dest)
	if err != nil {
		return err
	}
	refuse := func(reason string) error {
		return &DestinationError{Dir: cache, Reason: reason, What: "cache",
			Hint: "keep the cache out of the output, which is published: " + filepath.Join(source, ".brief-cache") + " for example"}
	}
	switch {
	case within(c, d):
		return refuse("inside the output folder " + dest)
	case within(d, c):
		return refuse("contains the output folder " + dest)
	}
	return nil
}
