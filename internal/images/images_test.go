package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"

	"brief/internal/images/imagestest"

	"golang.org/x/image/draw"
)

func TestProbe(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Info
	}{
		{"photo.jpg", imagestest.JPEG(640, 480), Info{Format: JPEG, Width: 640, Height: 480, Orientation: 1}},
		{"photo.JPEG", imagestest.JPEG(64, 48), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 1}},
		{"gps.jpg", imagestest.JPEGWithGPS(64, 48, 0), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 1, GPS: true}},
		// Stored landscape, shown portrait: width and height are as shown.
		{"turned.jpg", imagestest.JPEGWithGPS(64, 48, 6), Info{Format: JPEG, Width: 48, Height: 64, Orientation: 6, GPS: true}},
		{"upside.jpg", imagestest.JPEGWithGPS(64, 48, 3), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 3, GPS: true}},
		{"chart.png", imagestest.PNG(300, 200), Info{Format: PNG, Width: 300, Height: 200, Orientation: 1}},
		{"anim.gif", imagestest.GIF(30, 20), Info{Format: GIF, Width: 30, Height: 20, Orientation: 1}},
		{"chart.svg", imagestest.SVG(600, 300), Info{Format: SVG, Width: 600, Height: 300}},
		// The format comes from the bytes, not the name.
		{"misnamed.png", imagestest.JPEG(10, 10), Info{Format: JPEG, Width: 10, Height: 10, Orientation: 1}},
	}
	for _, tt := range tests {
		got, err := Probe(tt.name, tt.data)
		if err != nil {
			t.Errorf("Probe(%s): %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Probe(%s) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestProbeErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		msg  string
		hint string
	}{
		{"scan.pdf", []byte("%PDF-1.4"), "scan.pdf is not an image format brief can size (.pdf)", "use JPEG, PNG, GIF, WebP or SVG"},
		{"broken.jpg", []byte("\xff\xd8\xff\xe0 not really"), "cannot read broken.jpg", "save it again"},
		{"text.png", []byte("hello"), "cannot read text.png: not a JPEG, PNG, GIF or WebP file", "save it again"},
		{"evil.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "SVG holds a <script> element (line 1)", "without scripts"},
	}
	for _, tt := range tests {
		_, err := Probe(tt.name, tt.data)
		var ie *Error
		if !errors.As(err, &ie) {
			t.Errorf("Probe(%s) = %v, want an *Error", tt.name, err)
			continue
		}
		if !strings.Contains(ie.Msg, tt.msg) || !strings.Contains(ie.Hint, tt.hint) {
			t.Errorf("Probe(%s) = %q (hint %q), want %q (hint with %q)", tt.name, ie.Msg, ie.Hint, tt.msg, tt.hint)
		}
	}
}

func TestCheckSVG(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	ok := []string{
		head + `<rect width="5" height="5"/><a href="https://example.org/"><text>link</text></a></svg>`,
		head + `<use xlink:href="#a"/><style>rect { fill: red }</style></svg>`,
		// Illustrator writes a DOCTYPE with plain URL entities.
		`<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="10" height="10"><!-- a comment --><rect width="1" height="1"/></svg>`,
		// Words that merely start like a handler are fine as element names.
		head + `<text>online onboarding</text></svg>`,
	}
	for _, s := range ok {
		if err := CheckSVG([]byte(s)); err != nil {
			t.Errorf("CheckSVG refused a clean drawing: %v\n%s", err, s)
		}
	}
	bad := []struct{ svg, msg string }{
		{head + "\n<script>alert(1)</script></svg>", "SVG holds a <script> element (line 2)"},
		{head + `<SCRIPT xlink:href="x.js"/></svg>`, "SVG holds a <SCRIPT> element"},
		{head + `<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script></svg>`, "<script> element"},
		{`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "SVG has an event handler onload= on <svg>"},
		{head + `<rect OnClick="x()"/></svg>`, "event handler OnClick= on <rect>"},
		{head + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, "javascript: URL in href= on <a>"},
		{head + `<a xlink:href=" JaVa&#x09;Script:alert(1)"><text>x</text></a></svg>`, "javascript: URL in href= on <a>"},
		{head + `<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, "javascript: URL in to= on <set>"},
		{head + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, "<foreignObject> element"},
		{`<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>` + head + `&x;</svg>`, "entity with markup in its text"},
		{`<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>` + head + `&x;</svg>`, "entity with a character reference"},
		{`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + head + `&x;</svg>`, "entity with an external reference"},
		{`<html><script>alert(1)</script></html>`, "not an SVG: the first element is <html>"},
		{`just text`, "not an SVG: no <svg> element"},
		{head + `<rect`, "not a readable SVG"},
	}
	for _, tt := range bad {
		err := CheckSVG([]byte(tt.svg))
		if err == nil {
			t.Errorf("CheckSVG accepted\n%s", tt.svg)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("CheckSVG(%s) = %q, want %q", tt.svg, err, tt.msg)
		}
		var ie *Error
		if !errors.As(err, &ie) || ie.Hint == "" {
			t.Errorf("CheckSVG(%s): no hint", tt.svg)
		}
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		svg  string
		w, h int
	}{
		{`<svg width="640" height="320"/>`, 640, 320},
		{`<svg width="640px" height="320.4px" viewBox="0 0 10 10"/>`, 640, 320},
		{`<svg viewBox="0 0 800 450"/>`, 800, 450},
		{`<svg viewBox="0,0,800,450"/>`, 800, 450},
		{`<svg width="400" viewBox="0 0 800 450"/>`, 400, 225},
		{`<svg height="90" viewBox="0 0 800 450"/>`, 160, 90},
		{`<svg width="100%" height="100%" viewBox="0 0 300 100"/>`, 300, 100},
		{`<svg width="10cm" height="5cm"/>`, 0, 0},
		{`<svg/>`, 0, 0},
	}
	for _, tt := range tests {
		if w, h := svgSize([]byte(tt.svg)); w != tt.w || h != tt.h {
			t.Errorf("svgSize(%s) = %d x %d, want %d x %d", tt.svg, w, h, tt.w, tt.h)
		}
	}
}

func TestVariants(t *testing.T) {
	widths := func(vs []Variant) []int {
		var out []int
		for _, v := range vs {
			out = append(out, v.Width)
		}
		return out
	}
	tests := []struct {
		info Info
		want []int
	}{
		{Info{Format: JPEG, Width: 4000, Height: 3000}, []int{480, 960, 1440}},
		{Info{Format: JPEG, Width: 1441, Height: 3000}, []int{480, 960, 1440}},
		{Info{Format: JPEG, Width: 1440, Height: 900}, []int{480, 960, 1440}},
		{Info{Format: JPEG, Width: 1200, Height: 900}, []int{480, 960, 1200}},
		{Info{Format: JPEG, Width: 520, Height: 300}, []int{480, 520}},
		{Info{Format: JPEG, Width: 120, Height: 80}, []int{120}},
		// A PNG is resampled only to half its size or less, and shown up to
		// twice the widest standard width as it is.
		{Info{Format: PNG, Width: 4000, Height: 900}, []int{480, 960, 1440}},
		{Info{Format: PNG, Width: 2880, Height: 900}, []int{480, 960, 1440, 2880}},
		{Info{Format: PNG, Width: 2000, Height: 900}, []int{480, 960, 2000}},
		{Info{Format: PNG, Width: 1600, Height: 900}, []int{480, 1600}},
		{Info{Format: PNG, Width: 960, Height: 900}, []int{480, 960}},
		{Info{Format: PNG, Width: 900, Height: 300}, []int{900}},
		{Info{Format: PNG, Width: 120, Height: 80}, []int{120}},
		{Info{Format: WebP, Width: 1200, Height: 900, alpha: true}, []int{480, 960, 1200}},
		{Info{Format: SVG, Width: 1200, Height: 900}, nil},
		{Info{Format: GIF, Width: 1200, Height: 900}, nil},
	}
	for _, tt := range tests {
		got := Variants(tt.info)
		if !slices.Equal(widths(got), tt.want) {
			t.Errorf("Variants(%+v) widths = %v, want %v (never upscaled)", tt.info, widths(got), tt.want)
		}
		for _, v := range got {
			if v.Width > tt.info.Width {
				t.Errorf("Variants(%+v) upscales to %d", tt.info, v.Width)
			}
		}
	}
	vs := Variants(Info{Format: JPEG, Width: 3000, Height: 2001})
	if vs[0] != (Variant{Width: 480, Height: 320, Format: JPEG}) || vs[1].Height != 640 || vs[2].Height != 960 {
		t.Errorf("heights keep the proportions, rounded: %+v", vs)
	}
	for _, v := range Variants(Info{Format: PNG, Width: 1600, Height: 900}) {
		if v.Kept != (v.Width == 1600) {
			t.Errorf("PNG copy %+v: only the original's own width is kept as it is", v)
		}
	}
	if f := Variants(Info{Format: WebP, Width: 900, Height: 10})[0].Format; f != JPEG {
		t.Errorf("a lossy opaque WebP gets %s copies, want JPEG", f)
	}
	if f := Variants(Info{Format: WebP, Width: 900, Height: 10, alpha: true})[0].Format; f != PNG {
		t.Errorf("a WebP with alpha gets %s copies, want PNG", f)
	}
}

func TestVariantPathAndSizes(t *testing.T) {
	if got := VariantPath("/briefings/x/chart.png", Variant{Width: 480, Format: PNG}); got != "/briefings/x/chart-480w.png" {
		t.Errorf("VariantPath = %q", got)
	}
	if got := VariantPath("img/photo.JPEG", Variant{Width: 960, Format: JPEG}); got != "img/photo-960w.jpg" {
		t.Errorf("VariantPath = %q", got)
	}
	if got := Sizes(2000, 672, 32); got != "(max-width: 704px) calc(100vw - 32px), 672px" {
		t.Errorf("Sizes(wide) = %q", got)
	}
	if got := Sizes(400, 672, 32); got != "(max-width: 432px) calc(100vw - 32px), 400px" {
		t.Errorf("Sizes(narrow) = %q: an image narrower than the column is shown at its own width", got)
	}
}

func TestKey(t *testing.T) {
	a, b := Sum([]byte("one image")), Sum([]byte("another image"))
	v := Variant{Width: 480, Height: 320, Format: JPEG}
	keys := []string{Key(a, v), Key(b, v), Key(a, Variant{Width: 960, Height: 640, Format: JPEG}), Key(a, Variant{Width: 480, Height: 320, Format: PNG})}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Errorf("two different copies share the key %s", k)
		}
		seen[k] = true
		if strings.ContainsAny(k, `/\ `) {
			t.Errorf("key %q is not a plain file name", k)
		}
	}
	if Key(a, v) != Key(Sum([]byte("one image")), v) {
		t.Error("keys are not stable")
	}
}

// TestMakeStripsEXIF: a phone JPEG with a GPS position gives copies with
// no EXIF block at all, and no trace of the position.
func TestMakeStripsEXIF(t *testing.T) {
	src := imagestest.JPEGWithGPS(1600, 1200, 0)
	if !bytes.Contains(src, []byte("Exif\x00\x00")) {
		t.Fatal("the test picture has no EXIF block")
	}
	info, err := Probe("photo.jpg", src)
	if err != nil || !info.GPS {
		t.Fatalf("Probe = %+v, %v; want GPS recorded", info, err)
	}
	vs := Variants(info)
	out, err := Make(src, info, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, data := range out {
		if bytes.Contains(data, []byte("Exif")) || exifSegment(data) != nil || readEXIF(data).gps {
			t.Errorf("copy %dw still carries EXIF", vs[i].Width)
		}
		if hasAPP1(data) {
			t.Errorf("copy %dw has an APP1 segment", vs[i].Width)
		}
		m, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("copy %dw: %v", vs[i].Width, err)
		}
		if b := m.Bounds(); b.Dx() != vs[i].Width || b.Dy() != vs[i].Height {
			t.Errorf("copy is %v, planned %dx%d", b, vs[i].Width, vs[i].Height)
		}
	}
}

// hasAPP1 walks a JPEG's segments looking for APP1 (EXIF or XMP).
func hasAPP1(data []byte) bool {
	for p := 2; p+4 <= len(data) && data[p] == 0xff; {
		m := data[p+1]
		if m == 0xda {
			return false
		}
		if m == 0xe1 {
			return true
		}
		p += 2 + int(data[p+2])<<8 | int(data[p+3])
	}
	return false
}

// TestMakeOrients: every EXIF orientation comes out the way it is meant to
// be seen, so the marker block lands in the corner the camera intended.
func TestMakeOrients(t *testing.T) {
	// Where the stored top-left marker is seen once the image is turned.
	corner := map[int]string{1: "top-left", 2: "top-right", 3: "bottom-right", 4: "bottom-left",
		5: "top-left", 6: "top-right", 7: "bottom-right", 8: "bottom-left"}
	for o := 1; o <= 8; o++ {
		src := imagestest.JPEGWithGPS(96, 64, o)
		info, err := Probe("p.jpg", src)
		if err != nil {
			t.Fatal(err)
		}
		v := Variant{Width: info.Width, Height: info.Height, Format: PNG} // lossless, to read pixels exactly
		out, err := Make(src, info, []Variant{v})
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(bytes.NewReader(out[0]))
		if err != nil {
			t.Fatal(err)
		}
		if got := markerCorner(m); got != corner[o] {
			t.Errorf("orientation %d: marker at %s, want %s", o, got, corner[o])
		}
		wantW, wantH := 96, 64
		if o >= 5 {
			wantW, wantH = 64, 96
		}
		if b := m.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("orientation %d: copy is %dx%d, want %dx%d", o, b.Dx(), b.Dy(), wantW, wantH)
		}
	}
}

func markerCorner(m image.Image) string {
	b := m.Bounds()
	isRed := func(x, y int) bool {
		r, g, _, _ := m.At(x, y).RGBA()
		return r>>8 > 180 && g>>8 < 90
	}
	for _, c := range []struct {
		name string
		x, y int
	}{{"top-left", 2, 2}, {"top-right", b.Dx() - 3, 2}, {"bottom-left", 2, b.Dy() - 3}, {"bottom-right", b.Dx() - 3, b.Dy() - 3}} {
		if isRed(c.x, c.y) {
			return c.name
		}
	}
	return "nowhere"
}

func TestMakeKeepsAlphaAndIsDeterministic(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 1000, 300))
	for i := 3; i < len(m.Pix); i += 8 {
		m.Pix[i-3], m.Pix[i] = 200, 255 // every other pixel opaque red, the rest transparent
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	info, err := Probe("a.png", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	vs := Variants(info)
	a, err := Make(buf.Bytes(), info, vs)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Make(buf.Bytes(), info, vs)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("copy %d differs between two runs", i)
		}
	}
	out, err := png.Decode(bytes.NewReader(a[0]))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, alpha := out.At(0, 0).RGBA(); alpha == 0xffff {
		t.Error("the PNG copy lost its transparency")
	}
	if c := color.NRGBAModel.Convert(out.At(10, 10)).(color.NRGBA); c.A == 0 || c.A == 255 {
		t.Logf("pixel (10,10) alpha %d", c.A)
	}
}

// BenchmarkMake makes the three copies of a 12-megapixel camera JPEG.
func BenchmarkMake(b *testing.B) {
	src := imagestest.JPEGWithGPS(4000, 3000, 0)
	info, err := Probe("p.jpg", src)
	if err != nil {
		b.Fatal(err)
	}
	vs := Variants(info)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Make(src, info, vs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPreShrinkMatchesDirectResampling: the two-step resize of a large
// image (box average, then Catmull-Rom) looks like resampling it in one go.
func TestPreShrinkMatchesDirectResampling(t *testing.T) {
	for _, src := range []image.Image{decodeJPEG(t, imagestest.JPEG(2000, 1000)), imagestest.Picture(2000, 1000)} {
		direct := image.NewRGBA(image.Rect(0, 0, 480, 240))
		draw.CatmullRom.Scale(direct, direct.Bounds(), src, src.Bounds(), draw.Src, nil)
		shrunk := preShrink(src, 480, 240)
		if shrunk.Bounds().Dx() != 500 {
			t.Fatalf("%T: pre-shrunk to %v, want 500 wide (k=4)", src, shrunk.Bounds())
		}
		got := scale(shrunk, 480, 240)
		var sum, n int
		for i := range got.Pix {
			d := int(got.Pix[i]) - int(direct.Pix[i])
			sum += max(d, -d)
			n++
		}
		if mean := float64(sum) / float64(n); mean > 2 {
			t.Errorf("%T: two-step resize differs from one-step by %.2f per channel on average", src, mean)
		}
	}
	if m := imagestest.Picture(900, 600); preShrink(m, 480, 320) != image.Image(m) {
		t.Error("an image less than twice the copy's size was pre-shrunk")
	}
}

func decodeJPEG(t *testing.T, data []byte) image.Image {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A kept PNG is the original's image data, byte for byte, without the
// chunks that carry text, EXIF data or times.
func TestKeptPNG(t *testing.T) {
	src := imagestest.PNG(600, 300)
	// Insert a tEXt and an eXIf chunk after IHDR (8 + 25 bytes).
	chunk := func(typ, data string) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ + data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE([]byte(typ+data)))
		return b.Bytes()
	}
	tagged := slices.Concat(src[:33], chunk("tEXt", "Author\x00Someone"), chunk("eXIf", "MM\x00*GPS"), src[33:])
	if _, err := png.Decode(bytes.NewReader(tagged)); err != nil {
		t.Fatal(err)
	}
	info, err := Probe("chart.png", tagged)
	if err != nil {
		t.Fatal(err)
	}
	vs := Variants(info)
	out, err := Make(tagged, info, vs)
	if err != nil {
		t.Fatal(err)
	}
	kept := out[len(out)-1]
	if !vs[len(vs)-1].Kept || !bytes.Equal(kept, src) {
		t.Errorf("the kept copy is not the original without its metadata chunks")
	}
	if _, err := stripPNG([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")); err == nil {
		t.Error("a cut PNG was copied")
	}
}
