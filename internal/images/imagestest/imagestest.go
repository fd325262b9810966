// Package imagestest makes small images for tests: JPEGs with an EXIF block
// that records a GPS position (and an orientation), PNGs, GIFs and SVGs.
package imagestest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"sync"
)

// Marker is the colour of the top-left 8x8 block of every generated
// picture, so tests can see which way up a copy came out.
var Marker = color.RGBA{220, 30, 30, 255}

// Picture is a w x h gradient with a red block at its top-left corner.
func Picture(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(40 + 150*x/max(w, 1)), uint8(90 + 120*y/max(h, 1)), 170, 255}
			if x < 8 && y < 8 {
				c = Marker
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// JPEG encodes Picture(w, h).
func JPEG(w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Picture(w, h), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// PNG encodes Picture(w, h).
func PNG(w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Picture(w, h)); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// GIF encodes a w x h one-colour GIF.
func GIF(w, h int) []byte {
	var buf bytes.Buffer
	m := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{Marker, color.White})
	if err := gif.Encode(&buf, m, nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// SVG is a w x h drawing with no script.
func SVG(w, h int) []byte {
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d"><rect width="%d" height="%d" fill="#0b5cad"/></svg>`+"\n", w, h, w/2, h/2)
}

// GPSLatitude is the degrees part of the position JPEGWithGPS records: a
// copy must not carry these bytes.
const GPSLatitude = 22

// JPEGWithGPS is a w x h JPEG (w x h as stored) whose EXIF block records a
// GPS position (22°17'30" N, 114°10'9" E) and the given orientation (0 for
// none), as a phone camera writes it.
func JPEGWithGPS(w, h, orientation int) []byte {
	return withEXIF(JPEG(w, h), exifTIFF(orientation))
}

// withEXIF inserts an APP1 EXIF segment after the start-of-image marker.
func withEXIF(jpg, tiff []byte) []byte {
	var seg bytes.Buffer
	seg.Write([]byte{0xff, 0xe1})
	binary.Write(&seg, binary.BigEndian, uint16(2+6+len(tiff)))
	seg.WriteString("Exif\x00\x00")
	seg.Write(tiff)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg.Bytes()...)
	return append(out, jpg[2:]...)
}

// exifTIFF builds a big-endian TIFF block: IFD0 with the orientation (when
// not 0) and a pointer to a GPS IFD holding latitude and longitude.
func exifTIFF(orientation int) []byte {
	be := binary.BigEndian
	var b bytes.Buffer
	b.WriteString("MM")
	binary.Write(&b, be, uint16(42))
	binary.Write(&b, be, uint32(8))
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32 // or offset
		short    bool
	}
	var ifd0 []entry
	if orientation != 0 {
		ifd0 = append(ifd0, entry{tag: 0x0112, typ: 3, count: 1, value: uint32(orientation), short: true})
	}
	gpsOff := uint32(8 + 2 + 12*(len(ifd0)+1) + 4)
	ifd0 = append(ifd0, entry{tag: 0x8825, typ: 4, count: 1, value: gpsOff})
	dataOff := gpsOff + 2 + 12*4 + 4
	gps := []entry{
		{tag: 1, typ: 2, count: 2, value: uint32('N') << 24},
		{tag: 2, typ: 5, count: 3, value: dataOff},
		{tag: 3, typ: 2, count: 2, value: uint32('E') << 24},
		{tag: 4, typ: 5, count: 3, value: dataOff + 24},
	}
	writeIFD := func(es []entry) {
		binary.Write(&b, be, uint16(len(es)))
		for _, e := range es {
			binary.Write(&b, be, e.tag)
			binary.Write(&b, be, e.typ)
			binary.Write(&b, be, e.count)
			if e.short {
				binary.Write(&b, be, uint16(e.value))
				binary.Write(&b, be, uint16(0))
			} else {
				binary.Write(&b, be, e.value)
			}
		}
		binary.Write(&b, be, uint32(0)) // no next IFD
	}
	writeIFD(ifd0)
	writeIFD(gps)
	for _, r := range [][2]uint32{{GPSLatitude, 1}, {17, 1}, {3000, 100}, {114, 1}, {10, 1}, {900, 100}} {
		binary.Write(&b, be, r[0])
		binary.Write(&b, be, r[1])
	}
	return b.Bytes()
}

// Cache is an images.Cache in memory that counts what it is asked.
type Cache struct {
	mu         sync.Mutex
	data       map[string][]byte
	Puts, Hits int
}

// NewCache makes an empty Cache.
func NewCache() *Cache { return &Cache{data: map[string][]byte{}} }

// Get returns a stored copy.
func (c *Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.data[key]
	if ok {
		c.Hits++
	}
	return d, ok
}

// Put stores a copy.
func (c *Cache) Put(key string, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data[key] = bytes.Clone(data)
	c.Puts++
}

// Counts returns how many copies were stored and found so far.
func (c *Cache) Counts() (puts, hits int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Puts, c.Hits
}
