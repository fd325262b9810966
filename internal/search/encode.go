package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"runtime"
	"sync"

	"github.com/cespare/xxhash/v2"
)

func appendUvarint(buf []byte, v uint64) []byte { return binary.AppendUvarint(buf, v) }

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// contentName names a file by its content, so a browser may cache it for
// good: 12 hex digits of its SHA-256.
func contentName(raw []byte) string {
	h := sha256.Sum256(raw)
	return hex.EncodeToString(h[:6])
}

// sum is a quick fingerprint of a file's bytes for the build's change
// tracking (xxHash: FNV, a byte at a time, cost a fifth of analysing a
// briefing, its fragment being most of its bytes). A build cache keeps
// these: changing the function needs a new format of its state.
func sum(data []byte) uint64 { return xxhash.Sum64(data) }

// smallGzip compresses chunks and filter sets, the bytes of every query.
var smallGzip = newGzipPool(4)

func newGzipPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level) // a valid level cannot fail
		return w
	}}
}

// gzipBytes compresses the index's files: the browser inflates them itself
// (DecompressionStream), so they travel compressed whatever the host does.
// The header carries no name and no time, so the bytes are reproducible.
func gzipBytes(raw []byte, pool *sync.Pool) []byte {
	buf := gzipped.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Grow(len(raw)/2 + 64)
	w := pool.Get().(*gzip.Writer)
	w.Reset(buf)
	w.Write(raw)
	w.Close()
	pool.Put(w)
	out := bytes.Clone(buf.Bytes()) // without the buffer's spare room: the index keeps its files
	gzipped.Put(buf)
	return out
}

// gzipped and rawChunks hold buffers for bytes made and let go of at
// once: a file compressed before it is copied to its size, and a chunk
// before it is compressed (at 100,000 briefings, 66 MB of garbage
// otherwise).
var (
	gzipped   = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	rawChunks = sync.Pool{New: func() any { return new([]byte) }}
)

// parallel runs fn(0..n-1) on all cores.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
