package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"slices"

	"golang.org/x/image/draw"
)

// jpegQuality is the JPEG copies' quality: at 80, artefacts stay invisible
// on photographs and scanned notices at a third of quality 95's size.
const jpegQuality = 80

// Make decodes src once and makes each planned copy: the widest from the
// original, each narrower one from the next wider (Catmull-Rom at a ratio
// of 1.5 to 2 keeps them sharp, at a fraction of the cost of going back to
// a large original each time). The EXIF orientation is applied, and the
// encoders write no metadata, so EXIF (GPS positions included), XMP and
// comments are gone from every copy; a kept PNG loses its text and EXIF
// chunks. The results are in the order of vs.
func Make(src []byte, info Info, vs []Variant) ([][]byte, error) {
	out := make([][]byte, len(vs))
	var order []int
	for i, v := range vs {
		if !v.Kept {
			order = append(order, i)
			continue
		}
		kept, err := stripPNG(src)
		if err != nil {
			return nil, err
		}
		out[i] = kept
	}
	if len(order) == 0 {
		return out, nil
	}
	img, err := decode(src, info.Format)
	if err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	slices.SortStableFunc(order, func(a, b int) int { return vs[b].Width - vs[a].Width })
	var prev *image.RGBA
	for _, i := range order {
		v := vs[i]
		var m *image.RGBA
		if prev == nil {
			m = orient(scaleStored(img, v, info.Orientation), info.Orientation)
		} else {
			m = scale(prev, v.Width, v.Height)
		}
		data, err := encode(m, v.Format)
		if err != nil {
			return nil, fmt.Errorf("encoding %dw: %w", v.Width, err)
		}
		out[i] = data
		prev = m
	}
	return out, nil
}

// scaleStored scales the decoded image, still in its stored orientation, to
// the size that becomes v once turned; a large image is first shrunk by a
// whole factor (see preShrink).
func scaleStored(img image.Image, v Variant, orientation int) *image.RGBA {
	w, h := v.Width, v.Height
	if orientation >= 5 {
		w, h = h, w
	}
	return scale(preShrink(img, w, h), w, h)
}

// scale resamples src to w x h with Catmull-Rom; at the same size it only
// converts to RGBA.
func scale(src image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sb := src.Bounds()
	if sb.Dx() == w && sb.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, sb.Min, draw.Src)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, sb, draw.Src, nil)
	return dst
}

func encode(m *image.RGBA, f Format) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch f {
	case JPEG:
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: jpegQuality})
	case PNG:
		err = png.Encode(&buf, m)
	default:
		err = fmt.Errorf("cannot encode %s", f)
	}
	return buf.Bytes(), err
}

// orient turns an image stored in EXIF orientation o (1 to 8) the way it is
// meant to be seen.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	sw, sh := m.Rect.Dx(), m.Rect.Dy()
	w, h := sw, sh
	if o >= 5 {
		w, h = sh, sw
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, turned
				sx, sy = y, x
			case 6: // turned a quarter clockwise to view
				sx, sy = y, w-1-x
			case 7:
				sx, sy = h-1-y, w-1-x
			case 8: // turned a quarter anticlockwise to view
				sx, sy = h-1-y, x
			}
			si := m.PixOffset(sx+m.Rect.Min.X, sy+m.Rect.Min.Y)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return dst
}
