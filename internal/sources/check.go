package sources

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unicode"
	"unicode/utf8"

	"brief/internal/diag"
)

// What the site folder may hold, and what it may not:
//
//   - regular files, and symbolic links to regular files inside the site
//     folder (the CLI reads the site through os.Root, so no link leads out);
//   - no named pipes, sockets or devices: opening a pipe waits for a writer,
//     so a FIFO named x.md would hang every build, check and rebuild;
//   - no symbolic links to folders: they are not followed (a link can loop,
//     or list the same briefings twice), and saying so beats dropping the
//     folder's files in silence;
//   - no names with control characters (a newline in a file name breaks
//     every URL, message and tool that lists it);
//   - no folder under content/ named like a briefing ("x.md").
//
// Each is an error naming the path, and the entry is left out.

// ReadFile reads the source file p of fsys after checking that it is a
// regular file (following a symbolic link), so that a named pipe or a
// device is refused instead of blocking the read.
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	return readInto(fsys, p, nil)
}

// readInto is ReadFile reading into buf's storage where it can.
func readInto(fsys fs.FS, p string, buf []byte) ([]byte, error) {
	if q, ok := fsys.(quickReader); ok {
		if data, ok := q.readSource(p, buf); ok {
			return data, nil
		}
	}
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: p, Mode: fi.Mode()}
	}
	return fs.ReadFile(fsys, p)
}

// quickReader is a file system with a quicker way to read a regular file
// (see FS), into buf's storage when it has room; false leaves the file to
// the usual way.
type quickReader interface {
	readSource(p string, buf []byte) ([]byte, bool)
	readAgain(p string, size int, buf []byte) ([]byte, bool)
}

// ReadPooled is ReadFile into a buffer that release gives back for the
// next read, for a caller done with the bytes at once: a one-shot build
// reads every source twice (front matter, then body) and keeps neither.
// Nothing may read data after release.
func ReadPooled(fsys fs.FS, p string) (data []byte, release func(), err error) {
	bp := buffers.Get().(*[]byte)
	data, err = readInto(fsys, p, (*bp)[:0])
	return data, giveBack(bp, data), err
}

// giveBack returns the release of data, read into the pooled buffer bp:
// the buffer goes back to the pool with data's storage, unless it grew
// too large to keep.
func giveBack(bp *[]byte, data []byte) func() {
	return func() {
		if cap(data) <= maxPooled {
			*bp = data[:0]
			buffers.Put(bp)
		}
	}
}

// ReadAgain is ReadPooled for a source that a one-shot build read before,
// when it was size bytes long (0: not known). A regular file reads short
// only at its end, so one read that returns size bytes into room for one
// more has read all of it: a BuildFS (see there) then needs neither the
// listing's word nor a stat (2 of the 6 calls). A file of another length
// now, or that is not a regular file any more, is read again the usual
// way, with the usual checks and errors.
func ReadAgain(fsys fs.FS, p string, size int) (data []byte, release func(), err error) {
	if q, ok := fsys.(quickReader); ok && size > 0 {
		bp := buffers.Get().(*[]byte)
		if data, ok := q.readAgain(p, size, (*bp)[:0]); ok {
			return data, giveBack(bp, data), nil
		}
		buffers.Put(bp)
	}
	return ReadPooled(fsys, p)
}

// buffers hold sources being read; a file larger than maxPooled is not
// kept for the next.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

const maxPooled = 1 << 20

// NotRegularError is a source that is not a regular file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string { return e.Path + " " + describe(e.Mode) }

// ReadProblem turns an error reading the source rel into a diagnostic with
// a hint; field and line are left for the caller to fill in when they apply.
func ReadProblem(rel string, err error) diag.Diagnostic {
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return special(rel, nr.Mode)
	}
	return diag.Errorf(rel, 0, "", "make it a readable regular file inside the site folder", "cannot read: %v", err)
}

func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		return "is a device, not a regular file"
	case m.IsDir():
		return "is a folder, not a file"
	}
	return "is not a regular file"
}

func special(rel string, m fs.FileMode) diag.Diagnostic {
	return diag.Errorf(Display(rel), 0, "", "replace it with a regular file, or move it out of the site folder", "%s", describe(m))
}

// Display is a path as messages show it: as it is, or quoted with Go
// escapes when it holds control characters or bytes that are not UTF-8,
// so that a message is always one readable line.
func Display(rel string) string {
	if badName(rel) {
		return strconv.Quote(rel)
	}
	return rel
}

func badName(s string) bool {
	return !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl)
}

