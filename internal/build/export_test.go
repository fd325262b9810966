package build

import (
	"io/fs"
	"time"

	"brief/internal/binenc"
)

// SetStatWindow sets how recent a source's times may be for a build cache
// to record its metadata (see fileStat): tests write files and build again
// within the default window.
func SetStatWindow(bl *Builder, d time.Duration) { bl.statWindow = d }

// OnSave sets a function that receives the whole state each save of bl
// stands for, whether it writes it whole or appends to the journal.
func OnSave(bl *Builder, fn func(state []byte)) { bl.onSave = fn }

// RestoredState restores c into a new Builder and returns the whole state
// it holds, as OnSave gives it: the journal replayed.
func RestoredState(theme, fsys fs.FS, c Cache, opt Options) ([]byte, error) {
	bl := New(theme)
	if _, err := bl.Restore(fsys, c, opt); err != nil {
		return nil, err
	}
	w := &binenc.Writer{}
	bl.encodeChanges(w, bl.allChanges(bl.saved.id), bl.saved.loc)
	return w.Buf, nil
}

// SearchResumed says how many search indexes bl resumed from a build
// cache's state (search.Indexer.Resume) rather than made again.
func SearchResumed(bl *Builder) int { return bl.resumed }

// EntryFiles says how many files of entries (the data files) bl made again
// in incremental builds with a build cache that had a table of how they
// were cut, and how many of those it spliced into their last bytes.
func EntryFiles(bl *Builder) (made, spliced int64) { return bl.entryFiles.Load(), bl.spliced.Load() }

// SearchDocs says how many documents bl made to check or make search
// entries.
func SearchDocs(bl *Builder) int64 { return bl.searchDocs.Load() }

// SetLargeOutput sets the size above which bl keeps an output's size.
func SetLargeOutput(bl *Builder, n int) { bl.largeOutput = n }

// OutputSize says how many bytes making the output at path took, as bl
// knows it (0: unknown).
func OutputSize(bl *Builder, path string) int { return bl.out[path].size }
