package images

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
)

// This file reads the two pieces of metadata that change how a picture
// looks — the EXIF orientation (for WebP; imaging reads it for JPEG) and
// the ICC colour profile — from the source bytes. Everything else (EXIF,
// GPS, XMP, comments, thumbnails) is left behind by re-encoding.

// riffChunk returns the payload of the first top-level chunk with the given
// id in a RIFF file (WebP), or nil.
func riffChunk(data []byte, id string) []byte {
	if len(data) < 12 {
		return nil
	}
	for off := 12; off+8 <= len(data); {
		size := int(binary.LittleEndian.Uint32(data[off+4:]))
		start := off + 8
		if size < 0 || size > len(data)-start {
			return nil
		}
		if string(data[off:off+4]) == id {
			return data[start : start+size]
		}
		off = start + size + size&1 // chunks are padded to even length
	}
	return nil
}

// exifOrientation returns the Orientation tag (1–8) of an EXIF block — a
// TIFF structure, optionally preceded by "Exif\0\0" — or 0 when absent.
func exifOrientation(b []byte) int {
	b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0
	}
	ifd := int64(bo.Uint32(b[4:]))
	if ifd < 8 || ifd+2 > int64(len(b)) {
		return 0
	}
	n := int64(bo.Uint16(b[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > int64(len(b)) {
			return 0
		}
		// Tag 0x0112 Orientation, type 3 (SHORT), count 1: value inline.
		if bo.Uint16(b[e:]) == 0x0112 && bo.Uint16(b[e+2:]) == 3 {
			if v := int(bo.Uint16(b[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}

// jpegOrientation returns the orientation in a JPEG's first APP1 segment
// when it is EXIF, as imaging.AutoOrientation reads it, or 0.
func jpegOrientation(data []byte) int {
	if len(data) < 2 || data[0] != 0xff || data[1] != 0xd8 {
		return 0
	}
	for off := 2; off+4 <= len(data); {
		marker := binary.BigEndian.Uint16(data[off:])
		size := int(binary.BigEndian.Uint16(data[off+2:]))
		if marker>>8 != 0xff || size < 2 || off+2+size > len(data) {
			return 0
		}
		if marker == 0xffe1 {
			seg := data[off+4 : off+2+size]
			if !bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
				return 0
			}
			return exifOrientation(seg)
		}
		if marker == 0xffda { // start of scan: no metadata after it
			return 0
		}
		off += 2 + size
	}
	return 0
}

// maxICC bounds an ICC profile we carry over. Real RGB profiles are a few
// hundred bytes to a few kilobytes; the bound keeps a compressed iCCP chunk
// from inflating without limit.
const maxICC = 1 << 20

// iccProfile returns the RGB colour profile embedded in a JPEG, PNG or WebP,
// or nil. Phones save photos in Display P3; without the profile a browser
// shows them as sRGB, visibly duller. Profiles for other colour spaces
// (CMYK, grey) are dropped: the re-encoded JPEG is always RGB.
func iccProfile(f *format, data []byte) []byte {
	var p []byte
	switch f {
	case formatJPEG:
		p = jpegICC(data)
	case formatPNG:
		p = pngICC(data)
	case formatWebP:
		p = riffChunk(data, "ICCP")
	}
	// Header: size at 0, colour space at 16, signature "acsp" at 36.
	if len(p) < 128 || len(p) > maxICC || string(p[16:20]) != "RGB " || string(p[36:40]) != "acsp" {
		return nil
	}
	return p
}

// jpegICC joins the ICC_PROFILE APP2 segments of a JPEG, which split a
// profile into numbered pieces of under 64 KB.
func jpegICC(data []byte) []byte {
	const tag = "ICC_PROFILE\x00"
	var (
		parts = map[int][]byte{}
		count int
	)
	for off := 2; off+4 <= len(data); {
		if data[off] != 0xff {
			return nil
		}
		m := data[off+1]
		switch {
		case m == 0xff: // fill byte
			off++
			continue
		case m == 0x01 || m >= 0xd0 && m <= 0xd8: // markers without a length
			off += 2
			continue
		case m == 0xda || m == 0xd9: // start of scan, end of image
			off = len(data)
			continue
		}
		n := int(binary.BigEndian.Uint16(data[off+2:]))
		if n < 2 || off+2+n > len(data) {
			return nil
		}
		seg := data[off+4 : off+2+n]
		if m == 0xe2 && len(seg) > len(tag)+2 && string(seg[:len(tag)]) == tag {
			seq, c := int(seg[len(tag)]), int(seg[len(tag)+1])
			if count != 0 && c != count || seq < 1 || seq > c {
				return nil
			}
			count = c
			parts[seq] = seg[len(tag)+2:]
		}
		off += 2 + n
	}
	if count == 0 || len(parts) != count {
		return nil
	}
	var p []byte
	for i := 1; i <= count; i++ {
		p = append(p, parts[i]...)
	}
	return p
}

// pngICC inflates a PNG's iCCP chunk.
func pngICC(data []byte) []byte {
	for off := 8; off+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		typ := string(data[off+4 : off+8])
		if n < 0 || n > len(data)-off-12 || typ == "IDAT" {
			return nil
		}
		if typ == "iCCP" {
			c := data[off+8 : off+8+n]
			i := bytes.IndexByte(c, 0)
			if i < 1 || i+2 > len(c) || c[i+1] != 0 { // name, NUL, method 0 (zlib)
				return nil
			}
			zr, err := zlib.NewReader(bytes.NewReader(c[i+2:]))
			if err != nil {
				return nil
			}
			p, err := io.ReadAll(io.LimitReader(zr, maxICC+1))
			if err != nil {
				return nil
			}
			return p
		}
		off += 12 + n
	}
	return nil
}

// withICC inserts profile into an encoded JPEG as APP2 ICC_PROFILE
// segments right after the start-of-image marker.
func withICC(jpg, profile []byte) []byte {
	const (
		tag   = "ICC_PROFILE\x00"
		piece = 65535 - 2 - len(tag) - 2
	)
	count := (len(profile) + piece - 1) / piece
	if len(profile) == 0 || count > 255 || len(jpg) < 2 {
		return jpg
	}
	out := make([]byte, 0, len(jpg)+len(profile)+count*(4+len(tag)+2))
	out = append(out, jpg[:2]...)
	for i := range count {
		p := profile[i*piece : min(len(profile), (i+1)*piece)]
		out = append(out, 0xff, 0xe2)
		out = binary.BigEndian.AppendUint16(out, uint16(2+len(tag)+2+len(p)))
		out = append(out, tag...)
		out = append(out, byte(i+1), byte(count))
		out = append(out, p...)
	}
	return append(out, jpg[2:]...)
}
