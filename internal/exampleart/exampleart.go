// Package exampleart draws the example site's own pictures: a bar chart of
// the funding its briefings record (SVG), a timeline of Hong Kong's
// virtual-asset rules (PNG) and a harbour at dusk (JPEG, painted from
// noise, so that the site has a photograph-like picture it owns). Each is a
// pure function of its data: the same data gives the same bytes. The test
// checks the committed files and rewrites them with -update.
package exampleart

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Bar is one row of a bar chart.
type Bar struct {
	Label string
	Value float64 // in the chart's unit
	Text  string  // the value as shown
}

// BarChart draws a horizontal bar chart as a standalone SVG, with a title
// and a description for screen readers (the page gives alt text too).
func BarChart(title, note string, bars []Bar) []byte {
	const (
		width, labelW, valueW = 720, 150, 110
		rowH, barH, top       = 34, 20, 64
	)
	height := top + len(bars)*rowH + 40
	var peak float64
	for _, b := range bars {
		peak = max(peak, b.Value)
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="t d">`+"\n", width, height, width, height)
	fmt.Fprintf(&s, "<title id=\"t\">%s</title>\n<desc id=\"d\">%s</desc>\n", html.EscapeString(title), html.EscapeString(describe(bars, note)))
	fmt.Fprintf(&s, `<rect width="%d" height="%d" fill="#fdfdfc"/>`+"\n", width, height)
	s.WriteString(`<g font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" fill="#1d1f23">` + "\n")
	fmt.Fprintf(&s, `<text x="16" y="32" font-size="18" font-weight="600">%s</text>`+"\n", html.EscapeString(title))
	for i, b := range bars {
		y := top + i*rowH
		w := b.Value / peak * float64(width-labelW-valueW-16)
		w = max(w, 2) // the smallest amount still shows
		fmt.Fprintf(&s, `<text x="%d" y="%d" font-size="13" text-anchor="end">%s</text>`, labelW-8, y+barH-5, html.EscapeString(b.Label))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%.1f" height="%d" rx="2" fill="#0b5cad"/>`, labelW, y, w, barH)
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" font-size="13">%s</text>`+"\n", float64(labelW)+w+6, y+barH-5, html.EscapeString(b.Text))
	}
	fmt.Fprintf(&s, `<text x="16" y="%d" font-size="11" fill="#5b616b">%s</text>`+"\n", height-14, html.EscapeString(note))
	s.WriteString("</g>\n</svg>\n")
	return []byte(s.String())
}

func describe(bars []Bar, note string) string {
	parts := make([]string, len(bars))
	for i, b := range bars {
		parts[i] = b.Label + ": " + b.Text
	}
	return strings.Join(parts, "; ") + ". " + note
}

// Event is one milestone of a timeline.
type Event struct {
	Year  float64 // 2023.42: the year and the fraction of it gone
	Date  string  // as shown: "Jun 2023"
	Label string
}

// Timeline draws milestones on a line of years as a PNG, w pixels wide.
func Timeline(title string, from, to int, events []Event, w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(m, m.Bounds(), image.NewUniform(color.RGBA{253, 253, 252, 255}), image.Point{}, draw.Src)
	ink := color.RGBA{29, 31, 35, 255}
	muted := color.RGBA{91, 97, 107, 255}
	accent := color.RGBA{11, 92, 173, 255}
	bold, regular := face(gobold.TTF, 30), face(goregular.TTF, 20)
	small := face(goregular.TTF, 17)
	text(m, bold, ink, 40, 58, title)

	left, right, axis := 70, w-70, h/2+30
	x := func(year float64) int {
		return left + int(math.Round((year-float64(from))/float64(to-from)*float64(right-left)))
	}
	fill(m, image.Rect(left, axis-2, right, axis+2), muted)
	for y := from; y <= to; y++ {
		fill(m, image.Rect(x(float64(y))-1, axis-10, x(float64(y))+1, axis+10), muted)
		label := fmt.Sprint(y)
		text(m, regular, muted, x(float64(y))-width(regular, label)/2, axis+38, label)
	}
	for i, e := range events {
		cx := x(e.Year)
		dot(m, cx, axis, 9, accent)
		// Labels alternate above and below the line, a stem joining each
		// to its dot: date then label, read downwards either way.
		lw := max(width(regular, e.Label), width(small, e.Date))
		lx := min(max(cx-lw/2, 16), w-16-lw)
		dateY, labelY, stem := axis-112, axis-90, image.Rect(cx-1, axis-78, cx+1, axis-12)
		if i%2 == 1 {
			dateY, labelY, stem = axis+102, axis+124, image.Rect(cx-1, axis+12, cx+1, axis+80)
		}
		fill(m, stem, accent)
		text(m, small, muted, lx, dateY, e.Date)
		text(m, regular, ink, lx, labelY, e.Label)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, m); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	return buf.Bytes()
}

func face(ttf []byte, size float64) font.Face {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic(err) // the Go fonts parse
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err)
	}
	return fc
}

func text(m draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: m, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func width(f font.Face, s string) int { return font.MeasureString(f, s).Round() }

func fill(m draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(m, r, image.NewUniform(c), image.Point{}, draw.Over)
}

func dot(m *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if d := math.Hypot(float64(x), float64(y)); d <= float64(r) {
				a := min(1, float64(r)-d+0.5) // soft edge
				blend(m, cx+x, cy+y, c, a)
			}
		}
	}
}

