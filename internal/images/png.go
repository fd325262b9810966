package images

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// pngSignature starts every PNG file.
const pngSignature = "\x89PNG\r\n\x1a\n"

// keptChunks are the PNG chunks a kept copy carries: the image itself and
// what says how to show its colours. Text, EXIF, time and private chunks go.
var keptChunks = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true, "pHYs": true,
}

// stripPNG copies a PNG without its metadata chunks; its pixels and their
// compression stay as they are.
func stripPNG(src []byte) ([]byte, error) {
	if !bytes.HasPrefix(src, []byte(pngSignature)) {
		return nil, errors.New("not a PNG file")
	}
	out := bytes.NewBuffer(make([]byte, 0, len(src)))
	out.WriteString(pngSignature)
	for p := len(pngSignature); p < len(src); {
		if p+12 > len(src) {
			return nil, errors.New("PNG chunk cut short")
		}
		n := int(binary.BigEndian.Uint32(src[p:]))
		end := p + 12 + n // length, type, data, CRC
		if n < 0 || end > len(src) || end < p {
			return nil, errors.New("PNG chunk cut short")
		}
		typ := string(src[p+4 : p+8])
		if keptChunks[typ] {
			out.Write(src[p:end])
		}
		p = end
		if typ == "IEND" {
			break
		}
	}
	return out.Bytes(), nil
}