// inspect decides about one entry of a walk of the site: whether it is a
// file to read, a folder to walk into, or neither, with the problem when
// it should have been one of them. rel is its path relative to the site
// folder; p its path in fsys. source says whether a file at rel would be a
// source: only sources are reported, so that a pipe named notes.txt in
// content/, which no build reads, is no error.
func inspect(fsys fs.FS, p, rel string, d fs.DirEntry, source func(rel string) bool) (file, folder bool, prob *diag.Diagnostic) {
	name := d.Name()
	if d.IsDir() {
		if badName(name) {
			return false, false, nameProblem(rel, name, "folder")
		}
		if under(rel, ContentDir) && rel != ContentDir && strings.HasSuffix(name, ".md") {
			d := diag.Errorf(rel, 0, "", "rename the folder: only files ending in .md are briefings", "is a folder, not a Markdown file")
			return false, true, &d
		}
		return false, true, nil
	}
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := fs.Stat(fsys, p)
		switch {
		case err == nil && fi.IsDir():
			d := diag.Errorf(Display(rel), 0, "", "move the folder into the site, or link each file instead",
				"is a symbolic link to a folder, which brief does not follow")
			return false, false, &d
		case err == nil:
			mode = fi.Mode()
		case !source(rel):
			return false, false, nil
		case errors.Is(err, syscall.ELOOP):
			d := diag.Errorf(Display(rel), 0, "", "point the link at a file, or remove it", "is a symbolic link loop")
			return false, false, &d
		case errors.Is(err, fs.ErrNotExist):
			d := diag.Errorf(Display(rel), 0, "", "restore the file it points to, or remove the link", "is a symbolic link to a missing file")
			return false, false, &d
		case strings.Contains(err.Error(), "escapes"):
			d := diag.Errorf(Display(rel), 0, "", "copy the file into the site folder instead of linking to it", "is a symbolic link to outside the site folder")
			return false, false, &d
		default:
			d := ReadProblem(Display(rel), err)
			return false, false, &d
		}
	}
	if !source(rel) {
		return false, false, nil
	}
	if badName(name) {
		return false, false, nameProblem(rel, name, "file")
	}
	if !mode.IsRegular() {
		d := special(rel, mode)
		return false, false, &d
	}
	return true, false, nil
}

func nameProblem(rel, name, what string) *diag.Diagnostic {
	var r rune
	if !utf8.ValidString(name) {
		d := diag.Errorf(Display(rel), 0, "", "rename the "+what+" in UTF-8", "%s name is not valid UTF-8", what)
		return &d
	}
	for _, c := range name {
		if unicode.IsControl(c) {
			r = c
			break
		}
	}
	d := diag.Errorf(Display(rel), 0, "", "rename the "+what+" without it", "%s name contains the control character %U", what, r)
	return &d
}

// walk lists the files under top in fsys that are sources (source says
// which), sorted, with the problems of the entries it left out. rel maps a
// path in fsys to its path relative to the site folder.
func walk(fsys fs.FS, top string, rel func(string) string, source func(string) bool) ([]string, diag.List, error) {
	var out []string
	probs, err := walkEntries(fsys, top, rel, source, func(p string, _ fs.DirEntry) { out = append(out, p) })
	return out, probs, err
}

// walkEntries calls file for each source file that walk lists, in the
// order fs.WalkDir visits them.
func walkEntries(fsys fs.FS, top string, rel func(string) string, source func(string) bool, file func(p string, d fs.DirEntry)) (diag.List, error) {
	var probs diag.List
	err := fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == top {
				return fs.SkipDir
			}
			return err
		}
		r := rel(p)
		if p != top && Skipped(r, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == top {
			if !d.IsDir() {
				probs = append(probs, diag.Errorf(Display(r), 0, "", "make it a folder, or remove it", "is not a folder"))
			}
			return nil
		}
		isFile, folder, prob := inspect(fsys, p, r, d, source)
		if prob != nil {
			probs = append(probs, *prob)
		}
		switch {
		case isFile:
			file(p, d)
		case d.IsDir() && !folder:
			return fs.SkipDir
		}
		return nil
	})
	return probs, err
}

// WalkLayouts lists the files of a layouts folder (fsys rooted at it),
// sorted, with the problems of the entries it left out, named as
// layouts/... paths.
func WalkLayouts(fsys fs.FS) ([]string, diag.List, error) {
	return walk(fsys, ".", func(p string) string { return path.Join(LayoutsDir, p) }, func(string) bool { return true })
}
