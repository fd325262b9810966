package images

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// svgHint is what to do about an SVG that could run code.
const svgHint = "export the drawing again without scripts, event handlers, javascript: links or foreignObject (a published SVG opened on its own runs in the site's origin)"

// CheckSVG refuses an SVG that could run code when a reader opens it: a
// script element, an event handler attribute (onload=...), a javascript:
// URL in any attribute (href, xlink:href, or an animation's to/values), a
// foreignObject (which embeds HTML), and entity declarations that smuggle
// markup in. The error names the element and its line.
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // editors write entities such as &ns_svg; that a strict decoder refuses
	d.Entity = xml.HTMLEntity
	sawSVG := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			return errorf("check that the file is a complete SVG", "not a readable SVG (line %d): %v", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !sawSVG {
				if name != "svg" {
					return errorf("check that the file is an SVG", "not an SVG: the first element is <%s>", t.Name.Local)
				}
				sawSVG = true
			}
			switch name {
			case "script", "foreignobject":
				return errorf(svgHint, "SVG holds a <%s> element (line %d)", t.Name.Local, line)
			}
			for _, a := range t.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					return errorf(svgHint, "SVG has an event handler %s= on <%s> (line %d)", a.Name.Local, t.Name.Local, line)
				}
				if hasJavaScriptURL(a.Value) {
					return errorf(svgHint, "SVG has a javascript: URL in %s= on <%s> (line %d)", a.Name.Local, t.Name.Local, line)
				}
			}
		case xml.Directive:
			if err := checkDirective(t); err != nil {
				return errorf("remove the DOCTYPE's entity declarations: browsers do not need them", "SVG declares an entity with %s (line %d)", err, line)
			}
		}
	}
	if !sawSVG {
		return errorf("check that the file is an SVG", "not an SVG: no <svg> element")
	}
	return nil
}

// hasJavaScriptURL reports a javascript: URL anywhere in an attribute value,
// as a browser would read it: case-insensitive, with whitespace and control
// characters ignored ("java\tscript:" runs too).
func hasJavaScriptURL(v string) bool {
	squeezed := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, v)
	return strings.Contains(squeezed, "javascript:")
}

// checkDirective refuses a DOCTYPE whose entity declarations could expand
// into markup or a javascript: URL (a browser expands internal entities in
// an SVG document) or fetch an external file. Editors' plain URL entities
// (Illustrator's &ns_svg;) pass.
func checkDirective(d xml.Directive) error {
	s := string(d)
	up := strings.ToUpper(s)
	if !strings.Contains(up, "<!ENTITY") {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		rest := up[i+1:]
		switch {
		case strings.HasPrefix(rest, "!ENTITY"):
			decl := rest
			if j := strings.IndexByte(decl, '<'); j >= 0 {
				decl = decl[:j]
			}
			switch {
			case strings.Contains(decl, "&#"):
				return errors.New("a character reference in its text")
			case hasJavaScriptURL(decl):
				return errors.New("a javascript: URL")
			case strings.Contains(decl, "SYSTEM") || strings.Contains(decl, "PUBLIC"):
				return errors.New("an external reference")
			}
		case strings.HasPrefix(rest, "!ATTLIST"), strings.HasPrefix(rest, "!ELEMENT"),
			strings.HasPrefix(rest, "!NOTATION"), strings.HasPrefix(rest, "!--"):
		default:
			return errors.New("markup in its text")
		}
	}
	return nil
}

// svgSize reads the drawing's size from its root element: width and height
// in pixels when given as plain numbers (or px), else the viewBox's size.
// It returns zeros when neither says.
func svgSize(data []byte) (int, int) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var w, h float64
		var box []float64
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = pixels(a.Value)
			case "height":
				h = pixels(a.Value)
			case "viewBox":
				for f := range strings.FieldsFuncSeq(a.Value, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
					n, err := strconv.ParseFloat(f, 64)
					if err != nil {
						box = nil
						break
					}
					box = append(box, n)
				}
			}
		}
		switch {
		case w > 0 && h > 0:
			return int(math.Round(w)), int(math.Round(h))
		case len(box) == 4 && box[2] > 0 && box[3] > 0:
			bw, bh := box[2], box[3]
			if w > 0 { // one side given: keep the box's proportions
				return int(math.Round(w)), int(math.Round(w * bh / bw))
			}
			if h > 0 {
				return int(math.Round(h * bw / bh)), int(math.Round(h))
			}
			return int(math.Round(bw)), int(math.Round(bh))
		}
		return 0, 0
	}
}

// pixels parses "640" or "640px"; other units (%, em, cm) give 0.
func pixels(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 || math.IsInf(n, 0) || n > 1e6 {
		return 0
	}
	return n
}
