package build

import (
	"hash/maphash"
	"strconv"
	"time"
)

// hasher builds fingerprints. A fixed seed keeps fingerprints comparable
// across the rebuilds of one process; they are never written out.
type hasher struct{ h maphash.Hash }

func newHasher(seed maphash.Seed) *hasher {
	x := &hasher{}
	x.h.SetSeed(seed)
	return x
}

func (x *hasher) str(ss ...string) *hasher {
	for _, s := range ss {
		x.h.WriteString(s)
		x.h.WriteByte(0)
	}
	return x
}

func (x *hasher) num(ns ...uint64) *hasher {
	for _, n := range ns {
		var b [8]byte
		for i := range b {
			b[i] = byte(n >> (8 * i))
		}
		x.h.Write(b[:])
	}
	return x
}

func (x *hasher) int(n int) *hasher { return x.num(uint64(n)) }

func (x *hasher) time(t time.Time) *hasher {
	if t.IsZero() {
		return x.str("")
	}
	return x.str(t.Format(time.RFC3339Nano))
}

func (x *hasher) bytes(b []byte) *hasher {
	x.h.Write(b)
	x.h.WriteByte(0)
	return x
}

func (x *hasher) sum() uint64 { return x.h.Sum64() }

func (x *hasher) bool(b bool) *hasher { return x.str(strconv.FormatBool(b)) }
