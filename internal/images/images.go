// Package images holds what brief does to pictures, as pure functions: it
// reads an image's format and size (EXIF orientation applied), checks that
// an SVG holds no script, plans the resized variants of a raster image and
// makes them with golang.org/x/image's Catmull-Rom resampler. Re-encoding
// drops every metadata block, so a published variant never carries the
// camera's EXIF data (GPS position included).
//
// Nothing here reads the disk: callers hand in bytes and keep the results,
// caching them under Key.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"golang.org/x/image/webp"
)

// Format is an image's encoding, named as its usual file extension.
type Format string

// The formats brief reads. Variants are made as JPEG or PNG only: no
// pure-Go WebP encoder beats JPEG on photographs (see the README).
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	SVG  Format = "svg"
)

// Ext is the file extension variants in this format get.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// MediaType is the format's MIME type.
func (f Format) MediaType() string {
	if f == SVG {
		return "image/svg+xml"
	}
	return "image/" + string(f)
}

// Info is what a page needs to know about an image before any resizing.
type Info struct {
	Format        Format
	Width, Height int // as shown: EXIF orientation applied; 0 when an SVG states no size
	// Orientation is the JPEG's EXIF orientation, 1 (as stored) to 8.
	Orientation int
	// GPS is true when the JPEG's EXIF data records a position. Variants
	// never carry it; the original is published as it is.
	GPS bool

	alpha bool // a WebP that is lossless or has an alpha channel
}

// IsImage reports whether a file name looks like an image brief handles.
func IsImage(name string) bool {
	_, ok := formatOfExt(name)
	return ok
}

func formatOfExt(name string) (Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return JPEG, true
	case ".png":
		return PNG, true
	case ".gif":
		return GIF, true
	case ".webp":
		return WebP, true
	case ".svg":
		return SVG, true
	}
	return "", false
}

// Error is a problem with an image, with a hint for the editor.
type Error struct {
	Msg, Hint string
}

func (e *Error) Error() string { return e.Msg }

func errorf(hint, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Probe reads an image's format and size. name (a file name or path) is
// used for its extension only: the format comes from the bytes, except that
// SVG is recognised by its extension and then checked for scripts.
func Probe(name string, data []byte) (Info, error) {
	ext, known := formatOfExt(name)
	if !known {
		return Info{}, errorf("use JPEG, PNG, GIF, WebP or SVG", "%s is not an image format brief can size (%s)", path.Base(name), path.Ext(name))
	}
	if ext == SVG {
		if err := CheckSVG(data); err != nil {
			return Info{}, err
		}
		w, h := svgSize(data)
		return Info{Format: SVG, Width: w, Height: h}, nil
	}
	cfg, format, err := decodeConfig(data)
	if err != nil {
		return Info{}, errorf("open and save it again in an image editor", "cannot read %s: %v", path.Base(name), err)
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if format == JPEG {
		x := readEXIF(data)
		info.GPS = x.gps
		if x.orientation >= 1 && x.orientation <= 8 {
			info.Orientation = x.orientation
		}
		if info.Orientation >= 5 { // stored turned a quarter: shown the other way round
			info.Width, info.Height = info.Height, info.Width
		}
	}
	if format == WebP {
		info.alpha = webpHasAlpha(data)
	}
	if info.Width <= 0 || info.Height <= 0 {
		return Info{}, errorf("open and save it again in an image editor", "%s has no pixels", path.Base(name))
	}
	return info, nil
}

// decodeConfig reads the header of a raster image, trying each format brief
// knows by its signature, so that no global decoder registry is involved.
func decodeConfig(data []byte) (image.Config, Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8")):
		c, err := jpeg.DecodeConfig(bytes.NewReader(data))
		return c, JPEG, err
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		c, err := png.DecodeConfig(bytes.NewReader(data))
		return c, PNG, err
	case bytes.HasPrefix(data, []byte("GIF8")):
		c, err := gif.DecodeConfig(bytes.NewReader(data))
		return c, GIF, err
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		c, err := webp.DecodeConfig(bytes.NewReader(data))
		return c, WebP, err
	}
	return image.Config{}, "", errors.New("not a JPEG, PNG, GIF or WebP file")
}

// webpHasAlpha reports a lossless WebP ("VP8L") or an extended one whose
// header flags an alpha channel: their copies are made as PNG.
func webpHasAlpha(data []byte) bool {
	if len(data) < 21 {
		return false
	}
	switch string(data[12:16]) {
	case "VP8L":
		return true
	case "VP8X":
		return data[20]&0x10 != 0
	}
	return false
}

// decode reads a whole raster image.
func decode(data []byte, f Format) (image.Image, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.Decode(r)
	case PNG:
		return png.Decode(r)
	case GIF:
		return gif.Decode(r)
	case WebP:
		return webp.Decode(r)
	}
	return nil, fmt.Errorf("cannot decode %s", f)
}