func blend(m *image.RGBA, x, y int, c color.RGBA, a float64) {
	if !(image.Point{x, y}.In(m.Rect)) {
		return
	}
	i := m.PixOffset(x, y)
	for k, v := range []uint8{c.R, c.G, c.B} {
		m.Pix[i+k] = uint8(float64(m.Pix[i+k])*(1-a) + float64(v)*a)
	}
}

// Harbour paints a city harbour at dusk: a sky from deep blue to amber,
// drifting clouds, hills, a skyline with lit windows, and its reflection
// broken by ripples. It is a JPEG at quality 88, like a camera's.
func Harbour(w, h int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x6861726275))
	clouds := newNoise(r, 5)
	ripples := newNoise(r, 4)
	horizon := int(float64(h) * 0.62)
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	// Sky and clouds.
	for y := 0; y < horizon; y++ {
		t := float64(y) / float64(horizon)
		base := mix(rgb(22, 36, 78), rgb(240, 150, 82), math.Pow(t, 1.6))
		for x := 0; x < w; x++ {
			c := clouds.at(float64(x)/float64(w)*3, float64(y)/float64(h)*9)
			glow := math.Exp(-math.Pow(float64(x)/float64(w)-0.68, 2)*18) * t * t
			px := mix(base, rgb(255, 214, 160), glow*0.6)
			if c > 0.55 {
				px = mix(px, mix(rgb(90, 70, 110), rgb(250, 170, 120), t), min(1, (c-0.55)*3))
			}
			set(m, x, y, px)
		}
	}
	// Hills behind the city.
	hills := newNoise(r, 3)
	for x := 0; x < w; x++ {
		top := horizon - int(float64(h)*(0.12+0.14*hills.at(float64(x)/float64(w)*2.5, 0.5)))
		for y := top; y < horizon; y++ {
			set(m, x, y, mix(rgb(46, 44, 78), rgb(70, 60, 90), float64(y-top)/float64(horizon-top+1)))
		}
	}
	// The skyline: towers of random height, with lit windows.
	for x := 0; x < w; {
		bw := 18 + r.IntN(46)
		bh := int(float64(h) * (0.06 + 0.26*math.Pow(r.Float64(), 1.7)))
		shade := rgb(24+r.IntN(14), 24+r.IntN(12), 40+r.IntN(16))
		for y := horizon - bh; y < horizon; y++ {
			for xx := x; xx < min(x+bw, w); xx++ {
				set(m, xx, y, shade)
			}
		}
		for wy := horizon - bh + 6; wy < horizon-4; wy += 9 {
			for wx := x + 4; wx < min(x+bw-4, w); wx += 7 {
				if r.IntN(5) < 2 {
					lit := mix(rgb(255, 214, 130), rgb(200, 230, 255), r.Float64()*0.3)
					for dy := 0; dy < 4; dy++ {
						for dx := 0; dx < 3; dx++ {
							set(m, wx+dx, wy+dy, lit)
						}
					}
				}
			}
		}
		x += bw + r.IntN(6)
	}
	// Water: the scene mirrored, shifted by ripples and darkened.
	for y := horizon; y < h; y++ {
		depth := float64(y-horizon) / float64(h-horizon)
		for x := 0; x < w; x++ {
			shift := int((ripples.at(float64(x)/float64(w)*2, float64(y)/float64(h)*40) - 0.5) * 30 * (0.3 + depth))
			sy := horizon - 1 - (y-horizon)/1
			sx := min(max(x+shift, 0), w-1)
			if sy < 0 {
				sy = 0
			}
			i := m.PixOffset(sx, sy)
			src := rgb(int(m.Pix[i]), int(m.Pix[i+1]), int(m.Pix[i+2]))
			set(m, x, y, mix(mix(src, rgb(12, 24, 48), 0.35+0.4*depth), rgb(10, 18, 36), depth*0.3))
		}
	}
	// Grain, as a sensor gives.
	for i := 0; i < len(m.Pix); i += 4 {
		n := int(r.NormFloat64() * 3)
		for k := 0; k < 3; k++ {
			m.Pix[i+k] = uint8(min(max(int(m.Pix[i+k])+n, 0), 255))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 88}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

type rgbf struct{ r, g, b float64 }

func rgb(r, g, b int) rgbf { return rgbf{float64(r), float64(g), float64(b)} }

func mix(a, b rgbf, t float64) rgbf {
	t = min(max(t, 0), 1)
	return rgbf{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

func set(m *image.RGBA, x, y int, c rgbf) {
	i := m.PixOffset(x, y)
	m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = uint8(c.r), uint8(c.g), uint8(c.b), 255
}

// noise is smooth value noise summed over octaves, in [0, 1).
type noise struct {
	grid    [64][64]float64
	octaves int
}

func newNoise(r *rand.Rand, octaves int) *noise {
	n := &noise{octaves: octaves}
	for i := range n.grid {
		for j := range n.grid[i] {
			n.grid[i][j] = r.Float64()
		}
	}
	return n
}

func (n *noise) at(x, y float64) float64 {
	var sum, amp, total float64 = 0, 1, 0
	for o := 0; o < n.octaves; o++ {
		sum += amp * n.smooth(x, y)
		total += amp
		x, y, amp = x*2.03, y*2.03, amp*0.5
	}
	return sum / total
}

func (n *noise) smooth(x, y float64) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	tx, ty := x-x0, y-y0
	tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
	g := func(i, j float64) float64 { return n.grid[int(i)&63][int(j)&63] }
	a := g(x0, y0)*(1-tx) + g(x0+1, y0)*tx
	b := g(x0, y0+1)*(1-tx) + g(x0+1, y0+1)*tx
	return a*(1-ty) + b*ty
}
