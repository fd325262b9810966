// Package buildcache is the folder of brief build --cache DIR: images/
// keeps resized copies of images (internal/imagecache), and build/state
// the Builder's state for the next process (build.Cache, see
// internal/build/cache.go). The state file starts with the version of
// brief that wrote it: another version's state is ignored, never read.
// Deleting the folder is always safe.
package buildcache

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"

	"github.com/cespare/xxhash/v2"

	"brief/internal/imagecache"
)

// Folder is an open cache folder.
type Folder struct {
	root, version string
	Images        *imagecache.Dir
}

// Open makes the folder if needed. version names the program that uses
// it (see Version).
func Open(root, version string) (*Folder, error) {
	images, err := imagecache.Open(filepath.Join(root, "images"))
	if err != nil {
		return nil, err
	}
	return &Folder{root: root, version: version, Images: images}, nil
}

func (f *Folder) statePath() string { return filepath.Join(f.root, "build", "state") }

func (f *Folder) header() string { return "brief build cache " + strconv.Quote(f.version) + "\n" }

// ErrOtherVersion is Load's error for a state another brief wrote.
var ErrOtherVersion = errors.New("written by another version of brief")

// Load returns the saved state, or nil when there is none.
func (f *Folder) Load() ([]byte, error) {
	data, err := os.ReadFile(f.statePath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(f.header()))
	if !ok {
		return nil, ErrOtherVersion
	}
	return rest, nil
}

// Save replaces the saved state, whole or not at all.
func (f *Folder) Save(state []byte) error {
	return imagecache.WriteFile(f.statePath(), []byte(f.header()), state)
}

// Append adds data to the end of the saved state (the build's journal of
// changes, see build.Cache). An append cut short leaves a state that the
// build finds damaged, and ignores.
func (f *Folder) Append(data []byte) error {
	file, err := os.OpenFile(f.statePath(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return err
}

// Version names this build of brief: its module version and Go version,
// and a hash of its executable, so that a brief built from other code
// (a development build has no version of its own) never reads this one's
// state.
func Version() string {
	v := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Path + "@" + bi.Main.Version + " " + bi.GoVersion
	}
	exe, err := os.Executable()
	if err != nil {
		return v
	}
	file, err := os.Open(exe)
	if err != nil {
		return v
	}
	defer file.Close()
	h := xxhash.New()
	if _, err := io.Copy(h, file); err != nil {
		return v
	}
	return fmt.Sprintf("%s %016x", v, h.Sum64())
}
