package export

import (
	"time"
	"unsafe"

	"brief/internal/config"
	"brief/internal/site"
)

// text holds the strings one entry of a data file makes (its URL and
// dates), for the next entry to make its own in: an entry is appended to
// the file before the next is made, and nothing keeps its strings. A nil
// text makes strings of their own (a whole document in memory). At
// 100,000 briefings they were 24 MB of the data files' allocations.
type text struct{ b []byte }

// reset starts the strings of the next entry: the last entry's are gone.
func (t *text) reset() {
	if t != nil {
		t.b = t.b[:0]
	}
}

// absURL is site.AbsURL(cfg, p).
func (t *text) absURL(cfg *config.Config, p string) string {
	if t == nil {
		return site.AbsURL(cfg, p)
	}
	start := len(t.b)
	t.b = site.AppendAbsURL(t.b, cfg, p)
	return t.since(start)
}

// date is tm.Format(layout).
func (t *text) date(tm time.Time, layout string) string {
	if t == nil {
		return tm.Format(layout)
	}
	start := len(t.b)
	t.b = tm.AppendFormat(t.b, layout)
	return t.since(start)
}

// since is what the text holds from start on, as a string: it stays as it
// is while the entry is made (appending past the text's room moves what
// comes next, not what was made).
func (t *text) since(start int) string {
	return unsafe.String(unsafe.SliceData(t.b[start:]), len(t.b)-start)
}
