package export

import (
	"io"

	"brief/internal/site"
)

// Entries is a data file cut where its briefings' entries begin and end:
// a head, each briefing's entry (Append), Sep between two entries and a
// tail; a file of no briefings is Empty. Each entry depends on its
// briefing and the configuration alone, so a build that keeps how the
// file was cut can make it again from its last bytes, making only the
// entries of the briefings that changed (see internal/build's splice).
type Entries struct {
	Head, Sep, Tail, Empty []byte
	// Append appends b's entry to dst: no bytes for a briefing that has
	// none (a CSV row is a funding figure).
	Append func(dst []byte, b *site.Briefing) []byte
}

// WriteAll writes the whole file of bs.
func (e *Entries) WriteAll(out io.Writer, bs []*site.Briefing) error {
	if len(bs) == 0 {
		_, err := out.Write(e.Empty)
		return err
	}
	if _, err := out.Write(e.Head); err != nil {
		return err
	}
	var entry []byte
	for i, b := range bs {
		entry = entry[:0]
		if i > 0 {
			entry = append(entry, e.Sep...)
		}
		entry = e.Append(entry, b)
		if _, err := out.Write(entry); err != nil {
			return err
		}
	}
	_, err := out.Write(e.Tail)
	return err
}
