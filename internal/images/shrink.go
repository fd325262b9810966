package images

import (
	"image"
	"image/color"
)

// preShrink averages k x k blocks of a large decoded image, for the largest
// whole k that leaves it at least as wide and high as the copy it is
// resized to, so Catmull-Rom then works on a quarter (or less) of the
// pixels over a short step. Averaging is the right filter for whole-number
// steps, and the final resampling keeps the copy sharp (libvips resizes in
// the same two steps).
// Only the types that decoders return for large photographs and
// screenshots are handled; others are returned as they are.
func preShrink(img image.Image, w, h int) image.Image {
	b := img.Bounds()
	k := min(b.Dx()/w, b.Dy()/h)
	if k < 2 {
		return img
	}
	switch m := img.(type) {
	case *image.YCbCr:
		return shrinkYCbCr(m, k)
	case *image.RGBA:
		return shrinkRGBA(m, k)
	}
	return img
}

// shrink makes an image 1/k the size of the rectangle b, each pixel the
// average avg returns for the k x k block whose top-left corner is (sx, sy).
func shrink(b image.Rectangle, k int, avg func(sx, sy int) [4]uint8) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx()/k, b.Dy()/k))
	for y := 0; y < dst.Rect.Dy(); y++ {
		for x := 0; x < dst.Rect.Dx(); x++ {
			p := avg(b.Min.X+x*k, b.Min.Y+y*k)
			copy(dst.Pix[dst.PixOffset(x, y):], p[:])
		}
	}
	return dst
}

// shrinkYCbCr averages luma over k x k blocks and chroma over the samples
// that cover them, whatever the subsampling, and converts to RGB.
func shrinkYCbCr(m *image.YCbCr, k int) *image.RGBA {
	n := k * k
	return shrink(m.Rect, k, func(sx, sy int) [4]uint8 {
		var ys, cbs, crs int
		for dy := 0; dy < k; dy++ {
			row := m.YOffset(sx, sy+dy)
			for dx := 0; dx < k; dx++ {
				ys += int(m.Y[row+dx])
				ci := m.COffset(sx+dx, sy+dy)
				cbs += int(m.Cb[ci])
				crs += int(m.Cr[ci])
			}
		}
		r, g, b := color.YCbCrToRGB(uint8((ys+n/2)/n), uint8((cbs+n/2)/n), uint8((crs+n/2)/n))
		return [4]uint8{r, g, b, 255}
	})
}

// shrinkRGBA averages k x k blocks of premultiplied pixels.
func shrinkRGBA(m *image.RGBA, k int) *image.RGBA {
	n := k * k
	return shrink(m.Rect, k, func(sx, sy int) [4]uint8 {
		var s [4]int
		for dy := 0; dy < k; dy++ {
			i := m.PixOffset(sx, sy+dy)
			for dx := 0; dx < 4*k; dx += 4 {
				for c := range s {
					s[c] += int(m.Pix[i+dx+c])
				}
			}
		}
		var out [4]uint8
		for c := range s {
			out[c] = uint8((s[c] + n/2) / n)
		}
		return out
	})
}
