package images

import "encoding/binary"

// exifFacts are the two EXIF fields brief acts on.
type exifFacts struct {
	orientation int  // 0 when not recorded
	gps         bool // a GPS IFD with at least one entry
}

// EXIF tags read from IFD0.
const (
	tagOrientation = 0x0112
	tagGPSInfo     = 0x8825
)

// readEXIF finds the EXIF block of a JPEG (an APP1 segment starting
// "Exif\0\0") and reads the orientation and whether a position is recorded.
// Damaged or missing data reads as nothing recorded.
func readEXIF(data []byte) exifFacts {
	tiff := exifSegment(data)
	if len(tiff) < 8 {
		return exifFacts{}
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return exifFacts{}
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return exifFacts{}
	}
	var x exifFacts
	eachEntry(tiff, bo, bo.Uint32(tiff[4:]), func(tag, typ uint16, value []byte) {
		switch tag {
		case tagOrientation:
			if typ == 3 { // SHORT
				x.orientation = int(bo.Uint16(value))
			}
		case tagGPSInfo:
			eachEntry(tiff, bo, bo.Uint32(value), func(uint16, uint16, []byte) { x.gps = true })
		}
	})
	return x
}

// eachEntry calls fn for each entry of the IFD at off, with the entry's
// 4-byte value field.
func eachEntry(tiff []byte, bo binary.ByteOrder, off uint32, fn func(tag, typ uint16, value []byte)) {
	if uint64(off)+2 > uint64(len(tiff)) {
		return
	}
	n := int(bo.Uint16(tiff[off:]))
	p := int(off) + 2
	for i := 0; i < n && p+12 <= len(tiff); i, p = i+1, p+12 {
		fn(bo.Uint16(tiff[p:]), bo.Uint16(tiff[p+2:]), tiff[p+8:p+12])
	}
}

// exifSegment returns the TIFF data of a JPEG's EXIF block, or nil. It walks
// the marker segments up to the start of the image data.
func exifSegment(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return nil
	}
	p := 2
	for p+4 <= len(data) {
		if data[p] != 0xff {
			return nil
		}
		marker := data[p+1]
		if marker == 0xff { // fill byte
			p++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[p+2:]))
		if n < 2 || p+2+n > len(data) {
			return nil
		}
		seg := data[p+4 : p+2+n]
		if marker == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return seg[6:]
		}
		p += 2 + n
	}
	return nil
}
